/**
 * Query parameters of the overview, theme and matrix pages and of their JSON/CSV series. On pages the post
 * language is `language`, because `lang` is the UI language there (locale.ts, the layout's switch); the API
 * takes `lang` like /api/trends. Empty form fields are dropped first (a GET form sends every field).
 */
import { z } from 'zod';
import {
  addDays,
  isoDateSchema as isoDate,
  parseQuery,
  placeSchema,
  postLangSchema,
  themeIdSchema,
  todayInAnalystZone,
  withoutEmpty,
} from './params.ts';

const MAX_DAYS = 1_100;
/** What the pages compare when no period is given: the last four weeks against the four before. */
export const DEFAULT_PERIOD_DAYS = 28;

const common = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  interval: z.enum(['day', 'week']).optional(),
  place: placeSchema.optional(),
  theme: themeIdSchema.optional(),
  by: z.enum(['lang', 'place']).default('lang'),
  /** A matrix cell to detail: a language code or a municipality code. */
  cell: z
    .string()
    .regex(/^([a-z]{2,3}|und|\d{4})$/, 'expected a language or municipality code')
    .optional(),
};

interface Raw {
  from?: string | undefined;
  to?: string | undefined;
  interval?: 'day' | 'week' | undefined;
}
function withPeriod<T extends Raw>(query: T) {
  const to = query.to ?? todayInAnalystZone();
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  // Days up to three months, weeks beyond, unless asked.
  const interval = query.interval ?? (days > 92 ? 'week' : 'day');
  return { ...query, from, to, interval, days };
}
const ordered = (q: { from: string; to: string }) => q.from <= q.to;
const bounded = (q: { days: number }) => q.days <= MAX_DAYS;

const pageSchema = z
  .object({ ...common, language: postLangSchema.optional(), lang: z.enum(['sv', 'en']).optional() })
  .strict()
  .transform(({ lang: _ui, language, ...rest }) => withPeriod({ ...rest, lang: language }))
  .refine(ordered, { message: 'from must not be after to', path: ['from'] })
  .refine(bounded, { message: `a period covers at most ${MAX_DAYS} days`, path: ['to'] });

const apiSchema = z
  .object({ ...common, lang: postLangSchema.optional() })
  .strict()
  .transform(withPeriod)
  .refine(ordered, { message: 'from must not be after to', path: ['from'] })
  .refine(bounded, { message: `a period covers at most ${MAX_DAYS} days`, path: ['to'] });

export type AnalysisQuery = z.infer<typeof apiSchema>;

/** A page's query; a bad field answers 400 naming it. */
export function parsePageQuery(query: unknown): AnalysisQuery {
  return parseQuery(pageSchema, withoutEmpty(query));
}

export function parseApiQuery(query: unknown): AnalysisQuery {
  return parseQuery(apiSchema, withoutEmpty(query));
}

/** The page query string for these filters (post language as `language`), for links between pages. */
export function pageSearch(query: AnalysisQuery, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') params.set(key, value);
  };
  set('from', query.from);
  set('to', query.to);
  set('interval', query.interval);
  set('language', query.lang);
  set('place', query.place);
  for (const [key, value] of Object.entries(extra)) set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API query string for these filters (post language as `lang`). */
export function apiSearch(query: AnalysisQuery, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({
    from: query.from,
    to: query.to,
    interval: query.interval,
    lang: query.lang,
    place: query.place,
    ...extra,
  })) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  return `?${params.toString()}`;
}
