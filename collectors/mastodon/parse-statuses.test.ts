import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BadInputError } from '../../core/errors.ts';
import { parseAccount, parseStatusPage } from './parse-statuses.ts';

const fixtureText = (name: string) =>
  fs.readFileSync(new URL(`../../test/fixtures/mastodon/${name}`, import.meta.url), 'utf8');
const bytes = (text: string) => new TextEncoder().encode(text);
const timeline = () => JSON.parse(fixtureText('tag-timeline.json')) as Record<string, unknown>[];

const reasonOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadInputError) return error.reason;
    throw error;
  }
  return undefined;
};

describe('parseStatusPage', () => {
  test('reads every status of the documented shape, newest first as sent', () => {
    const page = parseStatusPage(bytes(fixtureText('tag-timeline.json')));
    expect(page.skipped).toEqual([]);
    expect(page.statuses.map((s) => s.id)).toEqual([
      '113500000000000105',
      '113500000000000104',
      '113500000000000103',
      '113500000000000102',
      '113500000000000101',
    ]);
    expect(page.ids).toEqual(page.statuses.map((s) => s.id));
    const boost = page.statuses[1];
    expect(boost?.reblog?.account.acct).toBe('granskare@annan.example');
  });

  test.each<[string, (s: Record<string, unknown>) => unknown, string]>([
    ['no account', ({ account: _a, ...rest }) => rest, 'account'],
    ['content is not text', (s) => ({ ...s, content: 42 }), 'content'],
    ['created_at is not a date', (s) => ({ ...s, created_at: 'gestern' }), 'created_at'],
    ['negative count', (s) => ({ ...s, favourites_count: -1 }), 'favourites_count'],
    ['a malformed boosted status', (s) => ({ ...s, reblog: { id: 'x y' } }), 'reblog'],
    ['an id with a slash', (s) => ({ ...s, in_reply_to_id: '../1' }), 'in_reply_to_id'],
  ])('a status with %s is skipped with its reason; the others go in', (_name, spoil, path) => {
    const statuses = timeline();
    statuses[2] = spoil(statuses[2]!) as Record<string, unknown>;
    const page = parseStatusPage(bytes(JSON.stringify(statuses)));
    expect(page.statuses).toHaveLength(4);
    expect(page.skipped).toHaveLength(1);
    expect(page.skipped[0]?.externalId).toBe('113500000000000103');
    expect(page.skipped[0]?.reason).toMatch(new RegExp(`^malformed status \\(${path}`));
    // The cursor still moves past it.
    expect(page.ids).toContain('113500000000000103');
  });

  test('entries without an id are skipped by position, and not in the cursor', () => {
    const page = parseStatusPage(bytes(JSON.stringify([null, 'x', { id: 5 }, timeline()[0]])));
    expect(page.statuses).toHaveLength(1);
    expect(page.skipped.map((s) => s.externalId)).toEqual(['entry 1', 'entry 2', 'entry 3']);
    expect(page.ids).toEqual(['113500000000000105']);
  });

  test('extra and missing optional fields are tolerated', () => {
    const [first] = timeline();
    const { language: _l, media_attachments: _m, spoiler_text: _s, url: _u, ...minimal } = first!;
    const page = parseStatusPage(bytes(JSON.stringify([{ ...minimal, quote: { anything: true } }])));
    expect(page.skipped).toEqual([]);
    expect(page.statuses[0]?.url).toBeUndefined();
  });

  test.each([
    ['an HTML error page', '<!DOCTYPE html><html><body>502</body></html>', 'bad-json'],
    ['truncated JSON', '[{"id":"1"', 'bad-json'],
    ['an empty body', '', 'bad-json'],
    ['an API error', '{"error":"This API requires an authenticated user"}', 'bad-api-response'],
    ['an object', '{"statuses":[]}', 'bad-api-response'],
    ['a number', '42', 'bad-api-response'],
  ])('%s fails the page with %s', (_name, body, reason) => {
    expect(reasonOf(() => parseStatusPage(bytes(body)))).toBe(reason);
  });

  test('the API error text is in the message', () => {
    expect(() => parseStatusPage(bytes('{"error":"This API requires an authenticated user"}'))).toThrow(
      /requires an authenticated user/,
    );
  });

  test('an empty list is an empty page', () => {
    expect(parseStatusPage(bytes('[]'))).toEqual({ statuses: [], skipped: [], ids: [] });
  });
});

describe('parseAccount', () => {
  test('reads the looked-up account', () => {
    expect(parseAccount(bytes(fixtureText('account-lookup.json')))).toMatchObject({
      id: '109000000000000001',
      acct: 'soc_vakt_demo',
    });
  });

  test.each([
    ['{"error":"Record not found"}', 'bad-api-response'],
    ['{"acct":"x"}', 'bad-api-response'],
    ['not json', 'bad-json'],
  ])('%s → %s', (body, reason) => {
    expect(reasonOf(() => parseAccount(bytes(body)))).toBe(reason);
  });
});
