/** Shared parsing for the data-protection commands (retention, holds, subject, posts erase, sources delete). */
import fs from 'node:fs';
import { z } from 'zod';
import type { Config } from '../core/config.ts';
import { BadInputError } from '../core/errors.ts';
import { operatorName } from './read-secret.ts';

/** A positive integer id given on the command line. */
export function positiveId(flag: string, raw: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id <= 0)
    throw new BadInputError('bad-id', `${flag}: not an id: ${raw.slice(0, 50)}`);
  return id;
}

const email = z.email();

/**
 * Who the audit log names: `--actor <email>` when given (required where `required`), else the operator's login.
 */
export function actorLabel(actor: string | undefined, required = false): string {
  if (actor === undefined || actor.trim() === '') {
    if (required)
      throw new BadInputError('actor-required', '--actor <email> is required: say who asks for this');
    return operatorName();
  }
  const parsed = email.safeParse(actor.trim().toLowerCase());
  if (!parsed.success)
    throw new BadInputError('bad-actor', `--actor: not an email address: ${actor.slice(0, 80)}`);
  return parsed.data;
}

/**
 * Handles are matched through the key the collectors used: without it (no AUTHOR_HMAC_KEY and no key file), a
 * new key would be made and nothing would match, so refuse instead.
 */
export function requireAuthorKey(config: Config): void {
  const { authorKey, authorKeyFile } = config.privacy;
  if (authorKey || fs.existsSync(authorKeyFile)) return;
  throw new BadInputError(
    'no-author-key',
    `no author key (AUTHOR_HMAC_KEY unset and ${authorKeyFile} missing): handles cannot be matched to ` +
      'pseudonyms without the key used when the posts were collected; restore it from the backup',
  );
}
