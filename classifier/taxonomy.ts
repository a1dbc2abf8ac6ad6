/** The rumour-theme taxonomy (data/taxonomy.json), validated at load: 13 themes in THEME_IDS order. */
import { z } from 'zod';
import taxonomyJson from './data/taxonomy.json' with { type: 'json' };
import { THEME_IDS, type ThemeId } from './types.ts';

export const taxonomyThemeSchema = z.object({
  id: z.enum(THEME_IDS),
  label_sv: z.string().min(1),
  label_en: z.string().min(1),
  description_sv: z.string().min(1),
  description_en: z.string().min(1),
});
export type TaxonomyTheme = z.infer<typeof taxonomyThemeSchema>;

export const taxonomySchema = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/, 'version is YYYY-MM-DD.N'),
    themes: z.array(taxonomyThemeSchema),
  })
  .refine((t) => t.themes.map((theme) => theme.id).join() === THEME_IDS.join(), {
    message: `themes must be exactly THEME_IDS in order: ${THEME_IDS.join(', ')}`,
    path: ['themes'],
  });
export type Taxonomy = z.infer<typeof taxonomySchema>;

/** The validated taxonomy; throws at import when the data file is malformed. */
export const taxonomy: Readonly<Taxonomy> = Object.freeze(taxonomySchema.parse(taxonomyJson));

const byId = new Map(taxonomy.themes.map((theme) => [theme.id, theme]));

/** The taxonomy entry of one theme id. */
export function themeById(id: ThemeId): TaxonomyTheme {
  const theme = byId.get(id);
  if (!theme) throw new Error(`unknown theme id: ${id}`);
  return theme;
}
