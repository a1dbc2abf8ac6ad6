/**
 * Copy-paste edits (pure, seeded): what a message picks up as it is forwarded from group to group and
 * platform to platform. Used by `eval-near-duplicates.ts` to make positive pairs from corpus posts.
 */
import type { Rng } from './generator/rng.ts';

export const EDIT_KINDS = [
  'add-emoji',
  'remove-emoji',
  'add-hashtags',
  'remove-hashtags',
  'share-call',
  'prefix',
  'number-or-place',
  'line-breaks',
  'truncate',
  'typo',
  'diacritics',
] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

const EMOJI = ['💔', '😭', '🙏', '‼️', '⚠️', '🇸🇪', '😡', '👇', '🔴', '❗'];
const HASHTAGS: Record<string, string[]> = {
  ar: ['#أوقفوا_خطف_أطفالنا', '#السويد_تخطف_أطفال_المسلمين', '#انقذوا_اطفالنا'],
  fa: ['#سوسیال_بچه_دزد', '#نجات_کودکان'],
  sv: ['#StoppaSoc', '#LVU', '#slutakidnappavårabarn'],
  en: ['#SwedenKidnapsChildren', '#StopKidnappingOurChildren'],
  default: ['#SwedenKidnapsChildren', '#LVU'],
};
const SHARE_CALLS: Record<string, string[]> = {
  ar: ['انشر ولك الأجر', 'انشروا قدر الإمكان', 'شاركوا لتصل للجميع'],
  fa: ['لطفا پخش کنید', 'نشر دهید'],
  sv: ['Sprid!!', 'Dela vidare', 'Sprid detta så mycket ni kan'],
  en: ['Please share', 'SHARE before they delete this'],
  so: ['Fadlan faafi', 'La wadaag'],
  tr: ['Paylaşın', 'Lütfen yayın'],
  de: ['Bitte teilen'],
  default: ['share', 'Please share'],
};
const PREFIXES: Record<string, string[]> = {
  ar: ['عاجل:', 'عاجل ‼️', 'منقول:', 'Forwarded:'],
  fa: ['فوری:', 'Forwarded:'],
  sv: ['Vidarebefordrat:', 'VIKTIGT:', 'Forwarded:'],
  default: ['Forwarded:', 'Forwarded as received:', 'URGENT:'],
};
const PLACES = ['Angered', 'Bergsjön', 'Rinkeby', 'Gällivare', 'Malmö', 'Göteborg', 'Stockholm', 'Umeå'];
const ARABIC_LETTER = /[\u0621-\u063a\u0641-\u064a]/u;
const TASHKEEL = ['\u064e', '\u064f', '\u0650', '\u0651', '\u0652', '\u064b'];
const EMOJI_RE = /\p{Extended_Pictographic}\ufe0f?/gu;
const HASHTAG_RE = /(^|\s)#[\p{L}\p{M}\p{N}_]+/gu;

const forLang = (table: Record<string, string[]>, lang: string): string[] =>
  table[lang] ?? table['default'] ?? [];

/** Applies one edit; returns null when the edit has nothing to act on in this text (e.g. no emoji to remove). */
export function applyEdit(text: string, kind: EditKind, lang: string, rng: Rng): string | null {
  const words = text.split(' ');
  switch (kind) {
    case 'add-emoji': {
      const emoji = Array.from({ length: rng.int(1, 3) }, () => rng.pick(EMOJI)).join('');
      return rng.chance(0.5) ? `${emoji} ${text}` : `${text} ${emoji}`;
    }
    case 'remove-emoji': {
      const out = text.replace(EMOJI_RE, '').replace(/ {2,}/g, ' ').trim();
      return out === text ? null : out;
    }
    case 'add-hashtags': {
      const tags = rng.sample(forLang(HASHTAGS, lang), rng.int(1, 2)).join(' ');
      return `${text}\n${tags}`;
    }
    case 'remove-hashtags': {
      const out = text.replace(HASHTAG_RE, '$1').replace(/ {2,}/g, ' ').trim();
      return out === text || out === '' ? null : out;
    }
    case 'share-call':
      return `${text}\n${rng.pick(forLang(SHARE_CALLS, lang))}`;
    case 'prefix':
      return `${rng.pick(forLang(PREFIXES, lang))} ${text}`;
    case 'number-or-place': {
      const numbers = [...text.matchAll(/[0-9٠-٩۰-۹]+/gu)];
      if (numbers.length > 0) {
        const m = rng.pick(numbers);
        const replacement = String(rng.int(2, 99) * (m[0].length > 2 ? 100 : 1));
        return text.slice(0, m.index) + replacement + text.slice(m.index + m[0].length);
      }
      const place = PLACES.find((p) => text.includes(p));
      if (!place) return null;
      return text.replace(place, rng.pick(PLACES.filter((p) => p !== place)));
    }
    case 'line-breaks': {
      if (words.length < 4) return null;
      const out = [...words];
      for (let k = rng.int(1, 3); k > 0; k--) {
        const i = rng.int(1, out.length - 1);
        out[i] = `${rng.chance(0.5) ? '\n\n' : '\n'}${out[i]!}`;
      }
      return out.join(' ').replace(/ \n/g, '\n');
    }
    case 'truncate': {
      if (words.length < 8) return null;
      const keep = Math.max(5, Math.round(words.length * (0.7 + rng.next() * 0.2)));
      return `${words.slice(0, keep).join(' ')}${rng.chance(0.5) ? '…' : ''}`;
    }
    case 'typo': {
      const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => [...w].length >= 4);
      if (candidates.length === 0) return null;
      const { w, i } = rng.pick(candidates);
      const chars = [...w];
      const at = rng.int(1, chars.length - 2);
      const how = rng.int(0, 2);
      if (how === 0) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
      else if (how === 1) chars.splice(at, 1);
      else chars.splice(at, 0, chars[at]!);
      const out = [...words];
      out[i] = chars.join('');
      return out.join(' ');
    }
    case 'diacritics': {
      if (!ARABIC_LETTER.test(text)) return null;
      let out = '';
      for (const ch of text) out += ARABIC_LETTER.test(ch) && rng.chance(0.3) ? ch + rng.pick(TASHKEEL) : ch;
      return out;
    }
  }
}

/** `count` edits drawn at random among those that apply to the text; returns the edited text and what was done. */
export function copyPasteVariant(
  text: string,
  lang: string,
  count: number,
  rng: Rng,
): { text: string; edits: EditKind[] } {
  let out = text;
  const edits: EditKind[] = [];
  for (const kind of rng.shuffle([...EDIT_KINDS])) {
    if (edits.length >= count) break;
    const next = applyEdit(out, kind, lang, rng);
    if (next !== null && next !== out) {
      out = next;
      edits.push(kind);
    }
  }
  return { text: out, edits };
}
