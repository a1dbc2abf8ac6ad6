import { describe, expect, it } from 'vitest';
import { isTimeZone, parseImportTime } from './parse-import-time.ts';

const STOCKHOLM = 'Europe/Stockholm';

describe('parseImportTime', () => {
  it.each([
    ['ISO with Z', '2026-11-18T20:11:03Z', '2026-11-18T20:11:03.000Z'],
    ['ISO with offset', '2026-11-18T20:11:03+01:00', '2026-11-18T19:11:03.000Z'],
    ['ISO with compact offset', '2026-11-18T20:11:03+0100', '2026-11-18T19:11:03.000Z'],
    ['ISO with fraction', '2026-11-18T20:11:03.250Z', '2026-11-18T20:11:03.250Z'],
    ['local winter time (CET)', '2026-01-15 12:00', '2026-01-15T11:00:00.000Z'],
    ['local summer time (CEST)', '2026-07-15 12:00:30', '2026-07-15T10:00:30.000Z'],
    ['local with T', '2026-07-15T12:00:30', '2026-07-15T10:00:30.000Z'],
    ['date only: local midnight', '2026-07-15', '2026-07-14T22:00:00.000Z'],
    ['CrowdTangle zone suffix CET', '2026-11-18 21:14:05 CET', '2026-11-18T20:14:05.000Z'],
    ['CrowdTangle zone suffix EST', '2021-03-01 12:34:56 EST', '2021-03-01T17:34:56.000Z'],
    ['UTC suffix', '2026-11-18 21:14:05 UTC', '2026-11-18T21:14:05.000Z'],
    ['Unix seconds', '1763496663', '2025-11-18T20:11:03.000Z'],
    ['Unix seconds with fraction', '1763496663.5', '2025-11-18T20:11:03.500Z'],
    ['Unix milliseconds', '1763496663250', '2025-11-18T20:11:03.250Z'],
    ['surrounding space', '  2026-11-18T20:11:03Z ', '2026-11-18T20:11:03.000Z'],
  ])('%s: %s', (_name, raw, iso) => {
    expect(parseImportTime(raw, STOCKHOLM)?.toISOString()).toBe(iso);
  });

  it.each([
    // Spring forward in Stockholm: 02:00 CET becomes 03:00 CEST (01:00 UTC).
    ['the hour before the spring change', '2026-03-29 01:30', '2026-03-29T00:30:00.000Z'],
    ['in the spring gap: read with the winter offset', '2026-03-29 02:30', '2026-03-29T01:30:00.000Z'],
    ['just after the spring change', '2026-03-29 03:30', '2026-03-29T01:30:00.000Z'],
    // Fall back: 03:00 CEST becomes 02:00 CET (01:00 UTC); 02:00–02:59 happens twice.
    ['the hour before the autumn change', '2026-10-25 01:30', '2026-10-24T23:30:00.000Z'],
    ['in the autumn overlap: the earlier reading', '2026-10-25 02:30', '2026-10-25T00:30:00.000Z'],
    ['just after the autumn overlap', '2026-10-25 03:30', '2026-10-25T02:30:00.000Z'],
  ])('daylight saving, %s: %s', (_name, raw, iso) => {
    expect(parseImportTime(raw, STOCKHOLM)?.toISOString()).toBe(iso);
  });

  it('reads a JSON number as Unix time', () => {
    expect(parseImportTime(1763496663, STOCKHOLM)?.toISOString()).toBe('2025-11-18T20:11:03.000Z');
  });

  it('uses the given zone for local times', () => {
    expect(parseImportTime('2026-07-15 12:00', 'UTC')?.toISOString()).toBe('2026-07-15T12:00:00.000Z');
    expect(parseImportTime('2026-07-15 12:00', 'America/New_York')?.toISOString()).toBe(
      '2026-07-15T16:00:00.000Z',
    );
  });

  it.each([
    ['relative Swedish', 'igår 14:00'],
    ['empty', ''],
    ['month 13', '2026-13-01 10:00'],
    ['31 February', '2026-02-31'],
    ['hour 24', '2026-02-01 24:00'],
    ['unknown zone word', '2026-11-18 21:14:05 XYZ'],
    ['before 1970', '1969-12-31T23:00:00Z'],
    ['after 2100', '2100-01-01T00:00:00Z'],
    ['short number', '12345'],
    ['prose', 'last Tuesday'],
    ['US order', '11/18/2026 9:14 PM'],
  ])('refuses %s: %s', (_name, raw) => {
    expect(parseImportTime(raw, STOCKHOLM)).toBeNull();
  });

  it('refuses non-scalars', () => {
    expect(parseImportTime({ date: '2026-01-01' }, STOCKHOLM)).toBeNull();
    expect(parseImportTime(null, STOCKHOLM)).toBeNull();
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Stockholm')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
