/** Shared parsing for the data-protection commands (retention, holds, subject, posts erase, sources delete). */
import fs from 'node:fs';
import { z } from 'zod';
import type { Config } from '../core/config.ts';
import { BadInputError } from '../core/errors.ts';
import { operatorName } from './read-secret.ts';

/** What the audit log and the holds table keep for a person: an email of at most 254 characters. */
export const MAX_ACTOR_LENGTH = 254;
/** A case or diary number (diarienummer), as the holds table allows. */
export const MAX_CASE_LENGTH = 200;

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
  const label = actor.trim().toLowerCase();
  if (label.length > MAX_ACTOR_LENGTH)
    throw new BadInputError(
      'bad-actor',
      `--actor: at most ${MAX_ACTOR_LENGTH} characters (an email address), not ${label.length}`,
    );
  const parsed = email.safeParse(label);
  if (!parsed.success)
    throw new BadInputError('bad-actor', `--actor: not an email address: ${actor.slice(0, 80)}`);
  return parsed.data;
}

/** `--case <reference>`: null when not given or blank; an error (not a cut) when longer than the column allows. */
export function caseReference(raw: string | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if (value.length > MAX_CASE_LENGTH)
    throw new BadInputError('bad-case', `--case: at most ${MAX_CASE_LENGTH} characters, not ${value.length}`);
  return value;
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
