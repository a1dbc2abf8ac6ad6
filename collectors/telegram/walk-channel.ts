/**
 * Paging through a channel preview within a page budget, with a cursor that never leaves a hole: pages are read
 * newest first with `?before=<id>` until a message at or below `lastId` appears. When the budget ends first, the
 * unread stretch is remembered as a gap (`gap.before` down to `lastId`) and the next poll reads it before
 * anything newer, so a burst of posts larger than the budget is caught up over several polls instead of lost.
 */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import type { SkippedItem } from '../source-kind.ts';
import type { ChannelPage, TelegramMessage } from './parse-channel-page.ts';

const messageId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** `sources.state` of a telegram source. */
export const channelStateSchema = z.object({
  /** Every message from the first poll's oldest page up to this id has been read. */
  lastId: messageId.optional(),
  /** Still unread: ids between `lastId` and `before` (exclusive); every id from `before` to `top` was read. */
  gap: z.object({ before: messageId, top: messageId }).optional(),
});
export type ChannelState = z.infer<typeof channelStateSchema>;

export interface WalkResult {
  /** Messages newer than the cursor, newest page first, each once. */
  messages: TelegramMessage[];
  skipped: SkippedItem[];
  state: ChannelState;
  /** Something is left for the next poll (the page budget ran out). */
  truncated: boolean;
  pagesRead: number;
}

interface Stretch {
  /** An id at or below the floor appeared, or the channel has no older page. */
  reachedFloor: boolean;
  newest: number | null;
  /** `?before=` of the page that would come next. */
  next: number | null;
}

/**
 * Reads at most `maxPages` pages through `fetchPage(before)` (undefined = newest page). Throws what fetchPage
 * throws, BadInputError `bad-paging` when a page does not lead further back, or the signal's reason when aborted;
 * a throw leaves the stored cursor as it was, so nothing is skipped.
 */
export async function walkChannel(options: {
  state: ChannelState;
  maxPages: number;
  fetchPage: (before: number | undefined) => Promise<ChannelPage>;
  signal?: AbortSignal;
}): Promise<WalkResult> {
  const { state, maxPages, fetchPage, signal } = options;
  const found = new Map<number, TelegramMessage>();
  const skipped = new Map<string, SkippedItem>();
  let pagesRead = 0;

  /** Pages back from `start` keeping messages above `floor` (all when undefined). */
  async function readBack(start: number | undefined, floor: number | undefined): Promise<Stretch> {
    let before = start;
    let newest: number | null = null;
    while (pagesRead < maxPages) {
      signal?.throwIfAborted();
      const page = await fetchPage(before);
      pagesRead += 1;
      for (const message of page.messages) {
        if (floor === undefined || message.id > floor) found.set(message.id, message);
      }
      for (const item of page.skipped) {
        const id = Number(item.externalId);
        if (floor === undefined || !(id <= floor)) skipped.set(item.externalId, item);
      }
      for (const id of page.ids) newest = Math.max(newest ?? id, id);
      const oldest = page.ids.length > 0 ? Math.min(...page.ids) : null;
      if (floor !== undefined && oldest !== null && oldest <= floor)
        return { reachedFloor: true, newest, next: null };
      if (page.before === null || page.ids.length === 0) return { reachedFloor: true, newest, next: null };
      if (before !== undefined && page.before >= before) {
        throw new BadInputError(
          'bad-paging',
          `the page before ${before} links to ${page.before}, which is not older; stopped paging`,
        );
      }
      before = page.before;
    }
    return { reachedFloor: false, newest, next: before ?? null };
  }

  let { lastId, gap } = state;
  let truncated: boolean;
  if (lastId === undefined) {
    // First poll: the newest pages within the budget; what lies further back is history we do not chase.
    const read = await readBack(undefined, undefined);
    lastId = read.newest ?? undefined;
    truncated = !read.reachedFloor;
  } else {
    if (gap) {
      const read = await readBack(gap.before, lastId);
      if (read.reachedFloor) {
        lastId = gap.top;
        gap = undefined;
      } else {
        gap = { before: read.next ?? gap.before, top: gap.top };
      }
    }
    let newestChecked = false;
    if (!gap && pagesRead < maxPages) {
      newestChecked = true;
      const floor = lastId;
      const read = await readBack(undefined, floor);
      if (read.reachedFloor) {
        lastId = Math.max(floor, read.newest ?? floor);
      } else if (read.newest !== null && read.next !== null) {
        gap = { before: read.next, top: read.newest };
      }
    }
    truncated = gap !== undefined || !newestChecked;
  }
  const messages = [...found.values()].sort((a, b) => b.id - a.id);
  return {
    messages,
    skipped: [...skipped.values()],
    state: { ...(lastId !== undefined ? { lastId } : {}), ...(gap ? { gap } : {}) },
    truncated,
    pagesRead,
  };
}
