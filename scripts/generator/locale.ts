/**
 * Per-language fillers for template slots: weekday names, number formats and place names spelt as each
 * community writes them (Göteborg → يوتبوري / گوتنبرگ / Geteborg).
 */
import type { Language } from '../../classifier/types.ts';

/** The languages the generator writes. */
export const GEN_LANGUAGES = ['ar', 'sv', 'en', 'fa', 'so', 'tr', 'bs', 'ckb', 'kmr', 'fr'] as const;
export type GenLanguage = (typeof GEN_LANGUAGES)[number] & Language;

interface Place {
  sv: string;
  kind: 'city' | 'district';
  weight: number;
  en?: string;
  ar?: readonly string[];
  fa?: readonly string[];
  tr?: string;
  bs?: string;
}

/** Places named in the campaign and the counter-work (domain brief §6). */
const PLACES: readonly Place[] = [
  {
    sv: 'Göteborg',
    kind: 'city',
    weight: 10,
    en: 'Gothenburg',
    ar: ['يوتبوري', 'غوتنبرغ', 'جوتنبرج', 'يوتيبوري'],
    fa: ['گوتنبرگ', 'یوتبوری'],
    bs: 'Geteborg',
  },
  { sv: 'Angered', kind: 'district', weight: 5, ar: ['أنجيرد', 'انجرد'], fa: ['آنجرد'] },
  { sv: 'Bergsjön', kind: 'district', weight: 3, ar: ['بيرشون', 'بيريشون'] },
  { sv: 'Lövgärdet', kind: 'district', weight: 2, ar: ['لوفيارديت'] },
  { sv: 'Kortedala', kind: 'district', weight: 1.5, ar: ['كورتيدالا'] },
  { sv: 'Malmö', kind: 'city', weight: 8, ar: ['مالمو'], fa: ['مالمو'] },
  { sv: 'Rosengård', kind: 'district', weight: 4, ar: ['روزنغورد', 'روزنجورد'], fa: ['روزنگورد'] },
  {
    sv: 'Stockholm',
    kind: 'city',
    weight: 9,
    ar: ['ستوكهولم', 'استوكهولم'],
    fa: ['استکهلم'],
    tr: 'Stokholm',
  },
  { sv: 'Rinkeby', kind: 'district', weight: 4, ar: ['رينكبي', 'رينكيبي'], fa: ['رینکبی'] },
  { sv: 'Tensta', kind: 'district', weight: 2.5, ar: ['تينستا'], fa: ['تنستا'] },
  { sv: 'Järva', kind: 'district', weight: 1.5, ar: ['يارفا'] },
  { sv: 'Fisksätra', kind: 'district', weight: 0.8, ar: ['فيسكسيترا'] },
  { sv: 'Uppsala', kind: 'city', weight: 4, ar: ['أوبسالا', 'اوبسالا'], fa: ['اوپسالا'] },
  { sv: 'Gottsunda', kind: 'district', weight: 2, ar: ['غوتسوندا'] },
  { sv: 'Mölndal', kind: 'city', weight: 2, ar: ['مولندال'] },
  { sv: 'Trollhättan', kind: 'city', weight: 2, ar: ['ترولهيتان'] },
  { sv: 'Norrköping', kind: 'city', weight: 3, ar: ['نورشوبينغ', 'نوركوبينغ'], fa: ['نورشوپینگ'] },
  { sv: 'Örebro', kind: 'city', weight: 2.5, ar: ['أوريبرو'], fa: ['اوربرو'] },
  { sv: 'Södertälje', kind: 'city', weight: 2, ar: ['سودرتاليه'] },
  { sv: 'Västerås', kind: 'city', weight: 2, ar: ['فيستروس'] },
  { sv: 'Borlänge', kind: 'city', weight: 1.2, ar: ['بورلانغه'] },
  { sv: 'Nyköping', kind: 'city', weight: 1, ar: ['نيشوبينغ'] },
  { sv: 'Jönköping', kind: 'city', weight: 1.5, ar: ['يونشوبينغ'] },
  { sv: 'Umeå', kind: 'city', weight: 1, ar: ['أوميو'] },
  { sv: 'Skövde', kind: 'city', weight: 0.8, ar: ['شوفده'] },
];

