import { describe, expect, test } from 'vitest';
import { nextInterval } from './adaptive-interval.ts';

describe('nextInterval', () => {
  test.each([
    // current, min, max, new items → next
    [900, 300, 3600, 5, 450],
    [400, 300, 3600, 1, 300],
    [900, 300, 3600, 0, 1350],
    [3000, 300, 3600, 0, 3600],
    [900, 900, 900, 0, 900],
    [900, 900, 900, 12, 900],
  ])('%i s within [%i, %i] after %i new items → %i s', (current, min, max, items, expected) => {
    expect(nextInterval({ current, min, max }, items)).toBe(expected);
  });
});
