/**
 * Place detection (pure): which Swedish municipalities and districts a post names (data/places.json).
 *
 * The file is compiled once at import into a map from the matching key of a name's first word (normalise.ts
 * folding, ZWNJ removed) to the spellings that start with it. Derived at compile time: ASCII spellings of
 * Latin names (Göteborg → goteborg, goeteborg) and the Swedish genitive (Malmös, Upplands Väsbys).
 * At match time: Arabic clitics are stripped from a word that is no place as written (وبمالمو), Persian
 * suffixes after a ZWNJ are dropped (رینکبی‌ها), and a Latin word that starts with a name of five or more
 * letters counts as a compound of it (Göteborgspolisen, Rinkebyskolan).
 * Ambiguous spellings (Vara, Mark, Lund …) count only as the first word of a hashtag, or written with a
 * capital next to a context word ("i Vara", "Vara kommun"); see `about` in the data file.
 */
import placesJson from './data/places.json' with { type: 'json' };
import { cleanText, foldText, tokenSpans, type TokenSpan } from './normalise.ts';
import { placesSchema, type DistrictEntry, type MunicipalityEntry } from './places-schema.ts';

export interface PlaceMatch {
  /** Kommunkod (SCB) of the municipality. */
  code: string;
  /** Official name of the municipality. */
  name: string;
  /** The district named, or null when the municipality itself was named. */
  district: string | null;
  /** The words as written in the post (after cleanText), clitics and suffixes included. */
  matched: string;
}

interface Target {
  code: string;
  name: string;
  district: string | null;
}

/** One spelling: the target it names, the keys of its words after the first, whether it needs context. */
interface Candidate {
  target: number;
  rest: readonly string[];
  ambiguous: boolean;
}

const ZWNJ = '\u200c';
const UPPER_RE = /^\p{Lu}/u;
/** As in normalise.ts; hashtags are wrapped in private-use marks so that the matcher can see them. */
const HASHTAG_RE = /(^|[^\p{L}\p{M}\p{N}_&])#([\p{L}\p{M}\p{N}_\u200c]+)/gu;
const CAMEL_RE = /(\p{Ll})(\p{Lu})/gu;
const TAG_OPEN = '\ue000';
const TAG_CLOSE = '\ue001';
/** What may stand between the words of one name: spaces, hyphens, hashtag marks. */
const JOIN_RE = /^[\s\-\u2010-\u2013\ue000\ue001]*$/u;
const POSSESSIVE_RE = /^['’]/;
const MIN_COMPOUND_HEAD = 5;
const MIN_COMPOUND_TAIL = 3;
/** Three-letter compound tails that are words (Malmöbor, Göteborgsbon); others are inflections (Nackades). */
const SHORT_TAILS = new Set(['bor', 'bon', 'sbo']);
/** Consonant clusters a Swedish word can start with; a tail starting with any other is no word (Sjöbo|tten). */
const ONSETS = new Set(
  'bj bl br ch dj dr fj fl fr gl gn gr hj kl kn kr kv lj mj nj pj pl pr ps sc sch sj sk skj skr sl sm sn sp spl spr st str sv tj tr tv vr'.split(
    ' ',
  ),
);
const VOWEL_RE = /[aeiouyåäöéü]/;
const MIN_STRIPPED = 3;

/** Matching key of one word: folded as in normalise.ts, without ZWNJ. */
export function placeKey(word: string): string {
  // Below U+0130 (İ) foldText is toLowerCase: no Arabic letters, dotted/dotless i or ZWNJ. Most words are.
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) >= 0x130) {
      const folded = foldText(word);
      return folded.includes(ZWNJ) ? folded.replaceAll(ZWNJ, '') : folded;
    }
  }
  return word.toLowerCase();
}

/** Key of a post's word; words in scripts that no spelling uses (Cyrillic, Greek …) are left as they are. */
function wordKey(word: string): string {
  const c = word.charCodeAt(0);
  return c < 0x250 || isArabic(word) ? placeKey(word) : word;
}

