/**
 * Emerging rumours (issue 7, detection): `emerging_events` holds spikes, new claims and copy-paste waves with the
 * times they were first and last seen; `claim_candidates` holds the new-claim candidates analysts dismiss or turn
 * into themes. One ongoing row per event key: detection updates it instead of adding one.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE claim_candidates (
      id bigserial PRIMARY KEY,
      lang text NOT NULL,
      -- Stable identity while new: the sorted stems of the candidate's core terms.
      candidate_key text NOT NULL,
      terms text[] NOT NULL,
      -- Terms as they appeared in posts (unstemmed), for display and as lexicon seeds.
      display_terms text[] NOT NULL DEFAULT '{}',
      example_post_ids bigint[] NOT NULL DEFAULT '{}',
      posts_recent integer NOT NULL DEFAULT 0,
      score real NOT NULL DEFAULT 0,
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'dismissed', 'promoted')),
      theme_id text REFERENCES themes (id),
      decided_by text,
      decided_at timestamptz,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX claim_candidates_key ON claim_candidates (lang, candidate_key)`.execute(db);
  await sql`CREATE INDEX claim_candidates_recent ON claim_candidates (status, last_seen_at DESC)`.execute(db);

  await sql`
    CREATE TABLE emerging_events (
      id            bigserial PRIMARY KEY,
      kind          text NOT NULL CHECK (kind IN ('spike', 'new_claim', 'wave')),
      event_key     text NOT NULL,
      model_version text,
      theme_id      text,
      lang          text,
      place         text,
      cluster_id    bigint,
      candidate_id  bigint REFERENCES claim_candidates (id) ON DELETE SET NULL,
      status        text NOT NULL DEFAULT 'ongoing' CHECK (status IN ('ongoing', 'ended')),
      started_at    timestamptz NOT NULL,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at  timestamptz NOT NULL DEFAULT now(),
      ended_at      timestamptz,
      window_hours  integer NOT NULL,
      observed      integer NOT NULL,
      expected      real NOT NULL,
      spread        real NOT NULL,
      score         real NOT NULL,
      peak_observed integer NOT NULL,
      restricted    boolean NOT NULL DEFAULT false,
      reason        jsonb NOT NULL,
      -- Event time the window was last over the expected level: the event ends a full window after it.
      last_over_at  timestamptz NOT NULL,
      -- Posts that show the event (examples for the evidence page), newest first, capped by the detector.
      example_post_ids bigint[] NOT NULL DEFAULT '{}'
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX emerging_events_one_ongoing ON emerging_events (event_key) WHERE status = 'ongoing'`.execute(
    db,
  );
  await sql`CREATE INDEX emerging_events_recent ON emerging_events (last_seen_at DESC)`.execute(db);

  await sql`
    CREATE TABLE emerging_runs (
      id bigserial PRIMARY KEY,
      ran_at timestamptz NOT NULL DEFAULT now(),
      event_time timestamptz NOT NULL,
      model_version text,
      events_open integer NOT NULL,
      events_ended integer NOT NULL,
      candidates integer NOT NULL,
      duration_ms integer NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS emerging_runs`.execute(db);
  await sql`DROP TABLE IF EXISTS emerging_events`.execute(db);
  await sql`DROP TABLE IF EXISTS claim_candidates`.execute(db);
}
