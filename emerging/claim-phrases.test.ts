import { describe, expect, it } from 'vitest';
import { claimPhrases } from './claim-phrases.ts';

describe('claimPhrases', () => {
  it('joins chained word pairs and drops the words already inside a phrase', () => {
    expect(claimPhrases(['جيلاً', 'جيلاً بلا', 'بلا دين', 'يريدون', 'ولا يريدون'])).toEqual([
      'جيلاً بلا دين',
      'ولا يريدون',
    ]);
  });

  it('keeps rank order: a phrase stands where its best-ranked part stood', () => {
    expect(claimPhrases(['vaccine', 'trial', 'vaccine trial', 'secret vaccine', 'foster'])).toEqual([
      'secret vaccine trial',
      'foster',
    ]);
  });

  it('compares words without case and keeps the first of two equal terms', () => {
    expect(claimPhrases(['RFID-chip', 'rfid-chip i', 'I armen', 'RFID-chip'])).toEqual(['rfid-chip i armen']);
    expect(claimPhrases(['Chip', 'chip'])).toEqual(['Chip']);
  });

  it('does not chain past six words or through single words', () => {
    const pairs = ['a b', 'b c', 'c d', 'd e', 'e f', 'f g', 'g h'];
    const phrases = claimPhrases(pairs);
    expect(phrases.every((phrase) => phrase.split(' ').length <= 6)).toBe(true);
    expect(phrases.join(' ')).toContain('a b c d e f');
    expect(claimPhrases(['x', 'y', 'z'])).toEqual(['x', 'y', 'z']);
  });

  it('returns nothing for nothing', () => {
    expect(claimPhrases([])).toEqual([]);
    expect(claimPhrases(['  '])).toEqual([]);
  });
});
