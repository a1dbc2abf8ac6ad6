/** JSON API: trends and posts. Parameters are validated at the edge; bad ones answer 400 naming the field. */
import { Router } from 'express';
import type { DashboardDeps } from '../app.ts';
import { analysisDb } from '../read-db.ts';
import { auditRequest } from '../auth/audit.ts';
import { can, principalOf } from '../auth/principal.ts';
import { parseQuery, postsQuerySchema, trendsQuerySchema } from '../params.ts';
import { latestPosts } from '../queries/latest-posts.ts';
import { themeTrend } from '../queries/theme-trend.ts';

export function apiRoutes(deps: DashboardDeps): Router {
  const router = Router();
  router.get('/api/trends', async (req, res) => {
    const query = parseQuery(trendsQuerySchema, req.query);
    const hideRestricted = !can(principalOf(req), 'see_restricted');
    res.json(await themeTrend(analysisDb(deps), await deps.modelVersion(), query, { hideRestricted }));
  });
  router.get('/api/posts', async (req, res) => {
    const query = parseQuery(postsQuerySchema, req.query);
    const hideRestricted = !can(principalOf(req), 'see_restricted');
    const page = await latestPosts(deps.db, await deps.modelVersion(), query, { hideRestricted });
    // Who saw which post list: the filters (no personal data; the cursor is only noted) and how many posts.
    const { cursor, ...filters } = query;
    await auditRequest(deps.db, req, 'view_posts', {
      ...filters,
      paged: cursor !== undefined,
      returned: page.posts.length,
      restricted_hidden: hideRestricted,
    });
    res.json(page);
  });
  return router;
}
