import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS } from '../clean-items.ts';
import { parseCount, rowHashId, rowToItem, type ImportColumns } from './import-row.ts';

const columns: ImportColumns = {
  text: 'Message',
  time: 'Post Created',
  author: 'User Name',
  url: 'URL',
  title: 'Title',
  views: 'Views',
  forwards: 'Shares',
  reactions: 'Total',
};
const lookupOf = (row: Record<string, unknown>) => (column: string) => row[column];
const base = {
  Message: 'Soc tog barnen',
  'Post Created': '2026-11-18 21:14:05 CET',
  'User Name': 'someone',
  URL: 'https://example.org/p/1',
};

describe('parseCount', () => {
  it.each([
    ['1234', 1234],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['1,204', 1204],
    ['1.204.000', 1204000],
    [42, 42],
    [41.6, 42],
    ['', undefined],
    ['12.5K', undefined],
    ['1,2', undefined],
    [-3, undefined],
    [null, undefined],
  ])('%j → %j', (raw, expected) => {
    expect(parseCount(raw)).toBe(expected);
  });
});

describe('rowToItem', () => {
  it('maps every column', () => {
    const result = rowToItem(
      lookupOf({ ...base, Title: 'Rubrik', Views: '5 412', Shares: '96', Total: '1,204' }),
      columns,
      'Europe/Stockholm',
    );
    expect(result).toEqual({
      item: {
        externalId: expect.stringMatching(/^row-[\w-]{24}$/),
        url: 'https://example.org/p/1',
        title: 'Rubrik',
        text: 'Soc tog barnen',
        author: 'someone',
        publishedAt: new Date('2026-11-18T20:14:05Z'),
        metrics: { views: 5412, forwards: 96, reactions: 1204 },
      },
    });
  });

  it('takes the id column when mapped and filled, the row hash otherwise', () => {
    const withId = { ...columns, id: 'Id' };
    const a = rowToItem(lookupOf({ ...base, Id: 'abc' }), withId, 'UTC');
    const b = rowToItem(lookupOf({ ...base, Id: '' }), withId, 'UTC');
    expect('item' in a && a.item.externalId).toBe('abc');
    expect('item' in b && b.item.externalId).toMatch(/^row-/);
  });

  it('gives the same hash id for the same post whatever its counts, another for another text', () => {
    const id = (row: Record<string, unknown>) => {
      const result = rowToItem(lookupOf(row), columns, 'UTC');
      return 'item' in result ? result.item.externalId : null;
    };
    expect(id({ ...base, Views: '10' })).toBe(id({ ...base, Views: '99' }));
    expect(id(base)).not.toBe(id({ ...base, Message: 'Soc tog barnen!' }));
    expect(rowHashId(['a', undefined])).toBe(rowHashId(['a', undefined]));
  });

  it.each([
    ['no text', { ...base, Message: '' }, /no text in column "Message"/],
    ['white space only', { ...base, Message: '  \n ' }, /no text/],
    ['text is an object', { ...base, Message: { a: 1 } }, /not text/],
    [
      'unreadable time',
      { ...base, 'Post Created': 'igår 14:00' },
      /unreadable time in column "Post Created": "igår 14:00"/,
    ],
    ['text over the cap', { ...base, Message: 'a'.repeat(MAX_TEXT_CHARS + 1) }, /longer than/],
  ])('refuses %s', (_name, row, reason) => {
    const result = rowToItem(lookupOf(row), columns, 'UTC');
    expect('reason' in result && result.reason).toMatch(reason);
  });

  it('keeps a row without a time (the collector dates it) and drops non-http links and bad counts', () => {
    const result = rowToItem(
      lookupOf({ Message: 'text', URL: 'javascript:alert(1)', Views: 'many' }),
      columns,
      'UTC',
    );
    expect(result).toEqual({
      item: expect.objectContaining({ publishedAt: null, url: null, author: null, title: null }),
    });
    expect('item' in result && result.item.metrics).toBeUndefined();
  });
});
