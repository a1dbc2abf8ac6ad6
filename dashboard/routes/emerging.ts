/**
 * Emerging rumours (read right): GET /emerging lists events and the new-claim candidates, GET /emerging/:id shows
 * one event's evidence (the page alerts link to). Analysts (label right) dismiss a candidate or make it a theme:
 * POST /emerging/candidates/:id/dismiss and /emerging/candidates/:id/theme, CSRF-checked and audited. Restricted
 * events and posts (violence_threats) are for the security role only; to anyone else they do not exist (404).
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  dismissCandidate,
  getCandidate,
  listCandidates,
  promoteCandidate,
  type ClaimCandidate,
} from '../../core/db/claim-candidates.ts';
import { getEvent, type EmergingEvent } from '../../core/db/emerging-events.ts';
import { BadInputError } from '../../core/errors.ts';
import { EVENT_KINDS } from '../../emerging/types.ts';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { requireCapability } from '../auth/guards.ts';
import { can, principalOf } from '../auth/principal.ts';
import { HttpError } from '../errors.ts';
import { localeOf, type Locale } from '../locale.ts';
import { optionalFilter, rowIdSchema, todayInAnalystZone } from '../params.ts';
import { clusterPostIds, eventsForPage, evidencePosts } from '../queries/emerging.ts';
import { EMERGING_TEXT } from '../views/emerging-text.ts';
import {
  renderEmergingEvent,
  renderEmergingList,
  type EmergingListModel,
  type ThemeFormEcho,
} from '../views/emerging.ts';
import { pageContext } from './page-context.ts';

const EVENT_LIMIT = 200;
const CANDIDATE_LIMIT = 50;
const EXAMPLES_PER_CANDIDATE = 3;
const EXAMPLES_PER_EVENT = 20;
const kindSchema = z.enum(EVENT_KINDS);
const statusSchema = z.enum(['ongoing', 'ended']);

function idOf(req: Request): number {
  const id = rowIdSchema.safeParse(req.params['id']);
  if (!id.success) throw new HttpError(404, 'not_found', 'no such event or candidate');
  return id.data;
}

async function themeLabels(deps: DashboardDeps, locale: Locale): Promise<Map<string, string>> {
  const rows = await deps.db.selectFrom('themes').select(['id', 'label_sv', 'label_en']).execute();
  return new Map(rows.map((row) => [row.id, locale === 'sv' ? row.label_sv : row.label_en]));
}

/** The posts explorer filtered to the event's theme, language and days (a new claim's words as free text). */
function postsLink(event: EmergingEvent): string {
  const params = new URLSearchParams();
  if (event.theme_id) params.set('theme', event.theme_id);
  if (event.lang) params.set('language', event.lang);
  if (event.place) params.set('place', event.place);
  params.set('from', todayInAnalystZone(event.started_at));
  params.set('to', todayInAnalystZone(event.ended_at ?? event.last_seen_at));
  if (event.reason.kind === 'new_claim' && event.reason.terms.length > 0)
    params.set('q', event.reason.terms.slice(0, 8).join(' or ').slice(0, 200));
  return `/posts?${params.toString()}`;
}

function noticeOf(req: Request, locale: Locale): string | undefined {
  const t = EMERGING_TEXT[locale];
  const done = String(req.query['done'] ?? '');
  const dismissed = /^dismissed:(\d{1,15})$/.exec(done);
  if (dismissed) return t.dismissed(Number(dismissed[1]));
  const theme = /^theme:([a-z][a-z0-9_]{2,40}):(\d{1,6})$/.exec(done);
  if (theme?.[1]) return t.promoted(theme[1], Number(theme[2]));
  return undefined;
}

