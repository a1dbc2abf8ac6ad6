/**
 * GET /sources (everyone who reads) and the admin forms: POST /sources (add), /sources/preview, /sources/:id/pause,
 * /sources/:id/resume. Validation is the kind's own `register`, as on the command line; every change is audited.
 * Import sources are left to the command line: their target is a file on the server, so their address, settings
 * and any path in their errors are shown to source managers only. A preview leaves out items of a restricted theme
 * (violence_threats) for callers without the security role, and says how many.
 */
import type { Queue } from 'bullmq';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { analyseText } from '../../classifier/analyse.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { parseAllowlist } from '../../core/net/address-guard.ts';
import { checkSourceAddress } from '../../core/net/source-address.ts';
import { collectedKinds, kindModule } from '../../collectors/kinds.ts';
import { previewSource } from '../../collectors/preview.ts';
import type { Config } from '../../core/config.ts';
import { textForAnalysis } from '../../core/content.ts';
import { getSource, listSources, pauseSource, resumeSource, upsertSource } from '../../core/db/sources.ts';
import { BadInputError, TransientError } from '../../core/errors.ts';
import {
  scheduleSource,
  unscheduleSource,
  type CollectSourcePayload,
} from '../../core/queues/collect-source.ts';
import { sourceIntervals } from '../../core/source-intervals.ts';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { requireCapability } from '../auth/guards.ts';
import { can, principalOf } from '../auth/principal.ts';
import { isRestrictedTheme } from '../../classifier/types.ts';
import { HttpError } from '../errors.ts';
import { localeOf } from '../locale.ts';
import type { SourceFormValues } from '../views/sources-forms.ts';
import { renderSources, type SourcesModel } from '../views/sources.ts';
import { SOURCES_TEXT } from '../views/sources-text.ts';
import { countSamplePosts } from '../../core/db/posts.ts';

/** What adding and previewing need beyond the database: the collect queue and the collector's settings. */
export interface SourceAdminDeps {
  collectQueue: Queue<CollectSourcePayload>;
  collector: Config['collector'];
  /** Queue prefix in Redis: the preview shares host turns and robots.txt with the collectors. */
  queuePrefix: string;
}

/** A preview waits at most this long (or the collector's job timeout, if shorter) for the source. */
const PREVIEW_TIMEOUT_MS = 20_000;
const PREVIEW_ITEMS = 10;
const WEB_KINDS = [...collectedKinds.values()].filter((k) => k.kind !== 'import');
const SECRET_OPTION = /token|secret|password|passwd|key|auth|cookie|credential/i;

const text = (max: number) => z.string().max(max).default('');
const formSchema = z.object({
  kind: text(40),
  target: text(2_000).transform((s) => s.trim()),
  name: text(200).transform((s) => s.trim()),
  options: text(4_000),
  interval: text(10).transform((s) => s.trim()),
  minInterval: text(10).transform((s) => s.trim()),
  maxInterval: text(10).transform((s) => s.trim()),
});
const pauseSchema = z.object({ reason: text(500).transform((s) => s.trim()) });
const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
const noticeSchema = z.string().regex(/^(added|already|paused|resumed):\d{1,10}$/);

/** `key=value` per line, like repeated `-o key=value`; BadInputError on a malformed or repeated key. */
function parseOptions(raw: string, t: (typeof SOURCES_TEXT)['sv']): Record<string, string> {
  const options: Record<string, string> = {};
  for (const line of raw.split(/\r?\n/).map((l) => l.trim())) {
    if (line === '') continue;
    const at = line.indexOf('=');
    if (at <= 0) throw new BadInputError('bad-option', t.badOption(line.slice(0, 80)));
    const key = line.slice(0, at).trim();
    if (key in options) throw new BadInputError('bad-option', t.twice(key));
    options[key] = line.slice(at + 1).trim();
  }
  return options;
}

/** The form as typed, minus the values of secret settings (never sent back to the browser). */
function echoed(form: z.infer<typeof formSchema>): SourceFormValues {
  const options = form.options
    .split(/\r?\n/)
    .map((line) => (SECRET_OPTION.test(line.split('=')[0] ?? '') ? `${line.split('=')[0]}=` : line))
    .join('\n');
  return { ...form, options };
}

function parseForm(body: unknown): z.infer<typeof formSchema> {
  const form = formSchema.safeParse(body ?? {});
  if (!form.success) throw new HttpError(400, 'bad_form', 'the form fields are malformed or too long');
  return form.data;
}

function idOf(req: Request): number {
  const id = idSchema.safeParse(req.params['id']);
  if (!id.success) throw new HttpError(404, 'not_found', 'no such source');
  return id.data;
}

