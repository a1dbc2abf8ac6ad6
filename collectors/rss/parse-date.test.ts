import { describe, expect, test } from 'vitest';
import { parseFeedDate } from './parse-date.ts';

describe('parseFeedDate', () => {
  test.each([
    ['RFC 822 with offset', 'Mon, 16 Nov 2026 12:00:00 +0000', '2026-11-16T12:00:00.000Z'],
    ['RFC 822 with GMT', 'Mon, 16 Nov 2026 12:00:00 GMT', '2026-11-16T12:00:00.000Z'],
    ['RFC 822 with US zone', 'Thu, 01 Jan 2004 19:48:21 EST', '2004-01-02T00:48:21.000Z'],
    ['RFC 822 with CET', 'Tue, 17 Nov 2026 14:00:00 CET', '2026-11-17T13:00:00.000Z'],
    ['RFC 822 with CEST', 'Mon, 15 Jun 2026 12:00:00 CEST', '2026-06-15T10:00:00.000Z'],
    ['RFC 822 two-digit year', 'Mon, 16 Nov 26 12:00:00 GMT', '2026-11-16T12:00:00.000Z'],
    ['RFC 822 without zone → UTC', 'Mon, 16 Nov 2026 12:00:00', '2026-11-16T12:00:00.000Z'],
    ['RFC 3339 with offset', '2026-11-16T08:00:00+01:00', '2026-11-16T07:00:00.000Z'],
    ['RFC 3339 with fraction', '2003-12-31T10:14:55.123Z', '2003-12-31T10:14:55.123Z'],
    ['ISO without zone → UTC', '2026-11-16T12:00:00', '2026-11-16T12:00:00.000Z'],
    ['ISO with space → UTC', '2026-11-16 12:00:00', '2026-11-16T12:00:00.000Z'],
    ['date only', '2026-11-16', '2026-11-16T00:00:00.000Z'],
    ['Swedish weekday and month', 'mån, 16 nov. 2026 12:00:00 CET', '2026-11-16T11:00:00.000Z'],
    ['Swedish month without time', '16 maj 2026', '2026-05-16T00:00:00.000Z'],
    ['surrounding white space', '  2026-11-16T12:00:00Z \n', '2026-11-16T12:00:00.000Z'],
  ])('%s: %j', (_name, raw, iso) => {
    expect(parseFeedDate(raw)?.toISOString()).toBe(iso);
  });

  test.each([
    ['garbage', 'inte ett datum'],
    ['empty', ''],
    ['null', null],
    ['undefined', undefined],
    ['a bare number', '12'],
    ['zero date', '0000-00-00'],
    ['before 1970', '1899-12-31T00:00:00Z'],
    ['after 2100', '2500-01-01T00:00:00Z'],
    ['absurdly long', `${'Mon, 16 Nov 2026 '.repeat(10)}`],
  ])('%s → null', (_name, raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });
});
