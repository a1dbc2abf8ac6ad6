/**
 * The UI language of a request and what depends on it: Swedish by default, English on request (`?lang=en`, then a
 * `rr_lang` cookie the language switch sets, then the browser's first choice). Dates and numbers follow the
 * language; times are always shown in Swedish time, the analysts' zone.
 */
import type { Request } from 'express';
import { ANALYST_TIME_ZONE } from './params.ts';

export type Locale = 'sv' | 'en';
export const LOCALES: readonly Locale[] = ['sv', 'en'];
export const LOCALE_COOKIE = 'rr_lang';

const isLocale = (value: unknown): value is Locale => value === 'sv' || value === 'en';

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function localeOf(req: Request): Locale {
  const query: unknown = req.query['lang'];
  if (isLocale(query)) return query;
  const saved = cookie(req, LOCALE_COOKIE);
  if (isLocale(saved)) return saved;
  const first = req.headers['accept-language']?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'sv';
}

const TAG: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

export interface Formatters {
  locale: Locale;
  /** e.g. 2026-11-23 14:05 (sv) / 23/11/2026, 14:05 (en), in Swedish time. */
  dateTime(value: Date | string): string;
  date(value: Date | string): string;
  number(value: number): string;
  /** Signed percentage change, e.g. +35 % / −12 %; "new" when there was nothing before. */
  change(current: number, previous: number): string;
}

export function formatters(locale: Locale): Formatters {
  const tag = TAG[locale];
  const dateTime = new Intl.DateTimeFormat(tag, {
    timeZone: ANALYST_TIME_ZONE,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const date = new Intl.DateTimeFormat(tag, { timeZone: ANALYST_TIME_ZONE, dateStyle: 'medium' });
  const number = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  });
  return {
    locale,
    dateTime: (value) => dateTime.format(new Date(value)),
    date: (value) => date.format(new Date(value)),
    number: (value) => number.format(value),
    change: (current, previous) =>
      previous === 0
        ? current === 0
          ? '±0'
          : locale === 'sv'
            ? 'ny'
            : 'new'
        : percent.format(current / previous - 1),
  };
}