export function sourceRoutes(deps: DashboardDeps, admin: SourceAdminDeps | undefined): Router {
  const router = Router();
  const manage = requireCapability(deps, 'manage_sources');

  async function render(
    req: Request,
    res: Response,
    status: number,
    extra: Partial<SourcesModel>,
  ): Promise<void> {
    const principal = principalOf(req);
    const locale = localeOf(req);
    const [sources, samples] = await Promise.all([listSources(deps.db), countSamplePosts(deps.db)]);
    res
      .status(status)
      .type('html')
      .send(
        renderSources({
          locale,
          path: req.originalUrl,
          account:
            principal.kind === 'user'
              ? { name: principal.label, roles: principal.roles, csrfToken: principal.csrfToken }
              : null,
          sources,
          canManage: can(principal, 'manage_sources'),
          kinds: WEB_KINDS.map((k) => ({ kind: k.kind, usage: k.usage })),
          samplePosts: samples,
          modelVersion: await deps.modelVersion(),
          ...extra,
        }),
      );
  }

  function adminDeps(req: Request): SourceAdminDeps {
    if (!admin) throw new HttpError(503, 'not_configured', SOURCES_TEXT[localeOf(req)].notConfigured);
    return admin;
  }

  router.get('/sources', async (req, res) => {
    const t = SOURCES_TEXT[localeOf(req)];
    const done = noticeSchema.safeParse(req.query['done']);
    let notice: string | undefined;
    if (done.success) {
      const [what, id] = done.data.split(':') as [string, string];
      const source = await getSource(deps.db, Number(id));
      if (source) {
        const name = source.name;
        notice =
          what === 'added'
            ? t.added(name)
            : what === 'already'
              ? t.already(name)
              : what === 'paused'
                ? t.pausedDone(name)
                : t.resumedDone(name);
      }
    }
    await render(req, res, 200, { notice });
  });

  router.post('/sources', manage, async (req, res) => {
    const { collectQueue, collector } = adminDeps(req);
    const t = SOURCES_TEXT[localeOf(req)];
    const form = parseForm(req.body);
    try {
      if (form.kind === 'import') throw new BadInputError('bad-kind', t.importNote);
      const module = kindModule(form.kind);
      const registration = module.register(form.target, parseOptions(form.options, t));
      checkSourceAddress(registration.url, parseAllowlist(collector.fetchAllowlist));
      const { source, created } = await upsertSource(deps.db, {
        kind: module.kind,
        name: form.name || registration.name,
        url: registration.url,
        config: registration.config,
        ...sourceIntervals(form, {
          poll: collector.pollIntervalSeconds,
          min: collector.minIntervalSeconds,
          max: collector.maxIntervalSeconds,
        }),
      });
      if (source.status === 'active')
        await scheduleSource(collectQueue, source.id, source.poll_interval_seconds);
      await auditRequest(deps.db, req, 'source_add', { source_id: source.id, kind: source.kind, created });
      res.redirect(303, `/sources?done=${created ? 'added' : 'already'}:${source.id}`);
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
      await auditRequest(deps.db, req, 'source_add', { kind: form.kind, reason: error.reason }, 'failure');
      await render(req, res, 400, { problem: { form: 'add', message: error.message }, values: echoed(form) });
    }
  });

  router.post('/sources/preview', manage, async (req, res) => {
    const { collector, queuePrefix } = adminDeps(req);
    const t = SOURCES_TEXT[localeOf(req)];
    const form = parseForm(req.body);
    try {
      if (form.kind === 'import') throw new BadInputError('bad-kind', t.importNote);
      const preview = await previewSource(
        {
          kind: form.kind,
          target: form.target,
          options: parseOptions(form.options, t),
          timeoutMs: Math.min(PREVIEW_TIMEOUT_MS, collector.jobTimeoutMs),
        },
        collector,
        deps.logger,
        { redis: deps.redis, prefix: queuePrefix },
      );
      const classifier = shippedClassifier();
      const analysed = preview.items.slice(0, PREVIEW_ITEMS).map((item) => {
        const { language, classification } = analyseText(textForAnalysis(item), classifier);
        return {
          title: item.title,
          text: item.text,
          url: item.url,
          lang: language.lang,
          stance: classification.stance,
          themes: classification.themes.map((theme) => theme.id),
          about: classification.about.map((theme) => theme.id),
        };
      });
      // Threats naming staff are for the security role, here as on every other page (an admin is not one).
      const hideRestricted = !can(principalOf(req), 'see_restricted');
      const items = hideRestricted
        ? analysed.filter((item) => ![...item.themes, ...item.about].some(isRestrictedTheme))
        : analysed;
      const restrictedHidden = analysed.length - items.length;
      await auditRequest(deps.db, req, 'source_preview', {
        kind: form.kind,
        items: preview.items.length,
        restricted_hidden: restrictedHidden,
      });
      await render(req, res, 200, {
        values: echoed(form),
        preview: { title: preview.title, total: preview.items.length, items, restrictedHidden },
      });
    } catch (error) {
      // Network trouble is as much the admin's business as a bad address: say what happened.
      if (!(error instanceof BadInputError || error instanceof TransientError)) throw error;
      const reason = error instanceof BadInputError ? error.reason : 'transient';
      await auditRequest(deps.db, req, 'source_preview', { kind: form.kind, reason }, 'failure');
      await render(req, res, 400, {
        problem: { form: 'preview', message: error.message },
        values: echoed(form),
      });
    }
  });

  router.post('/sources/:id/pause', manage, async (req, res) => {
    const { collectQueue } = adminDeps(req);
    const id = idOf(req);
    const pause = pauseSchema.safeParse(req.body ?? {});
    if (!pause.success) throw new HttpError(400, 'bad_form', 'the reason is malformed or too long');
    const { reason } = pause.data;
    const given = reason || 'paused by an operator';
    if (!(await pauseSource(deps.db, id, given))) throw new HttpError(404, 'not_found', 'no such source');
    await unscheduleSource(collectQueue, id);
    await auditRequest(deps.db, req, 'source_pause', { source_id: id, reason: given });
    res.redirect(303, `/sources?done=paused:${id}`);
  });

  router.post('/sources/:id/resume', manage, async (req, res) => {
    const { collectQueue } = adminDeps(req);
    const id = idOf(req);
    const source = await resumeSource(deps.db, id);
    if (!source) throw new HttpError(404, 'not_found', 'no such source');
    await scheduleSource(collectQueue, source.id, source.poll_interval_seconds);
    await auditRequest(deps.db, req, 'source_resume', { source_id: id });
    res.redirect(303, `/sources?done=resumed:${id}`);
  });
  return router;
}
