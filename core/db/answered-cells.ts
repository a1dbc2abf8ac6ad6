/**
 * The `answered_cells` table: a team's mark that a theme × language (× municipality) cell was answered, with the
 * link to the counter-message and its day. History is kept; the mark entered last for a cell replaces the earlier
 * ones (entering a cell again corrects a wrong day or link).
 */
import { sql, type Generated } from 'kysely';
import type { Db } from './client.ts';

export interface AnsweredCellsTable {
  id: Generated<number>;
  theme_id: string;
  lang: string;
  /** '' for every place. */
  municipality_code: Generated<string>;
  answered_on: string;
  link: string;
  note: string | null;
  marked_by: string;
  marked_at: Generated<Date>;
}

export interface AnsweredCell {
  id: number;
  themeId: string;
  lang: string;
  /** null for every place. */
  place: string | null;
  /** YYYY-MM-DD */
  answeredOn: string;
  link: string;
  note: string | null;
  markedBy: string;
  markedAt: Date;
}

export interface NewAnsweredCell {
  themeId: string;
  lang: string;
  place: string | null;
  answeredOn: string;
  link: string;
  note: string | null;
  markedBy: string;
}

interface Row {
  id: number;
  theme_id: string;
  lang: string;
  municipality_code: string;
  answered_on: string;
  link: string;
  note: string | null;
  marked_by: string;
  marked_at: Date;
}

const toCell = (row: Row): AnsweredCell => ({
  id: row.id,
  themeId: row.theme_id,
  lang: row.lang,
  place: row.municipality_code === '' ? null : row.municipality_code,
  answeredOn: row.answered_on,
  link: row.link,
  note: row.note,
  markedBy: row.marked_by,
  markedAt: row.marked_at,
});

export async function insertAnsweredCell(db: Db, cell: NewAnsweredCell): Promise<AnsweredCell> {
  const row = await sql<Row>`
    INSERT INTO answered_cells (theme_id, lang, municipality_code, answered_on, link, note, marked_by)
    VALUES (${cell.themeId}, ${cell.lang}, ${cell.place ?? ''}, ${cell.answeredOn}::date, ${cell.link},
            ${cell.note}, ${cell.markedBy})
    RETURNING id, theme_id, lang, municipality_code, to_char(answered_on, 'YYYY-MM-DD') AS answered_on, link,
              note, marked_by, marked_at`.execute(db);
  return toCell(row.rows[0]!);
}

/**
 * The mark of every cell entered last, optionally of one theme or among those answered by a day (a mark for a
 * later day must not hide the one in force then), newest answer first.
 */
export async function latestAnsweredCells(
  db: Db,
  options: { themeId?: string; answeredBy?: string } = {},
): Promise<AnsweredCell[]> {
  const where = [
    ...(options.themeId ? [sql`theme_id = ${options.themeId}`] : []),
    ...(options.answeredBy ? [sql`answered_on <= ${options.answeredBy}::date`] : []),
  ];
  const rows = await sql<Row>`
    SELECT * FROM (
      SELECT DISTINCT ON (theme_id, lang, municipality_code)
             id, theme_id, lang, municipality_code, to_char(answered_on, 'YYYY-MM-DD') AS answered_on, link, note,
             marked_by, marked_at
      FROM answered_cells
      ${where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
      ORDER BY theme_id, lang, municipality_code, id DESC) latest
    ORDER BY answered_on DESC, id DESC`.execute(db);
  return rows.rows.map(toCell);
}
