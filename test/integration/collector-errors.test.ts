/**
 * Bad feeds on real Postgres, Redis and HTTP: a malformed feed, one over the size cap and one in ISO-8859-1,
 * polled beside a good one. Each bad one is recorded on its source; the good and the latin-1 ones are stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../../collectors/main.ts';
import { getSource, upsertSource } from '../../core/db/sources.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { scheduleSource } from '../../core/queues/collect-source.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const MAX_BYTES = 64 * 1024;

const rss = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;
const item = (id: string, text: string) =>
  `<item><guid>${id}</guid><title>${id}</title><description>${text}</description>` +
  `<pubDate>Mon, 16 Nov 2026 12:00:00 +0000</pubDate></item>`;

describe('collector: bad feeds are recorded and never stop other sources', () => {
  let t: TestResources;
  let server: FixtureServer;
  let collector: Stoppable;

  beforeAll(async () => {
    const latin1 =
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Lokalt</title>' +
      item('latin-1', 'Socialtjänsten i Trollhättan: så här går en orosanmälan till. Föräldrar får stöd.') +
      '</channel></rss>';
    server = await startFixtureServer({
      '/malformed.xml': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end('<rss version="2.0"><channel><title>x</title><item><title>oops');
      },
      '/huge.xml': (_req, res) => {
        // Streamed without Content-Length, so the cap must be enforced on the bytes as they arrive.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const filler = item('x', 'a'.repeat(4_000));
        for (let i = 0; i < 40; i += 1) res.write(filler);
        res.end();
      },
      '/latin1.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(Buffer.from(latin1, 'latin1'));
      },
      '/good.xml': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
          .end(rss(item('good-1', 'Vanlig nyhet om skolan i Mölndal.') + item('good-2', 'Ännu en nyhet.')));
      },
    });
    t = await openTestResources({ FETCH_MAX_BYTES: String(MAX_BYTES) });
    collector = await startCollector(t.resources);
  });

  afterAll(async () => {
    await collector?.close();
    await t?.cleanup();
    await server?.close();
  });

  it('records each failure with its reason and still collects the rest', async () => {
    const ids: Record<string, number> = {};
    for (const name of ['malformed', 'huge', 'latin1', 'good']) {
      const { source } = await upsertSource(t.resources.db, {
        kind: 'rss',
        name,
        url: `${server.url}/${name}.xml`,
        pollIntervalSeconds: 3_600,
      });
      ids[name] = source.id;
      await scheduleSource(t.resources.queues.collect, source.id, 3_600);
    }
    const sources = await waitUntil(
      () => Promise.all(Object.values(ids).map((id) => getSource(t.resources.db, id))),
      (rows) => rows.every((row) => row?.last_polled_at),
    );
    const [malformed, huge, latin1, good] = sources;
    expect(malformed?.last_error).toMatch(/malformed/i);
    expect(malformed?.consecutive_failures).toBe(1);
    expect(huge?.last_error).toMatch(/too-large/);
    expect(huge?.last_error).toContain(String(MAX_BYTES));
    expect(latin1).toMatchObject({ last_error: null, items_last_poll: 1 });
    expect(good).toMatchObject({ last_error: null, items_last_poll: 2 });

    const posts = await t.resources.db
      .selectFrom('posts')
      .select(['external_id', 'text', 'source_id'])
      .orderBy('external_id')
      .execute();
    expect(posts.map((p) => p.external_id)).toEqual(['good-1', 'good-2', 'latin-1']);
    const latinPost = posts.find((p) => p.external_id === 'latin-1');
    expect(latinPost?.text).toContain(
      'Socialtjänsten i Trollhättan: så här går en orosanmälan till. Föräldrar',
    );
    expect(latinPost?.text).not.toContain('\uFFFD');
  });
});
