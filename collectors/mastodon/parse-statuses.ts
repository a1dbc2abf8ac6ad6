/**
 * Mastodon API answers → validated values (pure). Shapes follow the API documentation's Status, Account and
 * MediaAttachment entities (docs.joinmastodon.org/entities/), keeping only what we store. A page is checked
 * status by status: a malformed one is skipped with its reason and the others go in.
 */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import type { SkippedItem } from '../source-kind.ts';

/** Mastodon's ids are decimal snowflakes; other servers speaking its API use short alphanumeric ids. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id');
const link = z.string().max(4_000);
const count = z.number().int().nonnegative().nullish();

export const accountSchema = z.object({
  id: idSchema,
  acct: z.string().min(1).max(300),
  url: link.nullish(),
});
export type MastodonAccount = z.infer<typeof accountSchema>;

const mediaSchema = z.object({
  type: z.string().max(30),
  url: link.nullish(),
  preview_url: link.nullish(),
  remote_url: link.nullish(),
});

const statusCore = z.object({
  id: idSchema,
  created_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date'),
  uri: link,
  url: link.nullish(),
  content: z.string().max(1_000_000),
  spoiler_text: z.string().max(10_000).nullish(),
  account: accountSchema,
  in_reply_to_id: idSchema.nullish(),
  in_reply_to_account_id: idSchema.nullish(),
  replies_count: count,
  reblogs_count: count,
  favourites_count: count,
  language: z.string().max(35).nullish(),
  media_attachments: z.array(mediaSchema).max(100).nullish(),
});
export const statusSchema = statusCore.extend({ reblog: statusCore.nullish() });
export type MastodonStatus = z.infer<typeof statusSchema>;
export type MastodonStatusCore = z.infer<typeof statusCore>;

export interface StatusPage {
  statuses: MastodonStatus[];
  skipped: SkippedItem[];
  /** Ids of every entry that had one, malformed ones included, so the cursor moves past them too. */
  ids: string[];
}

const withId = z.object({ id: idSchema });

/** UTF-8 bytes → JSON value; BadInputError `bad-json` when the answer is not JSON (an HTML error page…). */
export function decodeJson(body: Uint8Array, what: string): unknown {
  const text = new TextDecoder('utf-8').decode(body);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadInputError('bad-json', `${what} is not JSON (starts ${JSON.stringify(text.slice(0, 60))})`);
  }
}

/** Mastodon's error body `{"error": "..."}`, bounded, for the message. */
function apiError(value: unknown): string | null {
  const parsed = z.object({ error: z.string() }).safeParse(value);
  return parsed.success ? parsed.data.error.slice(0, 200) : null;
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  return `${first.path.join('.') || '(status)'}: ${first.message}`;
}

/** A timeline or statuses answer; BadInputError `bad-json` or `bad-api-response` when it is no list. */
export function parseStatusPage(body: Uint8Array): StatusPage {
  const value = decodeJson(body, 'the timeline answer');
  if (!Array.isArray(value)) {
    const error = apiError(value);
    throw new BadInputError(
      'bad-api-response',
      error
        ? `the instance answered with an error: ${error}`
        : 'the timeline answer is not a list of statuses',
    );
  }
  const page: StatusPage = { statuses: [], skipped: [], ids: [] };
  value.forEach((entry: unknown, index) => {
    const id = withId.safeParse(entry);
    if (id.success) page.ids.push(id.data.id);
    const status = statusSchema.safeParse(entry);
    if (status.success) {
      page.statuses.push(status.data);
    } else {
      page.skipped.push({
        externalId: id.success ? id.data.id : `entry ${index + 1}`,
        reason: `malformed status (${issue(status.error)})`,
      });
    }
  });
  return page;
}

/** The answer of `accounts/lookup`. */
export function parseAccount(body: Uint8Array): MastodonAccount {
  const value = decodeJson(body, 'the account lookup answer');
  const account = accountSchema.safeParse(value);
  if (!account.success) {
    const error = apiError(value);
    throw new BadInputError(
      'bad-api-response',
      error
        ? `account lookup failed: ${error}`
        : `account lookup answer is malformed (${issue(account.error)})`,
    );
  }
  return account.data;
}
