/**
 * Alerts (issue 7): `alert_rules` (a user's rule: which events, how strong, which channels), `alerts` (one row per
 * rule × event × escalation level: the inbox, with its triage state) and `alert_deliveries` (one row per alert ×
 * channel × target: the webhook or email send and its state). The unique keys, not the queues, keep an alert and
 * each of its sends single. `alerts.rule_id` null is the security route (ALERT_SECURITY_EMAIL / _WEBHOOK).
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE alert_rules (
      id          bigserial PRIMARY KEY,
      owner_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
      theme_id    text REFERENCES themes (id),  -- null: any theme
      lang        text,                         -- null: any language
      place       text,                         -- null: any place
      kinds       text[] NOT NULL CHECK (cardinality(kinds) > 0 AND kinds <@ ARRAY['spike', 'new_claim', 'wave']),
      min_score   real NOT NULL CHECK (min_score >= 0),
      webhook_url text CHECK (char_length(webhook_url) <= 2000),
      emails      text[] NOT NULL DEFAULT '{}' CHECK (cardinality(emails) <= 20),
      locale      text NOT NULL DEFAULT 'sv' CHECK (locale IN ('sv', 'en')),
      enabled     boolean NOT NULL DEFAULT true,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX alert_rules_owner ON alert_rules (owner_id, id)`.execute(db);

  await sql`
    CREATE TABLE alerts (
      id          bigserial PRIMARY KEY,
      rule_id     bigint REFERENCES alert_rules (id) ON DELETE CASCADE,
      event_id    bigint NOT NULL REFERENCES emerging_events (id) ON DELETE CASCADE,
      -- 0: the first alert for this rule and event; n: the n-th escalation (observed at least double level n-1).
      level       integer NOT NULL CHECK (level >= 0),
      observed    integer NOT NULL,
      score       real NOT NULL,
      restricted  boolean NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      triage      text NOT NULL DEFAULT 'new' CHECK (triage IN ('new', 'seen', 'answered', 'dismissed')),
      triaged_by  text,
      triaged_at  timestamptz,
      CONSTRAINT alerts_once UNIQUE NULLS NOT DISTINCT (rule_id, event_id, level)
    )`.execute(db);
  await sql`CREATE INDEX alerts_event ON alerts (event_id)`.execute(db);
  await sql`CREATE INDEX alerts_recent ON alerts (created_at DESC)`.execute(db);

  await sql`
    CREATE TABLE alert_deliveries (
      id          bigserial PRIMARY KEY,
      alert_id    bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
      channel     text NOT NULL CHECK (channel IN ('webhook', 'email')),
      target      text NOT NULL,
      status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
      attempts    integer NOT NULL DEFAULT 0,
      last_error  text,
      lease_until timestamptz,
      created_at  timestamptz NOT NULL DEFAULT now(),
      sent_at     timestamptz,
      CONSTRAINT alert_deliveries_once UNIQUE (alert_id, channel, target)
    )`.execute(db);
  await sql`CREATE INDEX alert_deliveries_pending ON alert_deliveries (created_at) WHERE status IN ('pending', 'sending')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS alert_deliveries`.execute(db);
  await sql`DROP TABLE IF EXISTS alerts`.execute(db);
  await sql`DROP TABLE IF EXISTS alert_rules`.execute(db);
}
