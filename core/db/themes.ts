/** The `themes` table: the rumour taxonomy, synced from the classifier's versioned data file. */
import { sql, type Generated, type Selectable } from 'kysely';
import type { Db } from './client.ts';

export interface ThemesTable {
  id: string;
  label_sv: string;
  label_en: string;
  description_sv: string;
  description_en: string;
  taxonomy_version: string;
  updated_at: Generated<Date>;
  /** Lexicon seeds of a theme created from the dashboard; empty for taxonomy themes. */
  seed_terms: Generated<string[]>;
  origin: Generated<'taxonomy' | 'dashboard'>;
}
export type Theme = Selectable<ThemesTable>;

export interface TaxonomyTheme {
  id: string;
  label_sv: string;
  label_en: string;
  description_sv: string;
  description_en: string;
}

/** Upserts every theme of the taxonomy; themes absent from the file are kept (posts may still reference them). */
export async function syncThemes(db: Db, version: string, themes: readonly TaxonomyTheme[]): Promise<number> {
  if (themes.length === 0) return 0;
  await db
    .insertInto('themes')
    .values(themes.map((theme) => ({ ...theme, taxonomy_version: version })))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        label_sv: eb.ref('excluded.label_sv'),
        label_en: eb.ref('excluded.label_en'),
        description_sv: eb.ref('excluded.description_sv'),
        description_en: eb.ref('excluded.description_en'),
        taxonomy_version: eb.ref('excluded.taxonomy_version'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
  return themes.length;
}
