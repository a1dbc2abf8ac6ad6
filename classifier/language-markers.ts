/** Marker words and letters that overrule franc on short Latin-script text (pure). */

/** Function words (and the Swedish names of the service) that tell Swedish from Norwegian/Danish. */
const SWEDISH_MARKERS = new Set(
  (
    'och inte jag är att från till också varför vad hur när här där våra inga något några någon alla ' +
    'utan sverige svenska svensk soc socialen socialtjänsten igår idag sjukt mycket väldigt själv för mina dina ett'
  ).split(' '),
);
const NORDIC_MARKERS = new Set(
  (
    'ikke jeg og fra hva hvad hvor hvorfor også meg deg våre vores noen nogle noe noget være uten uden ' +
    'etter barnevernet barnevern norge danmark blev ble blir bliver meget mye af til nå selv'
  ).split(' '),
);
/** English function words that are not words of another Latin-script candidate (no at/by/be/so/do/we/was/can/or). */
const ENGLISH_MARKERS = new Set(
  (
    'the and is are of that this these those with they their them our you your it its have has had not what ' +
    'why how who which will would should could from just about into been being there here when where because ' +
    'but if than then does did don doesn didn isn aren'
  ).split(' '),
);
const SCANDINAVIAN = new Set(['swe', 'nob', 'nno', 'dan']);
/** Letters no other Latin-script candidate uses (Kurmanji writes ş and ç, but not ı or ğ). */
const TURKISH_LETTERS_RE = /[ığİ]/g;

/** Distinct Swedish, Norwegian/Danish and English marker words in a text. */
export function markerCounts(text: string): { sv: number; nordic: number; en: number } {
  const counts = { sv: 0, nordic: 0, en: 0 };
  for (const word of new Set(text.toLowerCase().match(/\p{L}+/gu) ?? [])) {
    if (SWEDISH_MARKERS.has(word)) counts.sv++;
    if (NORDIC_MARKERS.has(word)) counts.nordic++;
    if (ENGLISH_MARKERS.has(word)) counts.en++;
  }
  return counts;
}

/**
 * Marker words overrule franc on short Latin-script text, where its trigrams drift (Swedish to nn/nb/da,
 * English to da/de/fi). Within Scandinavian: marker words plus å/ä/ö vs æ/ø. Otherwise: two distinct
 * Swedish (or English) marker words and no marker of the other groups. Returns the franc code to use,
 * or null to keep franc's top. Turkish dotless ı / ğ (two or more) decide Turkish outright: franc put
 * plain Turkish posts in Norwegian. On the test data: Swedish sentences 82 % → 94 %, English 95 % → 97 %,
 * Turkish 97 % → 98 % (word pairs 64 % → 68 %), no other language down by more than 0.1 point.
 */
export function markerPick(text: string, ranked: [string, number][]): string | null {
  const top = ranked[0]?.[0];
  if (!top) return null;
  if (top !== 'tur' && (text.match(TURKISH_LETTERS_RE)?.length ?? 0) >= 2) return 'tur';
  const { en } = markerCounts(text);
  let { sv, nordic } = markerCounts(text);
  if (top !== 'eng' && en >= 2 && sv === 0 && nordic === 0) return 'eng';
  // å is written only in the Scandinavian languages: one Swedish word plus an å is enough here.
  if (!SCANDINAVIAN.has(top))
    return sv + (/å/i.test(text) ? 1 : 0) >= 2 && nordic === 0 && en === 0 ? 'swe' : null;
  const svWords = sv;
  if (/[äö]/i.test(text)) sv += 2;
  if (/[æø]/i.test(text)) nordic += 2;
  if (top !== 'swe' && sv > nordic) return 'swe';
  if (top === 'swe' && nordic > sv && svWords === 0) {
    return ranked.find(([code]) => code !== 'swe' && SCANDINAVIAN.has(code))?.[0] ?? null;
  }
  return null;
}