/** Arabic spellings read in Persian/Sorani script: Persian yeh, keheh and heh. */
const toPersianScript = (text: string): string =>
  text.replace(/ي/gu, 'ی').replace(/ك/gu, 'ک').replace(/ة/gu, 'ه').replace(/[أإ]/gu, 'ا');

/** Every spelling of a place in a language (one or more). */
export function placeSpellings(place: Place, lang: GenLanguage): readonly string[] {
  switch (lang) {
    case 'ar':
      return place.ar ?? [place.sv];
    case 'fa':
    case 'ckb':
      return place.fa ?? (place.ar ? place.ar.map(toPersianScript) : [place.sv]);
    case 'en':
      return [place.en ?? place.sv];
    case 'tr':
      return [place.tr ?? place.sv];
    case 'bs':
      return [place.bs ?? place.sv];
    case 'so':
      // Somali posts are typed on phones without å/ä/ö as often as with them.
      return [place.sv, place.sv.replace(/[åä]/gu, 'a').replace(/ö/gu, 'o')];
    default:
      return [place.sv];
  }
}

export const ALL_PLACES = PLACES;
export const CITIES = PLACES.filter((place) => place.kind === 'city');
export type { Place };

/** Monday first. */
export const WEEKDAYS: Record<GenLanguage, readonly string[]> = {
  ar: ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'],
  sv: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  fa: ['دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه', 'شنبه', 'یکشنبه'],
  so: ['Isniinta', 'Talaadada', 'Arbacada', 'Khamiista', 'Jimcaha', 'Sabtida', 'Axadda'],
  tr: ['Pazartesi', 'Salı', 'Çarşamba', 'Perşembe', 'Cuma', 'Cumartesi', 'Pazar'],
  bs: ['ponedjeljak', 'utorak', 'srijeda', 'četvrtak', 'petak', 'subota', 'nedjelja'],
  ckb: ['دووشەممە', 'سێشەممە', 'چوارشەممە', 'پێنجشەممە', 'هەینی', 'شەممە', 'یەکشەممە'],
  kmr: ['duşem', 'sêşem', 'çarşem', 'pêncşem', 'în', 'şemî', 'yekşem'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
};

/** Inflated "children taken" figures as the campaign writes them. */
export const BIG_NUMBERS: Record<GenLanguage, readonly string[]> = {
  ar: ['50 ألف', '10 آلاف', '20000', '30 ألف'],
  sv: ['50 000', '10 000', '30 000', '20 000'],
  en: ['50,000', '10,000', '30,000', '20,000'],
  fa: ['۵۰ هزار', '۱۰ هزار', '۳۰ هزار'],
  so: ['50,000', '10,000', '30,000'],
  tr: ['50 bin', '10 bin', '30 bin'],
  bs: ['50.000', '10.000'],
  ckb: ['٥٠ هەزار', '١٠ هەزار'],
  kmr: ['50 hezar', '10 hezar'],
  fr: ['50 000', '10 000', '30 000'],
};

/** Monthly fee per placed child as rumoured (kronor). */
export const MONEY: Record<GenLanguage, readonly string[]> = {
  ar: ['40 ألف كرون', '60 ألف كرون', '35000 كرون'],
  sv: ['40 000', '60 000', '35 000', '80 000'],
  en: ['40,000 kronor', '60,000 SEK', '$5,000'],
  fa: ['۴۰ هزار کرون', '۶۰ هزار کرون'],
  so: ['40,000 koroon', '60,000 koroon'],
  tr: ['40 bin kron', '60 bin kron'],
  bs: ['40.000 kruna'],
  ckb: ['٤٠ هەزار کرۆن'],
  kmr: ['40 hezar kron'],
  fr: ['40 000 couronnes'],
};
