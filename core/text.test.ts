import { expect, test } from 'vitest';
import { leadingChars } from './text.ts';

test.each([
  ['shorter text as it is', 'soc tar barn', 20, 'soc tar barn'],
  ['cut at max', 'abcdef', 3, 'abc'],
  ['never half an emoji: one fewer', 'ab😀cd', 3, 'ab'],
  ['a whole emoji at the cut stays', 'ab😀cd', 4, 'ab😀'],
])('%s', (_name, text, max, expected) => {
  expect(leadingChars(text, max)).toBe(expected);
});