export function emergingRoutes(deps: DashboardDeps): Router {
  const router = Router();
  const decide = requireCapability(deps, 'label');

  /** The example posts a candidate shows on /emerging (restricted ones only to the security role). */
  const candidateExamples = (ids: readonly number[], modelVersion: string, security: boolean) =>
    evidencePosts(deps.db, modelVersion, ids, { hideRestricted: !security, limit: EXAMPLES_PER_CANDIDATE });

  async function renderList(
    req: Request,
    res: Response,
    status: number,
    extra: Pick<EmergingListModel, 'notice' | 'problem' | 'echo'> = {},
  ): Promise<void> {
    const principal = principalOf(req);
    const ctx = await pageContext(deps, req);
    const kind = optionalFilter(kindSchema, req.query['kind'], 'kind') ?? null;
    const state = optionalFilter(statusSchema, req.query['status'], 'status') ?? null;
    const security = can(principal, 'see_restricted');
    const [events, candidates, labels, modelVersion] = await Promise.all([
      eventsForPage(deps.db, {
        includeRestricted: security,
        kind,
        status: state,
        limit: EVENT_LIMIT,
      }),
      listCandidates(deps.db, { status: 'new', limit: CANDIDATE_LIMIT }),
      themeLabels(deps, ctx.locale),
      deps.modelVersion(),
    ]);
    const withExamples = await Promise.all(
      candidates.map(async (candidate: ClaimCandidate) => ({
        candidate,
        examples: await candidateExamples(candidate.example_post_ids, modelVersion, security),
      })),
    );
    res
      .status(status)
      .type('html')
      .send(
        renderEmergingList({
          locale: ctx.locale,
          path: ctx.path,
          account: ctx.account,
          themeLabels: labels,
          events,
          kind,
          status: state,
          candidates: withExamples,
          canDecide: can(principal, 'label'),
          samplePosts: ctx.samplePosts,
          modelVersion: ctx.modelVersion,
          ...extra,
        }),
      );
  }

  router.get('/emerging', async (req, res) => {
    await renderList(req, res, 200, { notice: noticeOf(req, localeOf(req)) });
  });

  router.get('/emerging/:id', async (req, res) => {
    const id = idOf(req);
    const principal = principalOf(req);
    const security = can(principal, 'see_restricted');
    const event = await getEvent(deps.db, id);
    if (!event || (event.restricted && !security)) throw new HttpError(404, 'not_found', 'no such event');
    const ctx = await pageContext(deps, req);
    const ids =
      event.example_post_ids.length === 0 && event.kind === 'wave' && event.cluster_id !== null
        ? await clusterPostIds(deps.db, event.cluster_id, EXAMPLES_PER_EVENT)
        : event.example_post_ids;
    const [posts, labels] = await Promise.all([
      evidencePosts(deps.db, ctx.modelVersion, ids, { hideRestricted: !security, limit: EXAMPLES_PER_EVENT }),
      themeLabels(deps, ctx.locale),
    ]);
    await auditRequest(deps.db, req, 'view_emerging_event', {
      event_id: id,
      returned: posts.length,
      restricted_hidden: !security,
    });
    res.type('html').send(
      renderEmergingEvent({
        locale: ctx.locale,
        path: ctx.path,
        account: ctx.account,
        themeLabels: labels,
        event,
        posts,
        postsLink: postsLink(event),
        samplePosts: ctx.samplePosts,
        modelVersion: ctx.modelVersion,
      }),
    );
  });

  router.post('/emerging/candidates/:id/dismiss', decide, async (req, res) => {
    const id = idOf(req);
    if (!(await dismissCandidate(deps.db, id, principalOf(req).label))) {
      // Decided meanwhile (another analyst) or unknown: the page again, saying so, not a JSON error.
      await renderList(req, res, 409, { notice: EMERGING_TEXT[localeOf(req)].candidateGone });
      return;
    }
    await auditRequest(deps.db, req, 'claim_dismiss', { candidate_id: id });
    res.redirect(303, `/emerging?done=dismissed:${id}#candidates-title`);
  });

  router.post('/emerging/candidates/:id/theme', decide, async (req, res) => {
    const id = idOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const str = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : '');
    const echo: ThemeFormEcho = {
      candidateId: id,
      themeId: str(body['themeId']).trim(),
      labelSv: str(body['labelSv']),
      labelEn: str(body['labelEn']),
    };
    try {
      const candidate = await getCandidate(deps.db, id);
      const modelVersion = await deps.modelVersion();
      const security = can(principalOf(req), 'see_restricted');
      // The posts this analyst's page showed: only those are labelled in their name. Never a restricted one, also
      // for the security role (whose page shows them): a label without violence_threats would teach the next model
      // that it is no threat. Without that role the page showed none, so one query is enough.
      const seen = candidate
        ? await candidateExamples(candidate.example_post_ids, modelVersion, security)
        : [];
      const shown = security
        ? await candidateExamples(
            seen.map((post) => post.id),
            modelVersion,
            false,
          )
        : seen;
      const promoted = await promoteCandidate(
        deps.db,
        id,
        { themeId: echo.themeId, labelSv: echo.labelSv, labelEn: echo.labelEn },
        principalOf(req).label,
        shown.map((post) => post.id),
      );
      if (!promoted) {
        await renderList(req, res, 409, { notice: EMERGING_TEXT[localeOf(req)].candidateGone });
        return;
      }
      deps.logger.info(
        { candidateId: id, themeId: promoted.theme.id, labelled: promoted.labelledPostIds.length },
        'claim candidate made a theme',
      );
      await auditRequest(deps.db, req, 'claim_promote', {
        candidate_id: id,
        theme_id: promoted.theme.id,
        seed_terms: promoted.theme.seed_terms,
        labelled_posts: promoted.labelledPostIds,
      });
      res.redirect(
        303,
        `/emerging?done=theme:${promoted.theme.id}:${promoted.labelledPostIds.length}#candidates-title`,
      );
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
      await auditRequest(deps.db, req, 'claim_promote', { candidate_id: id, field: error.reason }, 'failure');
      const t = EMERGING_TEXT[localeOf(req)];
      await renderList(req, res, 400, {
        echo,
        problem: { field: error.reason, text: t.problems[error.reason] ?? error.message },
      });
    }
  });

  return router;
}
