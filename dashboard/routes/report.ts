/**
 * The trend report (analysts: the `export` right): GET /report (the page), GET /report.pdf (that page printed by
 * Chromium) and GET /report/data.csv|json (the charts' data). Every one is audited with its filters.
 */
import { Router, type Request, type Response } from 'express';
import { isRestrictedTheme } from '../../classifier/types.ts';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { requireCapability } from '../auth/guards.ts';
import { principalOf } from '../auth/principal.ts';
import { DEFAULT_AUTH_SETTINGS } from '../auth/settings.ts';
import { HttpError } from '../errors.ts';
import { csvRow, UTF8_BOM } from '../exports/csv.ts';
import { localeOf, type Locale } from '../locale.ts';
import { parseQuery, reportQuerySchema, type ReportQuery } from '../params.ts';
import { reportSeries } from '../queries/report-series.ts';
import { loadReport } from '../report/report-data.ts';
import { renderReportPdf } from '../report/render-pdf.ts';
import type { Account } from '../views/layout.ts';
import { renderReport } from '../views/report.ts';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
/** Renders at once per dashboard process; each is a Chromium of its own (~150 MB), so more wait or are refused. */
const MAX_RENDERS = 2;

/** Sends the report page; shared with the renderer's one-time route. */
export async function sendReportPage(
  deps: DashboardDeps,
  res: Response,
  page: { query: ReportQuery; locale: Locale; account: Account | null; path: string },
): Promise<void> {
  const data = await loadReport(deps.db, await deps.modelVersion(), page.query);
  res.set('Cache-Control', 'no-store');
  res.type('html').send(renderReport({ locale: page.locale, data, account: page.account, path: page.path }));
}

/** The report's query; a restricted theme is refused as the CLI refuses it (its posts are never in a report). */
function reportQuery(raw: unknown): ReportQuery {
  const query = parseQuery(reportQuerySchema, raw);
  if (query.theme !== undefined && isRestrictedTheme(query.theme))
    throw new HttpError(
      400,
      'bad_parameter',
      `theme: ${query.theme} is restricted and never part of a report`,
      {
        field: 'theme',
      },
    );
  return query;
}

function auditParams(query: ReportQuery, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...query, restricted_hidden: true, ...extra };
}

export function reportRoutes(deps: DashboardDeps): Router {
  const router = Router();
  const mayExport = requireCapability(deps, 'export');
  let rendering = 0;

  router.get('/report', mayExport, async (req, res) => {
    const query = reportQuery(req.query);
    const principal = principalOf(req);
    await auditRequest(deps.db, req, 'view_report', auditParams(query));
    await sendReportPage(deps, res, {
      query,
      locale: localeOf(req),
      account:
        principal.kind === 'user'
          ? { name: principal.label, roles: principal.roles, csrfToken: principal.csrfToken }
          : null,
      path: req.originalUrl,
    });
  });

  router.get('/report.pdf', mayExport, async (req: Request, res) => {
    const query = reportQuery(req.query);
    if (rendering >= MAX_RENDERS) {
      res.set('Retry-After', '10');
      throw new HttpError(503, 'busy', 'other reports are being rendered; try again in a few seconds');
    }
    rendering += 1;
    try {
      const principal = principalOf(req);
      await auditRequest(deps.db, req, 'export_report', auditParams(query, { format: 'pdf' }));
      const pdf = await renderReportPdf({
        app: req.app as Parameters<typeof renderReportPdf>[0]['app'],
        redis: deps.redis,
        keyPrefix: (deps.auth ?? DEFAULT_AUTH_SETTINGS).keyPrefix,
        chromiumPath: deps.chromiumPath ?? DEFAULT_CHROMIUM_PATH,
        query,
        locale: localeOf(req),
        requester: principal.label,
      });
      res
        .type('application/pdf')
        .set('Content-Disposition', `attachment; filename="ryktesradar-${query.from}-${query.to}.pdf"`)
        .send(pdf);
    } finally {
      rendering -= 1;
    }
  });

  router.get('/report/data.json', mayExport, async (req, res) => {
    const query = reportQuery(omitChart(req.query));
    const modelVersion = await deps.modelVersion();
    await auditRequest(deps.db, req, 'export_report_data', auditParams(query, { format: 'json' }));
    const series = await reportSeries(deps.db, modelVersion, query, query);
    res.set(
      'Content-Disposition',
      `attachment; filename="ryktesradar-series-${query.from}-${query.to}.json"`,
    );
    res.json({ ...query, modelVersion, timeZone: 'Europe/Stockholm', ...series });
  });

  router.get('/report/data.csv', mayExport, async (req, res) => {
    const chartParam = req.query['chart'] ?? 'themes';
    if (chartParam !== 'themes' && chartParam !== 'stances')
      throw new HttpError(400, 'bad_parameter', 'chart: expected themes or stances', { field: 'chart' });
    const chart = chartParam;
    const query = reportQuery(omitChart(req.query));
    await auditRequest(deps.db, req, 'export_report_data', auditParams(query, { format: 'csv', chart }));
    const series = await reportSeries(deps.db, await deps.modelVersion(), query, query);
    const rows =
      chart === 'themes'
        ? [
            csvRow(['bucket', 'interval', 'theme', 'label_sv', 'label_en', 'rumour_posts']),
            ...series.themes.flatMap((s) =>
              series.buckets.map((bucket, i) =>
                csvRow([bucket, series.interval, s.theme, s.label_sv, s.label_en, s.counts[i] ?? 0]),
              ),
            ),
          ]
        : [
            csvRow(['bucket', 'interval', 'rumour_posts', 'counter_posts']),
            ...series.buckets.map((bucket, i) =>
              csvRow([
                bucket,
                series.interval,
                series.stances.rumour[i] ?? 0,
                series.stances.counter[i] ?? 0,
              ]),
            ),
          ];
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="ryktesradar-${chart}-${query.from}-${query.to}.csv"`)
      .send(UTF8_BOM + rows.join(''));
  });
  return router;
}

function omitChart(query: Request['query']): Record<string, unknown> {
  const { chart: _chart, ...rest } = query;
  return rest;
}
