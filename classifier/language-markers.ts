/**
 * Letters and marker words that decide what the statistical detectors cannot (pure data and lookups):
 * languages no detector covers (Sorani, Kurmanji, Dari, Tigrinya) and the cues for code-mixing.
 */

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

/** Swedish words that diaspora posts in other languages and scripts carry (code-mixing). */
export const SWEDISH_LOANWORDS: ReadonlySet<string> = new Set(
  (
    'lvu soc socen socialen socialtjänsten socialtjänst socialsekreterare familjehem familjehemmet ' +
    'orosanmälan orosanmälningar förvaltningsrätten omhändertagande omhändertagandet kommunen ' +
    'försörjningsstöd bistånd migrationsverket försäkringskassan arbetsförmedlingen skatteverket ' +
    'personnummer hvb bvc sfi jourhem barnavårdsnämnden'
  ).split(' '),
);

/**
 * Somali function words (eld has no Somali model). Two distinct ones marked 87 % of the Somali eval sentences
 * and none of the 18,000 sentences or 38,000 short lines in the other 18 languages.
 */
const SOMALI_MARKERS = new Set(
  (
    'waa iyo ayaa waxay waxaa waxa waxaan ayaan ayuu ayey ayay inay inuu lagu laga loo haddii hadii laakiin ' +
    'sidoo kale iska ahaa yihiin tahay ahay kuwa wuxuu waxuu markii kadib kaddib jiray dhex ugu oo ee aan ' +
    'soo uu ama kasta dhammaan sida kala'
  ).split(' '),
);

/** Distinct Somali marker words in a Latin-script text. */
export function somaliMarkers(latinPart: string): number {
  let found = 0;
  for (const word of new Set(latinPart.toLowerCase().split(' '))) if (SOMALI_MARKERS.has(word)) found++;
  return found;
}

/**
 * Sorani letters that Arabic and Persian do not write: ڕ ڵ ۆ ێ ە (U+0695, U+06B5, U+06C6, U+06CE, U+06D5).
 * ە ends most Sorani nouns and verbs, so nearly every Sorani sentence has several.
 */
const SORANI_RE = /[\u0695\u06b5\u06c6\u06ce\u06d5]/g;

export function soraniLetters(text: string): number {
  return text.match(SORANI_RE)?.length ?? 0;
}

const SORANI_LETTER_RE = new RegExp(SORANI_RE.source);

/** Words of an Arabic-script text, and how many of them hold a Sorani letter. */
export function soraniWords(arabicPart: string): { sorani: number; words: number } {
  const words = arabicPart.split(' ').filter((word) => word.length > 0);
  return { sorani: words.filter((word) => SORANI_LETTER_RE.test(word)).length, words: words.length };
}

/**
 * Kurmanji function words and the words of the campaign (child, family, state, Sweden, Kurd). Three distinct
 * ones occur in none of the 57,000 eval lines; two occur in 10 Bosnian/Croatian sentences (ne, bi, li).
 * No Kurmanji text was available to measure how many Kurmanji posts carry three.
 */
const KURMANJI_MARKERS = new Set(
  (
    'û ji li di bi xwe jî yên ên wê vê hûn ez em wan zarok zarokên zarokan zarokê malbat malbatan malbata ' +
    'malbatên dewlet dewleta swêd swêdê swêdî kurd kurdan kurdên kurdî ne çi çima ev ew hene heye nîne dikin ' +
    'dike bikin bike kir kirin'
  ).split(' '),
);

/** Distinct Kurmanji marker words in a Latin-script text. */
export function kurmanjiMarkers(latinPart: string): number {
  let found = 0;
  for (const word of new Set(latinPart.toLowerCase().split(' '))) if (KURMANJI_MARKERS.has(word)) found++;
  return found;
}

/**
 * Kurmanji (Latin script) writes ê, î, û and the cluster xw (xwe, xwest) in almost every sentence; Turkish
 * writes neither ê nor xw. Only such text is worth franc's Latin-Kurdish model.
 */
const KURMANJI_HINT_RE = /[êûî]|\bxw/gi;

/**
 * Worth asking franc whether this is Kurmanji: a hint on 20 letters or more, or two hints on fewer (one
 * stray ê or î in a short French, Croatian or Turkish pair of words fooled franc on the eval data).
 */
export function mayBeKurmanji(latinPart: string, letters: number): boolean {
  const hints = latinPart.match(KURMANJI_HINT_RE)?.length ?? 0;
  return hints >= 2 || (hints === 1 && letters >= 20);
}

/**
 * Dari (Afghan Persian) words that the 3,000 Iranian Persian lines of ../shared/eval/langid never contain:
 * the copula ast- (Iranian hast-), Afghan vocabulary, and Sweden spelt as Afghans write it (Iranian سوئد).
 */
const DARI_MARKERS = new Set(
  (
    'استم استی استیم استید استند موتر موترها پوهنتون شفاخانه تشناب چوکی سویدن ' +
    'میفامم نمیفامم فامیدم نفامیدم'
  ).split(' '),
);

/** Distinct Dari marker words in an Arabic-script text. */
export function dariMarkers(arabicPart: string): number {
  let found = 0;
  for (const word of new Set(arabicPart.split(/[^\p{L}\p{M}\u200c]+/u))) if (DARI_MARKERS.has(word)) found++;
  return found;
}

/**
 * Ethiopic script: Tigrinya writes initial a as ኣ and has its own function words (ኣብ in, ናይ of, እዩ is, እዚ
 * this, ምስ with); Amharic writes አ and ነው is, እና and, ይህ this, ላይ on, ውስጥ in.
 */
const TIGRINYA_WORDS = new Set('ኣብ ናይ እዩ እዮ እዮም ኢዩ እዚ ምስ ኣሎ ኣለዉ ኣለው ከኣ'.split(' '));
const AMHARIC_WORDS = new Set('ነው ናቸው እና ይህ ይሄ ላይ ውስጥ ነበር'.split(' '));

/** Tigrinya cues minus Amharic cues: negative means the text reads as Amharic, which is no candidate. */
export function tigrinyaLead(ethiopicPart: string): number {
  let lead = ethiopicPart.match(/ኣ/g)?.length ?? 0;
  for (const word of ethiopicPart.split(/\s+/)) {
    if (TIGRINYA_WORDS.has(word)) lead++;
    if (AMHARIC_WORDS.has(word)) lead -= 2;
  }
  return lead;
}
