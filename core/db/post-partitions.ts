/**
 * The monthly partitions of `posts` (migration 0017): made ahead of time, and dropped whole by retention when
 * every post in a month may go. A month is a table `posts_yYYYYmMM` for [first day, first day of next month) in
 * the database's time zone; rows outside every month wait in `posts_default` until their month is made.
 */
import { sql } from 'kysely';
import type { Db } from './client.ts';
import { erasePostParts } from './erase-posts.ts';
import { postIsHeld } from './legal-holds.ts';
import { expired, labelled } from './retention-candidates.ts';

/** Months made behind and ahead of today: retention's default window behind, room for clock skew ahead. */
const MONTHS_BEHIND = 3;
const MONTHS_AHEAD = 2;

export interface PostMonth {
  table: string;
  /** First instant of the month and of the next one. */
  from: Date;
  to: Date;
  attached: boolean;
}

/** Makes the months from MONTHS_BEHIND before `now` to MONTHS_AHEAD after it; returns how many were new. */
export async function ensurePostPartitions(db: Db, now = new Date()): Promise<number> {
  const { rows } = await sql<{ made: number }>`
    SELECT ensure_post_partitions(
      (${now}::timestamptz - make_interval(months => ${MONTHS_BEHIND}))::date,
      (${now}::timestamptz + make_interval(months => ${MONTHS_AHEAD}))::date) AS made`.execute(db);
  return rows[0]?.made ?? 0;
}

/** Every month table, attached or left detached by a drop that did not finish, oldest first. */
export async function postMonths(db: Db): Promise<PostMonth[]> {
  const { rows } = await sql<{ table: string; attached: boolean; from: Date; to: Date }>`
    SELECT c.relname AS table,
           EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid AND i.inhparent = 'posts'::regclass) AS attached,
           m.start AS from, m.start + interval '1 month' AS to
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL (SELECT to_timestamp(substr(c.relname, 8, 4) || substr(c.relname, 13, 2), 'YYYYMM') AS start) m
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname ~ '^posts_y[0-9]{4}m[0-9]{2}$'
    ORDER BY c.relname`.execute(db);
  return rows;
}

export interface DroppedMonths {
  months: string[];
  posts: number;
  sightings_scrubbed: number;
}

/**
 * Drops each month that ended before `cutoff` and holds nothing retention must keep (no labelled, held or
 * not-yet-counted post): checked and detached in one transaction that holds writes to the month off, then its
 * posts' parts are erased in batches and the table dropped. A drop cut short leaves a detached month, invisible
 * to every reader, which the next run finishes.
 */
export async function dropExpiredMonths(db: Db, cutoff: Date, batch: number): Promise<DroppedMonths> {
  const done: DroppedMonths = { months: [], posts: 0, sightings_scrubbed: 0 };
  for (const month of await postMonths(db)) {
    if (month.to.getTime() > cutoff.getTime()) continue;
    if (month.attached) {
      const detached = await db.transaction().execute(async (trx) => {
        // Writes to the month (an analyst's label locks its post) wait while it is checked; reads go on. The
        // parent is locked only by the detach itself, at the end, so readers of other months wait a moment only.
        await sql`LOCK TABLE ${sql.table(month.table)} IN EXCLUSIVE MODE`.execute(trx);
        const { rows } = await sql<{ keep: boolean }>`
          SELECT EXISTS (
            SELECT 1 FROM ${sql.table(month.table)} p
            WHERE NOT (${expired(cutoff)}) OR ${labelled} OR ${postIsHeld(sql`p.id`)}) AS keep`.execute(trx);
        // A month with something to keep stays attached; its expired posts go row by row.
        if (rows[0]?.keep) return false;
        await sql`ALTER TABLE posts DETACH PARTITION ${sql.table(month.table)}`.execute(trx);
        return true;
      });
      if (!detached) continue;
    }
    const erased = await finishDetachedMonth(db, month.table, batch);
    done.months.push(month.table);
    done.posts += erased.posts;
    done.sightings_scrubbed += erased.sightings_scrubbed;
  }
  return done;
}

async function finishDetachedMonth(
  db: Db,
  table: string,
  batch: number,
): Promise<{ posts: number; sightings_scrubbed: number }> {
  const total = { posts: 0, sightings_scrubbed: 0 };
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ id: number }>`
      SELECT id FROM ${sql.table(table)} WHERE id > ${after} ORDER BY id LIMIT ${batch}`.execute(db);
    if (rows.length === 0) break;
    const ids = rows.map((row) => Number(row.id));
    const erased = await db.transaction().execute((trx) => erasePostParts(trx, ids));
    total.posts += ids.length;
    total.sightings_scrubbed += erased.sightings_scrubbed;
    after = ids.at(-1) ?? after;
  }
  await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  return total;
}
