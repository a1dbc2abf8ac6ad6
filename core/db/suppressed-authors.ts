/**
 * The `suppressed_authors` table: pseudonyms whose new posts the collectors leave out (an objection under GDPR
 * art. 21, or an erasure meant to cover later posts too). The pseudonym is the only trace of the person here;
 * who added it and the request's case number are kept for accountability, and every change is audited.
 */
import type { Generated, Selectable } from 'kysely';
import type { Db } from './client.ts';

export interface SuppressedAuthorsTable {
  author_pseudonym: string;
  case_reference: string | null;
  created_by: string;
  created_at: Generated<Date>;
}
export type SuppressedAuthor = Selectable<SuppressedAuthorsTable>;

/** Adds the pseudonyms; returns how many were not suppressed before. */
export async function suppressAuthors(
  db: Db,
  pseudonyms: readonly string[],
  by: { createdBy: string; caseReference: string | null },
): Promise<number> {
  if (pseudonyms.length === 0) return 0;
  const added = await db
    .insertInto('suppressed_authors')
    .values(
      pseudonyms.map((author_pseudonym) => ({
        author_pseudonym,
        case_reference: by.caseReference,
        created_by: by.createdBy,
      })),
    )
    .onConflict((oc) => oc.column('author_pseudonym').doNothing())
    .returning('author_pseudonym')
    .execute();
  return added.length;
}

/** Removes the pseudonyms; returns how many were suppressed. */
export async function unsuppressAuthors(db: Db, pseudonyms: readonly string[]): Promise<number> {
  if (pseudonyms.length === 0) return 0;
  const result = await db
    .deleteFrom('suppressed_authors')
    .where('author_pseudonym', 'in', pseudonyms)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Which of these pseudonyms are suppressed. */
export async function suppressedAmong(db: Db, pseudonyms: readonly (string | null)[]): Promise<Set<string>> {
  const wanted = [...new Set(pseudonyms.filter((p): p is string => p !== null))];
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('suppressed_authors')
    .select('author_pseudonym')
    .where('author_pseudonym', 'in', wanted)
    .execute();
  return new Set(rows.map((row) => row.author_pseudonym));
}
