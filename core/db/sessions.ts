/**
 * The `sessions` table: dashboard logins. The cookie carries a random 32-byte id; only its SHA-256 is stored, so
 * a leaked table cannot be replayed. Idle and absolute timeouts are checked (and the session touched) in one query.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Generated } from 'kysely';
import type { Db } from './client.ts';
import type { Role } from './users.ts';

export interface SessionsTable {
  id_hash: Buffer;
  user_id: number;
  /** Synchronizer token for state-changing requests of this session. */
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  ip: string | null;
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

export interface ActiveSession {
  idHash: Buffer;
  csrfToken: string;
  userId: number;
  email: string;
  roles: Role[];
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Starts a session; the returned `sessionId` goes into the cookie and is never stored. */
export async function createSession(
  db: Db,
  userId: number,
  ip: string | null,
): Promise<{ sessionId: string; csrfToken: string }> {
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ id_hash: hashSecret(sessionId), user_id: userId, csrf_token: csrfToken, ip })
    .execute();
  return { sessionId, csrfToken };
}

/**
 * The live session of a cookie value, touched (last_seen_at = now) in the same statement; undefined when unknown,
 * idle too long, past its absolute lifetime, or its user is disabled. Times are the database's clock.
 */
export async function touchSession(
  db: Db,
  sessionId: string,
  limits: SessionLimits,
): Promise<ActiveSession | undefined> {
  const result = await sql<{
    id_hash: Buffer;
    csrf_token: string;
    user_id: number;
    email: string;
    roles: Role[];
  }>`
    UPDATE sessions s SET last_seen_at = now()
    FROM users u
    WHERE s.id_hash = ${hashSecret(sessionId)} AND u.id = s.user_id AND u.disabled_at IS NULL
      AND s.last_seen_at > now() - make_interval(secs => ${limits.idleMs / 1000})
      AND s.created_at > now() - make_interval(secs => ${limits.absoluteMs / 1000})
    RETURNING s.id_hash, s.csrf_token, s.user_id, u.email, u.roles
  `.execute(db);
  const row = result.rows[0];
  return row
    ? {
        idHash: row.id_hash,
        csrfToken: row.csrf_token,
        userId: row.user_id,
        email: row.email,
        roles: row.roles,
      }
    : undefined;
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(sessionId)).execute();
}

/** Ends every session of a user (after a role change, a disable or a new password). */
export async function deleteSessionsOfUser(db: Db, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes sessions that can no longer be used; returns how many. */
export async function deleteExpiredSessions(db: Db, limits: SessionLimits): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('last_seen_at', '<=', sql<Date>`now() - make_interval(secs => ${limits.idleMs / 1000})`),
        eb('created_at', '<=', sql<Date>`now() - make_interval(secs => ${limits.absoluteMs / 1000})`),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