/** First letter of a key in the Latin script (a–z, Latin-1, Latin Extended-A/B). */
function isLatin(key: string): boolean {
  const c = key.charCodeAt(0);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0x24f && c !== 0xf7);
}

/** First letter of a key in the Arabic script (Arabic, Supplement, Extended-A). */
function isArabic(key: string): boolean {
  const c = key.charCodeAt(0);
  return (c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0x8a0 && c <= 0x8ff);
}

const bare = (key: string) => key.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
/** ä → ae, ö → oe (Malmoe); not å → aa: Somali writes long vowels double (malaa is no Malå). */
const digraph = (key: string) => key.replace(/ä/g, 'ae').replace(/ö/g, 'oe');

/**
 * Key sequences of a spelling and of its derived forms: `derived` marks ASCII forms (and their genitive),
 * `genitive` the Swedish -s. Scripts without case have no derived forms.
 */
function variants(spelling: string): { keys: string[]; derived: boolean; genitive: boolean }[] {
  const keys = tokenSpans(spelling.normalize('NFKC')).map((t) => placeKey(t.text));
  const last = keys.at(-1);
  if (last === undefined) throw new Error(`places: "${spelling}" has no letters`);
  if (!isLatin(last)) return [{ keys, derived: false, genitive: false }];
  const forms = new Map<string, string[]>();
  for (const form of [keys, keys.map(bare), keys.map(digraph)]) forms.set(form.join(' '), form);
  const out = [...forms.values()].map((form, n) => ({ keys: form, derived: n > 0, genitive: false }));
  for (const { keys: form, derived } of [...out]) {
    const end = form.at(-1) ?? '';
    if (!/[sxz]$/.test(end)) out.push({ keys: [...form.slice(0, -1), `${end}s`], derived, genitive: true });
  }
  return out;
}

/** Keys (words joined by a space) a spelling is matched by; with `derived`, its ASCII forms too. */
export function placeSpellingKeys(spelling: string, { derived = true } = {}): string[] {
  return variants(spelling)
    .filter((v) => derived || !v.derived)
    .map((v) => v.keys.join(' '));
}

const spellingsOf = (entry: MunicipalityEntry | DistrictEntry) => [
  entry.name,
  ...Object.values(entry.aliases ?? {}).flat(),
];

function compile(raw: unknown) {
  const file = placesSchema.parse(raw);
  const targets: Target[] = [];
  const byFirst = new Map<string, Candidate[]>();
  const heads = new Map<string, number>();
  const municipalityNames = new Map(file.municipalities.map((m) => [m.code, m.name]));
  const entries = [...file.municipalities, ...file.districts];
  /** Spellings as listed: a derived form never takes one of them from another place (Håbo typed bare is Habo). */
  const written = new Set(
    entries.flatMap(spellingsOf).flatMap((s) => placeSpellingKeys(s, { derived: false })),
  );

  const add = (entry: MunicipalityEntry | DistrictEntry, target: Target) => {
    const id = targets.push(target) - 1;
    const ambiguousKeys =
      entry.ambiguous === true ? null : new Set((entry.ambiguous ?? []).flatMap((s) => placeSpellingKeys(s)));
    const seen = new Set<string>();
    const own = new Set(spellingsOf(entry).flatMap((s) => placeSpellingKeys(s, { derived: false })));
    for (const { keys, derived, genitive } of spellingsOf(entry).flatMap(variants)) {
      const joined = keys.join(' ');
      if (seen.has(joined) || (derived && written.has(joined) && !own.has(joined))) continue;
      seen.add(joined);
      const ambiguous = ambiguousKeys === null || ambiguousKeys.has(joined);
      const [first = '', ...rest] = keys;
      byFirst.set(first, [...(byFirst.get(first) ?? []), { target: id, rest, ambiguous }]);
      const head = !ambiguous && !genitive && rest.length === 0 && entry.compound !== false;
      if (head && isLatin(first) && first.length >= MIN_COMPOUND_HEAD) heads.set(first, id);
    }
    for (const spelling of Array.isArray(entry.ambiguous) ? entry.ambiguous : []) {
      if (!placeSpellingKeys(spelling).some((k) => seen.has(k))) {
        throw new Error(`places: ${entry.name}: ambiguous "${spelling}" is none of its spellings`);
      }
    }
  };
  for (const m of file.municipalities) add(m, { code: m.code, name: m.name, district: null });
  for (const d of file.districts) {
    add(d, { code: d.municipality, name: municipalityNames.get(d.municipality) ?? '', district: d.name });
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.rest.length - a.rest.length);

  const { conjunctions, prepositions, article, contracted } = file.context.arabic_prefixes;
  const prefixes = new Set<string>();
  for (const c of ['', ...conjunctions]) {
    for (const p of ['', ...prepositions]) for (const a of ['', article]) prefixes.add(foldText(c + p + a));
    for (const pa of contracted) prefixes.add(foldText(c + pa));
  }
  prefixes.delete('');
  const keySet = (words: string[]) => new Set(words.map(placeKey));
  return {
    version: file.version,
    targets,
    municipalityNames,
    byFirst,
    heads,
    headLengths: [...new Set([...heads.keys()].map((k) => k.length))].sort((a, b) => b - a),
    /** First letters of compound heads: most long words are rejected with one lookup. */
    headStarts: new Set([...heads.keys()].map((k) => k.slice(0, MIN_COMPOUND_HEAD))),
    arabicPrefixes: [...prefixes].sort((a, b) => b.length - a.length),
    before: keySet(file.context.before),
    after: keySet(file.context.after),
    excludeAfter: keySet(file.context.exclude_after),
    excludeTokens: keySet(file.context.exclude_tokens),
  };
}

