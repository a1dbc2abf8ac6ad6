import { describe, expect, it } from 'vitest';
import {
  isNearDuplicate,
  minhashSimilarity,
  NEAR_DUPLICATE,
  shareBand,
  shingles,
  signText,
} from './near-duplicate.ts';

const RUMOUR =
  'Socialtjänsten tog tre barn från en familj i Angered i går bara för att pappan gav sonen en örfil. Sprid innan de raderar!';
const sign = (text: string) => {
  const signature = signText(text);
  if (!signature) throw new Error(`no signature for ${text}`);
  return signature;
};

describe('signText', () => {
  it('gives identical texts the same signature and bands', () => {
    expect(sign(RUMOUR)).toEqual(sign(RUMOUR));
    expect(sign(RUMOUR).minhash).toHaveLength(NEAR_DUPLICATE.hashes);
    expect(sign(RUMOUR).bands).toHaveLength(NEAR_DUPLICATE.bands);
  });

  it('folds what normalisation folds: case, emoji, hashtag marks, Arabic diacritics and letter variants', () => {
    expect(sign(`⚠️ ${RUMOUR.toUpperCase()} 😡`)).toEqual(sign(RUMOUR));
    const plain = 'السوسيال أخدوا بنت جيرانا من المدرسة الساعة ١٠ الصبح وأمها ما عرفت إلا بالعصر';
    const marked = 'السُّوسْيال أَخدوا بِنت جيرانا من المَدرسة الساعة 10 الصبح وامها ما عرفت الا بالعصر';
    expect(sign(marked)).toEqual(sign(plain));
  });

  it.each([
    ['a prefix and a share call', `Forwarded: ${RUMOUR}\nDela vidare`],
    ['a changed number', RUMOUR.replace('tre', '4')],
    ['a typo and line breaks', RUMOUR.replace('familj', 'famlij').replace(' bara', '\n\nbara')],
    ['a cut-off tail', RUMOUR.slice(0, 80)],
    ['added hashtags', `${RUMOUR} #StoppaSoc #LVU`],
  ])('keeps a copy with %s above the threshold, in a shared band', (_name, copy) => {
    const a = sign(RUMOUR);
    const b = sign(copy);
    expect(minhashSimilarity(a.minhash, b.minhash)).toBeGreaterThanOrEqual(NEAR_DUPLICATE.threshold);
    expect(shareBand(a, b)).toBe(true);
    expect(isNearDuplicate(a, b)).toBe(true);
  });

  it('keeps different posts of the same theme below the threshold', () => {
    const others = [
      'Soc kidnappar barn i Sverige, de tar dem från skolan utan att fråga föräldrarna. Vakna upp!',
      'Min granne fick sina barn omhändertagna av socialen för att de inte åt fläskkött i skolan',
      'LVU är en svensk lag som låter staten ta barn från muslimska familjer, sprid ordet',
    ];
    for (const other of others) {
      expect(minhashSimilarity(sign(RUMOUR).minhash, sign(other).minhash)).toBeLessThan(
        NEAR_DUPLICATE.threshold,
      );
      expect(isNearDuplicate(sign(RUMOUR), sign(other))).toBe(false);
    }
  });

  it('signs nothing shorter than the minimum number of tokens', () => {
    expect(signText('Stoppa soc!')).toBeNull();
    expect(signText('😭😭 #LVU')).toBeNull();
  });
});

describe('shingles', () => {
  it('makes word and character shingles, and one shingle of a short stream', () => {
    expect([...shingles(['a', 'b', 'c'], 'word-2')]).toEqual(['a b', 'b c']);
    expect([...shingles(['ab'], 'char-5')]).toEqual(['ab']);
    expect(shingles(['abcdef'], 'char-5').size).toBe(2);
  });
});
