/** The shape of data/lexicon.json (zod): term blocks per language, context, themes, stance cues, senses. */
import { z } from 'zod';
import { LANGUAGES, THEME_IDS } from './types.ts';

const termsSchema = z.array(z.string().trim().min(1));
const blockSchema = z
  .object({
    terms: termsSchema.optional(),
    strong: termsSchema.optional(),
    weak: termsSchema.optional(),
    /** Terms not taken from a cited source (needs native review), or `all`. */
    unsourced: z.union([z.literal('all'), termsSchema]).optional(),
  })
  .strict()
  .superRefine((block, ctx) => {
    if (!Array.isArray(block.unsourced)) return;
    const all = new Set([...(block.terms ?? []), ...(block.strong ?? []), ...(block.weak ?? [])]);
    for (const term of block.unsourced) {
      if (!all.has(term)) ctx.addIssue({ code: 'custom', message: `unsourced term not in block: ${term}` });
    }
  });
const byLanguageSchema = z.partialRecord(z.enum(LANGUAGES), blockSchema);
const termGroupSchema = z.object({ note: z.string().optional(), terms: byLanguageSchema });
const cueGroupSchema = termGroupSchema.extend({
  group: z.string().min(1),
  weight: z.number().positive().max(2),
  /** Rumour themes a cue of this group rebuts or reports ("kidnappar inte" → soc_takes_children). */
  themes: z.array(z.enum(THEME_IDS)).optional(),
  /** `sentence`: rumour terms after the cue in the same sentence are its object ("claims that soc kidnaps"). */
  scope: z.literal('sentence').optional(),
});

export const lexiconSchema = z.object({
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/, 'version is YYYY-MM-DD.N'),
  about: z.string(),
  syntax: z.array(z.string()),
  languages: z.array(z.enum(LANGUAGES)).min(1).max(30),
  /** Negations a `..`/`...` gap never skips ("Soc tar inte barn" is no "soc tar .. barn"). */
  gap_stop: termGroupSchema,
  /** Words that end a sentence-scoped cue's reach like a full stop ("they claim …, but soc kidnaps"). */
  scope_break: termGroupSchema,
  context: z.object({
    /** Swedish names of the service and its measures: context on their own. */
    social_services: termGroupSchema,
    /** Diaspora names that also fit other countries: context unless only another country is named. */
    social_services_diaspora: termGroupSchema,
    /** Generic names: context with Sweden named or two strong rumour expressions, unless only another country is named. */
    social_services_needs_sweden: termGroupSchema,
    sweden: termGroupSchema,
    children: termGroupSchema,
    crime_news: termGroupSchema,
    /** Other countries and their child-protection services (Norway's barnevern, Germany's Jugendamt). */
    elsewhere: termGroupSchema,
  }),
  /** The core claim plus one of these themes' claims makes a post relevant without soc or Sweden named. */
  signature: z.object({
    note: z.string().optional(),
    core: z.enum(THEME_IDS),
    with_any_of: z.array(z.enum(THEME_IDS)).min(1),
  }),
  campaign: z.array(termGroupSchema.extend({ themes: z.array(z.enum(THEME_IDS)).min(1) })),
  themes: z.record(z.enum(THEME_IDS), byLanguageSchema),
  stance: z.object({
    counter: z.array(cueGroupSchema),
    neutral: z.array(cueGroupSchema),
    affirmation: z.array(cueGroupSchema),
  }),
  ambiguous: z.array(
    z.object({
      id: z.string().min(1),
      note: z.string().optional(),
      /** Tokens either side within which the senses are looked for; 0 = the whole post. */
      window: z.number().int().min(0),
      terms: byLanguageSchema,
      other_sense: byLanguageSchema,
      this_sense: byLanguageSchema,
    }),
  ),
});
export type LexiconFile = z.infer<typeof lexiconSchema>;
export type ByLanguage = z.infer<typeof byLanguageSchema>;
export type TermBlock = z.infer<typeof blockSchema>;
