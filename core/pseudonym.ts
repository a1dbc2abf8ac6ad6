/**
 * Author pseudonyms: a keyed HMAC of the handle, so the same author links across posts while no clear handle
 * is stored. The key lives outside the database (env or a key file created on first start).
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type AuthorPseudonymiser = (handle: string | null | undefined) => string | null;

/** Reads the key from the environment value, else from the key file, creating that file (mode 0600) if missing. */
export function loadAuthorKey(envKey: string | undefined, keyFile: string): string {
  if (envKey) return envKey;
  try {
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    if (key.length < 32) throw new Error(`author key file ${keyFile} holds fewer than 32 characters`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('hex');
  try {
    // `wx` fails if another process created the file first; then its key wins.
    fs.writeFileSync(keyFile, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(keyFile, 'utf8').trim();
    throw error;
  }
}

/** Handles are compared case-insensitively and without a leading `@`, as platforms do. */
export function createPseudonymiser(key: string): AuthorPseudonymiser {
  return (handle) => {
    const normalised = handle?.trim().replace(/^@+/, '').toLowerCase();
    if (!normalised) return null;
    return `a_${createHmac('sha256', key).update(normalised).digest('hex').slice(0, 24)}`;
  };
}
