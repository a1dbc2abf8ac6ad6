/**
 * The weekly situation report's runs: one row per ISO week, so a week's email is sent once however often its job
 * runs (retries, a second worker, a scheduler that fires twice). A lease lets a crashed send be taken over.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE report_runs (
      week text PRIMARY KEY CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
      period_from date NOT NULL,
      period_to date NOT NULL,
      status text NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 1,
      lease_until timestamptz,
      recipients integer,
      message_id text,
      error text,
      started_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS report_runs`.execute(db);
}
