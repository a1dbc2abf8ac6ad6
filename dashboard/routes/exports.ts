/**
 * Exports (the export right: analysts, admins): GET /api/posts/export.csv|.json with the explorer's filters, and
 * GET /api/trends/export.csv|.json with the trend's. Streamed as attachments; every export is audited with its
 * filters before the first byte. Posts with a restricted theme are left out unless `include_restricted=true`, which
 * needs the security role as well (a refusal is audited too). A failure mid-stream aborts the response, so a
 * client never mistakes a cut file for a complete one.
 */
import type { Writable } from 'node:stream';
import { Router, type Request, type Response } from 'express';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { requireCapability } from '../auth/guards.ts';
import { can, principalOf } from '../auth/principal.ts';
import { HttpError } from '../errors.ts';
import { streamPostsCsv, streamPostsJson } from '../exports/posts-export.ts';
import { streamTrendsCsv, streamTrendsJson } from '../exports/trends-export.ts';
import { DestinationClosedError } from '../exports/write-stream.ts';
import { parseQuery, postExportQuerySchema, todayInAnalystZone, trendsQuerySchema } from '../params.ts';

const TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

function formatOf(req: Request): 'csv' | 'json' {
  return req.path.endsWith('.json') ? 'json' : 'csv';
}

async function stream(
  deps: DashboardDeps,
  req: Request,
  res: Response,
  name: string,
  format: 'csv' | 'json',
  period: { from?: string | undefined; to?: string | undefined },
  run: (out: Writable) => Promise<{ rows: number }>,
): Promise<void> {
  // Named by the period it covers, so two exports of different periods made on one day are told apart.
  const days = `${period.from ?? 'start'}-${period.to ?? todayInAnalystZone()}`;
  res.status(200);
  res.set({
    'Content-Type': TYPES[format],
    'Content-Disposition': `attachment; filename="ryktesradar-${name}-${days}.${format}"`,
  });
  try {
    const { rows } = await run(res);
    res.end();
    deps.logger.info({ export: name, format, rows }, 'export finished');
  } catch (error) {
    if (error instanceof DestinationClosedError) {
      deps.logger.info({ export: name, format }, 'export abandoned by the client');
      return;
    }
    await auditRequest(
      deps.db,
      req,
      `export_${name}`,
      { format, error: 'failed mid-stream' },
      'failure',
    ).catch(() => undefined);
    if (!res.headersSent) throw error;
    deps.logger.error(
      { export: name, err: error instanceof Error ? error.message : String(error) },
      'export failed',
    );
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

export function exportRoutes(deps: DashboardDeps): Router {
  const router = Router();
  const exporter = requireCapability(deps, 'export');

  router.get(['/api/posts/export.csv', '/api/posts/export.json'], exporter, async (req, res) => {
    const format = formatOf(req);
    const { filters, includeRestricted } = parseQuery(postExportQuerySchema, req.query);
    if (includeRestricted && !can(principalOf(req), 'see_restricted')) {
      await auditRequest(
        deps.db,
        req,
        'export_posts',
        { format, ...filters, include_restricted: true },
        'denied',
      );
      throw new HttpError(403, 'forbidden', 'include_restricted needs the security role');
    }
    await auditRequest(deps.db, req, 'export_posts', {
      format,
      ...filters,
      include_restricted: includeRestricted,
    });
    const version = await deps.modelVersion();
    const options = { includeRestricted };
    await stream(deps, req, res, 'posts', format, filters, (out) =>
      format === 'csv'
        ? streamPostsCsv(deps.db, version, filters, out, options)
        : streamPostsJson(deps.db, version, filters, out, options),
    );
  });

  router.get(['/api/trends/export.csv', '/api/trends/export.json'], exporter, async (req, res) => {
    const format = formatOf(req);
    const query = parseQuery(trendsQuerySchema, req.query);
    const hideRestricted = !can(principalOf(req), 'see_restricted');
    await auditRequest(deps.db, req, 'export_trends', {
      format,
      ...query,
      restricted_hidden: hideRestricted,
    });
    const version = await deps.modelVersion();
    await stream(deps, req, res, 'trends', format, query, (out) =>
      format === 'csv'
        ? streamTrendsCsv(deps.db, version, query, out, { hideRestricted })
        : streamTrendsJson(deps.db, version, query, out, { hideRestricted }),
    );
  });
  return router;
}
