/** Routes about the caller and the log: POST /logout, GET /api/me, and GET /api/audit (admins). */
import { Router } from 'express';
import { z } from 'zod';
import { readAudit } from '../../core/db/audit-log.ts';
import { deleteSession } from '../../core/db/sessions.ts';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { clearSessionCookie, requireCapability } from '../auth/guards.ts';
import { principalOf } from '../auth/principal.ts';
import type { AuthSettings } from '../auth/settings.ts';
import { parseQuery } from '../params.ts';

const auditQuerySchema = z
  .object({
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, 'expected a whole number from 1 to 1000')
      .transform(Number)
      .pipe(z.number().int().min(1, 'expected 1 to 1000').max(1_000, 'expected 1 to 1000'))
      .default(100),
  })
  .strict();

export function accountRoutes(deps: DashboardDeps, settings: AuthSettings): Router {
  const router = Router();
  router.post('/logout', async (req, res) => {
    const principal = principalOf(req);
    if (principal.kind === 'user') {
      await deleteSession(deps.db, principal.sessionId);
      await auditRequest(deps.db, req, 'logout');
    }
    clearSessionCookie(res, settings);
    res.redirect(303, '/login?out=1');
  });

  router.get('/api/me', (req, res) => {
    const principal = principalOf(req);
    res.json({
      kind: principal.kind,
      name: principal.label,
      roles: principal.roles,
      capabilities: [...principal.capabilities].sort(),
      // Scripts running in the page send this back in `x-csrf-token`.
      csrfToken: principal.kind === 'user' ? principal.csrfToken : null,
    });
  });

  router.get('/api/audit', requireCapability(deps, 'read_audit'), async (req, res) => {
    const query = parseQuery(auditQuerySchema, req.query);
    const entries = await readAudit(deps.db, {
      since: query.since ? new Date(query.since) : undefined,
      limit: query.limit,
    });
    await auditRequest(deps.db, req, 'view_audit', { since: query.since ?? null, limit: query.limit });
    res.json({ entries });
  });
  return router;
}
