import { describe, expect, it, test } from 'vitest';
import { loadConfig } from './config.ts';
import { chunk } from './db/erase-posts.ts';
import { retentionCutoff } from './retention.ts';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('retentionCutoff', () => {
  test.each([
    [90, '2026-08-25T12:00:00.000Z'],
    [1, '2026-11-22T12:00:00.000Z'],
    [365, '2025-11-23T12:00:00.000Z'],
  ])('%i days before the run', (days, expected) => {
    expect(retentionCutoff(NOW, days).toISOString()).toBe(expected);
  });

  test.each([0, -1, 1.5, Number.NaN])('refuses %s days', (days) => {
    expect(() => retentionCutoff(NOW, days)).toThrow(RangeError);
  });
});

describe('chunk', () => {
  test.each([
    [[], 3, []],
    [[1, 2, 3], 3, [[1, 2, 3]]],
    [[1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]],
    [[1, 2], 5_000, [[1, 2]]],
  ])('%j in batches of %i', (items, size, expected) => {
    expect(chunk(items, size)).toEqual(expected);
  });

  it('refuses a batch size below one', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('retention settings', () => {
  it('defaults to 90 days, daily at 03:30 Swedish time', () => {
    expect(loadConfig({}).privacy).toMatchObject({ retentionDays: 90, retentionSchedule: '30 3 * * *' });
  });

  test.each([
    [
      { RETENTION_DAYS: '30', RETENTION_SCHEDULE: 'off' },
      { retentionDays: 30, retentionSchedule: null },
    ],
    [{ RETENTION_SCHEDULE: '0 2 * * *' }, { retentionDays: 90, retentionSchedule: '0 2 * * *' }],
  ])('%j', (env, expected) => {
    expect(loadConfig(env).privacy).toMatchObject(expected);
  });

  test.each([{ RETENTION_DAYS: '0' }, { RETENTION_DAYS: 'ninety' }, { RETENTION_SCHEDULE: 'daily' }])(
    'refuses %j naming the variable',
    (env) => {
      expect(() => loadConfig(env)).toThrow(Object.keys(env)[0]);
    },
  );
});
