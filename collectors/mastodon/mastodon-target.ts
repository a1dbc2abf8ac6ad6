/**
 * Which Mastodon timeline a source reads (pure): `https://<instance>/tags/<tag>` (a hashtag timeline) or
 * `https://<instance>/@<user>` (an account, local or `@user@other.domain`), and the API URLs for each.
 */
import { BadInputError } from '../../core/errors.ts';
import { parseTargetUrl } from '../http/target-url.ts';

/** Hashtags are letters, digits, marks and underscores in any script (e.g. #السوسيال). */
const TAG = /^[\p{L}\p{M}\p{N}_]{1,100}$/u;
const ACCT = /^[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9.-]{1,253})?$/;

/** Statuses per request: Mastodon's maximum for timelines and account statuses. */
export const PAGE_LIMIT = 40;

export type MastodonTarget =
  | { mode: 'tag'; origin: string; tag: string; url: string }
  | { mode: 'account'; origin: string; acct: string; url: string };

/** Throws BadInputError `bad-target` naming the problem. */
export function parseMastodonTarget(raw: string): MastodonTarget {
  const url = parseTargetUrl(raw.trim());
  const parts = url.pathname.split('/').filter(Boolean);
  let segment: string | undefined;
  try {
    segment = parts.length === 2 && parts[0] === 'tags' ? decodeURIComponent(parts[1] ?? '') : undefined;
  } catch {
    segment = undefined;
  }
  if (segment !== undefined && TAG.test(segment)) {
    const tag = segment.normalize('NFC');
    return { mode: 'tag', origin: url.origin, tag, url: `${url.origin}/tags/${encodeURIComponent(tag)}` };
  }
  const handle = parts.length === 1 ? parts[0] : undefined;
  if (handle?.startsWith('@') && ACCT.test(handle.slice(1))) {
    const acct = handle.slice(1);
    return { mode: 'account', origin: url.origin, acct, url: `${url.origin}/@${acct}` };
  }
  throw new BadInputError(
    'bad-target',
    `${raw.slice(0, 200)}: expected https://<instance>/tags/<hashtag> or https://<instance>/@<user>`,
  );
}

function withCursor(base: string, minId: string | undefined, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ limit: String(PAGE_LIMIT), ...extra });
  if (minId !== undefined) params.set('min_id', minId);
  return `${base}?${params.toString()}`;
}

/** The hashtag timeline, `limit` statuses immediately newer than `minId` (the newest when undefined). */
export function tagTimelineUrl(target: { origin: string; tag: string }, minId?: string): string {
  return withCursor(`${target.origin}/api/v1/timelines/tag/${encodeURIComponent(target.tag)}`, minId);
}

export function accountLookupUrl(target: { origin: string; acct: string }): string {
  return `${target.origin}/api/v1/accounts/lookup?${new URLSearchParams({ acct: target.acct }).toString()}`;
}

/** An account's statuses, boosts included. */
export function accountStatusesUrl(origin: string, accountId: string, minId?: string): string {
  return withCursor(`${origin}/api/v1/accounts/${encodeURIComponent(accountId)}/statuses`, minId, {
    exclude_reblogs: 'false',
  });
}
