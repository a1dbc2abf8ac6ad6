/**
 * Source kind `mastodon`: a hashtag or account timeline through the instance's public API, read forwards from the
 * cursor with `min_id` (each page the statuses right after the newest one seen), so nothing between two polls is
 * skipped. An optional access token is sent as a Bearer header; it is never logged or printed.
 */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import type { HttpClient } from '../http/client.ts';
import type { SourceKindModule } from '../source-kind.ts';
import {
  accountLookupUrl,
  accountStatusesUrl,
  parseMastodonTarget,
  tagTimelineUrl,
  type MastodonTarget,
} from './mastodon-target.ts';
import { idSchema, parseAccount, parseStatusPage, type MastodonStatus } from './parse-statuses.ts';
import { compareIds, newestId } from './status-id.ts';
import { statusesToItems } from './status-to-item.ts';
import { DEFAULT_PAGES, MAX_PAGES, parsePages } from '../page-limit.ts';

const JSON_ACCEPT = 'application/json';

const tokenSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,2000}$/, 'a token is printable ASCII without spaces, at most 2,000 characters');

const configSchema = z
  .object({
    token: tokenSchema.optional(),
    /** Pages of up to 40 statuses read per poll at most when catching up. */
    pages: z.number().int().min(1).max(MAX_PAGES).default(DEFAULT_PAGES),
  })
  .strict();
type MastodonConfig = z.infer<typeof configSchema>;

/** `sources.state` of a mastodon source. */
const stateSchema = z.object({
  /** The newest status id seen; the next poll asks for what is newer. */
  minId: idSchema.optional(),
  /** The looked-up id of an account source, so the lookup runs once. */
  accountId: idSchema.optional(),
});
type MastodonState = z.infer<typeof stateSchema>;

/** GETs JSON; a refused token or a timeline closed to anonymous readers gets a hint instead of a bare 401. */
async function getBody(
  http: HttpClient,
  url: string,
  token: string | undefined,
  signal: AbortSignal,
): Promise<Uint8Array> {
  let fetched;
  try {
    fetched = await http.get({
      url,
      accept: JSON_ACCEPT,
      signal,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
  } catch (error) {
    if (error instanceof BadInputError && (error.reason === 'http-401' || error.reason === 'http-403')) {
      const hint = token
        ? 'the instance refused the access token'
        : 'the instance wants an access token for this timeline (-o token=…)';
      throw new BadInputError(error.reason, `${error.message}: ${hint}`, { cause: error });
    }
    throw error;
  }
  if (fetched.status === 'not-modified')
    throw new BadInputError('not-modified', 'the instance answered 304 to an unconditional request');
  return fetched.body;
}

function displayName(target: MastodonTarget): string {
  const host = new URL(target.origin).host;
  return target.mode === 'tag' ? `#${target.tag} on ${host}` : `@${target.acct} on ${host}`;
}

export const mastodonKind: SourceKindModule<MastodonConfig> = {
  kind: 'mastodon',
  usage:
    'mastodon <https://instance/tags/<hashtag> | https://instance/@<user>>: a public timeline; ' +
    `-o token=<access token> (sent as Bearer, never shown), -o pages=N (1-${MAX_PAGES}, default ${DEFAULT_PAGES})`,
  configSchema,
  register(target, options) {
    const extra = Object.keys(options).filter((key) => key !== 'pages' && key !== 'token');
    if (extra.length > 0)
      throw new BadInputError(
        'bad-option',
        `mastodon takes -o token=… and -o pages=N (got ${extra.join(', ')})`,
      );
    const parsed = parseMastodonTarget(target);
    const token = options['token'];
    if (token !== undefined && !tokenSchema.safeParse(token).success)
      throw new BadInputError(
        'bad-option',
        'token: printable ASCII without spaces, at most 2,000 characters',
      );
    return {
      url: parsed.url,
      name: displayName(parsed),
      config: { pages: parsePages(options['pages']), ...(token ? { token } : {}) },
    };
  },
  async collect({ source, config, state, http, logger, signal }) {
    const target = parseMastodonTarget(source.url);
    const stored = stateSchema.safeParse(state);
    if (!stored.success)
      logger.warn('stored mastodon cursor is unreadable; starting from the newest statuses');
    const cursor: MastodonState = stored.success ? stored.data : {};

    let accountId = cursor.accountId;
    if (target.mode === 'account' && accountId === undefined) {
      accountId = parseAccount(await getBody(http, accountLookupUrl(target), config.token, signal)).id;
    }
    const pageUrl = (minId: string | undefined) =>
      target.mode === 'tag'
        ? tagTimelineUrl(target, minId)
        : accountStatusesUrl(target.origin, accountId ?? '', minId);

    const statuses = new Map<string, MastodonStatus>();
    const skipped = new Map<string, { externalId: string; reason: string }>();
    let minId = cursor.minId;
    let truncated = false;
    // First poll: the newest page only. Later polls: forwards from the cursor until an empty page or the budget.
    const budget = minId === undefined ? 1 : config.pages;
    for (let page = 0; page < budget; page += 1) {
      signal.throwIfAborted();
      const floor = minId;
      const read = parseStatusPage(await getBody(http, pageUrl(floor), config.token, signal));
      // Ids at or below the cursor come only from a server that ignores min_id; they were stored before.
      const newer = (id: string) => floor === undefined || compareIds(id, floor) > 0;
      for (const status of read.statuses) if (newer(status.id)) statuses.set(status.id, status);
      for (const item of read.skipped) {
        if (!idSchema.safeParse(item.externalId).success || newer(item.externalId))
          skipped.set(item.externalId, item);
      }
      minId = newestId(read.ids.filter(newer), floor);
      if (floor === undefined || minId === floor) break;
      if (page === budget - 1) truncated = true;
    }

    const converted = statusesToItems([...statuses.values()], target.origin);
    logger.debug({ statuses: statuses.size, truncated }, 'mastodon timeline read');
    return {
      status: 'ok',
      items: converted.items,
      skipped: [...skipped.values(), ...converted.skipped],
      state: {
        ...(minId !== undefined ? { minId } : {}),
        ...(accountId !== undefined ? { accountId } : {}),
      },
      truncated,
    };
  },
};
