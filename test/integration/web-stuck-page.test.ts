/**
 * The `web` kind against pages whose scripts never yield, with real Chromium, Postgres, Redis and HTTP on
 * 127.0.0.1: such a page fails its poll after about the 20 s step limit (not the job's 120 s), naming the step,
 * its renderer process is gone when the failure is recorded, and a normal page polled right after yields its
 * items. One page loops 100 ms after loading (as found in review, wherever that lands); two loop exactly when
 * their items are read or their snapshot is taken.
 */
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../../collectors/main.ts';
import { STEP_TIMEOUT_MS } from '../../collectors/web/render-page.ts';
import { parseWebOptions } from '../../collectors/web/web-config.ts';
import { getSource, upsertSource } from '../../core/db/sources.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { scheduleSource } from '../../core/queues/collect-source.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const JOB_TIMEOUT_MS = 120_000;
/** Step limit, watchdog tick, ending the context and a poll's own work, with room for a loaded 2-core machine. */
const STUCK_BOUND_MS = STEP_TIMEOUT_MS + 25_000;
const STEPS = [
  'checking the selectors',
  'waiting for the first item',
  'loading more items',
  'reading the items',
  'taking the snapshot',
];
const OPTIONS = { item: 'article.post', text: '.text', author: '.author', scrolls: '2', maxItems: '10' };

/** Two posts (told apart by `thread`, as posts are stored once) and the page's own script. */
const page = (script: string, thread = 'busy') => `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Tråd ${thread}</title></head><body>
<article class="post"><span class="author">Anna</span><p class="text">${thread}: soc tar barn, sägs det.</p></article>
<article class="post"><span class="author">Bo</span><p class="text">${thread}: LVU beslutas av domstol.</p></article>
<script>${script}</script></body></html>`;

const PAGES: Record<string, string> = {
  '/t/normal': page('', 'normal'),
  '/t/later': page('', 'later'),
  '/t/busy': page('setTimeout(() => { for (;;) {} }, 100);'),
  // Getters of the page's own world: only reading the items (innerText) or the snapshot (scrollWidth) hits them.
  '/t/busy-read': page(
    "Object.defineProperty(HTMLElement.prototype, 'innerText', { get() { for (;;) {} } });",
  ),
  '/t/busy-snapshot': page(
    "Object.defineProperty(Element.prototype, 'scrollWidth', { get() { for (;;) {} } });",
  ),
};

/** Live (not zombie) Chromium renderer processes below this test process, read from /proc (Linux). */
function renderersBelowUs(): Set<number> {
  const parent = new Map<number, number>();
  const renderers = new Set<number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may itself hold spaces and parentheses.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      parent.set(Number(name), Number(ppid));
      if (fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('--type=renderer'))
        renderers.add(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  const below = (pid: number) => {
    for (let up = parent.get(pid); up !== undefined && up > 1; up = parent.get(up))
      if (up === process.pid) return true;
    return false;
  };
  return new Set([...renderers].filter(below));
}

describe('web collector: pages that keep the browser busy', () => {
  let t: TestResources;
  let server: FixtureServer;
  let collector: Stoppable;

  beforeAll(async () => {
    const html = (body: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    };
    server = await startFixtureServer(
      Object.fromEntries(Object.entries(PAGES).map(([path, body]) => [path, html(body)])),
    );
    t = await openTestResources({
      FETCH_ALLOWLIST: '127.0.0.1/32',
      COLLECT_JOB_TIMEOUT_MS: String(JOB_TIMEOUT_MS),
      // One failure is the outcome looked at: no retry of the job running beside the next test.
      PAUSE_AFTER_FAILURES: '1',
    });
    collector = await startCollector(t.resources);
  });

  afterAll(async () => {
    await collector?.close();
    await t?.cleanup();
    await server?.close();
  });

  /**
   * Registers and polls a source; resolves with its row once `done` (by default: the poll is recorded), and how
   * long that took.
   */
  async function poll(
    pathname: string,
    done: (row: Awaited<ReturnType<typeof getSource>>) => boolean = (r) => Boolean(r?.last_polled_at),
  ) {
    const { source } = await upsertSource(t.resources.db, {
      kind: 'web',
      name: pathname,
      url: `${server.url}${pathname}`,
      pollIntervalSeconds: 3_600,
      config: parseWebOptions(OPTIONS),
    });
    const started = Date.now();
    await scheduleSource(t.resources.queues.collect, source.id, 3_600);
    const row = await waitUntil(() => getSource(t.resources.db, source.id), done, {
      timeoutMs: JOB_TIMEOUT_MS + 30_000,
      intervalMs: 100,
    });
    return { row, ms: Date.now() - started };
  }

  /** Polls a stuck page, noting every renderer that appears meanwhile; checks the bound and that they are gone. */
  async function pollStuck(pathname: string) {
    const before = renderersBelowUs();
    const seen = new Set<number>();
    const sample = setInterval(() => {
      for (const pid of renderersBelowUs()) if (!before.has(pid)) seen.add(pid);
    }, 200);
    try {
      // The failure is recorded (last_polled_at) a moment before the pause it leads to: wait for the pause.
      const result = await poll(pathname, (r) => r?.status === 'paused');
      expect(result.ms).toBeLessThan(STUCK_BOUND_MS);
      expect(result.row?.status).toBe('paused');
      // The busy renderer lived long enough to be seen, and nothing of it is left.
      expect(seen.size).toBeGreaterThan(0);
      await waitUntil(
        async () => [...renderersBelowUs()].filter((pid) => seen.has(pid)),
        (left) => left.length === 0,
        { timeoutMs: 3_000 },
      );
      return result.row?.last_error ?? '';
    } finally {
      clearInterval(sample);
    }
  }

  it('polls a normal page (the browser is running before the stuck ones)', async () => {
    const { row } = await poll('/t/normal');
    expect(row).toMatchObject({ last_error: null, items_last_poll: 2 });
  });

  /** The error of a page stuck in `step` (one of several, as a regex): past its limit, or the watchdog's. */
  const stuckIn = (step: string, pathname: string) =>
    new RegExp(
      `^(${step} did not finish within 20 s` +
        `|the page stopped responding for \\d+ s while ${step} \\(a script in it kept the browser busy\\))` +
        ` \\(${server.url.replaceAll('.', '\\.')}${pathname}\\)$`,
    );

  it('fails a page that busy-loops 100 ms after loading within about the step limit, naming the step', async () => {
    // Which step the loop lands in depends on the machine's speed; each names itself.
    expect(await pollStuck('/t/busy')).toMatch(stuckIn(`(${STEPS.join('|')})`, '/t/busy'));
  });

  it('fails a page stuck while its items are read, naming that step', async () => {
    expect(await pollStuck('/t/busy-read')).toMatch(stuckIn('reading the items', '/t/busy-read'));
  });

  it('fails a page stuck while its snapshot is taken, naming that step', async () => {
    expect(await pollStuck('/t/busy-snapshot')).toMatch(stuckIn('taking the snapshot', '/t/busy-snapshot'));
  });

  it('polls another page right after, with its items', async () => {
    const { row, ms } = await poll('/t/later');
    expect(row).toMatchObject({ last_error: null, items_last_poll: 2 });
    expect(ms).toBeLessThan(15_000);
  });
});
