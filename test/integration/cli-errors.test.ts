/**
 * User errors on the command line: each is one line on stderr (no stack trace) and a non-zero exit, never a hang,
 * and never an audit entry saying ok for something that failed. Real processes, Postgres and Redis.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addHold } from '../../core/db/legal-holds.ts';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addSource } from '../helpers/privacy-seed.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';

const BIN = fileURLToPath(new URL('../../bin/ryktesradar.js', import.meta.url));
const FEED = fileURLToPath(new URL('../fixtures/pipeline-feed.xml', import.meta.url));

// Nothing listens on port 1: a command that gets past its argument checks fails on the connection instead.
const NO_SERVICES = {
  DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
  REDIS_URL: 'redis://127.0.0.1:1',
  AUTHOR_HMAC_KEY: 'cli-errors-key-cli-errors-key-cli-errors',
};

// Each command is a fresh process that loads the CLI: allow for a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

function expectOneLine(result: CliRun, message: RegExp): void {
  expect(result.code, result.stderr).not.toBe(0);
  expect(result.code).not.toBeNull(); // not killed by the helper's timeout
  expect(result.stderr).toMatch(/^ryktesradar: /);
  expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).toMatch(message);
}

describe('argument errors, before any service is asked', () => {
  it.each([
    [['demo', '--count', 'abc'], /--count: expected a whole number from 1 to 200000, not "abc"/],
    [['demo', '--count', '-5'], /--count: expected a whole number from 1 to 200000/],
    [['classifier', 'train', '--folds', '1', '--no-eval'], /--folds: expected a whole number from 2 to 20/],
    [['sources', 'pause', '0x2'], /bad-id: <id>: not an id: 0x2/],
    [['sources', 'pause', '1e3'], /bad-id: <id>: not an id: 1e3/],
    [['sources', 'resume', '0x2'], /bad-id/],
    [['alerts', 'rules', 'disable', '0x2'], /bad-id: <id>: not an id: 0x2/],
    [['alerts', 'rules', 'enable', '1e3'], /bad-id: <id>: not an id: 1e3/],
    [['audit', '--since', '2026-02-30'], /--since: 2026-02-30 is not a calendar date/],
    [['audit', '--limit', '1e3'], /--limit: expected a whole number/],
    [['jobs', 'failed', '--limit', '0x10'], /--limit: expected a whole number from 1 to 10000/],
    [['sources', 'preview', FEED, '--limit', 'abc'], /--limit: expected a whole number from 1 to 1000/],
    [['retention', 'status', '--limit', 'abc'], /--limit: expected a whole number from 1 to 1000/],
    [['snapshots', 'list', '--limit', 'abc'], /--limit: expected a whole number from 1 to 10000/],
    [
      ['alerts', 'rules', 'add', '--owner', 'a@kommun.se', '--name', 'x', '--locale', 'de'],
      /--locale: expected sv or en, not "de"/,
    ],
    [
      ['alerts', 'rules', 'add', '--owner', 'a@kommun.se', '--name', 'x', '--kinds', 'spike,foo'],
      /--kinds: unknown kind "foo"; expected spike, new_claim, wave/,
    ],
    [
      ['holds', 'add', '--source', '1', '--reason', 'r', '--actor', `${'a'.repeat(290)}@kommun.se`],
      /--actor: at most 254 characters/,
    ],
    [['posts', 'erase', '1', '--case', 'x'.repeat(201)], /--case: at most 200 characters/],
    // A literal private address is refused at registration (decided from the text; nothing is fetched).
    [
      ['sources', 'add', 'rss', 'http://10.0.0.1/feed'],
      /forbidden-address: refused to fetch 10\.0\.0\.1: private/,
    ],
    [['sources', 'add', 'rss', 'http://[::1]:8080/feed'], /refused to fetch ::1: loopback address/],
    [
      ['report', '--format', 'csv', '--out', '/nonexistent/dir/a.csv'],
      /--out: no such directory: \/nonexistent\/dir/,
    ],
    [['report', '--format', 'csv', '--out', os.tmpdir()], /is a directory; give a file name/],
    [['subject', 'export', 'someone', '--out', '/nonexistent/dir/a.json'], /--out: no such directory/],
    [['classify', '/nonexistent/input.jsonl'], /\/nonexistent\/input\.jsonl: no such file or directory/],
    [['classify', os.tmpdir()], /is a directory, not a JSON-lines file/],
  ])('%j', async (args, message) => {
    expectOneLine(await runCli(args, NO_SERVICES), message);
  });

  it.each([
    [['report', '--out', 'a.csv'], /^error: required option '--format <format>' not specified$/],
    [['sources', 'bogus'], /^error: unknown command 'bogus'$/],
  ])('a usage error %j is its line and a pointer to --help, not the whole help', async (args, message) => {
    const result = await runCli(args, NO_SERVICES);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(message),
      '(add --help for the options)',
    ]);
  });

  it('an author key file that is a directory is one line, and the command ends', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-keydir-'));
    try {
      const result = await runCli(
        ['holds', 'list'],
        { ...NO_SERVICES, AUTHOR_HMAC_KEY: '', AUTHOR_HMAC_KEY_FILE: dir },
        '',
        30_000,
      );
      expectOneLine(result, /AUTHOR_HMAC_KEY_FILE .*: is a directory, not a key file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('with a database', () => {
  let database: TestDatabase;
  let dir: string;
  const prefix = uniquePrefix();
  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    AUTHOR_HMAC_KEY: NO_SERVICES.AUTHOR_HMAC_KEY,
  });
  const auditOf = (action: string) =>
    database.db
      .selectFrom('audit_log')
      .select(['outcome', 'params'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-cli-errors-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await database?.drop();
    await deletePrefix(prefix);
  });

  it('report: a bad --out is refused before anything is exported or audited; a failed export is audited as one', async () => {
    const missing = await runCli(
      ['report', '--format', 'csv', '--out', path.join(dir, 'no', 'a.csv')],
      env(),
    );
    expectOneLine(missing, /--out: no such directory/);
    const folder = await runCli(['report', '--format', 'json', '--out', dir], env());
    expectOneLine(folder, /is a directory/);
    expect(await auditOf('export_report')).toEqual([]);

    // The PDF cannot be rendered without Chromium: the attempt is audited as a failure, never as ok.
    const out = path.join(dir, 'report.pdf');
    const failed = await runCli(['report', '--format', 'pdf', '--out', out], {
      ...env(),
      CHROMIUM_PATH: path.join(dir, 'no-chromium'),
    });
    expectOneLine(
      failed,
      /Chromium did not start from .*no-chromium: no such file; install Debian's chromium/,
    );
    expect(fs.existsSync(out)).toBe(false);
    expect((await auditOf('export_report')).map((entry) => entry.outcome)).toEqual(['failure']);
  });

  it('report: an unknown or restricted theme is an error naming it, and no file is written', async () => {
    const out = path.join(dir, 'theme.csv');
    const unknown = await runCli(
      ['report', '--format', 'csv', '--out', out, '--theme', 'nonexistent_theme'],
      env(),
    );
    expectOneLine(unknown, /--theme: no theme nonexistent_theme/);
    const restricted = await runCli(
      ['report', '--format', 'csv', '--out', out, '--theme', 'violence_threats'],
      env(),
    );
    expectOneLine(restricted, /--theme: violence_threats is restricted/);
    expect(fs.existsSync(out)).toBe(false);
    const written = await runCli(
      ['report', '--format', 'csv', '--out', out, '--theme', 'soc_takes_children'],
      env(),
    );
    expect([written.code, written.stderr]).toEqual([0, '']);
    expect((await auditOf('export_report')).at(-1)?.outcome).toBe('ok');
  });

  it('subject export --out replaces a world-readable file with one readable by the operator only', async () => {
    const out = path.join(dir, 'subject.json');
    fs.writeFileSync(out, 'old', { mode: 0o644 });
    fs.chmodSync(out, 0o644);
    const result = await runCli(['subject', 'export', '@someone', '--out', out], env());
    expect([result.code, result.stderr]).toEqual([0, expect.stringMatching(/^Wrote 0 posts/)]);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ posts: [] });
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('holds list --json into a reader that stops early ends quietly with exit 0', async () => {
    const sourceId = await addSource(database.db, 'rss', 'epipe');
    for (let i = 0; i < 300; i += 1)
      await addHold(database.db, {
        target: { sourceId },
        reason: `kept for the EPIPE test ${'x'.repeat(300)}`,
        caseReference: null,
        createdBy: 'dpo@kommun.se',
      });
    // More than a pipe's 64 KiB, read by a reader that stops after 100 bytes.
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${BIN}" holds list --json | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}`,
        ],
        {
          env: {
            PATH: process.env['PATH'] ?? '',
            HOME: process.env['HOME'] ?? '/tmp',
            LOG_LEVEL: 'warn',
            ...env(),
          },
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
    expect(result).toEqual({ code: 0, stderr: '' });
  });

  it('jobs knows the detect-emerging queue', async () => {
    const failed = await runCli(['jobs', 'failed', '--queue', 'detect-emerging'], env());
    expect([failed.code, failed.stdout, failed.stderr]).toEqual([0, 'No failed jobs.\n', '']);
    const retry = await runCli(['jobs', 'retry', 'detect-emerging', '1'], env());
    expectOneLine(retry, /no failed job 1 in detect-emerging/);
  });

  it('with Redis down, commands that need it fail within a bounded time, before writing to Postgres', async () => {
    const kept = await addSource(database.db, 'rss', 'kept');
    const down = { ...env(), REDIS_URL: 'redis://:s3cret@127.0.0.1:1' };
    const started = Date.now();
    const [added, failed, deleted] = await Promise.all([
      runCli(['sources', 'add', 'rss', 'http://example.org/x'], down, '', 45_000),
      runCli(['jobs', 'failed'], down, '', 45_000),
      runCli(['sources', 'delete', String(kept), '--yes'], down, '', 45_000),
    ]);
    expect(Date.now() - started).toBeLessThan(40_000);
    for (const result of [added, failed, deleted]) {
      expectOneLine(result, /redis-unreachable: Redis unreachable at redis:\/\/:\*\*\*@127\.0\.0\.1:1\b/);
      expect(result.stderr).not.toContain('s3cret');
    }
    const sources = await database.db.selectFrom('sources').select(['id', 'url']).execute();
    expect(sources.map((s) => s.url)).not.toContain('http://example.org/x');
    expect(sources.map((s) => s.id)).toContain(kept);
    // A command that does not need Redis still works without it.
    const holds = await runCli(['holds', 'list'], down, '', 45_000);
    expect([holds.code, holds.stderr]).toEqual([0, '']);
  });
});
