/**
 * Makes composed user posts read like typed ones: missing diacritics, unnormalised Arabic letters, shouting,
 * lower case, a swapped letter. Applied to people's posts only, never to official or news text.
 */
import type { GenLanguage } from './locale.ts';
import type { Rng } from './rng.ts';

const strip = (text: string, table: Record<string, string>): string =>
  text.replace(/./gu, (char) => table[char] ?? char);

const SWEDISH_PLAIN: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', Å: 'A', Ä: 'A', Ö: 'O' };
const TURKISH_PLAIN: Record<string, string> = {
  ç: 'c',
  ş: 's',
  ğ: 'g',
  ı: 'i',
  ö: 'o',
  ü: 'u',
  Ç: 'C',
  Ş: 'S',
  Ğ: 'G',
  İ: 'I',
  Ö: 'O',
  Ü: 'U',
};
const BOSNIAN_PLAIN: Record<string, string> = {
  č: 'c',
  ć: 'c',
  š: 's',
  ž: 'z',
  đ: 'dj',
  Č: 'C',
  Ć: 'C',
  Š: 'S',
  Ž: 'Z',
};

/** Swaps two neighbouring letters inside one longer word. */
function swapTypo(text: string, rng: Rng): string {
  const words = text.split(' ');
  const candidates = words.map((word, i) => (/^\p{L}{5,}$/u.test(word) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const index = rng.pick(candidates);
  const word = words[index] ?? '';
  const at = rng.int(1, word.length - 3);
  words[index] = word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2);
  return words.join(' ');
}

const shout = (text: string, rng: Rng): string => text.replace(/!+/gu, () => '!'.repeat(rng.int(2, 4)));

/** Returns `text` roughened the way people in `lang` often type; `level` 0..1 scales every probability. */
export function roughen(text: string, lang: GenLanguage, rng: Rng, level = 1): string {
  const p = (probability: number) => rng.chance(probability * level);
  let out = text;
  switch (lang) {
    case 'sv':
      if (p(0.15)) out = strip(out, SWEDISH_PLAIN);
      if (p(0.25)) out = out.toLowerCase();
      if (p(0.08)) out = swapTypo(out, rng);
      if (p(0.2)) out = shout(out, rng);
      break;
    case 'en':
      if (p(0.25)) out = out.toLowerCase();
      if (p(0.15))
        out = out
          .replace(/\byou\b/gu, 'u')
          .replace(/\bpeople\b/gu, 'ppl')
          .replace(/\bplease\b/giu, 'pls');
      if (p(0.08)) out = swapTypo(out, rng);
      if (p(0.2)) out = shout(out, rng);
      break;
    case 'ar':
      if (p(0.45)) out = out.replace(/[أإآ]/gu, 'ا');
      if (p(0.15)) out = out.replace(/ة(?=\s|$|[.,،!؟])/gu, 'ه');
      if (p(0.1)) out = out.replace(/ى(?=\s|$)/gu, 'ي');
      if (p(0.1)) out = out.replace(/يا /u, 'يااااا ');
      if (p(0.15)) out = out.replace(/؟/gu, '??');
      if (p(0.2)) out = shout(out, rng);
      break;
    case 'fa':
    case 'ckb':
      if (p(0.3)) out = out.replace(/\u200c/gu, ' ');
      if (p(0.1)) out = out.replace(/ی/gu, 'ي').replace(/ک/gu, 'ك');
      break;
    case 'tr':
      if (p(0.3)) out = strip(out, TURKISH_PLAIN);
      if (p(0.15)) out = shout(out, rng);
      break;
    case 'so':
      if (p(0.3)) out = out.toLowerCase();
      if (p(0.08)) out = swapTypo(out, rng);
      break;
    case 'bs':
      if (p(0.35)) out = strip(out, BOSNIAN_PLAIN);
      break;
    case 'kmr':
      if (p(0.3)) out = out.replace(/[êîû]/gu, (char) => ({ ê: 'e', î: 'i', û: 'u' })[char] ?? char);
      break;
    case 'fr':
      if (p(0.2)) out = out.toLowerCase();
      break;
  }
  return out;
}
