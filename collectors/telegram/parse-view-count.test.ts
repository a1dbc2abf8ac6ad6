import { expect, test } from 'vitest';
import { parseViewCount } from './parse-view-count.ts';

test.each([
  ['401', 401],
  ['0', 0],
  ['1.2K', 1_200],
  ['3,4K', 3_400],
  ['12.7K', 12_700],
  ['999K', 999_000],
  ['1M', 1_000_000],
  ['1.1M', 1_100_000],
  ['2B', 2_000_000_000],
  ['1,234', 1_234],
  ['1 234', 1_234],
  ['1\u00a0234', 1_234],
  [' 5.3k ', 5_300],
  ['', null],
  ['.', null],
  ['1.2.3', null],
  ['K', null],
  ['12 views', null],
  ['-5', null],
])('%j → %j', (raw, expected) => {
  expect(parseViewCount(raw)).toBe(expected);
});
