/** Which model version is in force: the active stored model, else the shipped one. Cached briefly. */
import type { Db } from './db/client.ts';
import { activeModelVersion } from './db/classifier-models.ts';

export type ActiveVersion = () => Promise<string>;

/**
 * How long (ms) a process may keep using the version it read last: every reader of the active version uses this
 * unless a test sets its own, so a reclassify run waits this long after activating a model before it analyses
 * the posts that workers still gave the old version only.
 */
export const ACTIVE_VERSION_TTL_MS = 30_000;

/**
 * Re-reads the active version at most every `ttlMs`, so a model activated at time T is used by every call from
 * T + `ttlMs` on (the cache's age counts from the start of its read, not its end).
 */
export function cachedActiveVersion(
  db: Db,
  shippedVersion: string,
  ttlMs = ACTIVE_VERSION_TTL_MS,
): ActiveVersion {
  let cached: { version: string; at: number } | null = null;
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.version;
    const readAt = Date.now();
    const version = (await activeModelVersion(db)) ?? shippedVersion;
    cached = { version, at: readAt };
    return version;
  };
}
