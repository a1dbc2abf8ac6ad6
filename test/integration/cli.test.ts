/** The `ryktesradar` command as a user runs it: a real process, real Postgres and Redis, loopback HTTP only. */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli as run } from '../helpers/cli.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';

const FEED = fileURLToPath(new URL('../fixtures/pipeline-feed.xml', import.meta.url));

// A database URL nothing listens on: commands that must not need a database prove it by succeeding anyway.
// The fixture server is on loopback, which the address guard refuses unless allowed.
const NO_DB = {
  DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
  REDIS_URL: 'redis://127.0.0.1:1',
  FETCH_ALLOWLIST: '127.0.0.1/32',
};

// Each command is a fresh process that loads the language models it needs: allow for a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe('ryktesradar CLI', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer({
      '/feed.xml': async (_req, res) => {
        const fs = await import('node:fs');
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fs.readFileSync(FEED));
      },
      '/broken.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item>');
      },
    });
  });
  afterAll(async () => server?.close());

  it('classify: one JSON line per input in the fixed format, bad lines reported by number', async () => {
    const input = [
      JSON.stringify({
        id: 'a',
        text: 'Soc kidnappar våra barn, de tog dem från skolan! #slutakidnappavårabarn',
      }),
      'this is not json',
      JSON.stringify({
        id: 2,
        text: 'Socialtjänsten kidnappar inte barn. LVU beslutas av domstol. Läs mer på Koll på soc.',
      }),
      JSON.stringify({ id: 'no-text' }),
    ].join('\n');
    const result = await run(['classify'], NO_DB, input);
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual([
        'id',
        'lang',
        'langConfidence',
        'lang2',
        'stance',
        'themes',
        'about',
        'scores',
        'evidence',
        'places',
      ]);
    }
    expect(lines[0]).toMatchObject({ id: 'a', lang: 'sv', stance: 'rumour', places: [] });
    expect(lines[0]?.['themes']).toContain('soc_takes_children');
    expect(lines[1]).toMatchObject({ id: 2, lang: 'sv', stance: 'counter', themes: [] });
    expect(result.stderr).toContain('line 2: skipped (not JSON)');
    expect(result.stderr).toMatch(/line 4: skipped \(text: /);
    expect(lines[0]?.['langConfidence']).toBeGreaterThan(0.5);
  });

  it('classify --text: one text from the command line, not together with a file', async () => {
    const text = await run(['classify', '--text', 'السوسيال يخطف أطفال المسلمين في مالمو'], NO_DB);
    expect(text.code, text.stderr).toBe(0);
    expect(JSON.parse(text.stdout)).toMatchObject({
      id: null,
      lang: 'ar',
      stance: 'rumour',
      places: ['1280'],
    });
    const both = await run(['classify', '--text', 'soc', 'posts.jsonl'], NO_DB);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('--text: give either --text or a file, not both');
  });

  it('classify reads files as the import kind does (BOM, windows-1252) and keeps 64-bit ids exact', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-classify-'));
    try {
      const line = '{"id":12345678901234567891,"text":"Socialtjänsten kidnappar barn i Växjö"}\n';
      const bom = path.join(dir, 'bom.jsonl');
      fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(line, 'utf8')]));
      const legacy = path.join(dir, 'legacy.jsonl');
      fs.writeFileSync(legacy, Buffer.from(line, 'latin1'));
      for (const file of [bom, legacy]) {
        const result = await run(['classify', file], NO_DB);
        expect(result.code, result.stderr).toBe(0);
        expect(JSON.parse(result.stdout)).toMatchObject({
          id: '12345678901234567891',
          stance: 'rumour',
          places: ['0780'],
        });
      }
      expect((await run(['classify', legacy], NO_DB)).stderr).toContain(
        'not valid UTF-8; read as windows-1252',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sources preview: a file and a loopback URL, classified, without any database', async () => {
    const fromFile = await run(['sources', 'preview', FEED], NO_DB);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain('4 items');
    expect(fromFile.stdout).toMatch(/\[ar rumour\]/);
    const fromUrl = await run(['sources', 'preview', `${server.url}/feed.xml`, '--json'], NO_DB);
    expect(fromUrl.code).toBe(0);
    const lines = fromUrl.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; stance: string });
    expect(lines.map((l) => [l.id, l.stance])).toEqual([
      ['post-101', 'rumour'],
      ['post-102', 'rumour'],
      ['post-103', 'counter'],
      ['post-104', 'unrelated'],
    ]);
  });

  it.each([
    [['sources', 'preview', 'ftp://127.0.0.1/feed'], /bad-url: .*expected an http:\/\/ or https:\/\/ URL/],
    [['sources', 'preview', 'http://127.0.0.1:1/feed.xml'], /^ryktesradar: /],
    [['sources', 'add', 'rss', 'not-a-url'], /bad URL|expected an http/],
    [['sources', 'add', 'gopher', 'http://127.0.0.1/x'], /unknown source kind "gopher"/],
  ])('%j fails with one line and no stack trace', async (args, message) => {
    const result = await run(args, NO_DB);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('sources preview of a broken feed exits non-zero with the reason', async () => {
    const result = await run(['sources', 'preview', `${server.url}/broken.xml`], NO_DB);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/malformed/i);
  });

  it('a bad environment variable stops with its name', async () => {
    const result = await run(['migrate'], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ryktesradar: Invalid configuration: PORT/);
  });

  describe('with a database', () => {
    let database: TestDatabase;
    let env: Record<string, string>;
    let prefix: string;

    beforeAll(async () => {
      database = await createTestDatabase();
      prefix = uniquePrefix();
      env = {
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        AUTHOR_HMAC_KEY: 'cli-test-key-cli-test-key-cli-test-key',
        // The fixture feed is on loopback, which `sources add` refuses unless allowed, as polling would.
        FETCH_ALLOWLIST: '127.0.0.1/32',
      };
    });
    afterAll(async () => {
      await database?.drop();
      await deletePrefix(prefix);
    });

    it('migrate is idempotent', async () => {
      const result = await run(['migrate'], env);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/already up to date; 13 themes synced/);
    });

    it('sources add registers and schedules; list shows it', async () => {
      const added = await run(
        ['sources', 'add', 'rss', `${server.url}/feed.xml`, '--name', 'Loopback', '--interval', '600'],
        env,
      );
      expect(added.code).toBe(0);
      expect(added.stdout).toMatch(/^Registered rss source \d+ "Loopback"/);
      const again = await run(
        ['sources', 'add', 'rss', `${server.url}/feed.xml`, '--name', 'Loopback', '--interval', '600'],
        env,
      );
      expect(again.stdout).toMatch(/^Already registered/);
      const listed = await run(['sources', 'list'], env);
      expect(listed.stdout).toContain('Loopback');
      expect(listed.stdout).toContain('not polled yet');
      const schedulers = await run(['sources', 'list', '--json'], env);
      expect(JSON.parse(schedulers.stdout.trim())).toMatchObject({ kind: 'rss', poll_interval_seconds: 600 });
    });

    it('demo loads labelled sample posts through the real worker, and --remove deletes them', async () => {
      const loaded = await run(['demo', '--count', '300'], env);
      expect(loaded.code).toBe(0);
      // Exact copies among the 300 generated messages are one post each, with every copy kept as a sighting.
      const sightings = await database.db
        .selectFrom('post_sightings')
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.count<number>('post_id').distinct().as('posts'),
        ])
        .executeTakeFirstOrThrow();
      expect(Number(sightings.n)).toBe(300);
      const posts = Number(sightings.posts);
      expect(posts).toBeGreaterThan(250);
      expect(loaded.stdout).toContain(
        `Sample data ready: ${posts} posts from 300 generated messages, labelled "Exempeldata"`,
      );
      expect(loaded.stderr).toContain(`analysed ${posts}/${posts} sample posts`);
      const rows = await database.db
        .selectFrom('posts')
        .leftJoin('post_classifications', 'post_classifications.post_id', 'posts.id')
        .select(['posts.is_sample', 'posts.analysed_at', 'post_classifications.stance'])
        .execute();
      expect(rows).toHaveLength(posts);
      expect(rows.every((row) => row.is_sample && row.analysed_at && row.stance)).toBe(true);
      expect(new Set(rows.map((row) => row.stance))).toEqual(
        new Set(['rumour', 'counter', 'neutral', 'unrelated']),
      );

      const again = await run(['demo', '--count', '300'], env);
      expect(again.stderr).toMatch(/stored 0 new sample posts/);

      const removed = await run(['demo', '--remove'], env);
      expect(removed.stdout).toBe(`Removed ${posts} sample posts and the sample source.\n`);
      const left = await database.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(left.n)).toBe(0);
      expect((await run(['demo', '--remove'], env)).stdout).toBe('No sample data to remove.\n');
      // The charts forget the sample too: no rollup row counts a post any more.
      for (const table of ['rollup_daily', 'rollup_cells'] as const) {
        const counted = await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('posts'), eb.lit(0)).as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(counted.n), table).toBe(0);
      }
    });
  });
});
