/**
 * The plain-language reason of an event in Swedish or English, from its stored facts (pure). Names of languages,
 * themes and places come from the caller (the dashboard's and the alerts' own wording), so this file holds only
 * the sentence shapes.
 */
import type { EventReason } from './types.ts';

export type ReasonLocale = 'sv' | 'en';

export interface ReasonNames {
  lang(code: string): string;
  theme(id: string): string;
  place(code: string): string;
}

const plain: ReasonNames = { lang: (c) => c, theme: (id) => id, place: (c) => c };

/**
 * A count or expected level as a reason shows it, in the alert texts too (alerts/payload.ts): whole numbers, one
 * decimal below 1 ("expected 0.7 ± 1", where a whole number would say an expected 0.7 was 1).
 */
export const formatLevel = (locale: ReasonLocale, value: number): string =>
  new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    maximumFractionDigits: Math.abs(value) < 1 ? 1 : 0,
  }).format(value);
const number = formatLevel;

/** E.g. "soc_takes_children på arabiska: 48 inlägg senaste 6 h, förväntat 9 ± 4". */
export function renderReason(reason: EventReason, locale: ReasonLocale, names: ReasonNames = plain): string {
  const n = (value: number) => number(locale, value);
  switch (reason.kind) {
    case 'spike': {
      const subject =
        reason.themeId === null
          ? locale === 'sv'
            ? 'Alla teman'
            : 'All themes'
          : names.theme(reason.themeId);
      const where = [
        reason.lang === null
          ? null
          : locale === 'sv'
            ? `på ${names.lang(reason.lang)}`
            : `in ${names.lang(reason.lang)}`,
        reason.place === null
          ? null
          : locale === 'sv'
            ? `i ${names.place(reason.place)}`
            : `in ${names.place(reason.place)}`,
      ]
        .filter((part): part is string => part !== null)
        .join(' ');
      const head = where === '' ? subject : `${subject} ${where}`;
      return locale === 'sv'
        ? `${head}: ${n(reason.observed)} inlägg senaste ${reason.windowHours} h, förväntat ${n(reason.expected)} ± ${n(reason.spread)}`
        : `${head}: ${n(reason.observed)} posts in the last ${reason.windowHours} h, expected ${n(reason.expected)} ± ${n(reason.spread)}`;
    }
    case 'new_claim': {
      const terms = reason.terms.map((term) => `”${term}”`).join(', ');
      return locale === 'sv'
        ? `Nya ord på ${names.lang(reason.lang)} (${terms}): ${n(reason.observed)} inlägg senaste ${reason.windowHours} h, förväntat ${n(reason.expected)}`
        : `New words in ${names.lang(reason.lang)} (${terms}): ${n(reason.observed)} posts in the last ${reason.windowHours} h, expected ${n(reason.expected)}`;
    }
    case 'wave':
      return locale === 'sv'
        ? `Samma text i ${n(reason.sources)} källor av ${n(reason.accounts)} konton (${n(reason.posts)} inlägg) senaste ${reason.windowHours} h`
        : `The same text in ${n(reason.sources)} sources by ${n(reason.accounts)} accounts (${n(reason.posts)} posts) in the last ${reason.windowHours} h`;
  }
}