const places = compile(placesJson);

/** Version of data/places.json the detector was compiled from. */
export const PLACES_VERSION = places.version;

/** Official name of a municipality by kommunkod, or undefined. */
export function municipalityName(code: string): string | undefined {
  return places.municipalityNames.get(code);
}

/** Hashtag words wrapped in TAG_OPEN/TAG_CLOSE, split at `_` and camelCase humps as cleanText would. */
function markHashtags(text: string): string {
  if (!text.includes('#')) return text;
  return text.replace(
    HASHTAG_RE,
    (_m, before: string, tag: string) =>
      `${before}${TAG_OPEN}${tag.replace(CAMEL_RE, '$1 $2').replace(/_+/g, ' ')}${TAG_CLOSE}`,
  );
}

interface Words {
  clean: string;
  spans: TokenSpan[];
  keys: string[];
}

/** An ambiguous spelling at words [i, end): a hashtag's first word, or capitalised next to a context word. */
function inContext(w: Words, i: number, end: number): boolean {
  const first = w.spans[i];
  const lastSpan = w.spans[end - 1];
  if (!first || !lastSpan) return false;
  const cased = first.text.toLowerCase() !== first.text.toUpperCase();
  if (cased && !UPPER_RE.test(first.text)) return false;
  if (w.clean[first.start - 1] === TAG_OPEN) return wholeHashtag(w, end);
  if (POSSESSIVE_RE.test(w.clean.slice(lastSpan.end, lastSpan.end + 1))) return false;
  if (i > 0 && places.before.has(w.keys[i - 1] ?? '')) return true;
  return end < w.keys.length && places.after.has(w.keys[end] ?? '');
}

/**
 * A hashtag that is the name, alone or with a context word (#Vara, #VaraKommun), not one whose name is only its
 * first word (#MarkMyWords).
 */
function wholeHashtag(w: Words, end: number): boolean {
  const close = w.clean.indexOf(TAG_CLOSE, w.spans[end - 1]?.end ?? 0);
  const inTag = (index: number) => index < w.spans.length && (w.spans[index]?.start ?? Infinity) < close;
  if (!inTag(end)) return true;
  return places.after.has(w.keys[end] ?? '') && !inTag(end + 1);
}

