/**
 * Feed item ids (pure): the item's own id (guid, Atom id, RDF about, YouTube video id), else its link, else a
 * digest of what it says. A link names an item only when no other item of the feed has it and it is not the
 * feed's own home page; otherwise the link is combined with a digest of the item's title and text.
 */
import { createHash } from 'node:crypto';

/** Longer ids are hashed so they still fit an index. */
const MAX_ID_CHARS = 512;

export interface IdParts {
  /** The first id the item declares itself (guid, id, about, video id); empty when it has none. */
  declared: string;
  link: string;
  title: string | null;
  text: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function bounded(id: string): string {
  return id.length > MAX_ID_CHARS ? `sha256:${sha256(id)}` : id;
}

/** A link compared as the page it names: resolved against the feed's link, without its fragment. */
function linkKey(link: string, feedLink: string | null): string {
  try {
    const url = new URL(link, feedLink ?? undefined);
    url.hash = '';
    return url.href;
  } catch {
    return link;
  }
}

const digestOf = (parts: IdParts) => sha256(`${parts.title ?? ''}\n${parts.text}`);

/**
 * Each item with its id. Ids of items with their own id, or with a link no other item shares, are those earlier
 * versions gave them, so a feed polled across an upgrade stores nothing twice.
 */
export function withFeedIds<T extends { parts: IdParts }>(
  items: readonly T[],
  feedLink: string | null,
): (T & { externalId: string })[] {
  const home = feedLink ? linkKey(feedLink, null) : null;
  const linkCount = new Map<string, number>();
  for (const { parts } of items) {
    if (parts.declared || !parts.link) continue;
    const key = linkKey(parts.link, feedLink);
    linkCount.set(key, (linkCount.get(key) ?? 0) + 1);
  }
  const idOf = (parts: IdParts): string => {
    if (parts.declared) return bounded(parts.declared);
    if (!parts.link) return `sha256:${digestOf(parts)}`;
    const key = linkKey(parts.link, feedLink);
    const names = key !== home && linkCount.get(key) === 1;
    return bounded(names ? parts.link : `${parts.link}#sha256:${digestOf(parts).slice(0, 32)}`);
  };
  return items.map((item) => ({ ...item, externalId: idOf(item.parts) }));
}
