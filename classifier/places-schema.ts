/** The shape of data/places.json (zod): municipalities by kommunkod, districts, spellings, context words. */
import { z } from 'zod';

export const PLACE_LANGUAGES = ['sv', 'en', 'ar', 'fa', 'so'] as const;
export type PlaceLanguage = (typeof PLACE_LANGUAGES)[number];

const namesSchema = z.array(z.string().trim().min(1));
const placeFields = {
  aliases: z.partialRecord(z.enum(PLACE_LANGUAGES), namesSchema).optional(),
  /** Aliases that no source we read confirms (needs native review). */
  unconfirmed: namesSchema.optional(),
  /** `true`: every spelling is also a common word or name; a list: only these spellings (and their derived forms). */
  ambiguous: z.union([z.literal(true), namesSchema]).optional(),
  /** `false`: never the head of a compound (husbygge is no Husby). */
  compound: z.literal(false).optional(),
  note: z.string().optional(),
};

function checkUnconfirmed(
  place: { aliases?: Partial<Record<PlaceLanguage, string[]>>; unconfirmed?: string[] },
  ctx: z.RefinementCtx,
): void {
  const all = new Set(Object.values(place.aliases ?? {}).flat());
  for (const alias of place.unconfirmed ?? []) {
    if (!all.has(alias))
      ctx.addIssue({ code: 'custom', message: `unconfirmed spelling not an alias: ${alias}` });
  }
}

const municipalitySchema = z
  .object({
    /** Kommunkod: county (län) code + two digits. */
    code: z.string().regex(/^\d{4}$/),
    name: z.string().trim().min(1),
    county: z.string().regex(/^\d{2}$/),
    ...placeFields,
  })
  .strict()
  .superRefine(checkUnconfirmed);

const districtSchema = z
  .object({
    name: z.string().trim().min(1),
    /** Kommunkod of the municipality the district lies in. */
    municipality: z.string().regex(/^\d{4}$/),
    ...placeFields,
  })
  .strict()
  .superRefine(checkUnconfirmed);

export const placesSchema = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/, 'version is YYYY-MM-DD.N'),
    about: z.array(z.string()),
    source: z.object({ name: z.string().min(1), url: z.url() }),
    alias_sources: z.array(z.object({ url: z.string().min(1), note: z.string() })),
    context: z.object({
      note: z.string().optional(),
      before: namesSchema,
      after: namesSchema,
      exclude_after: namesSchema,
      exclude_tokens: namesSchema,
      arabic_prefixes: z.object({
        conjunctions: namesSchema,
        prepositions: namesSchema,
        article: z.string().min(1),
        /** Preposition and article written as one (لل). */
        contracted: namesSchema,
      }),
    }),
    municipalities: z.array(municipalitySchema).min(1),
    districts: z.array(districtSchema),
  })
  .superRefine((file, ctx) => {
    const codes = new Set<string>();
    for (const m of file.municipalities) {
      if (codes.has(m.code)) ctx.addIssue({ code: 'custom', message: `duplicate kommunkod ${m.code}` });
      if (!m.code.startsWith(m.county))
        ctx.addIssue({ code: 'custom', message: `${m.code}: county ${m.county}` });
      codes.add(m.code);
    }
    for (const d of file.districts) {
      if (!codes.has(d.municipality)) {
        ctx.addIssue({ code: 'custom', message: `district ${d.name}: unknown kommunkod ${d.municipality}` });
      }
    }
  });

export type PlacesFile = z.infer<typeof placesSchema>;
export type MunicipalityEntry = PlacesFile['municipalities'][number];
export type DistrictEntry = PlacesFile['districts'][number];