/** Candidates for word i: as written, without a ZWNJ suffix, without Arabic clitics. */
function candidatesAt(w: Words, i: number): { list: Candidate[]; exact: boolean } | null {
  const key = w.keys[i] ?? '';
  const exact = places.byFirst.get(key);
  if (exact) return { list: exact, exact: true };
  const text = w.spans[i]?.text ?? '';
  const cut = text.indexOf(ZWNJ);
  const head = cut > 0 ? places.byFirst.get(placeKey(text.slice(0, cut))) : undefined;
  if (head) return { list: head, exact: false };
  if (!isArabic(key)) return null;
  for (const prefix of places.arabicPrefixes) {
    if (key.length - prefix.length < MIN_STRIPPED || !key.startsWith(prefix)) continue;
    const list = places.byFirst.get(key.slice(prefix.length));
    if (list) return { list, exact: false };
  }
  return null;
}

/** The place named at word i and the index after its last word, or null. */
function matchAt(w: Words, i: number): { target: number; end: number } | null {
  const key = w.keys[i] ?? '';
  if (places.excludeTokens.has(key)) return null;
  const found = candidatesAt(w, i);
  const excluded = (end: number) => end < w.keys.length && places.excludeAfter.has(w.keys[end] ?? '');
  if (found) {
    for (const c of found.list) {
      const end = i + 1 + c.rest.length;
      if (end > w.spans.length) continue;
      if (c.rest.length > 0 && !found.exact) continue;
      const joined = c.rest.every((k, j) => {
        const prev = w.spans[i + j];
        const next = w.spans[i + j + 1];
        return (
          w.keys[i + j + 1] === k && !!prev && !!next && JOIN_RE.test(w.clean.slice(prev.end, next.start))
        );
      });
      if (!joined) continue;
      if (excluded(end)) return null;
      if (c.ambiguous && !(found.exact && inContext(w, i, end))) continue;
      return { target: c.target, end };
    }
    return null;
  }
  if (key.length < MIN_COMPOUND_HEAD + MIN_COMPOUND_TAIL || !isLatin(key)) return null;
  if (!places.headStarts.has(key.slice(0, MIN_COMPOUND_HEAD))) return null;
  for (const length of places.headLengths) {
    if (length > key.length - MIN_COMPOUND_TAIL) continue;
    const target = places.heads.get(key.slice(0, length));
    if (target !== undefined && isCompoundTail(key.slice(length)))
      return excluded(i + 1) ? null : { target, end: i + 1 };
  }
  return null;
}

/**
 * Whether what follows a name in one word makes a compound of it: a word of its own (skolan, polisen, bor) and
 * not an inflection of a word the name only begins (sjöborre, Holmarna, järvarna, nackades, Sjöbotten).
 */
function isCompoundTail(tail: string): boolean {
  if (tail.length === MIN_COMPOUND_TAIL) return SHORT_TAILS.has(tail);
  const firstVowel = tail.search(VOWEL_RE);
  if (firstVowel <= 1) return firstVowel >= 0;
  return ONSETS.has(tail.slice(0, firstVowel));
}

/**
 * Places a post names: one match per (municipality, district), in order of first appearance.
 * A district match carries its municipality's code and name.
 */
export function detectPlaces(text: string): PlaceMatch[] {
  const clean = cleanText(markHashtags(text));
  const spans = tokenSpans(clean);
  const w: Words = { clean, spans, keys: spans.map((s) => wordKey(s.text)) };
  const found = new Map<string, PlaceMatch>();
  for (let i = 0; i < spans.length;) {
    const hit = matchAt(w, i);
    if (!hit) {
      i += 1;
      continue;
    }
    const target = places.targets[hit.target];
    const first = spans[i];
    const last = spans[hit.end - 1];
    const id = `${target?.code}|${target?.district ?? ''}`;
    if (target && first && last && !found.has(id)) {
      const { code, name, district } = target;
      found.set(id, { code, name, district, matched: clean.slice(first.start, last.end) });
    }
    i = hit.end;
  }
  return [...found.values()];
}

/** Unique kommunkoder of the places a post names (districts count for their municipality), in order. */
export function placeCodes(text: string): string[] {
  return [...new Set(detectPlaces(text).map((m) => m.code))];
}
