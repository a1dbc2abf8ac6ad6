import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eldConfidence, linguaConfidence } from './language-confidence.ts';
import { createLanguageDetector, detectLanguage, warmUpLanguageDetection } from './language.ts';
import type { Language } from './types.ts';

describe('detectLanguage', () => {
  it.each<[Language, string]>([
    ['sv', 'Jag förstår inte varför socialtjänsten inte svarar på mina mejl, det är tredje veckan nu'],
    ['sv', 'Soc tog barnen igen, helt sjukt alltså'],
    ['sv', 'Vi var på mötet om ryktesspridning i Malmö igår och det var väldigt bra'],
    ['en', 'Swedish social services are taking kids from their families and nobody is talking about it'],
    ['en', 'Does anyone know how the foster care system works in Sweden? Asking for a friend'],
    ['ar', 'السوسيال في السويد يأخذ الأطفال من عائلاتهم بدون أي سبب واضح'],
    ['ar', 'هل يعرف أحد كيف أقدم طلب مساعدة مالية من البلدية؟'],
    ['fa', 'سوسیال در سوئد بچه‌ها را از خانواده‌هایشان جدا می‌کند و هیچکس پاسخگو نیست'],
    ['fa', 'کسی می‌داند چطور می‌شود برای کلاس زبان سوئدی ثبت نام کرد؟'],
    ['so', 'Socialka Iswiidhan waxay qaadaan carruurta qoysaska soomaalida ah'],
    ['so', 'Waalidiinta waa inay la hadlaan macallimiinta si ay u fahmaan nidaamka dugsiga'],
    ['tr', 'İsveç sosyal hizmetleri Müslüman ailelerin çocuklarını kaçırıyor, herkes paylaşsın'],
    ['tr', 'isveçte sosyal servis çocuklarımızı elimizden alıyor, sebepsiz yere'],
    ['tr', 'Bu akşam belediyede veliler için bir bilgilendirme toplantısı yapılacak'],
    ['ru', 'Шведские социальные службы забирают детей у семей мигрантов'],
  ])('%s: %s', (lang, text) => {
    const result = detectLanguage(text);
    expect(result).toMatchObject({ lang, lang2: null });
    expect(result.confidence).toBeGreaterThanOrEqual(0.5);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it.each([
    ['a two-letter word', 'ok'],
    ['emoji only', '😀😀'],
    ['a URL', 'https://example.org/a/very/long/path/that/is/long'],
    ['a handle and a hashtag of few letters', '@someone #LVU!!'],
    ['under five letters', 'barn!'],
    ['three short words of one letter each', 'a b c'],
    ['empty text', ''],
    ['digits and punctuation', '2022-11-23 12:00 !!! ???'],
  ])('returns und with confidence 0 for %s', (_name, text) => {
    expect(detectLanguage(text)).toEqual({ lang: 'und', confidence: 0, lang2: null });
  });

  it('answers from five letters on, unsure on short text', () => {
    const result = detectLanguage('soc tar barn');
    expect(result.lang).toBe('sv');
    // classify.ts searches every lexicon below 0.8: a 10-letter post must not narrow it.
    expect(result.confidence).toBeLessThan(0.8);
    expect(result.confidence).toBeGreaterThan(0);
  });

  describe('script routing', () => {
    it.each<[string, Language, string]>([
      ['Ethiopic → ti', 'ti', 'ማሕበራዊ ኣገልግሎት ሽወደን ቆልዑ ይወስዱ ኣለው'],
      ['Ethiopic, short → ti', 'ti', 'ማሕበራዊ ኣገልግሎት'],
      ['Arabic script with Sorani letters → ckb', 'ckb', 'سۆسیال منداڵەکانمان دەبات'],
      ['one Sorani word → ckb', 'ckb', 'کۆمەڵایەتی'],
      ['Arabic script, Arabic → ar', 'ar', 'قالت الشرطة إن عدة أطفال مفقودين'],
      [
        'Arabic naming a Kurdish town in Kurdish spelling → ar, not ckb',
        'ar',
        'عائلة من کۆبانێ تقول إن السوسيال أخذ أطفالها في مالمو بدون أي سبب واضح',
      ],
      [
        'Persian naming Kurdish places → fa, not ckb',
        'fa',
        'خانواده‌ای از کۆبانێ و هەولێر می‌گوید سوسیال بچه‌هایش را در سوئد گرفته است',
      ],
      ['Arabic script, Persian → fa', 'fa', 'من در سوئد هستم و سوسیال بچه‌های ما را گرفته است'],
      ['Arabic script, Dari copula → prs', 'prs', 'ما در سویدن استیم و سوسیال اطفال ما را گرفته'],
      ['Arabic script, Dari vocabulary → prs', 'prs', 'موتر ما را پولیس گرفت و هیچ کس کمک نکرد'],
      ['Cyrillic, Russian → ru', 'ru', 'Социальные службы Швеции забирают детей'],
      ['Cyrillic, Ukrainian → uk', 'uk', 'Соціальні служби Швеції забирають дітей у родин'],
      ['Cyrillic, Serbian → sr', 'sr', 'Социјалне службе у Шведској одузимају децу од породица'],
      ['Latin, Kurmanji marker words → kmr', 'kmr', 'Swed zarokan ji malbatan direvine'],
      [
        'Latin, Kurmanji marker words and letters → kmr',
        'kmr',
        'Kurdên li Swêdê ditirsin ku sosyal zarokên wan bigire',
      ],
      [
        'Latin, Kurmanji letters confirmed by franc → kmr',
        'kmr',
        'Tiştekî ji mamoste re nebêjin, ew dê ji sosyalê re bêjin',
      ],
      ['Latin, Somali marker words → so', 'so', 'Socialka ayaa carruurta qaaday'],
      ['Latin, Nynorsk → nn', 'nn', 'Barnevernet tek borna frå familiane i Noreg'],
      ['Latin, Bokmål → nb', 'nb', 'Barnevernet tar barna fra familier i Norge'],
    ])('%s', (_name, lang, text) => {
      const result = detectLanguage(text);
      expect(result.lang).toBe(lang);
      expect(result.confidence).toBeGreaterThanOrEqual(0.5);
    });

    it('gives Ethiopic text that reads as Amharic (no candidate) a low confidence', () => {
      const result = detectLanguage('የስዊድን ማህበራዊ አገልግሎት ልጆችን ይወስዳል ይህ እውነት ነው');
      expect(result.lang).toBe('ti');
      expect(result.confidence).toBeLessThan(0.8);
    });
  });

  describe('candidate languages', () => {
    const detector = createLanguageDetector({ candidates: ['sv', 'en', 'ar'] });

    it('answers only with its candidates', () => {
      expect(detector.detect('Barnevernet tar barna fra familier i Norge').lang).toBe('sv');
      expect(detector.detect('سوسیال در سوئد بچه‌ها را جدا می‌کند').lang).toBe('ar');
    });

    it('is und for a script none of its candidates is written in', () => {
      expect(detector.detect('ማሕበራዊ ኣገልግሎት ሽወደን ቆልዑ ይወስዱ ኣለው')).toEqual({
        lang: 'und',
        confidence: 0,
        lang2: null,
      });
    });

    it('defaults to every project language', () => {
      expect(createLanguageDetector().candidates).toContain('prs');
    });
  });

  it('loads its detectors once', () => {
    warmUpLanguageDetection();
    expect(warmUpLanguageDetection()).toBe(0);
  });

  it('routes Ethiopic script to Tigrinya', () => {
    expect(detectLanguage('ማሕበራዊ ኣገልግሎት ሽወደን ቆልዑ ይወስዱ ኣለው')).toMatchObject({ lang: 'ti', lang2: null });
  });

  it('recognises Sorani by its letters and Kurmanji by franc’s Latin Kurdish model', () => {
    expect(detectLanguage('کۆمەڵایەتی سوید منداڵەکانمان دەبات، ئەمە ڕاستە').lang).toBe('ckb');
    expect(detectLanguage('Dewleta Swêdê zarokên misilmanan direvîne, ji kerema xwe parve bikin').lang).toBe(
      'kmr',
    );
  });

  it('tells Persian from Arabic by keyboard letters when franc hesitates', () => {
    expect(detectLanguage('پلیس گفت که چند کودک گم شده‌اند').lang).toBe('fa');
    expect(detectLanguage('قالت الشرطة إن عدة أطفال مفقودين').lang).toBe('ar');
  });

  describe('lang2 (code-mixing)', () => {
    it.each<[string, Language, Language]>([
      ['السوسيال فتحوا تحقيق LVU وأخذوا الطفل إلى familjehem بعد orosanmälan من المدرسة', 'ar', 'sv'],
      ['موظفة من socialtjänsten اتصلت بي اليوم بخصوص ابني وقالت إنهم سيفتحون تحقيقا', 'ar', 'sv'],
      ['Min granne sa att soc tog hennes barn igår, hon skrev bara السوسيال خطف ابني', 'sv', 'ar'],
      [
        'Soc tog barnen från skolan igår och ingen säger något. This is insane, Sweden is kidnapping our children!',
        'sv',
        'en',
      ],
      ['Socialka ayaa carruurta qaaday kadib orosanmälan ka timid dugsiga', 'so', 'sv'],
      // A Somali post with a Swedish sentence: eld, which has no Somali model, read it as Swedish.
      [
        'Hooyooyinka ha ka baqin, kaalmada bulshada waa idiin furan tahay. Ring socialtjänsten om du behöver hjälp',
        'so',
        'sv',
      ],
      [
        'Socialtjänsten tar barn utan anledning och ingen vågar säga något om det, sprid detta till alla! ' +
          'Waa run, walaalayaal iyo walaalo',
        'sv',
        'so',
      ],
      ['السوسيال خطف ابني وقالوا orosanmälan من المدرسة', 'ar', 'sv'],
      ['سوسیال بچه‌های ما را برد و گفتند familjehem بهتر است', 'fa', 'sv'],
      ['Swêd zarokan ji malbatan direvîne, socialtjänsten dibêje LVU', 'kmr', 'sv'],
      ['Социальные службы забирают детей, this is insane and nobody cares about it', 'en', 'ru'],
    ])('%s → %s + %s', (text, lang, lang2) => {
      expect(detectLanguage(text)).toMatchObject({ lang, lang2 });
    });

    it('is null for a monolingual post', () => {
      expect(
        detectLanguage('Vi vill bara att våra barn ska få växa upp tryggt med sina föräldrar').lang2,
      ).toBeNull();
      expect(detectLanguage('السوسيال في السويد يأخذ الأطفال من عائلاتهم بدون أي سبب واضح').lang2).toBeNull();
      // One Somali word of thanks does not make a Swedish post code-mixed.
      expect(
        detectLanguage(
          'Hej alla! Vi har fått många frågor om socialtjänsten och vill berätta hur det går till. Mahadsanid',
        ).lang2,
      ).toBeNull();
    });
  });

  it('ignores URLs, handles and emoji when detecting', () => {
    const plain = detectLanguage('Soc tog barnen igen, helt sjukt alltså');
    const noisy = detectLanguage(
      '@granne_123 Soc tog barnen igen 😡😡😡 helt sjukt alltså https://t.co/AbCdEfGhIj',
    );
    expect(noisy.lang).toBe(plain.lang);
  });
});

describe('confidence tables', () => {
  it('never fall as the detector grows surer, and grow with length', () => {
    for (const letters of [6, 10, 15, 30, 60, 200]) {
      const eld = [0.02, 0.03, 0.05, 0.08, 0.12, 0.2].map((gap) => eldConfidence(letters, gap));
      const lingua = [0, 0.1, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 1].map((p) =>
        linguaConfidence(letters, p),
      );
      for (const row of [eld, lingua]) {
        expect([...row].sort((a, b) => a - b)).toEqual(row);
        for (const c of row) expect(c).toBeGreaterThan(0);
        for (const c of row) expect(c).toBeLessThan(1);
      }
    }
    expect(linguaConfidence(200, 0.5)).toBeGreaterThan(linguaConfidence(6, 0.5));
    expect(eldConfidence(200, 0.02)).toBeGreaterThan(eldConfidence(30, 0.02));
  });
});

describe('accuracy on the shared language-ID sentences (regression floor)', () => {
  const root = new URL('../../shared/eval/langid/sentences/', import.meta.url);
  const GROUP: Partial<Record<string, string>> = {
    bs: 'bcs',
    hr: 'bcs',
    sr: 'bcs',
    nb: 'no',
    nn: 'no',
    prs: 'fa',
  };
  const group = (lang: string) => GROUP[lang] ?? lang;
  // Measured 2026-11-23 (`npm run eval:langid`, grouped, % of 1,000 sentences each): ar 99.9, bs 99.8,
  // da 99.3, de 99.9, en 99.9, es 99.9, fa 99.7, fi 100, fr 99.5, hr 99.8, nb 98.1, nn 99.4, pl 99.9,
  // ru 98.8, so 99.6, sr 99.8, sv 98.9, tr 100, uk 99.6. The floors sit about a point lower.
  it.each<[Language, number]>([
    ['ar', 0.99],
    ['bs', 0.99],
    ['da', 0.98],
    ['de', 0.99],
    ['en', 0.99],
    ['es', 0.99],
    ['fa', 0.99],
    ['fi', 0.99],
    ['fr', 0.98],
    ['hr', 0.99],
    ['nb', 0.97],
    ['nn', 0.98],
    ['pl', 0.99],
    ['ru', 0.97],
    ['so', 0.98],
    ['sr', 0.99],
    ['sv', 0.97],
    ['tr', 0.99],
    ['uk', 0.98],
  ])('%s ≥ %d', (lang, floor) => {
    const lines = readFileSync(new URL(`${lang}.txt`, root), 'utf8')
      .trim()
      .split('\n');
    const right = lines.filter((line) => group(detectLanguage(line).lang) === group(lang)).length;
    expect(right / lines.length).toBeGreaterThanOrEqual(floor);
  });
});
