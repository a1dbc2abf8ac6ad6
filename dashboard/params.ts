/** HTTP query parameters, parsed at the edge from shared schema pieces. Anything that shapes SQL is an enum. */
import { z } from 'zod';
import { municipalityName } from '../classifier/places.ts';
import { LANGUAGES, STANCES } from '../classifier/types.ts';
import { HttpError } from './errors.ts';
import { assertStorableText } from './text-input.ts';

/** Analysts think in Swedish days: dates are calendar days in this zone, `to` inclusive. */
export const ANALYST_TIME_ZONE = 'Europe/Stockholm';
const MAX_DAY_BUCKETS = 1_100;

/**
 * Dates the dashboard answers for. Posts are from the campaign's years; a wider range only invites periods whose
 * comparison window or next day falls outside what Postgres stores (year 0) or what a page can show.
 */
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2099-12-31';

/** A calendar day as YYYY-MM-DD within the dashboard's range. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a real calendar date')
  .refine(
    (value) => value >= EARLIEST_DATE && value <= LATEST_DATE,
    `expected a date from ${EARLIEST_DATE} to ${LATEST_DATE}`,
  );
export const themeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,62}$/, 'expected a theme id such as soc_takes_children');
/** A municipality's code: a typo is a 400, not an empty chart, as for themes. */
export const placeSchema = z
  .string()
  .regex(/^\d{4}$/, 'expected a four-digit municipality code such as 1480')
  .refine((code) => municipalityName(code) !== undefined, 'no municipality has this code');
/** A language the detector names, or und: another code would only give empty figures. */
export const postLangSchema = z
  .string()
  .regex(/^([a-z]{2,3}|und)$/, 'expected a language code such as sv, ar, prs or und')
  .refine(
    (code) => code === 'und' || (LANGUAGES as readonly string[]).includes(code),
    `not a language the detector names (${LANGUAGES.join(', ')}, und)`,
  );

/** Today's date in the analysts' zone, as YYYY-MM-DD. */
export function todayInAnalystZone(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ANALYST_TIME_ZONE }).format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const trendsQuerySchema = z
  .object({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    interval: z.enum(['day', 'week']).default('day'),
    theme: themeIdSchema.optional(),
    lang: postLangSchema.optional(),
    place: placeSchema.optional(),
  })
  .strict()
  .transform((query) => {
    const to = query.to ?? todayInAnalystZone();
    const from = query.from ?? addDays(to, -89);
    return { ...query, from, to };
  })
  .refine((query) => query.from <= query.to, { message: 'from must not be after to', path: ['from'] })
  .refine((query) => query.interval !== 'day' || daysBetween(query.from, query.to) < MAX_DAY_BUCKETS, {
    message: `a day interval covers at most ${MAX_DAY_BUCKETS} days; use interval=week`,
    path: ['to'],
  })
  // Weeks are bounded too: a century of weekly rows per theme and language is hundreds of megabytes of CSV.
  .refine((query) => daysBetween(query.from, query.to) < 7 * MAX_DAY_BUCKETS, {
    message: `a week interval covers at most ${MAX_DAY_BUCKETS} weeks`,
    path: ['to'],
  });
export type TrendsQuery = z.infer<typeof trendsQuerySchema>;

export const postsQuerySchema = z
  .object({
    limit: z
      .string()
      .regex(/^\d+$/, 'expected a whole number from 1 to 500')
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(1, 'expected a whole number from 1 to 500')
          .max(500, 'expected a whole number from 1 to 500'),
      )
      .default(50),
    cursor: z.string().max(200).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    theme: themeIdSchema.optional(),
    lang: postLangSchema.optional(),
    place: placeSchema.optional(),
    stance: z.enum(STANCES).optional(),
  })
  .strict()
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type PostsQuery = z.infer<typeof postsQuerySchema>;

/**
 * A row id in a path (`/api/posts/:id/…`): plain decimal digits (not `1e3` or `0x10`, which would name another
 * row) of a positive integer JavaScript holds exactly.
 */
export const rowIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number)
  .pipe(z.number().max(Number.MAX_SAFE_INTEGER));

/** The path's id of a `what` (post, hold…), or 400 `bad_parameter`. */
export function pathId(raw: unknown, what: string): number {
  const parsed = rowIdSchema.safeParse(raw);
  if (!parsed.success)
    throw new HttpError(400, 'bad_parameter', `id: expected a ${what} id`, { field: 'id' });
  return parsed.data;
}

/**
 * A JSON request body checked against `schema`: 415 when it is not `application/json`, 400 `code` naming the first
 * field that does not fit.
 */
export function jsonBody<S extends z.ZodType>(
  req: { is(type: string): string | false | null; body: unknown },
  schema: S,
  code: string,
  what: string,
): z.infer<S> {
  if (!req.is('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', `send the ${what} as application/json`);
  }
  assertStorableText(req.body);
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new HttpError(400, code, `${field}: ${issue?.message ?? 'invalid'}`, { field });
  }
  return parsed.data;
}

/**
 * One optional query filter of a page (`?state=`, `?kind=`): absent or empty means no filter; anything else must
 * be one of the schema's values, or 400 naming the field (an unknown value must not show the unfiltered list).
 */
