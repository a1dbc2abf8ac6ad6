/**
 * Import sources end to end on real Postgres and Redis: an export file is registered as the CLI does it, the real
 * collector reads it through the `collect-source` queue and the real analysis worker classifies the posts. Good
 * rows are stored once however often the file is polled; bad rows are reported by line in the source's state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectImport, importKind } from '../../collectors/import/import.kind.ts';
import { startCollector } from '../../collectors/main.ts';
import type { CollectContext } from '../../collectors/source-kind.ts';
import type { ImportConfig } from '../../collectors/import/import-registration.ts';
import { getSource, upsertSource, type Source } from '../../core/db/sources.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { createLogger } from '../../core/logger.ts';
import { scheduleSource } from '../../core/queues/collect-source.ts';
import { startAnalysisWorker } from '../../workers/main.ts';
import { runCli } from '../helpers/cli.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const CROWDTANGLE_OPTIONS = {
  text: 'Message',
  time: 'Post Created',
  author: 'User Name',
  url: 'URL',
  views: 'Post Views',
  forwards: 'Shares',
  reactions: 'Total Interactions',
};
const SNSCRAPE_OPTIONS = {
  text: 'rawContent',
  time: 'date',
  author: 'user.username',
  url: 'url',
  id: 'id',
  views: 'viewCount',
  forwards: 'retweetCount',
  reactions: 'likeCount',
};

describe('import sources through the collector and the worker', () => {
  let t: TestResources;
  let parts: Stoppable[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ryktesradar-import-'));
    for (const name of ['crowdtangle-export.csv', 'snscrape-tweets.jsonl'])
      fs.copyFileSync(new URL(name, FIXTURES), path.join(dir, name));
    t = await openTestResources();
    parts = [await startAnalysisWorker(t.resources), await startCollector(t.resources)];
  });

  afterAll(async () => {
    for (const part of parts) await part.close();
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const register = async (file: string, options: Record<string, string>): Promise<Source> => {
    const registration = importKind.register(path.join(dir, file), options);
    const { source } = await upsertSource(t.resources.db, {
      kind: 'import',
      name: registration.name,
      url: registration.url,
      config: registration.config,
      pollIntervalSeconds: 3_600,
    });
    await scheduleSource(t.resources.queues.collect, source.id, 3_600);
    return source;
  };
  const postsOf = (sourceId: number) =>
    t.resources.db
      .selectFrom('posts')
      .select(['id', 'external_id', 'text', 'lang', 'analysed_at', 'metrics', 'author_pseudonym', 'url'])
      .where('source_id', '=', sourceId)
      .orderBy('published_at')
      .orderBy('id')
      .execute();
  /** Queues one poll now (as the scheduler would) and waits until the source records it. */
  const pollAgain = async (source: Source): Promise<Source> => {
    const before = (await getSource(t.resources.db, source.id))?.last_polled_at?.getTime() ?? 0;
    await t.resources.queues.collect.add('collect', { sourceId: source.id });
    const after = await waitUntil(
      () => getSource(t.resources.db, source.id),
      (row) => (row?.last_polled_at?.getTime() ?? 0) > before,
    );
    if (!after) throw new Error('source vanished');
    return after;
  };

  it('stores the good CSV rows analysed, once, and reports the bad ones by line', async () => {
    const source = await register('crowdtangle-export.csv', CROWDTANGLE_OPTIONS);
    expect(source.url).toBe(`file://${path.join(dir, 'crowdtangle-export.csv')}`);
    const posts = await waitUntil(
      () => postsOf(source.id),
      (rows) => rows.length === 4 && rows.every((row) => row.analysed_at !== null),
    );
    expect(posts.map((post) => post.lang)).toEqual(['sv', 'ar', 'so', 'sv']);
    expect(posts[0]?.text).toContain('\nSoc tog två barn från en familj i Angered igår');
    expect(posts[0]?.author_pseudonym).not.toContain('foraldrar');
    expect(posts[3]?.metrics).toEqual({ views: 5412, forwards: 20, reactions: 88 });

    const polled = await getSource(t.resources.db, source.id);
    expect(polled).toMatchObject({ last_error: null, items_last_poll: 4, total_items: 4 });
    expect(polled?.state).toMatchObject({
      rowsDone: 6,
      skippedRows: 2,
      complete: true,
      encoding: 'utf-8',
      skipped: [
        { line: 7, reason: 'unreadable time in column "Post Created": "igår 14:00"' },
        { line: 8, reason: 'no text in column "Message"' },
      ],
    });
    const [job] = await t.resources.queues.collect.getCompleted();
    expect(job?.returnvalue).toMatchObject({ outcome: 'stored', items: 4, inserted: 4, skipped: 2 });

    // The same file again: not modified, nothing new.
    const second = await pollAgain(source);
    expect(second).toMatchObject({ last_error: null, items_last_poll: 0, total_items: 4 });
    expect(await postsOf(source.id)).toHaveLength(4);

    // The export grows by one new row and one copy of an old one: only the new row is added, the copy is
    // reported as such (records end in CRLF; the multiline cell inside record 1 uses bare LF).
    const csvPath = path.join(dir, 'crowdtangle-export.csv');
    const records = fs.readFileSync(csvPath, 'utf8').split('\r\n');
    const copy = records[2] ?? '';
    expect(copy).toMatch(/^جالية عربية/);
    const fresh = copy
      .replace('جالية عربية في السويد', 'Nyhetsbrev Angered')
      .replace(/السوسيال[^,]*/, 'Öppet möte om LVU på biblioteket i Angered på torsdag.');
    fs.appendFileSync(csvPath, `${fresh}\r\n${copy}\r\n`);
    const third = await pollAgain(source);
    expect(third).toMatchObject({ last_error: null, items_last_poll: 1, total_items: 5 });
    expect(third.state).toMatchObject({ rowsDone: 8, complete: true, skippedRows: 3 });
    expect((third.state as { skipped: unknown[] }).skipped[2]).toEqual({
      line: 11,
      reason: 'same id as line 5',
    });
    const after = await waitUntil(
      () => postsOf(source.id),
      (rows) => rows.length === 5 && rows.every((row) => row.analysed_at !== null),
    );
    expect(new Set(after.map((post) => post.external_id)).size).toBe(5);
    expect(after.filter((post) => post.text.includes('Öppet möte om LVU'))).toHaveLength(1);
  });

  it('stores JSON lines with nested fields and 64-bit ids, and reports the broken line', async () => {
    const source = await register('snscrape-tweets.jsonl', SNSCRAPE_OPTIONS);
    const posts = await waitUntil(
      () => postsOf(source.id),
      (rows) => rows.length === 3 && rows.every((row) => row.analysed_at !== null),
    );
    expect(posts.map((post) => [post.external_id, post.lang])).toEqual([
      ['1860000000000000001', 'sv'],
      ['1860000000000000002', 'ar'],
      ['1860000000000000004', 'sv'],
    ]);
    const polled = await getSource(t.resources.db, source.id);
    expect(polled?.state).toMatchObject({
      skippedRows: 1,
      skipped: [{ line: 3, reason: expect.stringMatching(/^not JSON/) }],
    });
  });

  it('records a file that has gone on the source, with its reason', async () => {
    // Its own text: a post already stored from another source is linked, not stored again.
    fs.writeFileSync(path.join(dir, 'gone.csv'), 'Message\nEn export som sedan flyttades bort.\n');
    const source = await register('gone.csv', { text: 'Message' });
    await waitUntil(
      () => postsOf(source.id),
      (rows) => rows.length === 1,
    );
    fs.rmSync(path.join(dir, 'gone.csv'));
    const failed = await pollAgain(source);
    expect(failed.last_error).toMatch(/^bad-file: cannot read .*gone\.csv \(ENOENT\)/);
    expect(failed.consecutive_failures).toBe(1);
  });
});

