/**
 * The emerging-rumours pages on the real app (Postgres, Redis, HTTP on loopback): the event list with its plain
 * reason, restricted events for the security role only, an event's evidence with post text rendered inert, and
 * the analysts' Dismiss and Make-a-theme forms (theme row, labels, audit), refused to viewers and without CSRF.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { upsertCandidate } from '../../core/db/claim-candidates.ts';
import { upsertEvent } from '../../core/db/emerging-events.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../dashboard/auth/settings.ts';
import type { Signal } from '../../emerging/types.ts';
import { spikeSignal } from '../helpers/alert-seed.ts';
import { addUser, login, type Session } from '../helpers/auth.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)> سوسیال بچه‌ها را می‌برد';

describe('emerging pages', () => {
  let t: TestResources;
  let server: Listening;
  let base: string;
  const sessions = new Map<string, Session>();
  let plainId: number;
  let threatId: number;
  let postIds: number[];
  let dismissId: number;
  let promoteId: number;
  let securePromoteId: number;

  const spike = (themeId: string, restricted: boolean, examples: number[]): Signal =>
    spikeSignal({ themeId, lang: 'fa' }, { restricted, examplePostIds: examples });

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'Kanal <b>X</b>',
      url: 'https://example.org/feed',
      pollIntervalSeconds: 900,
    });
    const at = new Date();
    postIds = await seedAnalysedPosts(db, source.id, [
      {
        externalId: 'xss',
        text: XSS,
        url: 'javascript:alert(3)',
        publishedAt: new Date(at.getTime() - 3_600_000),
        lang: 'fa',
        stance: 'rumour',
        themes: [{ id: 'soc_takes_children', evidence: ['بچه'] }],
      },
      {
        externalId: 'threat',
        text: 'Vi vet var handläggaren bor',
        url: 'https://example.org/threat',
        publishedAt: new Date(at.getTime() - 7_200_000),
        lang: 'sv',
        stance: 'rumour',
        themes: [{ id: 'violence_threats', evidence: ['vet var'] }],
      },
      {
        externalId: 'claim',
        text: 'Kommunen säljer barnens data till appar',
        url: 'https://example.org/claim',
        publishedAt: new Date(at.getTime() - 600_000),
        lang: 'sv',
        stance: 'neutral',
        themes: [],
      },
    ]);
    const [xssPost, threatPost, claimPost] = postIds as [number, number, number];
    plainId = (
      await upsertEvent(db, spike('soc_takes_children', false, [xssPost, threatPost]), {
        modelVersion: MODEL_VERSION,
        at,
        startedAt: at,
      })
    ).id;
    threatId = (
      await upsertEvent(db, spike('violence_threats', true, [threatPost]), {
        modelVersion: MODEL_VERSION,
        at,
        startedAt: at,
      })
    ).id;
    const candidate = (key: string, terms: string[], examplePostIds = [claimPost, xssPost]) =>
      upsertCandidate(db, {
        lang: 'sv',
        key,
        terms,
        displayTerms: terms,
        examplePostIds,
        postsRecent: 14,
        score: 6.5,
      });
    dismissId = (await candidate('brus', ['brus', 'reklam'])).id;
    // The threat post is among its examples: an analyst never sees it, so it is never labelled in their name.
    promoteId = (await candidate('data salj', ['säljer', 'barnens data'], [claimPost, xssPost, threatPost]))
      .id;

    server = await listen(
      createApp({
        db,
        redis: t.resources.redis,
        logger: t.resources.logger,
        modelVersion: async () => MODEL_VERSION,
        auth: { ...DEFAULT_AUTH_SETTINGS, keyPrefix: t.prefix },
      }),
    );
    base = server.url;
    for (const role of ['viewer', 'analyst', 'security'] as const) {
      await addUser(db, `${role}@kommun.se`, [role]);
      sessions.set(role, await login(base, `${role}@kommun.se`));
    }
    await addUser(db, 'analyst-security@kommun.se', ['analyst', 'security']);
    sessions.set('analyst-security', await login(base, 'analyst-security@kommun.se'));
    securePromoteId = (await candidate('hot gata', ['gatan', 'hämnd'], [threatPost, claimPost])).id;
  });

  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  const get = (who: string, path: string) =>
    fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie: sessions.get(who)!.cookie } });
  const post = (who: string, path: string, fields: Record<string, string>, csrf = true) => {
    const session = sessions.get(who)!;
    return fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, ...(csrf ? { _csrf: session.csrfToken } : {}) }),
    });
  };

  it('lists events with their plain reason; restricted events only for the security role', async () => {
    const viewer = await get('viewer', '/emerging?lang=en');
    expect(viewer.status).toBe(200);
    const page = await viewer.text();
    expect(page).toContain('aria-current="page"');
    expect(page).toContain(`href="/emerging/${plainId}"`);
    expect(page).toMatch(/in Persian \(fa\): 48 posts in the last 6 h, expected 9 ± 4/);
    expect(page).not.toContain(`href="/emerging/${threatId}"`);
    expect(page).toContain('Candidate claims');
    expect(page).toContain('barnens data');
    // Viewers see candidates but get no forms.
    expect(page).not.toContain(`/emerging/candidates/${promoteId}/theme`);

    const security = await (await get('security', '/emerging?lang=sv')).text();
    expect(security).toContain(`href="/emerging/${threatId}"`);
    expect(security).toContain('48 inlägg senaste 6 h, förväntat 9 ± 4');
    const onlyEnded = await (await get('security', '/emerging?status=ended')).text();
    expect(onlyEnded).not.toContain(`href="/emerging/${plainId}"`);
    const waves = await (await get('security', '/emerging?kind=wave')).text();
    expect(waves).not.toContain(`href="/emerging/${plainId}"`);
    // Unknown filters are errors, not the unfiltered list.
    expect((await get('security', '/emerging?kind=bogus')).status).toBe(400);
    expect((await get('security', '/emerging?status=bogus')).status).toBe(400);

    expect((await get('viewer', `/emerging/${threatId}`)).status).toBe(404);
    expect((await get('viewer', '/emerging/99999')).status).toBe(404);
    expect((await get('viewer', '/emerging/abc')).status).toBe(404);
    expect((await get('security', `/emerging/${threatId}`)).status).toBe(200);
  });

  it('shows an event’s evidence with post text inert and restricted posts hidden', async () => {
    const response = await get('viewer', `/emerging/${plainId}?lang=en`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('javascript:alert(3)');
    expect(page).toContain('Kanal &lt;b&gt;X&lt;/b&gt;');
    expect(page).not.toContain('handläggaren');
    expect(page).toMatch(
      /href="\/posts\?theme=soc_takes_children&amp;language=fa&amp;from=\d{4}-\d\d-\d\d&amp;to=/,
    );
    expect(page).toContain('First seen');
    const security = await (await get('security', `/emerging/${plainId}`)).text();
    expect(security).toContain('handläggaren');
  });

  it('lets analysts dismiss a candidate and make one a theme; viewers get 403 and CSRF is enforced', async () => {
    const { db } = t.resources;
    expect((await post('viewer', `/emerging/candidates/${dismissId}/dismiss`, {})).status).toBe(403);
    expect((await post('analyst', `/emerging/candidates/${dismissId}/dismiss`, {}, false)).status).toBe(403);
    const fields = {
      themeId: 'soc_sells_data',
      labelSv: 'Soc säljer data',
      labelEn: 'Social services sell data',
    };
    expect((await post('viewer', `/emerging/candidates/${promoteId}/theme`, fields)).status).toBe(403);
    expect((await post('analyst', `/emerging/candidates/${promoteId}/theme`, fields, false)).status).toBe(
      403,
    );

    const dismissed = await post('analyst', `/emerging/candidates/${dismissId}/dismiss`, {});
    expect(dismissed.status).toBe(303);
    expect(dismissed.headers.get('location')).toContain(`done=dismissed:${dismissId}`);
    // Decided already (say, by another analyst): the page again, saying so, not a JSON error.
    const again = await post('analyst', `/emerging/candidates/${dismissId}/dismiss`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Kandidaten finns inte eller är redan avgjord.');

    const taken = await post('analyst', `/emerging/candidates/${promoteId}/theme`, {
      ...fields,
      themeId: 'soc_takes_children',
    });
    expect(taken.status).toBe(400);
    const problem = await taken.text();
    expect(problem).toContain('role="alert"');
    expect(problem).toMatch(/id="theme-id-\d+"[^>]*value="soc_takes_children"[^>]*aria-invalid="true"/s);
    expect(
      (await post('analyst', `/emerging/candidates/${promoteId}/theme`, { ...fields, themeId: 'X!' })).status,
    ).toBe(400);

    const made = await post('analyst', `/emerging/candidates/${promoteId}/theme`, fields);
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toContain('done=theme:soc_sells_data:2');

    const theme = await db
      .selectFrom('themes')
      .selectAll()
      .where('id', '=', 'soc_sells_data')
      .executeTakeFirstOrThrow();
    expect(theme).toMatchObject({
      origin: 'dashboard',
      label_sv: 'Soc säljer data',
      seed_terms: ['säljer', 'barnens data'],
    });
    const candidates = await db.selectFrom('claim_candidates').selectAll().orderBy('id').execute();
    expect(candidates.map((c) => [c.status, c.theme_id, c.decided_by])).toEqual([
      ['dismissed', null, 'analyst@kommun.se'],
      ['promoted', 'soc_sells_data', 'analyst@kommun.se'],
      ['new', null, null],
    ]);
    const labels = await db.selectFrom('post_labels').selectAll().orderBy('post_id').execute();
    expect(labels.map((l) => [l.post_id, l.stance, l.themes, l.labelled_by])).toEqual([
      [postIds[0], 'rumour', ['soc_sells_data'], 'analyst@kommun.se'],
      [postIds[2], 'rumour', ['soc_sells_data'], 'analyst@kommun.se'],
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'params'])
      .where('action', 'in', ['claim_dismiss', 'claim_promote'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ['claim_dismiss', 'ok'],
      ['claim_promote', 'failure'],
      ['claim_promote', 'failure'],
      ['claim_promote', 'ok'],
    ]);
    expect(audit[3]?.params).toMatchObject({ candidate_id: promoteId, theme_id: 'soc_sells_data' });
    // Decided candidates leave the list; the new theme is known to the label API at once.
    const page = await (await get('analyst', '/emerging?done=theme:soc_sells_data:2')).text();
    expect(page).toContain('soc_sells_data');
    expect(page).not.toContain(`id="candidate-${promoteId}"`);
    const session = sessions.get('analyst')!;
    const label = await fetch(`${base}/api/posts/${postIds[0]}/labels`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ stance: 'rumour', themes: ['soc_sells_data'] }),
    });
    expect(label.status).toBe(201);
  });

  it('never labels a restricted post by making a theme, also when the security role saw it', async () => {
    const made = await post('analyst-security', `/emerging/candidates/${securePromoteId}/theme`, {
      themeId: 'hot_mot_gata',
      labelSv: 'Hot mot gata',
      labelEn: 'Threat to a street',
    });
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toContain('done=theme:hot_mot_gata:1');
    const labels = await t.resources.db
      .selectFrom('post_labels')
      .selectAll()
      .where(sql<boolean>`themes @> ARRAY['hot_mot_gata']::text[]`)
      .execute();
    expect(labels.map((l) => l.post_id)).toEqual([postIds[2]]);
  });
});
