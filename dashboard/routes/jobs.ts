/**
 * GET /jobs (admins: `manage_jobs`) shows the dead-letter list; POST /jobs/retry and /jobs/retry-all send failed
 * jobs back to their queue. Forms carry the session's CSRF token (checked by app.ts's csrfProtection); every
 * retry is audited.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { QUEUE_NAMES } from '../../core/queues/all.ts';
import { openDeadLetters } from '../../core/dead-letters.ts';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { requireCapability } from '../auth/guards.ts';
import { HttpError } from '../errors.ts';
import { localeOf } from '../locale.ts';
import { renderJobs, JOBS_TEXT } from '../views/jobs.ts';
import { pageContext } from './page-context.ts';

const queueSchema = z.string().refine((name) => QUEUE_NAMES.includes(name));
const retrySchema = z.object({ queue: queueSchema, id: z.string().min(1).max(200) });
const retryAllSchema = z.object({ queue: queueSchema });
const noticeSchema = z.string().regex(/^(one|all|gone):[A-Za-z0-9_-]{1,40}:[A-Za-z0-9_:.-]{1,200}$/);

export function jobRoutes(deps: DashboardDeps, queuePrefix: string | undefined): Router {
  const router = Router();
  const manage = requireCapability(deps, 'manage_jobs');
  const letters = queuePrefix ? openDeadLetters(deps.redis, queuePrefix) : undefined;
  const lettersOf = () => {
    if (!letters)
      throw new HttpError(503, 'not_configured', 'the queue prefix was not given to the dashboard');
    return letters;
  };

  function notice(req: Request): string | undefined {
    const parsed = noticeSchema.safeParse(req.query['done']);
    if (!parsed.success) return undefined;
    const [what, queue, ...rest] = parsed.data.split(':') as [string, string, ...string[]];
    const t = JOBS_TEXT[localeOf(req)];
    const value = rest.join(':');
    return what === 'one' ? t.retried(queue, value) : what === 'all' ? t.retriedAll(value, queue) : t.gone;
  }

  router.get('/jobs', manage, async (req, res) => {
    const source = lettersOf();
    const ctx = await pageContext(deps, req);
    const [failed, counts] = await Promise.all([source.list({ limit: 200 }), source.counts()]);
    res.type('html').send(
      renderJobs({
        locale: ctx.locale,
        path: ctx.path,
        account: ctx.account,
        failed,
        counts,
        notice: notice(req),
        samplePosts: ctx.samplePosts,
        modelVersion: ctx.modelVersion,
      }),
    );
  });

  router.post('/jobs/retry', manage, async (req, res) => {
    const form = retrySchema.safeParse(req.body ?? {});
    if (!form.success) throw new HttpError(400, 'bad_form', 'expected a known queue and a job id');
    const { queue, id } = form.data;
    const done = await lettersOf().retry(queue, id);
    await auditRequest(deps.db, req, 'job_retry', { queue, job_id: id }, done ? 'ok' : 'failure');
    res.redirect(303, `/jobs?done=${done ? 'one' : 'gone'}:${queue}:${encodeURIComponent(id)}`);
  });

  router.post('/jobs/retry-all', manage, async (req, res) => {
    const form = retryAllSchema.safeParse(req.body ?? {});
    if (!form.success) throw new HttpError(400, 'bad_form', 'expected a known queue');
    const { queue } = form.data;
    const count = await lettersOf().retryAll(queue);
    await auditRequest(deps.db, req, 'job_retry', { queue, count });
    res.redirect(303, `/jobs?done=all:${queue}:${count}`);
  });
  return router;
}
