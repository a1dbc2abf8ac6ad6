import { describe, expect, test } from 'vitest';
import { cp1252Byte, cp1252C1, fixCp1252C1 } from './cp1252.ts';
import { repairText, undoDoubleDecoding } from './repair-text.ts';

describe('undoDoubleDecoding', () => {
  test.each([
    [
      'Swedish UTF-8 read as windows-1252',
      'F\u00c3\u00b6r\u00c3\u00a4ldrar f\u00c3\u00a5r st\u00c3\u00b6d',
      'Föräldrar får stöd',
    ],
    ['ellipsis via C1 control (Latin-1 reading)', '\u00e2\u0080\u00a6', '\u2026'],
    ['ellipsis via windows-1252 reading', '\u00e2\u20ac\u00a6', '\u2026'],
    ['curly quote', 'don\u00e2\u20ac\u2122t', 'don\u2019t'],
    ['genuine Latin-1 stays', 'Hallå” – ”så”', 'Hallå” – ”så”'],
    ['mixed with a character no single byte gives stays', 'F\u00c3\u00b6r \u4e2d', 'F\u00c3\u00b6r \u4e2d'],
    ['not valid UTF-8 once re-encoded stays', '\u00c3\u00a4\u00c3', '\u00c3\u00a4\u00c3'],
    ['ASCII stays', 'plain', 'plain'],
  ])('%s', (_name, input, expected) => {
    expect(undoDoubleDecoding(input)).toBe(expected);
  });
});

describe('repairText', () => {
  test.each([
    ['C1 read as windows-1252', 'don\u0092t \u0080 5', 'don\u2019t \u20ac 5'],
    ['C1 undefined in windows-1252 dropped', 'a\u0081b\u009dc', 'abc'],
    ['C0 controls dropped, tab and newline kept', 'a\u0000b\u0008\tc\nd\u007f', 'ab\tc\nd'],
    ['stray BOM dropped', '\ufeffa\ufeffb', 'ab'],
    ['ZWNJ kept (Persian needs it)', 'می\u200cخواهم', 'می\u200cخواهم'],
  ])('%s', (_name, input, expected) => {
    expect(repairText(input)).toBe(expected);
  });
});

describe('cp1252 table', () => {
  test.each([
    [0x80, '\u20ac'],
    [0x92, '\u2019'],
    [0x9f, '\u0178'],
    [0x81, '\u0081'],
  ])('byte %i → %j and back', (byte, char) => {
    expect(cp1252C1(byte)).toBe(char);
    expect(cp1252Byte(char)).toBe(byte);
  });

  test('fixCp1252C1 is a no-op on correctly decoded text', () => {
    expect(fixCp1252C1('åäö “” €')).toBe('åäö “” €');
    expect(cp1252Byte('\u4e2d')).toBeNull();
  });
});
