import { describe, expect, test } from 'vitest';
import { isoWeekOf, parseIsoWeek, previousIsoWeek } from './iso-week.ts';

describe('ISO weeks', () => {
  test.each([
    ['2026-11-23', '2026-W48', '2026-11-23', '2026-11-29'],
    ['2026-11-29', '2026-W48', '2026-11-23', '2026-11-29'],
    ['2026-01-01', '2026-W01', '2025-12-29', '2026-01-04'],
    ['2021-01-03', '2020-W53', '2020-12-28', '2021-01-03'],
    ['2024-12-30', '2025-W01', '2024-12-30', '2025-01-05'],
    ['2027-01-01', '2026-W53', '2026-12-28', '2027-01-03'],
  ])('%s is in %s (%s – %s)', (date, week, from, to) => {
    expect(isoWeekOf(date)).toEqual({ week, from, to });
  });

  test.each([
    ['2026-11-23', '2026-W47', '2026-11-16', '2026-11-22'],
    ['2026-11-29', '2026-W47', '2026-11-16', '2026-11-22'],
    ['2026-01-05', '2026-W01', '2025-12-29', '2026-01-04'],
    ['2021-01-04', '2020-W53', '2020-12-28', '2021-01-03'],
  ])('a report made on %s covers %s (%s – %s)', (date, week, from, to) => {
    expect(previousIsoWeek(date)).toEqual({ week, from, to });
  });

  test.each([
    ['2026-W44', { week: '2026-W44', from: '2026-10-26', to: '2026-11-01' }],
    ['2020-W53', { week: '2020-W53', from: '2020-12-28', to: '2021-01-03' }],
    ['2025-W53', undefined],
    ['2026-W00', undefined],
    ['2026-44', undefined],
  ])('parses %s', (week, expected) => {
    expect(parseIsoWeek(week)).toEqual(expected);
  });
});
