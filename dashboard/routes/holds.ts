/**
 * Legal holds from the dashboard (rättsligt bevarande), for the `hold` right (security, admin): POST
 * /api/posts/:id/holds keeps a post from retention and erasure (e.g. a threat reported to the police), with a
 * reason and the case number; POST /api/holds/:id/release ends a hold; GET /api/posts/:id/holds lists a post's
 * active holds. Who placed or released a hold is the logged-in user, never a name from the body; every change is
 * audited as the CLI's are (`legal_hold_add`, `legal_hold_release`). A restricted post answers 404 to anyone
 * without the security role, and a hold on one answers as an unknown hold.
 */
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { activePostHolds, addHold, releaseHold } from '../../core/db/legal-holds.ts';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { assertPostVisible, requireCapability } from '../auth/guards.ts';
import { principalOf } from '../auth/principal.ts';
import { HttpError } from '../errors.ts';
import { jsonBody, pathId } from '../params.ts';

const holdSchema = z
  .object({
    reason: z.string().trim().min(3).max(500),
    case: z
      .string()
      .trim()
      .max(200)
      .nullable()
      .default(null)
      .transform((value) => value || null),
  })
  .strict();

export function holdRoutes(deps: DashboardDeps): Router {
  const router = Router();

  /** The post must exist (identity kept even after its text is gone) and be visible to the caller. */
  async function visiblePost(req: Request, postId: number): Promise<void> {
    const key = await deps.db
      .selectFrom('post_keys')
      .select('post_id')
      .where('post_id', '=', postId)
      .executeTakeFirst();
    if (!key) throw new HttpError(404, 'not_found', `no post ${postId}`);
    await assertPostVisible(deps, req, postId);
  }

  router.get('/api/posts/:id/holds', requireCapability(deps, 'hold'), async (req, res) => {
    const postId = pathId(req.params['id'], 'post');
    await visiblePost(req, postId);
    res.json({ holds: await activePostHolds(deps.db, [postId]) });
  });

  router.post(
    '/api/posts/:id/holds',
    requireCapability(deps, 'hold'),
    express.json({ limit: '8kb' }),
    async (req, res) => {
      const body = jsonBody(req, holdSchema, 'bad_hold', 'hold');
      const postId = pathId(req.params['id'], 'post');
      await visiblePost(req, postId);
      const hold = await addHold(deps.db, {
        target: { postId },
        reason: body.reason,
        caseReference: body.case,
        createdBy: principalOf(req).label,
      });
      deps.logger.info({ postId, holdId: hold.id }, 'legal hold placed');
      await auditRequest(deps.db, req, 'legal_hold_add', {
        hold_id: hold.id,
        post_id: postId,
        case: hold.case_reference,
      });
      res.status(201).json({ hold });
    },
  );

  router.post('/api/holds/:id/release', requireCapability(deps, 'hold'), async (req, res) => {
    const holdId = pathId(req.params['id'], 'hold');
    const current = await deps.db
      .selectFrom('legal_holds')
      .select(['post_id', 'source_id'])
      .where('id', '=', holdId)
      .executeTakeFirst();
    // Source holds stay with the CLI (`holds release`): releasing one frees a whole source's history.
    const unknown = new HttpError(404, 'not_found', `no post hold ${holdId}`);
    if (!current || current.post_id === null) throw unknown;
    // A hold on a post the caller may not see answers as an unknown hold: naming its post would tell which
    // restricted post is held.
    try {
      await visiblePost(req, current.post_id);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) throw unknown;
      throw error;
    }
    const hold = await releaseHold(deps.db, holdId, principalOf(req).label);
    if (!hold) throw new HttpError(404, 'not_found', `no active hold ${holdId}`);
    deps.logger.info({ postId: hold.post_id, holdId }, 'legal hold released');
    await auditRequest(deps.db, req, 'legal_hold_release', { hold_id: hold.id, post_id: hold.post_id });
    res.json({ hold });
  });
  return router;
}
