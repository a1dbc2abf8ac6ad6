/**
 * Privacy by design: legal holds (rättsligt bevarande) that keep a post or a whole source's posts and evidence
 * from retention and erasure, e.g. a threat reported to the police; and the log of retention runs (gallring),
 * with the cutoff and what each run removed per kind.
 * A hold names a post (its identity row, which retention keeps) or a source; released holds stay as history.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE legal_holds (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      post_id bigint REFERENCES post_keys (post_id) ON DELETE CASCADE,
      source_id bigint REFERENCES sources (id) ON DELETE CASCADE,
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
      case_reference text CHECK (length(case_reference) <= 200),
      created_by text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 254),
      created_at timestamptz NOT NULL DEFAULT now(),
      released_by text,
      released_at timestamptz,
      CHECK ((post_id IS NULL) <> (source_id IS NULL)),
      CHECK ((released_at IS NULL) = (released_by IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX legal_holds_active_post_idx ON legal_holds (post_id) WHERE released_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX legal_holds_active_source_idx ON legal_holds (source_id) WHERE released_at IS NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE retention_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      trigger text NOT NULL CHECK (trigger IN ('schedule', 'cli')),
      dry_run boolean NOT NULL DEFAULT false,
      retention_days integer NOT NULL CHECK (retention_days >= 1),
      cutoff timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      -- Per kind: posts, sightings_scrubbed, snapshots; and what was kept: kept_labelled, kept_held.
      counts jsonb NOT NULL DEFAULT '{}',
      error text
    )`.execute(db);
  await sql`CREATE INDEX retention_runs_started_idx ON retention_runs (started_at DESC)`.execute(db);
  // Retention walks old posts and snapshots by time.
  await sql`CREATE INDEX IF NOT EXISTS snapshots_taken_at_idx ON snapshots (taken_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS snapshots_taken_at_idx`.execute(db);
  await sql`DROP TABLE IF EXISTS retention_runs`.execute(db);
  await sql`DROP TABLE IF EXISTS legal_holds`.execute(db);
}
