/**
 * Mastodon statuses → collected items (pure): text from the content HTML, the content warning as title, reach
 * counts, reply and thread links, media. A boost carries the boosted post's text and counts, and names where it
 * came from in `forwardedFrom` as that account's `acct`: the form an author has, so one person has one pseudonym.
 */
import { htmlToText } from '../rss/html-to-text.ts';
import type { CollectedItem, MediaLink, PostContext, SkippedItem } from '../source-kind.ts';
import type { MastodonStatus, MastodonStatusCore } from './parse-statuses.ts';

/** How far up a reply chain we follow within one batch to find its conversation root. */
const MAX_THREAD_DEPTH = 50;

const statusUrl = (status: MastodonStatusCore): string => status.url ?? status.uri;

function mediaOf(status: MastodonStatusCore): MediaLink[] {
  const media: MediaLink[] = [];
  for (const attachment of status.media_attachments ?? []) {
    const url = attachment.url ?? attachment.remote_url;
    if (attachment.type === 'image') {
      if (url) media.push({ url, kind: 'image' });
    } else if (attachment.type === 'video' || attachment.type === 'gifv') {
      if (url) media.push({ url, kind: 'video' });
      // The still frame is an image whose text can be read.
      if (attachment.preview_url) media.push({ url: attachment.preview_url, kind: 'image' });
    } else if (attachment.type === 'audio') {
      if (url) media.push({ url, kind: 'audio' });
    } else if (url) {
      media.push({ url, kind: 'other' });
    }
  }
  return media;
}

/**
 * A status as the instance's API address of its id: reply and thread links name no account. A web link
 * (`/@name/id`) would keep the handle of whoever wrote the parent, another person than the post's author, outside
 * any pseudonym, where a data-subject request for that handle can neither find nor erase it.
 */
const statusRef = (origin: string, id: string): string =>
  `${origin}/api/v1/statuses/${encodeURIComponent(id)}`;

/** Where the post this one answers lives (its parent's id on this instance). */
function replyLink(status: MastodonStatusCore, origin: string): string | undefined {
  const parentId = status.in_reply_to_id;
  return parentId ? statusRef(origin, parentId) : undefined;
}

/** The conversation root when the whole chain up to it is in the batch; undefined otherwise. */
function threadRoot(
  status: MastodonStatusCore,
  origin: string,
  inBatch: ReadonlyMap<string, MastodonStatusCore>,
): string | undefined {
  let current = status;
  const seen = new Set<string>();
  for (let depth = 0; depth < MAX_THREAD_DEPTH; depth += 1) {
    const parentId = current.in_reply_to_id;
    if (!parentId) return current === status ? undefined : statusRef(origin, current.id);
    if (seen.has(parentId)) return undefined;
    seen.add(parentId);
    const parent = inBatch.get(parentId);
    if (!parent) return undefined;
    current = parent;
  }
  return undefined;
}

export interface StatusItems {
  items: CollectedItem[];
  skipped: SkippedItem[];
}

/** `origin` is the instance the statuses came from (for reply links). */
export function statusesToItems(statuses: readonly MastodonStatus[], origin: string): StatusItems {
  const inBatch = new Map<string, MastodonStatusCore>();
  for (const status of statuses) {
    inBatch.set(status.id, status);
    if (status.reblog) inBatch.set(status.reblog.id, status.reblog);
  }
  const result: StatusItems = { items: [], skipped: [] };
  for (const status of statuses) {
    const original = status.reblog ?? status;
    const text = htmlToText(original.content);
    const title = original.spoiler_text ? htmlToText(original.spoiler_text) : '';
    // A picture without words is kept (screenshots carry the campaign; OCR reads them); a clip alone is not.
    const hasImage = (original.media_attachments ?? []).some((a) => a.type === 'image');
    if (!text && !title && !hasImage) {
      result.skipped.push({
        externalId: status.id,
        reason: 'no text and no image (empty, video or audio only)',
      });
      continue;
    }
    const context: PostContext = {};
    const replyTo = replyLink(original, origin);
    if (replyTo) context.replyTo = replyTo;
    const thread = threadRoot(original, origin, inBatch);
    if (thread) context.thread = thread;
    // The same form as `author` (`name` here, `name@server` elsewhere): a data subject's handle finds both.
    if (status.reblog) context.forwardedFrom = status.reblog.account.acct;
    result.items.push({
      externalId: status.id,
      url: statusUrl(original),
      title: title || null,
      text,
      // Who put it on this timeline: for a boost, the account that boosted it.
      author: status.account.acct,
      publishedAt: new Date(status.created_at),
      metrics: {
        ...(original.favourites_count != null ? { reactions: original.favourites_count } : {}),
        ...(original.reblogs_count != null ? { forwards: original.reblogs_count } : {}),
        ...(original.replies_count != null ? { replies: original.replies_count } : {}),
      },
      context,
      media: mediaOf(original),
    });
  }
  return result;
}
