/**
 * The alert pages on the real app (Postgres, Redis, HTTP on loopback): who may open and change them (viewers may
 * not; tokens are for the API), CSRF, rules kept to their owner, webhook URLs through the address guard, the
 * violence_threats theme for the security role only, the inbox per owner with restricted alerts for security
 * only, triage with who and when, and the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { insertAlertRule } from '../../core/db/alert-rules.ts';
import { raiseAlert } from '../../core/db/alerts.ts';
import { upsertEvent } from '../../core/db/emerging-events.ts';
import { createApp } from '../../dashboard/app.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../dashboard/auth/settings.ts';
import { addUser, bearer, login, type Session } from '../helpers/auth.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

describe('alert pages', () => {
  let t: TestResources;
  let server: Listening;
  let base: string;
  const sessions = new Map<string, Session>();
  const ids = new Map<string, number>();
  let token: string;
  let securityRuleId: number;
  let analystAlertId: number;
  let securityAlertId: number;

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    server = await listen(
      createApp({
        db,
        redis: t.resources.redis,
        logger: t.resources.logger,
        modelVersion: async () => MODEL_VERSION,
        auth: { ...DEFAULT_AUTH_SETTINGS, keyPrefix: t.prefix },
        sourceAdmin: {
          collectQueue: t.resources.queues.collect,
          collector: t.resources.config.collector,
          queuePrefix: t.prefix,
        },
      }),
    );
    base = server.url;
    for (const role of ['viewer', 'analyst', 'security', 'admin'] as const) {
      ids.set(role, await addUser(db, `${role}@kommun.se`, [role]));
      sessions.set(role, await login(base, `${role}@kommun.se`));
    }
    token = await bearer(db, 'analyst', 'alerts-token');
    const rule = (name: string, themeId: string | null) => ({
      name,
      themeId,
      lang: null,
      place: null,
      kinds: ['spike' as const],
      minScore: 3,
      webhookUrl: null,
      emails: [],
      locale: 'sv' as const,
    });
    const analystRule = await insertAlertRule(db, ids.get('analyst')!, rule('Analytikerns', null));
    securityRuleId = (await insertAlertRule(db, ids.get('security')!, rule('Hot', 'violence_threats'))).id;
    const at = new Date();
    const reason = (observed: number) => ({
      kind: 'spike' as const,
      themeId: null,
      lang: 'ar',
      place: null,
      observed,
      expected: 9,
      spread: 4,
      windowHours: 6,
      baseline: 'flat' as const,
    });
    const signal = (key: string, themeId: string, restricted: boolean) => ({
      kind: 'spike' as const,
      eventKey: key,
      themeId,
      lang: 'ar',
      place: '1480',
      clusterId: null,
      candidateId: null,
      windowHours: 6,
      observed: 48,
      expected: 9,
      spread: 4,
      score: 9.75,
      triggered: true,
      overExpected: true,
      restricted,
      reason: reason(48),
      examplePostIds: [],
    });
    const plain = await upsertEvent(
      db,
      signal('spike:soc_takes_children:ar:1480', 'soc_takes_children', false),
      {
        modelVersion: 'm',
        at,
        startedAt: at,
      },
    );
    const threat = await upsertEvent(db, signal('spike:violence_threats:ar:1480', 'violence_threats', true), {
      modelVersion: 'm',
      at,
      startedAt: at,
    });
    const common = { level: 0, observed: 48, score: 9.75 };
    analystAlertId = (await raiseAlert(
      db,
      { ...common, ruleId: analystRule.id, eventId: plain.id, restricted: false },
      [],
    ))!.alertId;
    securityAlertId = (await raiseAlert(
      db,
      { ...common, ruleId: null, eventId: threat.id, restricted: true },
      [{ channel: 'email', target: 'sakerhet@kommun.se' }],
    ))!.alertId;
  });

  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  const get = (who: string, path: string) =>
    fetch(`${base}${path}`, {
      redirect: 'manual',
      headers:
        who === 'token'
          ? { authorization: token }
          : sessions.has(who)
            ? { cookie: sessions.get(who)!.cookie }
            : {},
    });
  const post = (who: string, path: string, fields: Record<string, string | string[]>, csrf = true) => {
    const session = sessions.get(who);
    const body = new URLSearchParams();
    if (session && csrf) body.append('_csrf', session.csrfToken);
    for (const [key, value] of Object.entries(fields))
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    return fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(session ? { cookie: session.cookie } : {}),
        ...(who === 'token' ? { authorization: token } : {}),
      },
      body,
    });
  };
  const newRule = (extra: Record<string, string | string[]> = {}) => ({
    name: 'Arabiska',
    kinds: ['spike', 'wave'],
    theme: 'soc_takes_children',
    lang: 'ar',
    place: '',
    sensitivity: 'high',
    emails: 'a@kommun.se, b@kommun.se',
    locale: 'sv',
    ...extra,
  });

  it.each([
    ['GET', '/alerts', [303, 403, 200, 200, 200, 303]],
    ['GET', '/alerts/rules', [303, 403, 200, 200, 200, 303]],
    ['POST', '/alerts/rules', [303, 403, 303, 303, 303, 303]],
  ])('%s %s: anonymous, viewer, analyst, security, admin, token', async (method, path, expected) => {
    const statuses = [];
    for (const who of ['anonymous', 'viewer', 'analyst', 'security', 'admin', 'token']) {
      const response = method === 'GET' ? await get(who, path) : await post(who, path, newRule());
      statuses.push(response.status);
    }
    expect(statuses).toEqual(expected);
  });

  it('shows the nav entry to those who may use it, in Swedish and English', async () => {
    expect(await (await get('analyst', '/alerts?lang=sv')).text()).toContain('href="/alerts"');
    const en = await (await get('analyst', '/alerts?lang=en')).text();
    expect(en).toContain('<h1>Alerts</h1>');
    expect(await (await get('analyst', '/alerts/rules?lang=sv')).text()).toContain('<h1>Larmregler</h1>');
    expect(await (await get('viewer', '/?lang=sv')).text()).not.toContain('href="/alerts"');
  });

  it('refuses a change without the CSRF token', async () => {
    expect((await post('analyst', '/alerts/rules', newRule(), false)).status).toBe(403);
  });

  it('checks webhook URLs with the address guard and restricted themes against the role', async () => {
    for (const url of [
      'http://10.0.0.5/hook',
      'http://169.254.169.254/latest',
      'http://127.0.0.2:9/x',
      'ftp://x.se/',
    ]) {
      const response = await post('analyst', '/alerts/rules', newRule({ webhookUrl: url }));
      expect(response.status, url).toBe(400);
      expect(await response.text()).toContain('Webhook-adressen godtas inte');
    }
    const threat = await post('analyst', '/alerts/rules', newRule({ theme: 'violence_threats' }));
    expect(threat.status).toBe(400);
    expect((await post('security', '/alerts/rules', newRule({ theme: 'violence_threats' }))).status).toBe(
      303,
    );
    const bad = await post('analyst', '/alerts/rules', newRule({ emails: 'inte en adress', name: 'X' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('value="inte en adress"');
  });

  it('saves, edits and turns off own rules only; the webhook URL is never shown again', async () => {
    const { db } = t.resources;
    const created = await post(
      'analyst',
      '/alerts/rules',
      newRule({ name: 'Med webhook', webhookUrl: 'http://127.0.0.1:9/hook/secret-token' }),
    );
    expect(created.status).toBe(303);
    const rule = await db
      .selectFrom('alert_rules')
      .selectAll()
      .where('name', '=', 'Med webhook')
      .executeTakeFirstOrThrow();
    expect(rule).toMatchObject({
      theme_id: 'soc_takes_children',
      lang: 'ar',
      kinds: ['spike', 'wave'],
      min_score: 3,
    });
    expect(rule.emails).toEqual(['a@kommun.se', 'b@kommun.se']);
    const page = await (await get('analyst', `/alerts/rules/${rule.id}`)).text();
    expect(page).toContain('127.0.0.1:9');
    expect(page).not.toContain('secret-token');
    // An empty webhook field keeps the URL; the remove box drops it.
    expect(
      (
        await post(
          'analyst',
          `/alerts/rules/${rule.id}`,
          newRule({ name: 'Med webhook', sensitivity: 'custom', minScore: '4,5' }),
        )
      ).status,
    ).toBe(303);
    const kept = await db
      .selectFrom('alert_rules')
      .selectAll()
      .where('id', '=', rule.id)
      .executeTakeFirstOrThrow();
    expect([kept.webhook_url, kept.min_score]).toEqual(['http://127.0.0.1:9/hook/secret-token', 4.5]);
    await post('analyst', `/alerts/rules/${rule.id}`, newRule({ name: 'Med webhook', removeWebhook: '1' }));
    expect(
      (
        await db
          .selectFrom('alert_rules')
          .select('webhook_url')
          .where('id', '=', rule.id)
          .executeTakeFirstOrThrow()
      ).webhook_url,
    ).toBeNull();
    expect((await post('analyst', `/alerts/rules/${rule.id}/enabled`, { enabled: 'false' })).status).toBe(
      303,
    );
    expect(
      (
        await db
          .selectFrom('alert_rules')
          .select('enabled')
          .where('id', '=', rule.id)
          .executeTakeFirstOrThrow()
      ).enabled,
    ).toBe(false);
    // Someone else's rule: not found, unchanged.
    expect((await get('analyst', `/alerts/rules/${securityRuleId}`)).status).toBe(404);
    expect(
      (await post('analyst', `/alerts/rules/${securityRuleId}/enabled`, { enabled: 'false' })).status,
    ).toBe(404);
    expect((await post('admin', `/alerts/rules/${securityRuleId}`, newRule())).status).toBe(404);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'params'])
      .where('action', 'like', 'alert_rule%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['alert_rule_add', 'alert_rule_update', 'alert_rule_enable']),
    );
    expect(JSON.stringify(audit)).not.toContain('secret-token');
  });

  it('shows each inbox its own alerts, restricted ones to security only, and records triage with who and when', async () => {
    const { db } = t.resources;
    const analystInbox = await (await get('analyst', '/alerts')).text();
    expect(analystInbox).toContain(`id="alert-${analystAlertId}"`);
    expect(analystInbox).not.toContain(`id="alert-${securityAlertId}"`);
    expect(analystInbox).toContain(`href="/emerging/`);
    expect(analystInbox).toContain('48 inlägg de senaste 6 timmarna, väntat 9 ± 4');
    const securityInbox = await (await get('security', '/alerts')).text();
    expect(securityInbox).toContain(`id="alert-${securityAlertId}"`);
    expect(securityInbox).not.toContain(`id="alert-${analystAlertId}"`);
    expect(securityInbox).toContain('Säkerhetsmottagare');

    expect((await post('analyst', `/alerts/${securityAlertId}/triage`, { state: 'dismissed' })).status).toBe(
      404,
    );
    expect((await post('analyst', `/alerts/${analystAlertId}/triage`, { state: 'bogus' })).status).toBe(400);
    const done = await post('analyst', `/alerts/${analystAlertId}/triage`, { state: 'answered' });
    expect(done.status).toBe(303);
    const row = await db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', analystAlertId)
      .executeTakeFirstOrThrow();
    expect(row.triage).toBe('answered');
    expect(row.triaged_by).toBe('analyst@kommun.se');
    expect(row.triaged_at).toBeInstanceOf(Date);
    const page = await (await get('analyst', '/alerts?state=answered')).text();
    expect(page).toContain('analyst@kommun.se');
    expect(await (await get('analyst', '/alerts?state=new')).text()).not.toContain(
      `id="alert-${analystAlertId}"`,
    );
    // An unknown state is an error, not the unfiltered inbox.
    expect((await get('analyst', '/alerts?state=bogus')).status).toBe(400);
    expect((await get('analyst', '/alerts?state=')).status).toBe(200);
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor_label', 'params'])
      .where('action', '=', 'alert_triage')
      .execute();
    expect(audit).toEqual([
      { actor_label: 'analyst@kommun.se', params: { alert_id: analystAlertId, state: 'answered' } },
    ]);
  });
});
