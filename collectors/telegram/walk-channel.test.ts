import { describe, expect, test } from 'vitest';
import { BadInputError } from '../../core/errors.ts';
import type { ChannelPage } from './parse-channel-page.ts';
import { walkChannel, type ChannelState } from './walk-channel.ts';

/** A channel of messages 1..newest served in pages of `size`, newest page first, as t.me/s pages them. */
function channel(newest: number, size = 5) {
  const requests: (number | undefined)[] = [];
  const fetchPage = async (before: number | undefined): Promise<ChannelPage> => {
    requests.push(before);
    const top = Math.min(newest, (before ?? newest + 1) - 1);
    const ids: number[] = [];
    for (let id = Math.max(1, top - size + 1); id <= top; id += 1) ids.push(id);
    const messages = ids.map((id) => ({
      id,
      url: `https://t.me/c/${id}`,
      text: `m${id}`,
      author: 'c',
      publishedAt: null,
      views: null,
      context: {},
      media: [],
    }));
    const oldest = ids[0];
    return { messages, skipped: [], ids, before: oldest !== undefined && oldest > 1 ? oldest : null };
  };
  return { fetchPage, requests };
}

const ids = (result: { messages: { id: number }[] }) => result.messages.map((m) => m.id);
const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);

describe('walkChannel', () => {
  test.each<[string, number, ChannelState, number, number[], ChannelState, boolean, (number | undefined)[]]>([
    // name, newest id, state, page budget, ids read, new state, truncated, requests (?before=)
    [
      'first poll reads the budget from the newest page',
      30,
      {},
      3,
      range(30, 16),
      { lastId: 30 },
      true,
      [undefined, 26, 21],
    ],
    ['first poll stops at the channel start', 7, {}, 3, range(7, 1), { lastId: 7 }, false, [undefined, 3]],
    ['nothing new: one page, no items', 30, { lastId: 30 }, 3, [], { lastId: 30 }, false, [undefined]],
    [
      'a few new: only those, from one page',
      33,
      { lastId: 30 },
      3,
      [33, 32, 31],
      { lastId: 33 },
      false,
      [undefined],
    ],
    [
      'new across pages: stops on the page reaching the cursor',
      42,
      { lastId: 30 },
      3,
      range(42, 31),
      { lastId: 42 },
      false,
      [undefined, 38, 33],
    ],
    [
      'more new than the budget: a gap is remembered, nothing is skipped',
      60,
      { lastId: 30 },
      2,
      range(60, 51),
      { lastId: 30, gap: { before: 51, top: 60 } },
      true,
      [undefined, 56],
    ],
    [
      'the next poll fills the gap first, then reads what is newer',
      62,
      { lastId: 30, gap: { before: 51, top: 60 } },
      6,
      [...range(62, 61), ...range(50, 31)],
      { lastId: 62 },
      false,
      [51, 46, 41, 36, 31, undefined],
    ],
    [
      'a gap larger than the budget moves down and waits for the newest',
      100,
      { lastId: 30, gap: { before: 51, top: 60 } },
      2,
      range(50, 41),
      { lastId: 30, gap: { before: 41, top: 60 } },
      true,
      [51, 46],
    ],
    [
      'the gap closes exactly at the budget: the newest is left for the next poll',
      100,
      { lastId: 41, gap: { before: 51, top: 60 } },
      2,
      range(50, 42),
      { lastId: 60 },
      true,
      [51, 46],
    ],
  ])('%s', async (_name, newest, state, maxPages, expectedIds, expectedState, truncated, requests) => {
    const fake = channel(newest);
    const result = await walkChannel({ state, maxPages, fetchPage: fake.fetchPage });
    expect(ids(result)).toEqual(expectedIds);
    expect(result.state).toEqual(expectedState);
    expect(result.truncated).toBe(truncated);
    expect(fake.requests).toEqual(requests);
  });

  test('polling a channel that grows in bursts reads every message exactly once', async () => {
    const seen: number[] = [];
    let state: ChannelState = {};
    let newest = 12;
    const poll = async () => {
      const result = await walkChannel({ state, maxPages: 2, fetchPage: channel(newest, 4).fetchPage });
      seen.push(...ids(result));
      state = result.state;
    };
    for (let i = 0; i < 8; i += 1) {
      await poll();
      newest += i % 3 === 0 ? 17 : 2;
    }
    // Once the bursts stop, the gaps are read down and the cursor catches up with the newest message.
    for (let i = 0; i < 10; i += 1) await poll();
    const first = 12 - 2 * 4 + 1;
    expect(state).toEqual({ lastId: newest });
    expect([...seen].sort((a, b) => a - b)).toEqual(range(newest, first).reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('an empty channel leaves no cursor', async () => {
    const result = await walkChannel({
      state: {},
      maxPages: 3,
      fetchPage: async () => ({ messages: [], skipped: [], ids: [], before: null }),
    });
    expect(result).toMatchObject({ messages: [], state: {}, truncated: false, pagesRead: 1 });
  });

  test('skipped messages above the cursor are reported once', async () => {
    const page: ChannelPage = {
      messages: [],
      skipped: [
        { externalId: '9', reason: 'service message' },
        { externalId: '11', reason: 'service message' },
      ],
      ids: [9, 11],
      before: null,
    };
    const result = await walkChannel({ state: { lastId: 10 }, maxPages: 3, fetchPage: async () => page });
    expect(result.skipped).toEqual([{ externalId: '11', reason: 'service message' }]);
    expect(result.state).toEqual({ lastId: 11 });
  });

  test('a page that does not lead further back stops with bad-paging', async () => {
    const page: ChannelPage = { messages: [], skipped: [], ids: [50, 51], before: 50 };
    const error = await walkChannel({
      state: { lastId: 10 },
      maxPages: 5,
      fetchPage: async () => page,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as BadInputError).reason).toBe('bad-paging');
  });

  test('a failing page fails the whole walk (the stored cursor stays) and an aborted signal stops it', async () => {
    const fake = channel(40);
    let calls = 0;
    const failing = async (before: number | undefined) => {
      calls += 1;
      if (calls === 2) throw new BadInputError('not-a-channel-page', 'garbage');
      return fake.fetchPage(before);
    };
    await expect(walkChannel({ state: { lastId: 20 }, maxPages: 5, fetchPage: failing })).rejects.toThrow(
      'garbage',
    );
    const controller = new AbortController();
    controller.abort(new Error('job time is up'));
    await expect(
      walkChannel({ state: {}, maxPages: 5, fetchPage: fake.fetchPage, signal: controller.signal }),
    ).rejects.toThrow('job time is up');
  });
});
