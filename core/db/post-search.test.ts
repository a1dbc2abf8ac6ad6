import { describe, expect, it } from 'vitest';
import { searchConfigOf, searchDocument, searchQueryText } from './post-search.ts';

describe('searchConfigOf', () => {
  it.each([
    ['sv', 'swedish'],
    ['ar', 'arabic'],
    ['nn', 'norwegian'],
    ['hr', 'serbian'],
    ['fa', 'simple'],
    ['prs', 'simple'],
    ['so', 'simple'],
    ['ti', 'simple'],
    ['kmr', 'simple'],
    ['und', 'simple'],
    [null, 'simple'],
  ])('%s → %s', (lang, config) => {
    expect(searchConfigOf(lang)).toBe(config);
  });
});

describe('search normal form', () => {
  it('folds documents and queries alike', () => {
    expect(searchQueryText('اِبْنَتِي')).toBe(searchDocument(null, 'ابنتی'));
    expect(searchQueryText('كودك')).toBe(searchDocument(null, 'کودک'));
    expect(searchQueryText('الحكومة')).toBe('الحکومه');
    expect(searchQueryText('SOCIALTJÄNSTEN')).toBe('socialtjänsten');
  });

  it('joins title, text and image text, without URLs', () => {
    expect(searchDocument('Rubrik', 'Text https://x.example/a', ['OCR-text'])).toBe('rubrik text ocr-text');
  });
});