describe('collectImport on its own: batches, cursor, encodings', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ryktesradar-import-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const context = (file: string, config: ImportConfig, state: Record<string, unknown>) =>
    ({
      source: { url: `file://${path.join(dir, file)}` } as Source,
      config,
      state,
      http: {
        get: () => Promise.reject(new Error('an import never fetches')),
        visit: () => Promise.reject(new Error('an import never fetches')),
      },
      logger: createLogger('silent'),
      signal: AbortSignal.timeout(30_000),
      now: new Date(),
    }) as CollectContext<ImportConfig>;

  it('reads a big file in batches after the cursor, then reports it not modified', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i + 1},"rad ${i + 1}\nandra raden"`);
    rows[9] = '10,'; // no text: skipped, still counted as a row read
    fs.writeFileSync(path.join(dir, 'big.csv'), `id,text\n${rows.join('\n')}\n`);
    const config = importKind.register(path.join(dir, 'big.csv'), { id: 'id', text: 'text' }).config;
    const ids: string[] = [];
    let state: Record<string, unknown> = {};
    const lines: number[] = [];
    for (let poll = 0; poll < 5; poll += 1) {
      const outcome = await collectImport(context('big.csv', config, state), {
        rowsPerPoll: 10,
        maxBytes: 1e6,
      });
      if (outcome.status !== 'ok') break;
      ids.push(...outcome.items.map((item) => item.externalId));
      lines.push(...outcome.skipped.map((item) => Number(item.externalId.slice(5))));
      state = outcome.state ?? state;
    }
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)).filter((id) => id !== '10'));
    expect(lines).toEqual([20]);
    expect(state).toMatchObject({ rowsDone: 25, skippedRows: 1, complete: true, linesDone: 50 });
    const again = await collectImport(context('big.csv', config, state), { rowsPerPoll: 10, maxBytes: 1e6 });
    expect(again).toEqual({ status: 'not-modified' });
  });

  it('reads a file that is not UTF-8 as windows-1252', async () => {
    const text = 'id;text\n1;Socialtjänsten i Trollhättan – “orosanmälan” förklarad\n';
    fs.writeFileSync(
      path.join(dir, 'excel.csv'),
      Buffer.from(text.replace('–', '\x96').replace('“', '\x93').replace('”', '\x94'), 'latin1'),
    );
    const config = importKind.register(path.join(dir, 'excel.csv'), { id: 'id', text: 'text' }).config;
    expect(config.delimiter).toBe(';');
    const outcome = await collectImport(context('excel.csv', config, {}), { rowsPerPoll: 10, maxBytes: 1e6 });
    expect(outcome.status === 'ok' && outcome.items[0]?.text).toBe(
      'Socialtjänsten i Trollhättan – “orosanmälan” förklarad',
    );
    expect(outcome.status === 'ok' && outcome.state).toMatchObject({ encoding: 'windows-1252' });
  });

  it('reads UTF-16LE with a BOM (as Meltwater writes its tab-separated exports)', async () => {
    const text = '\uFEFFHit Sentence\tAuthor\nالسوسيال يخطف الأطفال\tnågon\n';
    fs.writeFileSync(path.join(dir, 'meltwater.csv'), Buffer.from(text, 'utf16le'));
    const config = importKind.register(path.join(dir, 'meltwater.csv'), { text: 'Hit Sentence' }).config;
    expect(config.delimiter).toBe('\t');
    const outcome = await collectImport(context('meltwater.csv', config, {}), {
      rowsPerPoll: 10,
      maxBytes: 1e6,
    });
    expect(outcome.status === 'ok' && outcome.items.map((item) => item.text)).toEqual([
      'السوسيال يخطف الأطفال',
    ]);
    expect(outcome.status === 'ok' && outcome.state).toMatchObject({ encoding: 'utf-16le' });
  });

  it('refuses a file over the cap', async () => {
    fs.writeFileSync(path.join(dir, 'cap.csv'), `id,text\n1,${'a'.repeat(2_000)}\n`);
    const config = importKind.register(path.join(dir, 'cap.csv'), { text: 'text' }).config;
    await expect(
      collectImport(context('cap.csv', config, {}), { rowsPerPoll: 10, maxBytes: 1_000 }),
    ).rejects.toThrow(/more than the cap of 1000/);
  });

  it.each([
    ['a missing file', 'nope.csv', { text: 'text' }, /cannot read .*nope\.csv \(ENOENT\)/],
    ['a missing column', 'cap.csv', { text: 'Message' }, /no column "Message" in the header/],
    ['no text mapping', 'cap.csv', {}, /-o text=<column>/],
    ['an unknown option', 'cap.csv', { text: 'text', lang: 'sv' }, /does not know -o lang/],
    ['an unknown zone', 'cap.csv', { text: 'text', timezone: 'Mars/Olympus' }, /unknown time zone/],
  ])('registration refuses %s', (_name, file, options, message) => {
    expect(() => importKind.register(path.join(dir, file), options)).toThrow(message);
  });
});

describe('the command line', () => {
  it('previews an export without a database, listing the bad rows by line', async () => {
    const file = new URL('crowdtangle-export.csv', FIXTURES).pathname;
    const options = Object.entries(CROWDTANGLE_OPTIONS).flatMap(([key, value]) => ['-o', `${key}=${value}`]);
    const result = await runCli(
      ['sources', 'preview', '--kind', 'import', file, ...options, '--json'],
      { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' },
      '',
      120_000,
    );
    expect(result.stderr).toContain('skipped line 7: unreadable time');
    expect(result.stderr).toContain('skipped line 8: no text in column "Message"');
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { lang: string });
    expect(lines.map((line) => line.lang)).toEqual(['sv', 'ar', 'so', 'sv']);
    expect(result.code).toBe(0);
  });
});
