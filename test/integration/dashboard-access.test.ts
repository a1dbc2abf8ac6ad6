/**
 * People and access on the real app (Postgres, Redis, HTTP on loopback): every route × every kind of caller,
 * login and its throttle, CSRF, session expiry and rotation, API tokens, the audit log, and violence_threats
 * posts shown only to the security role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { revokeApiToken } from '../../core/db/api-tokens.ts';
import { heldPostIds } from '../../core/db/legal-holds.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from '../../dashboard/auth/settings.ts';
import {
  addUser,
  bearer,
  login,
  postLogin,
  setCookies,
  TEST_PASSWORD,
  type Session,
} from '../helpers/auth.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

const THREAT = 'Vi vet var socialsekreteraren bor. Hämnd!';

describe('dashboard access', () => {
  let t: TestResources;
  let server: Listening;
  let base: string;
  let postId: number;
  let threatId: number;
  const sessions = new Map<string, Session>();
  const tokens = new Map<string, string>();
  const settings = (extra: Partial<AuthSettings> = {}): AuthSettings => ({
    ...DEFAULT_AUTH_SETTINGS,
    keyPrefix: t.prefix,
    ...extra,
  });
  const serve = (auth: AuthSettings) =>
    listen(
      createApp({
        db: t.resources.db,
        redis: t.resources.redis,
        logger: t.resources.logger,
        modelVersion: async () => MODEL_VERSION,
        auth,
      }),
    );

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'acc',
      url: 'https://example.org/acc',
      pollIntervalSeconds: 900,
    });
    [postId, threatId] = (await seedAnalysedPosts(db, source.id, [
      {
        externalId: 'plain',
        text: 'Soc tar barn',
        publishedAt: new Date('2026-11-01T10:00:00Z'),
        lang: 'sv',
        stance: 'rumour',
        themes: [{ id: 'soc_takes_children', evidence: ['soc'] }],
      },
      {
        externalId: 'threat',
        text: THREAT,
        publishedAt: new Date('2026-11-02T10:00:00Z'),
        lang: 'sv',
        stance: 'rumour',
        themes: [{ id: 'violence_threats', evidence: ['hämnd'] }],
      },
    ])) as [number, number];
    server = await serve(settings());
    base = server.url;
    for (const role of ['viewer', 'analyst', 'security', 'admin'] as const) {
      await addUser(db, `${role}@kommun.se`, [role]);
      sessions.set(role, await login(base, `${role}@kommun.se`));
    }
    // Labelling a post with a restricted theme takes the label right and the security role together.
    await addUser(db, 'analyst-security@kommun.se', ['analyst', 'security']);
    sessions.set('analyst-security', await login(base, 'analyst-security@kommun.se'));
    tokens.set('token-viewer', await bearer(db, 'viewer', 'bi-viewer'));
    tokens.set('token-analyst', await bearer(db, 'analyst', 'bi-analyst'));
  });

  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  const headersOf = (who: string): Record<string, string> => {
    const session = sessions.get(who);
    if (session) return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const token = tokens.get(who);
    return token ? { authorization: token } : {};
  };
  const call = (who: string, method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...headersOf(who), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  // Expected status per caller: anonymous, viewer, analyst, security, admin, viewer token, analyst token.
  const WHO = ['anonymous', 'viewer', 'analyst', 'security', 'admin', 'token-viewer', 'token-analyst'];
  const label = { stance: 'rumour', themes: ['soc_takes_children'] };
  const hold = { reason: 'hotet är polisanmält', case: 'K-2026-1' };
  const ROUTES: [string, string, unknown, number[]][] = [
    ['GET', '/healthz', undefined, [200, 200, 200, 200, 200, 200, 200]],
    ['GET', '/login', undefined, [200, 200, 200, 200, 200, 200, 200]],
    // Tokens are for /api/* only: a page asked with one is sent to the login form.
    ['GET', '/', undefined, [303, 200, 200, 200, 200, 303, 303]],
    ['GET', '/api/trends?from=2026-11-01&to=2026-11-02', undefined, [401, 200, 200, 200, 200, 200, 200]],
    ['GET', '/api/posts', undefined, [401, 200, 200, 200, 200, 200, 200]],
    ['GET', '/api/me', undefined, [401, 200, 200, 200, 200, 200, 200]],
    ['GET', '/api/posts/POST/labels', undefined, [401, 200, 200, 200, 200, 200, 200]],
    ['POST', '/api/posts/POST/labels', label, [401, 403, 201, 403, 201, 403, 201]],
    ['GET', '/api/audit', undefined, [401, 403, 403, 403, 200, 403, 403]],
    // Legal holds: the security and admin roles only (API tokens are viewer or analyst).
    ['GET', '/api/posts/POST/holds', undefined, [401, 403, 403, 200, 200, 403, 403]],
    ['POST', '/api/posts/POST/holds', hold, [401, 403, 403, 201, 201, 403, 403]],
    ['POST', '/api/holds/999999/release', undefined, [401, 403, 403, 404, 404, 403, 403]],
    // Any reader may ask for a machine translation; this app has no service configured (translation.test.ts has one).
    ['POST', '/api/posts/POST/translation', undefined, [401, 404, 404, 404, 404, 404, 404]],
    ['GET', '/emerging', undefined, [303, 200, 200, 200, 200, 303, 303]],
    ['GET', '/emerging/999999', undefined, [303, 404, 404, 404, 404, 303, 303]],
    // Deciding a claim candidate needs the label right (a page form: without a login it is sent to /login); an
    // unknown or already decided candidate shows the page again with a notice (409).
    ['POST', '/emerging/candidates/999999/dismiss', undefined, [303, 403, 409, 403, 409, 303, 303]],
    ['GET', '/no-such-page', undefined, [303, 404, 404, 404, 404, 303, 303]],
  ];
  it.each(
    ROUTES.flatMap(([method, path, body, statuses]) =>
      WHO.map((who, i) => [method, path, who, statuses[i], body]),
    ),
  )('%s %s as %s → %i', async (method, path, who, expected, body) => {
    const response = await call(
      who as string,
      method as string,
      (path as string).replace('POST', String(postId)),
      body,
    );
    expect(response.status).toBe(expected);
    if (expected === 401)
      expect((await response.json()) as unknown).toMatchObject({ error: { code: 'unauthenticated' } });
    if (expected === 303 && path !== '/login') {
      expect(response.headers.get('location')).toBe(
        method === 'GET' ? `/login?next=${encodeURIComponent(path as string)}` : '/login',
      );
    }
  });

  it('sets strict security headers and session cookie flags', async () => {
    const page = await fetch(`${base}/login`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<label for="email">E-postadress</label>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);

    const response = await postLogin(base, 'viewer@kommun.se', TEST_PASSWORD);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('rr_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);

    const secure = await serve(settings({ cookieSecure: true }));
    try {
      const secured = await postLogin(secure.url, 'viewer@kommun.se', TEST_PASSWORD);
      const line = secured.headers.getSetCookie().find((l) => l.startsWith('__Host-rr_session='));
      expect(line).toMatch(/;\s*Secure/i);
      expect(secured.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      await secure.close();
    }
  });

  it('speaks English on ?lang=en or an English browser', async () => {
    expect(await (await fetch(`${base}/login?lang=en`)).text()).toContain(
      '<label for="email">Email address</label>',
    );
    const en = await fetch(`${base}/login`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(await en.text()).toContain('<html lang="en">');
  });

  it('logs in to a local `next` only, and logs failures without the password', async () => {
    const ok = await postLogin(base, 'Analyst@Kommun.se', TEST_PASSWORD, { next: '/api/posts?lang=sv' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/api/posts?lang=sv');
    const evil = await postLogin(base, 'analyst@kommun.se', TEST_PASSWORD, { next: '//evil.example/x' });
    expect(evil.headers.get('location')).toBe('/');

    const wrong = await postLogin(base, 'analyst@kommun.se', 'Fel-Lösen-ord-123');
    expect(wrong.status).toBe(401);
    expect(setCookies(wrong).has('rr_session')).toBe(false);
    const page = await wrong.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('Fel e-postadress eller lösenord.');
    const unknown = await postLogin(base, 'nobody@kommun.se', 'Fel-Lösen-ord-123');
    expect(unknown.status).toBe(401);

    const rows = await t.resources.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'login')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(rows.map((r) => [r.outcome, r.actor_label, r.params['reason']])).toEqual([
      ['failure', null, 'unknown_account'],
      ['failure', 'analyst@kommun.se', 'wrong_password'],
    ]);
    expect(JSON.stringify(rows)).not.toContain('Fel-Lösen-ord');
  });

  it('refuses a login form without its CSRF pair', async () => {
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'viewer@kommun.se', password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(setCookies(response).has('rr_session')).toBe(false);
  });

  it('rate-limits failed logins per account: 429 with Retry-After, even for the right password', async () => {
    await addUser(t.resources.db, 'target@kommun.se', ['viewer']);
    for (let i = 0; i < 5; i += 1) {
      expect((await postLogin(base, 'target@kommun.se', `Fel-Lösen-${i}-abcdef`)).status).toBe(401);
    }
    const blocked = await postLogin(base, 'target@kommun.se', TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    const retry = Number(blocked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(800);
    expect(retry).toBeLessThanOrEqual(900);
    expect(await blocked.text()).toContain('För många misslyckade inloggningar');
    // Other accounts from the same address are not locked out by it.
    expect((await postLogin(base, 'viewer@kommun.se', TEST_PASSWORD)).status).toBe(303);
  });

  it('refuses state changes from a session without the right CSRF token', async () => {
    const analyst = sessions.get('analyst')!;
    const send = (headers: Record<string, string>) =>
      fetch(`${base}/api/posts/${postId}/labels`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: analyst.cookie, ...headers },
        body: JSON.stringify(label),
      });
    const missing = await send({});
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: 'csrf' } });
    expect((await send({ 'x-csrf-token': `${analyst.csrfToken.slice(0, -2)}xx` })).status).toBe(403);
    expect((await send({ 'x-csrf-token': sessions.get('viewer')!.csrfToken })).status).toBe(403);
    expect((await send({ 'x-csrf-token': analyst.csrfToken })).status).toBe(201);
    const logout = await fetch(`${base}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: analyst.cookie },
    });
    expect(logout.status).toBe(403);
  });

  it('rotates the session at login and ends it at logout', async () => {
    const first = await login(base, 'viewer@kommun.se');
    const second = await postLogin(base, 'viewer@kommun.se', TEST_PASSWORD, { cookie: first.cookie });
    expect(second.status).toBe(303);
    const secondCookie = `rr_session=${setCookies(second).get('rr_session')}`;
    expect(secondCookie).not.toBe(first.cookie);
    expect((await fetch(`${base}/api/me`, { headers: { cookie: first.cookie } })).status).toBe(401);
    const me = (await (await fetch(`${base}/api/me`, { headers: { cookie: secondCookie } })).json()) as {
      csrfToken: string;
    };
    const out = await fetch(`${base}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: secondCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: me.csrfToken }),
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login?out=1');
    expect((await fetch(`${base}/api/me`, { headers: { cookie: secondCookie } })).status).toBe(401);
  });

  it('expires a session after the idle timeout and after the absolute lifetime', async () => {
    const idle = await serve(settings({ idleMs: 1_000 }));
    const absolute = await serve(settings({ absoluteMs: 1_500 }));
    try {
      const a = await login(idle.url, 'viewer@kommun.se');
      expect((await fetch(`${idle.url}/api/me`, { headers: { cookie: a.cookie } })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      const expired = await fetch(`${idle.url}/`, { headers: { cookie: a.cookie }, redirect: 'manual' });
      expect(expired.status).toBe(303);
      expect(expired.headers.get('location')).toBe('/login?next=%2F');

      // Kept busy (never idle), it still ends at its absolute lifetime.
      const b = await login(absolute.url, 'viewer@kommun.se');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        statuses.push((await fetch(`${absolute.url}/api/me`, { headers: { cookie: b.cookie } })).status);
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      expect(statuses[0]).toBe(200);
      expect(statuses.at(-1)).toBe(401);
    } finally {
      await idle.close();
      await absolute.close();
    }
    // A login on those apps swept sessions idle for over a second, the other callers' included: log them in again.
    for (const role of ['viewer', 'analyst', 'security', 'admin', 'analyst-security'])
      sessions.set(role, await login(base, `${role}@kommun.se`));
  });

  it('accepts a bearer token on /api/* until it is revoked, recording its use', async () => {
    const { db } = t.resources;
    const token = await bearer(db, 'viewer', 'revoke-me');
    expect((await fetch(`${base}/api/posts`, { headers: { authorization: token } })).status).toBe(200);
    const row = await db
      .selectFrom('api_tokens')
      .selectAll()
      .where('name', '=', 'revoke-me')
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect(row.token_hash.toString('hex')).not.toContain(token.slice(7));
    const used = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'actor_label', 'route'])
      .where('actor_id', '=', row.id)
      .where('actor_kind', '=', 'token')
      .orderBy('id')
      .execute();
    expect(used).toEqual([
      { action: 'token_used', actor_kind: 'token', actor_label: 'token:revoke-me', route: 'GET /api/posts' },
      { action: 'view_posts', actor_kind: 'token', actor_label: 'token:revoke-me', route: 'GET /api/posts' },
    ]);

    await revokeApiToken(db, 'revoke-me');
    const refused = await fetch(`${base}/api/posts`, { headers: { authorization: token } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    expect(
      (await fetch(`${base}/api/posts`, { headers: { authorization: 'Bearer rr_not-a-real-token-at-all' } }))
        .status,
    ).toBe(401);
  });

  it('shows violence_threats posts only to the security role', async () => {
    const texts = async (who: string, path = '/api/posts') =>
      ((await (await call(who, 'GET', path)).json()) as { posts: { text: string }[] }).posts.map(
        (p) => p.text,
      );
    for (const who of ['viewer', 'analyst', 'admin', 'token-viewer', 'token-analyst']) {
      expect(await texts(who)).toEqual(['Soc tar barn']);
      expect(await texts(who, '/api/posts?theme=violence_threats')).toEqual([]);
      expect((await call(who, 'GET', `/api/posts/${threatId}/labels`)).status).toBe(404);
    }
    expect(await texts('security')).toEqual([THREAT, 'Soc tar barn']);
    expect((await call('security', 'GET', `/api/posts/${threatId}/labels`)).status).toBe(200);

    // Trends and their exports count restricted posts only for the security role (they showed them to everyone).
    const themesIn = async (who: string, path: string) =>
      Object.fromEntries(
        (
          (await (await call(who, 'GET', path)).json()) as { series: { theme: string; total: number }[] }
        ).series
          .filter((s) => s.total > 0 || s.theme === 'violence_threats')
          .map((s) => [s.theme, s.total]),
      );
    const trend = '/api/trends?from=2026-11-01&to=2026-11-02';
    for (const who of ['viewer', 'analyst', 'admin', 'token-viewer'])
      expect(await themesIn(who, trend)).toEqual({ soc_takes_children: 1 });
    expect(await themesIn('analyst', `/api/trends/export.json?from=2026-11-01&to=2026-11-02`)).toEqual({
      soc_takes_children: 1,
    });
    expect(await themesIn('security', trend)).toEqual({ soc_takes_children: 1, violence_threats: 1 });
    expect((await call('analyst', 'POST', `/api/posts/${threatId}/labels`, label)).status).toBe(404);

    const pageFor = async (who: string) => (await call(who, 'GET', '/?from=2026-10-01&to=2026-11-30')).text();
    expect(await pageFor('viewer')).not.toContain('socialsekreteraren');
    expect(await pageFor('security')).toContain('socialsekreteraren');

    // A label that adds the theme restricts the post too, whatever the classifier said; only a labeller with the
    // security role may give it (an admin without it could hide a post from everyone, then not undo it).
    const threat = { stance: 'rumour', themes: ['violence_threats'] };
    expect((await call('admin', 'POST', `/api/posts/${postId}/labels`, threat)).status).toBe(403);
    const relabel = await call('analyst-security', 'POST', `/api/posts/${postId}/labels`, threat);
    expect(relabel.status).toBe(201);
    expect(await texts('viewer')).toEqual([]);
    expect(await texts('security')).toEqual([THREAT, 'Soc tar barn']);
    expect((await call('analyst-security', 'POST', `/api/posts/${postId}/labels`, label)).status).toBe(201);
    expect(await texts('viewer')).not.toEqual([]);
  });

  it('lets security keep a threat under a legal hold from the posts page, and release it', async () => {
    // Validation first: a reason is required, unknown fields are refused.
    expect((await call('security', 'POST', `/api/posts/${threatId}/holds`, { reason: '' })).status).toBe(400);
    expect(
      (await call('security', 'POST', `/api/posts/${threatId}/holds`, { ...hold, by: 'someone' })).status,
    ).toBe(400);
    // An admin without the security role does not see the threat, so cannot hold it either.
    expect((await call('admin', 'POST', `/api/posts/${threatId}/holds`, hold)).status).toBe(404);

    const placed = await call('security', 'POST', `/api/posts/${threatId}/holds`, hold);
    expect(placed.status).toBe(201);
    const { hold: stored } = (await placed.json()) as { hold: { id: number; created_by: string } };
    expect(stored.created_by).toBe('security@kommun.se');
    expect(await heldPostIds(t.resources.db, [threatId])).toEqual([threatId]);

    const page = await (await call('security', 'GET', '/posts?theme=violence_threats')).text();
    expect(page).toContain('class="badge held"');
    expect(page).toContain(`data-hold-id="${stored.id}"`);
    expect(page).toContain('K-2026-1');
    // Without the hold right there is no hold control on the page.
    expect(await (await call('analyst', 'GET', '/posts')).text()).not.toContain('hold-form');

    const released = await call('security', 'POST', `/api/holds/${stored.id}/release`);
    expect(released.status).toBe(200);
    expect(await heldPostIds(t.resources.db, [threatId])).toEqual([]);
    expect((await call('security', 'POST', `/api/holds/${stored.id}/release`)).status).toBe(404);

    const actions = await t.resources.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'params'])
      .where('action', 'in', ['legal_hold_add', 'legal_hold_release'])
      .orderBy('id')
      .execute()
      .then((rows) => rows.filter((row) => row.params['post_id'] === threatId));
    expect(actions.map((a) => [a.action, a.actor_label])).toEqual([
      ['legal_hold_add', 'security@kommun.se'],
      ['legal_hold_release', 'security@kommun.se'],
    ]);
  });

  it('audits post-list views with filters but no post text, and lets admins read the log', async () => {
    await call('viewer', 'GET', '/api/posts?lang=sv&limit=5');
    const entries = (
      (await (await call('admin', 'GET', '/api/audit?limit=1000')).json()) as {
        entries: { action: string; actor_label: string; params: Record<string, unknown>; ip: string }[];
      }
    ).entries;
    const view = entries.find((e) => e.action === 'view_posts' && e.actor_label === 'viewer@kommun.se');
    expect(view?.params).toMatchObject({ lang: 'sv', limit: 5, paged: false, restricted_hidden: true });
    expect(view?.ip).toMatch(/127\.0\.0\.1/);
    expect(JSON.stringify(entries)).not.toContain('Soc tar barn');
    expect(entries.some((e) => e.action === 'label_post')).toBe(true);
    expect(entries.some((e) => e.action === 'access_denied')).toBe(true);
    expect(entries.some((e) => e.action === 'logout')).toBe(true);
  });
});
