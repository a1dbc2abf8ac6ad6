/**
 * One-time credentials for the report renderer: Chromium loads /report with one of these instead of a session.
 * A grant allows exactly one GET of the report with the query it was issued for, within a minute; only its
 * SHA-256 is kept in Redis, and GETDEL makes the first use its last.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Redis } from '../../core/redis.ts';

/** The header the renderer sends with the one document request. */
export const RENDER_HEADER = 'x-report-render';
const TTL_MS = 60_000;

const grantSchema = z.object({
  /** The exact query string (without `?`) the report may be rendered with. */
  search: z.string().max(2_000),
  /** Who asked for the render (audit label), never shown on the page. */
  requester: z.string().max(300),
});
export type RenderGrant = z.infer<typeof grantSchema>;

const keyOf = (prefix: string, token: string) =>
  `${prefix}:report-render:${createHash('sha256').update(token).digest('hex')}`;

export async function issueRenderGrant(redis: Redis, prefix: string, grant: RenderGrant): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await redis.set(keyOf(prefix, token), JSON.stringify(grant), 'PX', TTL_MS);
  return token;
}

/** The grant, removed as it is read; undefined when unknown, used or expired. */
export async function consumeRenderGrant(
  redis: Redis,
  prefix: string,
  token: string,
): Promise<RenderGrant | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const raw = await redis.getdel(keyOf(prefix, token));
  if (raw === null) return undefined;
  const parsed = grantSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

/** Removes a grant that was never used (a render that failed before loading the page). */
export async function revokeRenderGrant(redis: Redis, prefix: string, token: string): Promise<void> {
  await redis.del(keyOf(prefix, token));
}
