import { describe, expect, test } from 'vitest';
import { parseSince } from './audit.ts';

describe('parseSince', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');

  test.each([
    ['30m', '2026-03-10T11:30:00.000Z'],
    ['24h', '2026-03-09T12:00:00.000Z'],
    ['7d', '2026-03-03T12:00:00.000Z'],
    ['2026-02-28', '2026-02-28T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-02-28T10:15:00Z', '2026-02-28T10:15:00.000Z'],
    ['2026-02-28T10:15:00+01:00', '2026-02-28T09:15:00.000Z'],
  ])('%s', (raw, iso) => expect(parseSince(raw, now).toISOString()).toBe(iso));

  test.each(['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-02-30T10:00:00Z'])(
    '%s is not a calendar date',
    (raw) => expect(() => parseSince(raw, now)).toThrow(/is not a calendar date/),
  );

  test.each(['yesterday', '1w', '2026-3-1', ''])('%j is refused with the accepted forms', (raw) =>
    expect(() => parseSince(raw, now)).toThrow(/expected 30m, 24h, 7d or an ISO date/),
  );
});
