/**
 * The `api_tokens` table: bearer tokens for scripts and BI tools. The secret is shown once at creation; only its
 * SHA-256 is stored (a 256-bit random secret needs no slow hash). Use is recorded in last_used_at.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Db } from './client.ts';
import { hashSecret } from './sessions.ts';

export const TOKEN_ROLES = ['viewer', 'analyst'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];
export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** Every token starts with this, so a leaked one is easy to recognise in logs and secret scanners. */
export const TOKEN_PREFIX = 'rr_';

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: Buffer;
  role: TokenRole;
  created_by: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
export type ApiTokenSummary = Omit<Selectable<ApiTokensTable>, 'token_hash'>;

const SUMMARY = ['id', 'name', 'role', 'created_by', 'created_at', 'last_used_at', 'revoked_at'] as const;

/** Creates a token; `token` is the only copy of the secret. */
export async function createApiToken(
  db: Db,
  input: { name: string; role: TokenRole; createdBy: string },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const summary = await db
    .insertInto('api_tokens')
    .values({
      name: input.name,
      role: input.role,
      created_by: input.createdBy,
      token_hash: hashSecret(token),
    })
    .returning(SUMMARY)
    .executeTakeFirstOrThrow();
  return { token, summary };
}

/** The live token for a bearer secret, with its last use set to now; undefined when unknown or revoked. */
export async function useApiToken(
  db: Db,
  token: string,
): Promise<{ id: number; name: string; role: TokenRole } | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'role'])
    .executeTakeFirst();
}

export async function listApiTokens(db: Db): Promise<ApiTokenSummary[]> {
  return db.selectFrom('api_tokens').select(SUMMARY).orderBy('id').execute();
}

export async function findApiTokenByName(db: Db, name: string): Promise<ApiTokenSummary | undefined> {
  return db.selectFrom('api_tokens').select(SUMMARY).where('name', '=', name).executeTakeFirst();
}

/** Revokes by id or name; undefined when no live token matches. */
export async function revokeApiToken(
  db: Db,
  idOrName: number | string,
): Promise<ApiTokenSummary | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where(typeof idOrName === 'number' ? 'id' : 'name', '=', idOrName)
    .where('revoked_at', 'is', null)
    .returning(SUMMARY)
    .executeTakeFirst();
}
