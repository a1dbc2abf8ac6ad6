/**
 * People and access: local accounts with a role set, sessions and API tokens (only SHA-256 of their secrets is
 * stored), and the audit log of who logged in, saw post lists, labelled, or changed accounts and tokens.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE users (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
      password_hash text NOT NULL,
      roles text[] NOT NULL
        CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['viewer', 'analyst', 'security', 'admin']::text[]),
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz
    )`.execute(db);

  // Idle and absolute expiry are computed from the two times at each request, so a changed setting applies at once.
  await sql`
    CREATE TABLE sessions (
      id_hash bytea PRIMARY KEY CHECK (length(id_hash) = 32),
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      ip text
    )`.execute(db);
  await sql`CREATE INDEX sessions_user_idx ON sessions (user_id)`.execute(db);
  await sql`CREATE INDEX sessions_last_seen_idx ON sessions (last_seen_at)`.execute(db);

  await sql`
    CREATE TABLE api_tokens (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
      token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
      role text NOT NULL CHECK (role IN ('viewer', 'analyst')),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  await sql`
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'token', 'cli', 'anonymous')),
      actor_id bigint,
      actor_label text,
      action text NOT NULL,
      outcome text NOT NULL DEFAULT 'ok' CHECK (outcome IN ('ok', 'failure', 'denied')),
      route text,
      params jsonb NOT NULL DEFAULT '{}',
      ip text
    )`.execute(db);
  await sql`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS audit_log`.execute(db);
  await sql`DROP TABLE IF EXISTS api_tokens`.execute(db);
  await sql`DROP TABLE IF EXISTS sessions`.execute(db);
  await sql`DROP TABLE IF EXISTS users`.execute(db);
}
