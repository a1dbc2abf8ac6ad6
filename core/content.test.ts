import { describe, expect, it } from 'vitest';
import { canonicalUrl, contentHash, textForAnalysis } from './content.ts';

describe('contentHash', () => {
  it('ignores case and spacing but not digits', () => {
    expect(contentHash('Soc  tog BARNEN\n')).toBe(contentHash('soc tog barnen'));
    expect(contentHash('50 000 barn')).not.toBe(contentHash('60 000 barn'));
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['https://a.se/x?utm_source=fb&id=2#top', 'https://a.se/x?id=2'],
    ['https://a.se/x?b=1&a=2&fbclid=zz', 'https://a.se/x?a=2&b=1'],
    ['/post/1', 'https://base.se/post/1'],
    ['javascript:alert(1)', null],
    ['not a url at all', 'https://base.se/not%20a%20url%20at%20all'],
    ['', null],
  ])('%s → %s', (raw, expected) => {
    expect(canonicalUrl(raw, 'https://base.se/')).toBe(expected);
  });
});

describe('textForAnalysis', () => {
  it.each([
    [{ title: 'Rubrik', text: 'Text' }, 'Rubrik\nText'],
    [{ title: 'Rubrik', text: 'Rubrik och mer' }, 'Rubrik och mer'],
    [{ title: null, text: 'Text' }, 'Text'],
    [{ title: '  ', text: 'Text' }, 'Text'],
  ])('%j → %j', (post, expected) => {
    expect(textForAnalysis(post)).toBe(expected);
  });
});