export function optionalFilter<T>(schema: z.ZodType<T>, raw: unknown, field: string): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const expected = schema instanceof z.ZodEnum ? `: expected ${schema.options.join(', ')}` : '';
  throw new HttpError(400, 'bad_parameter', `${field}: unknown value${expected}`, { field });
}

/** Parses a query object; a failure becomes a 400 naming the first bad field. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const unknownKeys = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : null;
  const field = unknownKeys ?? (issue?.path.join('.') || 'query');
  const message = unknownKeys ? 'unknown parameter' : (issue?.message ?? 'invalid');
  throw new HttpError(400, 'bad_parameter', `${field}: ${message}`, { field });
}

/** Keyset cursor: the last row's publication time and id, opaque to clients. */
export interface PostCursor {
  publishedAt: string;
  id: number;
}
// Postgres has no year 0: a hand-made cursor of year 0000 must be a bad parameter, not a failed query.
const cursorSchema = z.tuple([
  z.iso.datetime({ offset: true }).refine((value) => !value.startsWith('0000')),
  z.number().int().positive(),
]);

export function encodeCursor(cursor: PostCursor): string {
  return Buffer.from(JSON.stringify([cursor.publishedAt, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): PostCursor {
  try {
    const [publishedAt, id] = cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { publishedAt, id };
  } catch {
    throw new HttpError(400, 'bad_parameter', 'cursor: not a cursor this server issued', { field: 'cursor' });
  }
}

/**
 * The report (page, PDF, CLI): a period and the usual filters. `language` filters posts by language because `lang`
 * is the page's UI language (the layout's language switch sets it); `matrix` picks the targeting matrix's columns.
 */
export const reportQuerySchema = z
  .object({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    theme: themeIdSchema.optional(),
    language: postLangSchema.optional(),
    place: placeSchema.optional(),
    matrix: z.enum(['lang', 'place']).default('lang'),
    lang: z.enum(['sv', 'en']).optional(),
  })
  .strict()
  .transform(({ lang: _ui, ...query }) => {
    const to = query.to ?? todayInAnalystZone();
    const from = query.from ?? addDays(to, -29);
    return { ...query, from, to };
  })
  .refine((query) => query.from <= query.to, { message: 'from must not be after to', path: ['from'] })
  .refine((query) => daysBetween(query.from, query.to) < MAX_DAY_BUCKETS, {
    message: `a report covers at most ${MAX_DAY_BUCKETS} days`,
    path: ['to'],
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The posts explorer's filters, shared by its page, /api/posts/search and the post exports. */
const postFilterShape = {
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  theme: themeIdSchema.optional(),
  stance: z.enum(STANCES).optional(),
  lang: postLangSchema.optional(),
  source: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'expected a source id')
    .transform(Number)
    .optional(),
  place: placeSchema.optional(),
  /** Free text (Postgres web-search syntax: words, "a phrase", -not, or). */
  q: z.string().max(200, 'at most 200 characters').optional(),
};
const periodInOrder = (query: { from?: string | undefined; to?: string | undefined }) =>
  !query.from || !query.to || query.from <= query.to;
const periodMessage = { message: 'from must not be after to', path: ['from'] };
export const postFiltersSchema = z.object(postFilterShape).strict().refine(periodInOrder, periodMessage);
export type PostFilters = z.infer<typeof postFiltersSchema>;

const pageLimit = z
  .string()
  .regex(/^\d+$/, 'expected a whole number from 1 to 200')
  .transform(Number)
  .pipe(z.number().int().min(1, 'expected 1 to 200').max(200, 'expected 1 to 200'))
  .default(50);

/** GET /api/posts/search: the filters, `limit` (1–200, default 50) and a keyset `cursor`. */
export const postSearchQuerySchema = z
  .object({ ...postFilterShape, limit: pageLimit, cursor: z.string().max(200).optional() })
  .strict()
  .refine(periodInOrder, periodMessage);
export type PostSearchQuery = z.infer<typeof postSearchQuerySchema>;

/** GET /api/posts/export.csv|.json: the filters; `include_restricted=true` only for the security role. */
export const postExportQuerySchema = z
  .object({ ...postFilterShape, include_restricted: z.enum(['true', 'false']).optional() })
  .strict()
  .refine(periodInOrder, periodMessage)
  .transform(({ include_restricted, ...filters }) => ({
    filters,
    includeRestricted: include_restricted === 'true',
  }));

/** GET /posts: like the API, but the post language is `language` (`lang` is the page's UI language). */
export const postsPageQuerySchema = z
  .object({
    ...postFilterShape,
    lang: z.enum(['sv', 'en']).optional(),
    language: postLangSchema.optional(),
    cursor: z.string().max(200).optional(),
  })
  .strict()
  .refine(periodInOrder, periodMessage)
  .transform(({ lang: _ui, language, cursor, ...rest }) => ({
    filters: { ...rest, lang: language } as PostFilters,
    cursor,
  }));

/** Drops empty query fields (a GET form sends every field, filled or not). */
export function withoutEmpty(query: unknown): Record<string, unknown> {
  if (typeof query !== 'object' || query === null) return {};
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}
