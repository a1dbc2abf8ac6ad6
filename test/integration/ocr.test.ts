/**
 * OCR of post images on real Postgres, Redis, HTTP and tesseract: a screenshot rendered by Chromium is fetched from
 * a loopback server, its text read and stored labelled as OCR, and the post is analysed again with it. A file that
 * is not an image and a PNG declaring a decompression-bomb size are recorded as skipped with their reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../../collectors/main.ts';
import { MAX_IMAGE_PIXELS } from '../../collectors/ocr/read-media-text.processor.ts';
import { storePosts } from '../../core/db/posts.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { contentHash } from '../../core/content.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { enqueueAnalysis } from '../../core/queues/analyse-posts.ts';
import { enqueueMediaText } from '../../core/queues/read-media-text.ts';
import { startAnalysisWorker } from '../../workers/main.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const SCREENSHOT_TEXT =
  'SOCIALTJÄNSTEN KIDNAPPAR VÅRA BARN! Soc tar barnen från muslimska familjer. Sprid detta!';

/** A post screenshot as the campaign shares them: large dark text on white, rendered by real Chromium. */
async function renderScreenshot(): Promise<Buffer> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 300 } });
    await page.setContent(
      `<body style="margin:40px;background:#fff;font:bold 34px sans-serif;color:#111">${SCREENSHOT_TEXT}</body>`,
    );
    return await page.screenshot({ type: 'png' });
  } finally {
    await browser.close();
  }
}

/** A valid PNG signature and IHDR declaring far more pixels than the cap, and nothing else. */
function bombHeader(): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'ascii');
  const side = Math.ceil(Math.sqrt(MAX_IMAGE_PIXELS)) * 10;
  header.writeUInt32BE(side, 16);
  header.writeUInt32BE(side, 20);
  return header;
}

describe('OCR of post images', () => {
  let t: TestResources;
  let server: FixtureServer;
  let processes: Stoppable[] = [];

  beforeAll(async () => {
    const screenshot = await renderScreenshot();
    server = await startFixtureServer({
      '/img/screenshot.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png' }).end(screenshot);
      },
      '/img/bomb.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png' }).end(bombHeader());
      },
      '/img/page.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>nope</html>');
      },
    });
    // The fixture server shares this process with the collector and the analysis worker; on a machine busy with
    // other suites a loopback answer took over the helpers' 5 s once, and robots.txt then read as unreachable.
    t = await openTestResources({
      FETCH_ALLOWLIST: '127.0.0.1/32',
      HOST_MIN_DELAY_MS: '0',
      FETCH_TIMEOUT_MS: '30000',
    });
    processes = [await startCollector(t.resources), await startAnalysisWorker(t.resources)];
  }, 60_000);

  afterAll(async () => {
    for (const p of processes) await p.close();
    await t?.cleanup();
    await server?.close();
  });

  it('reads a screenshot, stores the text as OCR and re-analyses the post with it; bad images keep a reason', async () => {
    const { db, queues } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'ocr',
      url: `${server.url}/feed.xml`,
      pollIntervalSeconds: 3_600,
    });
    const text = 'Läs och dela 👇👇';
    const stored = await storePosts(db, source.id, [
      {
        externalId: 'with-images',
        url: null,
        title: null,
        text,
        authorPseudonym: null,
        publishedAt: new Date('2026-11-20T10:00:00Z'),
        contentHash: contentHash(text),
        media: ['screenshot', 'bomb', 'page'].map((name) => ({
          url: `${server.url}/img/${name}.png`,
          kind: 'image',
        })),
      },
    ]);
    const postId = stored.ids[0] as number;
    await enqueueAnalysis(queues.analyse, [postId]);
    await enqueueMediaText(
      queues.readMediaText,
      ['screenshot', 'bomb', 'page'].map((name) => ({ postId, url: `${server.url}/img/${name}.png` })),
    );

    const rows = await waitUntil(
      () =>
        db
          .selectFrom('post_media_text')
          .selectAll()
          .where('post_id', '=', postId)
          .orderBy('media_url')
          .execute(),
      (found) => found.length === 3,
      { timeoutMs: 120_000 },
    );
    const byName = Object.fromEntries(rows.map((row) => [row.media_url.split('/').pop(), row]));
    // Its reason in the failure message, should a skip come back.
    expect(byName['screenshot.png'], byName['screenshot.png']?.reason ?? undefined).toMatchObject({
      status: 'done',
      method: 'ocr',
    });
    expect(byName['screenshot.png']?.text?.toLowerCase()).toMatch(/kidnappar/);
    expect(byName['bomb.png']).toMatchObject({ status: 'skipped', text: null });
    expect(byName['bomb.png']?.reason).toMatch(/^too-many-pixels/);
    expect(byName['page.png']).toMatchObject({ status: 'skipped' });
    expect(byName['page.png']?.reason).toMatch(/^not-an-image/);

    // The post's own text says nothing; with the screenshot's text it is a rumour about soc taking children.
    const classification = await waitUntil(
      () =>
        db
          .selectFrom('post_classifications')
          .select(['stance'])
          .where('post_id', '=', postId)
          .executeTakeFirst(),
      (row) => row?.stance === 'rumour',
      { timeoutMs: 120_000 },
    );
    expect(classification?.stance).toBe('rumour');
    const themes = await db
      .selectFrom('post_themes')
      .select(['theme_id', 'evidence'])
      .where('post_id', '=', postId)
      .where('role', '=', 'rumour')
      .execute();
    expect(themes.map((row) => row.theme_id)).toContain('soc_takes_children');
  });
});
