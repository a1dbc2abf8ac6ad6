import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../core/retry-after.ts';
import { MAX_RETRY_AFTER_MS } from './alert-senders.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['86400', MAX_RETRY_AFTER_MS],
    ['Sat, 01 Mar 2025 12:00:30 GMT', 30_000],
    ['Sat, 01 Mar 2025 11:00:00 GMT', 0],
    ['Sun, 02 Mar 2025 12:00:00 GMT', MAX_RETRY_AFTER_MS],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now, MAX_RETRY_AFTER_MS)).toBe(expected);
  });

  it('takes a smaller bound', () => {
    expect(parseRetryAfter('120', now, 10_000)).toBe(10_000);
  });
});
