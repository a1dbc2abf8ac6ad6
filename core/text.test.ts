import { describe, expect, it, test } from 'vitest';
import { hasUnstorableText, leadingChars, storableText } from './text.ts';

test.each([
  ['shorter text as it is', 'soc tar barn', 20, 'soc tar barn'],
  ['cut at max', 'abcdef', 3, 'abc'],
  ['never half an emoji: one fewer', 'ab😀cd', 3, 'ab'],
  ['a whole emoji at the cut stays', 'ab😀cd', 4, 'ab😀'],
])('%s', (_name, text, max, expected) => {
  expect(leadingChars(text, max)).toBe(expected);
});

describe('storableText', () => {
  test.each([
    ['plain text', 'Socialtjänsten 🙂', 'Socialtjänsten 🙂'],
    ['NUL removed', 'a\u0000b\u0000', 'ab'],
    ['lone high surrogate', 'a\ud83db', 'a\ufffdb'],
    ['lone low surrogate', 'a\ude42b', 'a\ufffdb'],
    ['high surrogate at the end', 'ab\ud83d', 'ab\ufffd'],
    ['reversed pair', '\ude42\ud83d', '\ufffd\ufffd'],
    ['NUL between the halves of a pair', '\ud83d\u0000\ude42', '\ufffd\ufffd'],
    ['other controls kept (Postgres stores them)', 'a\u0001\tb', 'a\u0001\tb'],
  ])('%s', (_name, input, expected) => {
    expect(storableText(input)).toBe(expected);
  });

  it('matches what Postgres already stored for lone surrogates, so ids and hashes stay the same', () => {
    expect(Buffer.from(storableText('x\ud800'), 'utf8')).toEqual(Buffer.from('x\ud800', 'utf8'));
  });
});

test.each([
  ['plain text and emoji', 'soc tar barn 😀', false],
  ['a NUL', 'a\u0000b', true],
  ['a lone surrogate', 'a\ud800b', true],
])('hasUnstorableText: %s', (_name, text, expected) => {
  expect(hasUnstorableText(text)).toBe(expected);
  // The pattern is global: a second call on the same text must answer the same.
  expect(hasUnstorableText(text)).toBe(expected);
});
