import { describe, expect, it } from 'vitest';
import { quoteBigIntegers } from './json-big-integers.ts';

describe('quoteBigIntegers', () => {
  it.each([
    ['a 64-bit id', '{"id":1860000000000000001}', '{"id":"1860000000000000001"}'],
    ['negative', '[-1860000000000000001]', '["-1860000000000000001"]'],
    ['in an array with spaces', '[ 1860000000000000001 , 2 ]', '[ "1860000000000000001" , 2 ]'],
    ['a safe integer stays', '{"id":9007199254740991}', '{"id":9007199254740991}'],
    ['a long fraction stays', '{"x":1.12345678901234567}', '{"x":1.12345678901234567}'],
    ['an exponent stays', '{"x":12345678901234567e2}', '{"x":12345678901234567e2}'],
    ['digits inside a string stay', '{"t":"id 1860000000000000001 \\" 1860000000000000002"}', null],
    ['nothing to do', '{"a":1}', null],
  ])('%s', (_name, input, expected) => {
    expect(quoteBigIntegers(input)).toBe(expected ?? input);
  });

  it('keeps every digit through JSON.parse', () => {
    const parsed = JSON.parse(quoteBigIntegers('{"id":1860000000000000001,"n":3}')) as Record<
      string,
      unknown
    >;
    expect(parsed).toEqual({ id: '1860000000000000001', n: 3 });
  });
});
