import { describe, expect, test } from 'vitest';
import {
  cpuTicks,
  fmt,
  infoField,
  interleave,
  median,
  peakRssBytes,
  percentile,
  perSecond,
  summarise,
} from './stats.ts';

const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose

describe('percentile (nearest rank)', () => {
  test.each([
    [[5], 50, 5],
    [[5], 99, 5],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 75, 3],
    [[1, 2, 3, 4], 76, 4],
    [[4, 1, 3, 2], 100, 4],
    [[4, 1, 3, 2], 0, 1],
    [hundred, 95, 95],
    [hundred, 99, 99],
    [hundred, 99.5, 100],
  ])('%j p%d = %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  test('empty list is NaN, input left unsorted, p outside 0–100 refused', () => {
    expect(percentile([], 50)).toBeNaN();
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
    expect(() => percentile(values, 101)).toThrow(RangeError);
    expect(() => percentile(values, Number.NaN)).toThrow(RangeError);
  });

  test('summarise agrees with percentile', () => {
    expect(summarise(hundred)).toEqual({ n: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(summarise([]).p50).toBeNaN();
  });
});

describe('rates and splits', () => {
  test.each([
    [1000, 2000, 500],
    [3, 1500, 2],
    [10, 0, 0],
  ])('%d items in %d ms = %d/s', (count, ms, expected) => {
    expect(perSecond(count, ms)).toBe(expected);
  });

  test('interleave deals items round-robin, keeping order within each share', () => {
    expect(interleave([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 3, 5],
      [2, 4],
    ]);
    expect(interleave([1, 2], 3)).toEqual([[1], [2], []]);
    expect(() => interleave([1], 0)).toThrow(RangeError);
  });

  test.each([
    [[], Number.NaN],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %d', (values, expected) => {
    expect(median(values)).toEqual(expected);
  });
});

describe('parsing /proc and Redis INFO', () => {
  const status = 'Name:\tnode\nVmPeak:\t 2000000 kB\nVmHWM:\t  907000 kB\nVmRSS:\t  800000 kB\n';
  test('VmHWM in bytes, null when absent', () => {
    expect(peakRssBytes(status)).toBe(907_000 * 1024);
    expect(peakRssBytes('Name:\tnode\n')).toBeNull();
  });

  const info = '# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\nused_memory_rss:2000\r\n';
  test.each([
    ['used_memory', 1_048_576],
    ['used_memory_rss', 2000],
    ['used_memory_peak', null],
  ])('%s = %j', (field, expected) => {
    expect(infoField(info, field)).toBe(expected);
  });

  test('fmt groups thousands and rounds; non-finite shows a dash', () => {
    expect(fmt(1234567)).toBe('1,234,567');
    expect(fmt(2.345, 1)).toBe('2.3');
    expect(fmt(Number.NaN)).toBe('-');
  });
});

test('cpuTicks adds utime and stime, whatever the command name holds', () => {
  const rest = 'S 1 2 3 4 5 6 7 8 9 10 250 40 0 0 20 0 1 0 100 2000 300';
  expect(cpuTicks(`123 (node) ${rest}`)).toBe(290);
  expect(cpuTicks(`123 (postgres: a) b) ${rest}`)).toBe(290);
});
