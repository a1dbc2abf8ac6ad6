/**
 * The series behind the overview, theme page and matrix as JSON (read right, like /api/trends) and as CSV/JSON
 * downloads (export right, audited), the answer-loop facts and marks, and POST /answered: an analyst marks a
 * theme × language (× municipality) cell answered (HTML form with the session's CSRF field; audited).
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { insertAnsweredCell, latestAnsweredCells } from '../../core/db/answered-cells.ts';
import type { DashboardDeps } from '../app.ts';
import { analysisDb } from '../read-db.ts';
import { answers } from '../answers.ts';
import { parseApiQuery, type AnalysisQuery } from '../analysis-params.ts';
import { auditRequest } from '../auth/audit.ts';
import { requireCapability } from '../auth/guards.ts';
import { can, principalOf } from '../auth/principal.ts';
import { HttpError } from '../errors.ts';
import { isKnownTheme } from '../known-theme.ts';
import { csvRow, UTF8_BOM, type CsvValue } from '../exports/csv.ts';
import { isoDateSchema, placeSchema, postLangSchema, themeIdSchema, todayInAnalystZone } from '../params.ts';
import { bucketSeries, type BucketChart } from '../queries/bucket-series.ts';
import { CELL_COUNT_COLUMNS, cellCounts } from '../queries/cell-counts.ts';
import { targetingMatrix } from '../queries/targeting-matrix.ts';

interface Table {
  columns: readonly string[];
  rows: CsvValue[][];
}

const bucketTable = (chart: BucketChart): Table => ({
  columns: ['bucket', 'interval', 'series', 'posts', 'views_reported', 'model_version'],
  rows: chart.series.flatMap((s) =>
    chart.buckets.map((bucket, i) => [
      bucket,
      chart.interval,
      s.key,
      s.counts[i] ?? 0,
      s.views[i] ?? 0,
      chart.modelVersion,
    ]),
  ),
});

type Format = 'json' | 'csv' | 'download-json';

function formatOf(name: string): { base: string; format: Format } {
  if (name.endsWith('.csv')) return { base: name.slice(0, -4), format: 'csv' };
  if (name.endsWith('.json')) return { base: name.slice(0, -5), format: 'download-json' };
  return { base: name, format: 'json' };
}

async function send(
  deps: DashboardDeps,
  req: Request,
  res: Response,
  name: string,
  format: Format,
  query: AnalysisQuery,
  data: unknown,
  table: () => Table,
): Promise<void> {
  if (format === 'json') {
    res.json(data);
    return;
  }
  if (!can(principalOf(req), 'export')) {
    await auditRequest(deps.db, req, 'access_denied', { needs: 'export' }, 'denied');
    throw new HttpError(403, 'forbidden', 'your role may not do this (needs export)');
  }
  const ext = format === 'csv' ? 'csv' : 'json';
  await auditRequest(deps.db, req, `export_${name.replaceAll('/', '_')}`, {
    format: ext,
    from: query.from,
    to: query.to,
    lang: query.lang,
    place: query.place,
    by: query.by,
  });
  res.set(
    'Content-Disposition',
    `attachment; filename="ryktesradar-${name.replaceAll('/', '-')}-${query.from}-${query.to}.${ext}"`,
  );
  if (format === 'download-json') {
    res.type('application/json').send(`${JSON.stringify(data)}\n`);
    return;
  }
  const { columns, rows } = table();
  res.type('text/csv; charset=utf-8').send(UTF8_BOM + csvRow(columns) + rows.map(csvRow).join(''));
}

const markSchema = z
  .object({
    _csrf: z.string().optional(),
    theme: themeIdSchema,
    language: postLangSchema,
    place: z.union([placeSchema, z.literal('')]).optional(),
    answered_on: isoDateSchema,
    link: z
      .string()
      .max(2_000, 'at most 2000 characters')
      .regex(/^https?:\/\/[^\s]+$/i, 'expected an http(s) link'),
    note: z.string().max(500, 'at most 500 characters').optional(),
    return_to: z
      .string()
      .max(500)
      .regex(/^\/(themes|matrix)(\/[a-z0-9_]*)?(\?[^#\s]*)?$/, 'not a page of this dashboard')
      .optional(),
  })
  .strict()
  .refine((m) => m.answered_on <= todayInAnalystZone(), {
    message: 'must not be in the future',
    path: ['answered_on'],
  });

export function analysisApiRoutes(deps: DashboardDeps): Router {
  const router = Router();
  const ctx = async (req: Request) => ({
    mv: await deps.modelVersion(),
    hideRestricted: !can(principalOf(req), 'see_restricted'),
  });

  router.get('/api/overview/:series', async (req, res) => {
    const { base, format } = formatOf(req.params['series'] ?? '');
    const query = parseApiQuery(req.query);
    const { mv, hideRestricted } = await ctx(req);
    const cut = { ...query, hideRestricted };
    if (base === 'themes') {
      const rows = await cellCounts(analysisDb(deps), mv, cut, 'none');
      await send(
        deps,
        req,
        res,
        'overview/themes',
        format,
        query,
        { ...query, modelVersion: mv, rows },
        () => ({
          columns: [...CELL_COUNT_COLUMNS],
          rows: rows.map((row) => CELL_COUNT_COLUMNS.map((column) => row[column])),
        }),
      );
      return;
    }
    if (base === 'languages' || base === 'reach') {
      const chart = await bucketSeries(analysisDb(deps), mv, cut, base === 'languages' ? 'lang' : 'stance');
      await send(deps, req, res, `overview/${base}`, format, query, chart, () => bucketTable(chart));
      return;
    }
    throw new HttpError(404, 'not_found', 'no such series; try themes, languages or reach');
  });

  router.get('/api/themes/:id/:series', async (req, res) => {
    const id = themeIdSchema.safeParse(req.params['id']);
    const { base, format } = formatOf(req.params['series'] ?? '');
    if (!id.success || base !== 'trend' || !(await isKnownTheme(deps.db, id.data)))
      throw new HttpError(404, 'not_found', 'no such theme series');
    const query = parseApiQuery(req.query);
    const { mv, hideRestricted } = await ctx(req);
    const chart = await bucketSeries(
      analysisDb(deps),
      mv,
      { ...query, theme: id.data, hideRestricted },
      'stance',
    );
    await send(deps, req, res, `theme-${id.data}/trend`, format, query, chart, () => bucketTable(chart));
  });

  router.get(['/api/matrix', '/api/matrix.csv', '/api/matrix.json'], async (req, res) => {
    const { format } = formatOf(req.path);
    const query = parseApiQuery(req.query);
    const { mv, hideRestricted } = await ctx(req);
    const rows = await targetingMatrix(analysisDb(deps), mv, {
      from: query.from,
      to: query.to,
      by: query.by,
      lang: query.lang,
      place: query.place,
      theme: query.theme,
      hideRestricted,
    });
    await send(
      deps,
      req,
      res,
      `matrix-${query.by}`,
      format,
      query,
      { from: query.from, to: query.to, by: query.by, modelVersion: mv, rows },
      () => ({
        columns: [
          'theme',
          'label_sv',
          'label_en',
          query.by,
          'name',
          'rumours',
          'rumours_previous',
          'rumour_sightings',
          'counters',
          'counters_previous',
          'rising',
          'unanswered',
          'answered_on',
          'answered_link',
        ],
        rows: rows.map((r) => [
          r.theme,
          r.label_sv,
          r.label_en,
          r.key,
          r.keyLabel,
          r.rumours,
          r.rumoursPrevious,
          r.rumourSightings,
          r.counters,
          r.countersPrevious,
          r.rising,
          r.unanswered,
          r.answered?.on ?? null,
          r.answered?.link ?? null,
        ]),
      }),
    );
  });

  router.get('/api/answers', async (req, res) => {
    const theme = themeIdSchema.optional().safeParse(req.query['theme']);
    if (!theme.success)
      throw new HttpError(400, 'bad_parameter', 'theme: expected a theme id', { field: 'theme' });
    res.json({
      version: answers.version,
      facts: answers.facts.filter((f) => !theme.data || f.themes.includes(theme.data)),
      marks: await latestAnsweredCells(deps.db, theme.data ? { themeId: theme.data } : {}),
    });
  });

  router.post('/answered', requireCapability(deps, 'label'), async (req, res) => {
    const parsed = markSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue?.path.join('.') || 'body';
      throw new HttpError(400, 'bad_parameter', `${field}: ${issue?.message ?? 'invalid'}`, { field });
    }
    const form = parsed.data;
    const theme = await deps.db
      .selectFrom('themes')
      .select('id')
      .where('id', '=', form.theme)
      .executeTakeFirst();
    if (!theme) throw new HttpError(400, 'bad_parameter', 'theme: unknown theme', { field: 'theme' });
    const mark = await insertAnsweredCell(deps.db, {
      themeId: form.theme,
      lang: form.language,
      place: form.place ? form.place : null,
      answeredOn: form.answered_on,
      link: form.link,
      note: form.note ? form.note : null,
      markedBy: principalOf(req).label,
    });
    await auditRequest(deps.db, req, 'mark_answered', {
      mark_id: mark.id,
      theme: mark.themeId,
      lang: mark.lang,
      place: mark.place,
      answered_on: mark.answeredOn,
      link: mark.link,
    });
    res.redirect(303, form.return_to ?? `/themes/${mark.themeId}`);
  });
  return router;
}
