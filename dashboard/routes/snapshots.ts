/**
 * GET /snapshots/:id.png: the stored picture of a page as a collector saw it (evidence), linked from the posts it
 * showed. A snapshot that shows a restricted post answers 404 to anyone without the security role. Views audited.
 * Only the PNG is served: the stored HTML is someone else's page and is never rendered by the dashboard.
 */
import { Router } from 'express';
import { sql } from 'kysely';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { can, principalOf } from '../auth/principal.ts';
import { HttpError } from '../errors.ts';
import { isRestricted } from '../../core/db/restricted-posts.ts';

export function snapshotRoutes(deps: DashboardDeps): Router {
  const router = Router();
  router.get('/snapshots/:file', async (req, res) => {
    const match = /^([1-9]\d{0,15})\.png$/.exec(req.params['file'] ?? '');
    if (!match) throw new HttpError(404, 'not_found', 'no such snapshot');
    const id = Number(match[1]);
    const hideRestricted = !can(principalOf(req), 'see_restricted');
    const version = await deps.modelVersion();
    const row = await deps.db
      .selectFrom('snapshots as sn')
      .select(['sn.id', 'sn.png'])
      .select(
        sql<boolean>`EXISTS (SELECT 1 FROM snapshot_posts sp JOIN posts p ON p.id = sp.post_id
                             WHERE sp.snapshot_id = sn.id AND ${isRestricted(version)})`.as('restricted'),
      )
      .where('sn.id', '=', id)
      .executeTakeFirst();
    if (!row || (row.restricted && hideRestricted)) throw new HttpError(404, 'not_found', 'no such snapshot');
    await auditRequest(deps.db, req, 'view_snapshot', { snapshot_id: id });
    res.type('image/png').send(row.png);
  });
  return router;
}
