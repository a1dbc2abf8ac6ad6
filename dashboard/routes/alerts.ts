/**
 * The alert inbox and rules (capability `alerts`: analysts, security and admins; viewers get 403): GET /alerts,
 * POST /alerts/:id/triage, GET/POST /alerts/rules, GET/POST /alerts/rules/:id, POST /alerts/rules/:id/enabled.
 * Everyone sees and changes only their own rules and alerts (security users also the security route's).
 * Every change is audited; a webhook URL is audited and shown by its host only.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { checkWebhookUrl, parseRuleFields, type RuleFields } from '../../alerts/rule-input.ts';
import { parseAllowlist } from '../../core/net/address-guard.ts';
import { LANGUAGES } from '../../classifier/types.ts';
import {
  getAlertRule,
  insertAlertRule,
  listAlertRules,
  setAlertRuleEnabled,
  updateAlertRule,
} from '../../core/db/alert-rules.ts';
import { listInbox, setAlertTriage, TRIAGE_STATES } from '../../core/db/alerts.ts';
import { BadInputError } from '../../core/errors.ts';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { requireCapability } from '../auth/guards.ts';
import { can, principalOf } from '../auth/principal.ts';
import { HttpError } from '../errors.ts';
import { optionalFilter, rowIdSchema } from '../params.ts';
import { localeOf, type Locale } from '../locale.ts';
import { ALERTS_TEXT } from '../views/alerts-text.ts';
import { renderInbox } from '../views/alerts.ts';
import {
  emptyRuleForm,
  renderRules,
  ruleFormOf,
  type RuleFormValues,
  type RulesModel,
} from '../views/alert-rules.ts';
import { pageContext } from './page-context.ts';

const INBOX_LIMIT = 200;
const stateSchema = z.enum(TRIAGE_STATES);

function idOf(req: Request): number {
  const id = rowIdSchema.safeParse(req.params['id']);
  if (!id.success) throw new HttpError(404, 'not_found', 'no such alert or rule');
  return id.data;
}

const hostOf = (url: string | null) => (url ? new URL(url).host : null);

function userOf(req: Request) {
  const principal = principalOf(req);
  if (principal.kind !== 'user') throw new HttpError(403, 'forbidden', 'alerts belong to signed-in users');
  return principal;
}

export function alertRoutes(deps: DashboardDeps): Router {
  const router = Router();
  const allowed = requireCapability(deps, 'alerts');
  // FETCH_ALLOWLIST as the collectors have it: the same guard decides where webhooks may go.
  const allowlist = parseAllowlist(deps.sourceAdmin?.collector.fetchAllowlist ?? '');

  router.get('/alerts', allowed, async (req, res) => {
    const user = userOf(req);
    const ctx = await pageContext(deps, req);
    const state = optionalFilter(stateSchema, req.query['state'], 'state');
    const alerts = await listInbox(deps.db, {
      userId: user.id,
      security: can(user, 'see_restricted'),
      triage: state,
      limit: INBOX_LIMIT,
    });
    res.type('html').send(
      renderInbox({
        locale: ctx.locale,
        path: ctx.path,
        account: ctx.account,
        alerts,
        state: state ?? null,
        notice: req.query['done'] === 'triage' ? ALERTS_TEXT[ctx.locale].triaged : undefined,
        samplePosts: ctx.samplePosts,
        modelVersion: ctx.modelVersion,
      }),
    );
  });

  router.post('/alerts/:id/triage', allowed, async (req, res) => {
    const user = userOf(req);
    const id = idOf(req);
    const body = req.body as Record<string, unknown> | undefined;
    const state = stateSchema.safeParse(body?.['state']);
    if (!state.success)
      throw new HttpError(400, 'bad_form', 'state must be new, seen, answered or dismissed');
    const done = await setAlertTriage(
      deps.db,
      { userId: user.id, security: can(user, 'see_restricted') },
      id,
      state.data,
      user.label,
    );
    if (!done) throw new HttpError(404, 'not_found', 'no such alert in your inbox');
    await auditRequest(deps.db, req, 'alert_triage', { alert_id: id, state: state.data });
    res.redirect(303, `/alerts?done=triage#alert-${id}`);
  });

  async function renderRulesPage(
    req: Request,
    res: Response,
    status: number,
    form: RuleFormValues | null,
    extra: Pick<RulesModel, 'notice' | 'problem'> = {},
  ): Promise<void> {
    const user = userOf(req);
    const ctx = await pageContext(deps, req);
    const security = can(user, 'see_restricted');
    const [rules, themes] = await Promise.all([
      listAlertRules(deps.db, user.id),
      deps.db.selectFrom('themes').select(['id', 'label_sv', 'label_en']).orderBy('id').execute(),
    ]);
    res
      .status(status)
      .type('html')
      .send(
        renderRules({
          locale: ctx.locale,
          path: ctx.path,
          account: ctx.account,
          rules,
          themes: themes
            .filter((theme) => security || theme.id !== 'violence_threats')
            .map((theme) => ({ id: theme.id, label: ctx.locale === 'sv' ? theme.label_sv : theme.label_en })),
          langs: LANGUAGES,
          form: form ?? emptyRuleForm(ctx.locale),
          samplePosts: ctx.samplePosts,
          modelVersion: ctx.modelVersion,
          ...extra,
        }),
      );
  }

  function echoed(
    body: RuleFields,
    id: number | null,
    webhookHost: string | null,
    locale: Locale,
  ): RuleFormValues {
    const str = (value: unknown) => (typeof value === 'string' ? value.slice(0, 5_000) : '');
    const kinds = Array.isArray(body.kinds)
      ? body.kinds.filter((k) => typeof k === 'string')
      : [str(body.kinds)];
    return {
      ...emptyRuleForm(locale),
      id,
      name: str(body.name),
      theme: str(body.theme),
      lang: str(body.lang),
      place: str(body.place),
      kinds,
      sensitivity: str(body.sensitivity) || 'medium',
      minScore: str(body.minScore),
      emails: str(body.emails),
      locale: str(body.locale) || locale,
      webhookHost,
    };
  }

  /** Saves a new rule (`existing` null) or a change; answers the page again with the problem when refused. */
  async function save(
    req: Request,
    res: Response,
    existing: { id: number; webhook_url: string | null } | null,
  ) {
    const user = userOf(req);
    const locale = localeOf(req);
    const t = ALERTS_TEXT[locale];
    const body = (req.body ?? {}) as RuleFields & { removeWebhook?: unknown };
    const themes = await deps.db.selectFrom('themes').select('id').execute();
    try {
      const input = parseRuleFields(body, {
        themes: new Set(themes.map((theme) => theme.id)),
        security: can(user, 'see_restricted'),
        allowlist,
      });
      // An empty webhook field keeps the stored URL (it is never sent back to the browser) unless removed.
      if (existing && input.webhookUrl === null && body.removeWebhook !== '1' && existing.webhook_url)
        input.webhookUrl = checkWebhookUrl(existing.webhook_url, allowlist);
      const rule = existing
        ? await updateAlertRule(deps.db, user.id, existing.id, input)
        : await insertAlertRule(deps.db, user.id, input);
      if (!rule) throw new HttpError(404, 'not_found', 'no such rule of yours');
      await auditRequest(deps.db, req, existing ? 'alert_rule_update' : 'alert_rule_add', {
        rule_id: rule.id,
        kinds: rule.kinds,
        theme: rule.theme_id,
        lang: rule.lang,
        place: rule.place,
        min_score: rule.min_score,
        webhook_host: hostOf(rule.webhook_url),
        emails: rule.emails.length,
      });
      res.redirect(303, `/alerts/rules?done=saved:${rule.id}`);
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
      await auditRequest(
        deps.db,
        req,
        existing ? 'alert_rule_update' : 'alert_rule_add',
        { rule_id: existing?.id ?? null, field: error.reason },
        'failure',
      );
      const problem = t.problems[error.reason] ?? error.message;
      await renderRulesPage(
        req,
        res,
        400,
        echoed(body, existing?.id ?? null, hostOf(existing?.webhook_url ?? null), locale),
        {
          problem:
            error.reason === 'webhookUrl' || error.reason === 'emails'
              ? `${problem}: ${error.message}`
              : problem,
        },
      );
    }
  }

  router.get('/alerts/rules', allowed, async (req, res) => {
    const user = userOf(req);
    const t = ALERTS_TEXT[localeOf(req)];
    const done = /^(saved|on|off):(\d{1,15})$/.exec(String(req.query['done'] ?? ''));
    let notice: string | undefined;
    if (done) {
      const rule = await getAlertRule(deps.db, user.id, Number(done[2]));
      if (rule) notice = done[1] === 'saved' ? t.saved(rule.name) : t.toggled(rule.name, done[1] === 'on');
    }
    await renderRulesPage(req, res, 200, null, { notice });
  });

  router.post('/alerts/rules', allowed, async (req, res) => {
    await save(req, res, null);
  });

  router.get('/alerts/rules/:id', allowed, async (req, res) => {
    const rule = await getAlertRule(deps.db, userOf(req).id, idOf(req));
    if (!rule) throw new HttpError(404, 'not_found', 'no such rule of yours');
    await renderRulesPage(req, res, 200, ruleFormOf(rule));
  });

  router.post('/alerts/rules/:id', allowed, async (req, res) => {
    const rule = await getAlertRule(deps.db, userOf(req).id, idOf(req));
    if (!rule) throw new HttpError(404, 'not_found', 'no such rule of yours');
    await save(req, res, rule);
  });

  router.post('/alerts/rules/:id/enabled', allowed, async (req, res) => {
    const user = userOf(req);
    const id = idOf(req);
    const body = req.body as Record<string, unknown> | undefined;
    const enabled = body?.['enabled'] === 'true';
    if (!(await setAlertRuleEnabled(deps.db, user.id, id, enabled)))
      throw new HttpError(404, 'not_found', 'no such rule of yours');
    await auditRequest(deps.db, req, 'alert_rule_enable', { rule_id: id, enabled });
    res.redirect(303, `/alerts/rules?done=${enabled ? 'on' : 'off'}:${id}`);
  });

  return router;
}
