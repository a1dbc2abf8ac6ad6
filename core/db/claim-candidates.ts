/**
 * The `claim_candidates` table: new-claim candidates (terms rising together in one language) found by the
 * detection job. Analysts dismiss one or promote it into a dashboard-made theme; a decided candidate is never
 * reopened under the same key, so a dismissed claim stays quiet.
 */
import { sql, type Generated, type Selectable } from 'kysely';
import { BadInputError } from '../errors.ts';
import type { Db } from './client.ts';
import { insertLabelIn } from './post-labels.ts';
import type { Theme } from './themes.ts';

export const CANDIDATE_STATUSES = ['new', 'dismissed', 'promoted'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export interface ClaimCandidatesTable {
  id: Generated<number>;
  lang: string;
  candidate_key: string;
  terms: string[];
  display_terms: Generated<string[]>;
  example_post_ids: Generated<number[]>;
  posts_recent: Generated<number>;
  score: Generated<number>;
  status: Generated<CandidateStatus>;
  theme_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}
export type ClaimCandidate = Selectable<ClaimCandidatesTable>;

export interface CandidateUpdate {
  lang: string;
  key: string;
  terms: string[];
  displayTerms: string[];
  examplePostIds: number[];
  postsRecent: number;
  score: number;
}

/** Adds or refreshes a candidate by (lang, key); returns its id and status (a decided one is left as decided). */
export async function upsertCandidate(
  db: Db,
  candidate: CandidateUpdate,
): Promise<{ id: number; status: CandidateStatus }> {
  const result = await sql<{ id: number; status: CandidateStatus }>`
    INSERT INTO claim_candidates (lang, candidate_key, terms, display_terms, example_post_ids, posts_recent, score)
    VALUES (${candidate.lang}, ${candidate.key}, ${candidate.terms}::text[], ${candidate.displayTerms}::text[],
            ${candidate.examplePostIds}::bigint[], ${candidate.postsRecent}, ${candidate.score})
    ON CONFLICT (lang, candidate_key) DO UPDATE SET
      posts_recent = excluded.posts_recent,
      score = excluded.score,
      example_post_ids = excluded.example_post_ids,
      display_terms = excluded.display_terms,
      last_seen_at = now()
    RETURNING id, status
  `.execute(db);
  const row = result.rows[0];
  if (row === undefined) throw new Error('upsertCandidate returned no row');
  return row;
}

/** Keys of candidates already decided (dismissed or promoted), per language: the detector skips them. */
export async function decidedCandidateKeys(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('claim_candidates')
    .select(['lang', 'candidate_key'])
    .where('status', '!=', 'new')
    .execute();
  return new Set(rows.map((row) => `${row.lang}:${row.candidate_key}`));
}

export async function listCandidates(
  db: Db,
  filter: { status?: CandidateStatus; limit: number },
): Promise<ClaimCandidate[]> {
  let query = db.selectFrom('claim_candidates').selectAll();
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query.orderBy('last_seen_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function getCandidate(db: Db, id: number): Promise<ClaimCandidate | undefined> {
  return db.selectFrom('claim_candidates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a new candidate decided; false when it was already decided (someone else was first). */
export async function decideCandidate(
  db: Db,
  id: number,
  decision: { status: 'dismissed' | 'promoted'; by: string; themeId: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('claim_candidates')
    .set({
      status: decision.status,
      decided_by: decision.by,
      decided_at: sql<Date>`now()`,
      theme_id: decision.themeId,
    })
    .where('id', '=', id)
    .where('status', '=', 'new')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A dashboard-made theme's id: lower-case letters, digits and underscores, starting with a letter (3–41). */
export const NEW_THEME_ID = /^[a-z][a-z0-9_]{2,40}$/;

/** Dismisses a new candidate (`by`: the analyst's label); false when it was unknown or already decided. */
export async function dismissCandidate(db: Db, id: number, by: string): Promise<boolean> {
  return decideCandidate(db, id, { status: 'dismissed', by, themeId: null });
}

export interface NewThemeFields {
  themeId: string;
  labelSv: string;
  labelEn: string;
}

export interface Promotion {
  theme: Theme;
  /** Example posts stored as analyst labels (stance rumour, the new theme). */
  labelledPostIds: number[];
}

/**
 * Turns a new candidate into a dashboard-made theme in one transaction: the theme row (origin 'dashboard', the
 * candidate's terms as its seed terms), the candidate marked promoted with who and when, and the example posts the
 * analyst was shown (`shownPostIds`, among the candidate's examples) labelled as rumours of the new theme (training
 * examples for the next `classifier train`): the label is in the analyst's name, so never a post they did not see.
 * A post whose latest label says it is no rumour keeps that label; one labelled a rumour keeps its themes and
 * gains the new one (its row is locked first, so two promotions at once both add theirs).
 * Throws BadInputError (reason = the field) for a bad or existing theme id or an empty label; returns undefined
 * when the candidate is unknown or already decided.
 */
export async function promoteCandidate(
  db: Db,
  id: number,
  fields: NewThemeFields,
  by: string,
  shownPostIds: readonly number[],
): Promise<Promotion | undefined> {
  const labelSv = fields.labelSv.trim();
  const labelEn = fields.labelEn.trim();
  if (!NEW_THEME_ID.test(fields.themeId))
    throw new BadInputError('themeId', 'the theme id must match ^[a-z][a-z0-9_]{2,40}$');
  if (labelSv === '' || labelSv.length > 120)
    throw new BadInputError('labelSv', 'the Swedish label must have 1–120 characters');
  if (labelEn === '' || labelEn.length > 120)
    throw new BadInputError('labelEn', 'the English label must have 1–120 characters');
  return db.transaction().execute(async (trx) => {
    const candidate = await trx
      .selectFrom('claim_candidates')
      .selectAll()
      .where('id', '=', id)
      .where('status', '=', 'new')
      .forUpdate()
      .executeTakeFirst();
    if (!candidate) return undefined;
    const seeds = candidate.display_terms.length > 0 ? candidate.display_terms : candidate.terms;
    const quoted = seeds.map((term) => `"${term}"`).join(', ');
    const theme = await trx
      .insertInto('themes')
      .values({
        id: fields.themeId,
        label_sv: labelSv,
        label_en: labelEn,
        description_sv: `Skapat i instrumentpanelen från ett nytt påstående (${candidate.lang}): ${quoted}.`,
        description_en: `Made in the dashboard from a new claim (${candidate.lang}): ${quoted}.`,
        taxonomy_version: 'dashboard',
        seed_terms: seeds,
        origin: 'dashboard',
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!theme) throw new BadInputError('themeId', `a theme ${fields.themeId} exists already`);
    await decideCandidate(trx, id, { status: 'promoted', by, themeId: theme.id });
    const labelledPostIds: number[] = [];
    const shown = candidate.example_post_ids.filter((postId) => shownPostIds.includes(postId));
    // Locked in id order before their latest labels are read: a concurrent promotion waits, then reads ours.
    await sql`SELECT id FROM posts WHERE id = ANY(${shown}::bigint[]) ORDER BY id FOR UPDATE`.execute(trx);
    const posts = await sql<{ id: number; stance: string | null; themes: string[] | null }>`
      SELECT p.id, l.stance, l.themes
      FROM posts p
      LEFT JOIN LATERAL (SELECT stance, themes FROM post_labels WHERE post_id = p.id
                         ORDER BY labelled_at DESC, id DESC LIMIT 1) l ON true
      WHERE p.id = ANY(${shown}::bigint[])
      ORDER BY p.id
    `.execute(trx);
    for (const post of posts.rows) {
      if (post.stance !== null && post.stance !== 'rumour') continue;
      await insertLabelIn(trx, {
        postId: post.id,
        stance: 'rumour',
        themes: [...new Set([...(post.themes ?? []), theme.id])],
        about: [],
        labelledBy: by,
        note: `claim candidate ${id}`,
      });
      labelledPostIds.push(post.id);
    }
    return { theme, labelledPostIds };
  });
}
