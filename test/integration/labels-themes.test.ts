/**
 * Which themes an analyst's label may carry, through the real app on real Postgres: a restricted theme
 * (violence_threats) only from someone who may see such posts (an analyst's label used to hide the post from the
 * analyst, whose correction then got 404), and every theme that exists, dashboard-made ones included (the list
 * was capped at the taxonomy's 13).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { RESTRICTED_THEMES } from '../../classifier/types.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { addUser, bearer, login, type Session } from '../helpers/auth.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

describe('themes in analyst labels', () => {
  let t: TestResources;
  let server: Listening;
  let postId: number;
  let analystToken: string;
  /** An analyst who also holds the security role: may label and see restricted posts. */
  let securityAnalyst: Session;

  const call = async (method: 'GET' | 'POST', path: string, auth: Record<string, string>, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const asAnalyst = () => ({ authorization: analystToken });
  const asSecurityAnalyst = () => ({
    cookie: securityAnalyst.cookie,
    'x-csrf-token': securityAnalyst.csrfToken,
  });
  const labelsOf = async (auth: Record<string, string>) =>
    call('GET', `/api/posts/${postId}/labels`, auth).then(
      (r) => (r.body['labels'] as { themes: string[]; about: string[] }[] | undefined) ?? r.status,
    );
  const addTheme = (id: string) =>
    t.resources.db
      .insertInto('themes')
      .values({
        id,
        label_sv: id,
        label_en: id,
        description_sv: '',
        description_en: '',
        taxonomy_version: 'dashboard',
        seed_terms: [id],
        origin: 'dashboard',
      })
      .execute();

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'l',
      url: 'https://example.org/l',
      pollIntervalSeconds: 900,
    });
    [postId] = (await seedAnalysedPosts(db, source.id, [
      {
        externalId: 'x',
        text: 'De tar barnen',
        publishedAt: new Date('2026-11-01T10:00:00Z'),
        lang: 'sv',
        stance: 'unrelated',
        themes: [],
      },
    ])) as [number];
    const app = createApp({
      db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: async () => MODEL_VERSION,
    });
    server = await listen(app);
    analystToken = await bearer(db, 'analyst', 'analyst-script');
    await addUser(db, 'sakerhet@kommun.se', ['analyst', 'security']);
    securityAnalyst = await login(server.url, 'sakerhet@kommun.se');
  });
  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it('refuses a restricted theme from an analyst, who keeps seeing and correcting the post', async () => {
    expect(RESTRICTED_THEMES).toContain('violence_threats');
    for (const body of [
      { stance: 'rumour', themes: ['soc_takes_children', 'violence_threats'] },
      { stance: 'counter', about: ['violence_threats'] },
    ]) {
      const refused = await call('POST', `/api/posts/${postId}/labels`, asAnalyst(), body);
      expect(refused.status).toBe(403);
      expect(refused.body['error']).toMatchObject({
        code: 'forbidden',
        message: 'only the security role can label a post violence_threats',
        field: 'themes' in body ? 'themes' : 'about',
      });
    }
    expect(await labelsOf(asAnalyst())).toEqual([]);
    const denied = await t.resources.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('action', '=', 'access_denied')
      .execute();
    expect(denied).toEqual([
      { action: 'access_denied', outcome: 'denied' },
      { action: 'access_denied', outcome: 'denied' },
    ]);

    const correction = await call('POST', `/api/posts/${postId}/labels`, asAnalyst(), {
      stance: 'rumour',
      themes: ['soc_takes_children'],
    });
    expect(correction.status).toBe(201);

    // Someone with the security role as well may; the post is then hidden from the analyst, as documented.
    const restricted = await call('POST', `/api/posts/${postId}/labels`, asSecurityAnalyst(), {
      stance: 'rumour',
      themes: ['violence_threats'],
    });
    expect(restricted.status).toBe(201);
    expect(await labelsOf(asAnalyst())).toBe(404);
    const undo = await call('POST', `/api/posts/${postId}/labels`, asSecurityAnalyst(), {
      stance: 'unrelated',
    });
    expect(undo.status).toBe(201);
    expect(await labelsOf(asAnalyst())).toHaveLength(3);
  });

  it('accepts every existing theme, dashboard-made ones beyond the taxonomy’s 13 included, and no unknown one', async () => {
    await addTheme('soc_sells_data');
    await addTheme('soc_reads_chats');
    const all = (await t.resources.db.selectFrom('themes').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    const open = all.filter((id) => !RESTRICTED_THEMES.includes(id));
    expect(open.length).toBeGreaterThanOrEqual(14);

    const many = await call('POST', `/api/posts/${postId}/labels`, asAnalyst(), {
      stance: 'rumour',
      themes: open,
    });
    expect(many.status).toBe(201);
    expect((many.body['label'] as { themes: string[] }).themes).toEqual(open);
    const about = await call('POST', `/api/posts/${postId}/labels`, asAnalyst(), {
      stance: 'neutral',
      about: open,
    });
    expect(about.status).toBe(201);
    const everything = await call('POST', `/api/posts/${postId}/labels`, asSecurityAnalyst(), {
      stance: 'rumour',
      themes: all,
    });
    expect(everything.status).toBe(201);
    await call('POST', `/api/posts/${postId}/labels`, asSecurityAnalyst(), { stance: 'unrelated' });

    const unknown = await call('POST', `/api/posts/${postId}/labels`, asAnalyst(), {
      stance: 'rumour',
      themes: [...open, 'no_such_theme'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body['error']).toMatchObject({
      field: 'themes',
      message: 'themes: unknown theme no_such_theme',
    });
  });
});
