import { expect, test } from 'vitest';
import { compareIds, newestId } from './status-id.ts';

test.each([
  ['113500000000000105', '113500000000000104', 1],
  ['113500000000000104', '113500000000000105', -1],
  ['113500000000000105', '113500000000000105', 0],
  // Past 2^53 Number would round these to the same value.
  ['9007199254740993', '9007199254740992', 1],
  ['99', '100', -1],
  ['AbCd', 'AbCe', -1],
  ['Zz', 'Aaa', -1],
])('compareIds(%s, %s) has sign %i', (a, b, sign) => {
  expect(Math.sign(compareIds(a, b))).toBe(sign);
});

test.each([
  [['3', '10', '9'], undefined, '10'],
  [[], '5', '5'],
  [[], undefined, undefined],
  [['4'], '5', '5'],
  [['6'], '5', '6'],
])('newestId(%j, %s) = %s', (ids, fallback, expected) => {
  expect(newestId(ids, fallback)).toBe(expected);
});
