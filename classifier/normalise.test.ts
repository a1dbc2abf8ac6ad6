import { describe, expect, it } from 'vitest';
import { cleanText, foldText, normaliseText, tokenSpans, tokenise } from './normalise.ts';

describe('normaliseText', () => {
  it.each([
    ['lower-cases and keeps å/ä/ö', 'SOCIALTJÄNSTEN Tar BARNEN på BB', 'socialtjänsten tar barnen på bb'],
    ['NFKC folds full-width letters', 'ＬＶＵ ﬁx', 'lvu fix'],
    ['strips URLs', 'läs https://example.org/a?b=1&c=2 och www.kollpasoc.se nu', 'läs och nu'],
    [
      'strips @handles and e-mail addresses',
      'hej @mamma_i_angered, skriv till mona@junis.se!',
      'hej , skriv till !',
    ],
    [
      'finds an e-mail address after a long word (the address pattern starts only where a run starts)',
      `${'a'.repeat(5_000)} mona@junis.se`,
      'a'.repeat(5_000),
    ],
    ['keeps hashtag words without #', 'Sprid!! #slutakidnappavårabarn', 'sprid!! slutakidnappavårabarn'],
    [
      'splits hashtag underscores and camelCase',
      '#StopKidnappingOurChildren #vi_vill_ha',
      'stop kidnapping our children vi vill ha',
    ],
    ['strips emoji, skin tones, flags and joiners', 'Soc 😡😡 👍🏽 🇸🇪 👨‍👩‍👧 tar 1️⃣ barn', 'soc tar 1 barn'],
    ['strips HTML tags and decodes entities', '<p>Soc &amp; LVU&nbsp;<b>nu</b></p>', 'soc & lvu nu'],
    [
      'removes bidi controls and zero-width spaces',
      'LVU\u200f \u202bالسوسيال\u202c so\u200bc',
      'lvu السوسیال soc',
    ],
    ['folds Turkish dotted and dotless i', 'İSVEÇ KAÇIRDI, kaçırdı', 'isveç kaçirdi, kaçirdi'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it('removes Arabic tashkeel and tatweel', () => {
    expect(normaliseText('يَخْطِفُونَ الأطْفَالَ')).toBe(normaliseText('يخطفون الأطفال'));
    expect(normaliseText('خـــطف')).toBe(normaliseText('خطف'));
  });

  it('unifies alef forms, alef maqsura, taa marbuta and Arabic-Indic digits', () => {
    expect(normaliseText('أطفال إلى آخر ٱلعالم')).toBe('اطفال الی اخر العالم');
    expect(normaliseText('عائلة مسيحية')).toBe('عائله مسیحیه');
    expect(normaliseText('٢٠٢٢ و ۱۴۰۱')).toBe('2022 و 1401');
  });

  it('writes Arabic and Persian yeh/kaf in one canonical form (Persian ی and ک)', () => {
    expect(normaliseText('كودك')).toBe(normaliseText('کودک'));
    expect(normaliseText('سوسيال')).toBe(normaliseText('سوسیال'));
    expect(normaliseText('السوسيال')).toBe('السوسیال');
  });

  it('keeps ZWNJ inside Persian words', () => {
    expect(normaliseText('می‌ربایند')).toBe('می\u200cربایند');
  });
});

describe('cleanText', () => {
  it('keeps case and letters for the language detector and evidence', () => {
    expect(cleanText('Soc TAR barn!! 😭 https://t.co/x @user #LVU_nu')).toBe('Soc TAR barn!! LVU nu');
  });

  it('leaves no trace of a text that is only a URL, handles and emoji', () => {
    expect(cleanText('https://example.org/path 😀😀 @someone')).toBe('');
  });
});

describe('foldText', () => {
  it('folds one token the way normaliseText folds it in a text', () => {
    expect(foldText('ÄR')).toBe('är');
    expect(foldText('الأطفال')).toBe('الاطفال');
  });
});

describe('tokenise', () => {
  it.each([
    ['splits on punctuation and spaces', 'soc, lvu:ad! barn-en', ['soc', 'lvu', 'ad', 'barn', 'en']],
    ['splits apostrophes', "don't la'aan", ['don', 't', 'la', 'aan']],
    ['keeps digits and marks in tokens', 'e\u0301 2022', ['e\u0301', '2022']],
    [
      'keeps ZWNJ inside a token, trims it at the edges',
      '\u200cمی‌ربایند\u200c بچه',
      ['می\u200cربایند', 'بچه'],
    ],
    ['handles Arabic, Ethiopic and Cyrillic', 'السوسيال ማህበራዊ дети', ['السوسيال', 'ማህበራዊ', 'дети']],
    ['returns nothing for empty or symbol-only text', ' !? … ', []],
  ])('%s', (_name, input, expected) => {
    expect(tokenise(input)).toEqual(expected);
  });

  it('reports offsets into the text', () => {
    const text = 'Soc tog\u00a0barnen';
    for (const span of tokenSpans(text)) expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(tokenSpans(text).map((s) => s.start)).toEqual([0, 4, 8]);
  });
});
