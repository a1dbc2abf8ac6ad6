import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.ts';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+46 70 123', "'+46 70 123"],
    ['-5 barn', "'-5 barn"],
    ['@handle', "'@handle"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a,b', '"a,b"'],
    ['rad 1\nrad 2', '"rad 1\nrad 2"'],
    ['säger "soc"', '"säger ""soc"""'],
    ['بنتی خطف', 'بنتی خطف'],
    [' =not first', ' =not first'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    [-3, '-3'],
    [12, '12'],
    [Number.NaN, ''],
    [null, ''],
    [undefined, ''],
    [true, 'true'],
  ])('non-text %j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('ends a row with CRLF', () => {
    expect(csvRow(['a', 1, null, '=1+1'])).toBe("a,1,,'=1+1\r\n");
  });
});
