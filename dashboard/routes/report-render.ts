/**
 * GET /report for the PDF renderer only, mounted before `authenticate`: a request carrying the render header is
 * answered here if its one-time grant is valid for exactly this query, and refused (401) otherwise; requests
 * without the header go on to the normal, logged-in route. The grant was issued by an audited export.
 */
import { Router } from 'express';
import type { DashboardDeps } from '../app.ts';
import { DEFAULT_AUTH_SETTINGS } from '../auth/settings.ts';
import { HttpError } from '../errors.ts';
import { localeOf } from '../locale.ts';
import { parseQuery, reportQuerySchema } from '../params.ts';
import { consumeRenderGrant, RENDER_HEADER } from '../report/render-grants.ts';
import { sendReportPage } from './report.ts';

export function reportRenderRoutes(deps: DashboardDeps): Router {
  const router = Router();
  const keyPrefix = (deps.auth ?? DEFAULT_AUTH_SETTINGS).keyPrefix;
  router.get('/report', async (req, res, next) => {
    const token = req.get(RENDER_HEADER);
    if (token === undefined) {
      next();
      return;
    }
    const grant = await consumeRenderGrant(deps.redis, keyPrefix, token);
    const search = new URL(req.originalUrl, 'http://local').search.slice(1);
    if (!grant || grant.search !== search) {
      throw new HttpError(
        401,
        'invalid_render_grant',
        'the render grant is unknown, used, expired or for another query',
      );
    }
    await sendReportPage(deps, res, {
      query: parseQuery(reportQuerySchema, req.query),
      locale: localeOf(req),
      account: null,
      path: req.originalUrl,
    });
  });
  return router;
}
