/** The `post_labels` table: analysts' corrections of a post's stance and themes, with who and when. */
import { sql, type Generated, type Selectable } from 'kysely';
import type { Stance } from '../../classifier/types.ts';
import { textForAnalysis } from '../content.ts';
import type { Db } from './client.ts';
import { keepRollups } from './rollups.ts';

export interface PostLabelsTable {
  id: Generated<number>;
  post_id: number;
  stance: Stance;
  themes: string[];
  about: string[];
  labelled_by: string;
  labelled_at: Generated<Date>;
  note: string | null;
}
export type PostLabel = Selectable<PostLabelsTable>;

export interface NewPostLabel {
  postId: number;
  stance: Stance;
  themes: string[];
  about: string[];
  labelledBy: string;
  note: string | null;
}

/** Stores a label; a label can make a post restricted (or no longer), so the rollups follow it. */
export async function insertLabel(db: Db, label: NewPostLabel): Promise<PostLabel> {
  return db.transaction().execute((trx) => insertLabelIn(trx, label));
}

/** insertLabel inside the caller's open transaction `trx` (which must be one: the rollups are kept by difference). */
export async function insertLabelIn(trx: Db, label: NewPostLabel): Promise<PostLabel> {
  return keepRollups(trx, [label.postId], () =>
    trx
      .insertInto('post_labels')
      .values({
        post_id: label.postId,
        stance: label.stance,
        themes: label.themes,
        about: label.about,
        labelled_by: label.labelledBy,
        note: label.note,
        // The moment of writing, not the transaction's start (now()): a label written after waiting for another
        // one's lock must come out as the later one, or "the latest label counts" picks the older.
        labelled_at: sql<Date>`clock_timestamp()`,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/** Every label of a post, newest first (the first one is the one that counts). */
export async function labelsOfPost(db: Db, postId: number): Promise<PostLabel[]> {
  return db
    .selectFrom('post_labels')
    .selectAll()
    .where('post_id', '=', postId)
    .orderBy('labelled_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export interface LabelledPostText {
  postId: number;
  text: string;
  lang: string | null;
  stance: Stance;
  themes: string[];
  about: string[];
}

/** The latest label of every labelled post with the post's text: training data for `classifier train`. */
export async function latestLabelsWithText(db: Db): Promise<LabelledPostText[]> {
  const rows = await sql<{
    post_id: number;
    text: string;
    title: string | null;
    lang: string | null;
    stance: Stance;
    themes: string[];
    about: string[];
  }>`
    SELECT DISTINCT ON (l.post_id) l.post_id, p.text, p.title, p.lang, l.stance, l.themes, l.about
    FROM post_labels l JOIN posts p ON p.id = l.post_id
    ORDER BY l.post_id, l.labelled_at DESC, l.id DESC
  `.execute(db);
  return rows.rows.map((row) => ({
    postId: row.post_id,
    text: textForAnalysis(row),
    lang: row.lang,
    stance: row.stance,
    themes: row.themes,
    about: row.about,
  }));
}
