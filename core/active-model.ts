/** Which model version is in force: the active stored model, else the shipped one. Cached briefly. */
import type { Db } from './db/client.ts';
import { activeModelVersion } from './db/classifier-models.ts';

export type ActiveVersion = () => Promise<string>;

/** Re-reads the active version at most every `ttlMs`, so a newly activated model is used within that time. */
export function cachedActiveVersion(db: Db, shippedVersion: string, ttlMs = 30_000): ActiveVersion {
  let cached: { version: string; at: number } | null = null;
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.version;
    const version = (await activeModelVersion(db)) ?? shippedVersion;
    cached = { version, at: Date.now() };
    return version;
  };
}
