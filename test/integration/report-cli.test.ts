/** `ryktesradar report` writes the PDF (no dashboard running), CSV and JSON files of a period. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { readPdfText } from '../helpers/pdf-text.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REPORT_PERIOD, RESTRICTED_TEXT, seedReportPosts } from '../helpers/report-seed.ts';

describe('report command', () => {
  let database: TestDatabase;
  let dir: string;
  const prefix = uniquePrefix();
  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
    CHROMIUM_PATH: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  });
  const period = ['--from', REPORT_PERIOD.from, '--to', REPORT_PERIOD.to];

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedReportPosts(database.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-report-'));
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await database?.drop();
    await deletePrefix(prefix);
  });

  it('writes a PDF with the report title', async () => {
    const out = path.join(dir, 'oktober.pdf');
    const run = await runCli(['report', ...period, '--format', 'pdf', '--out', out], env(), '', 90_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Wrote');
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readPdfText(pdf).text).toContain('Lägesrapport: rykten om socialtjänsten');
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('writes every post of the period as CSV and JSON, restricted posts left out', async () => {
    const csvOut = path.join(dir, 'oktober.csv');
    const jsonOut = path.join(dir, 'oktober.json');
    const csv = await runCli(['report', ...period, '--format', 'csv', '--out', csvOut], env());
    const json = await runCli(['report', ...period, '--format', 'json', '--out', jsonOut], env());
    expect([csv.code, json.code, csv.stderr, json.stderr]).toEqual([0, 0, '', '']);
    // Post texts and pseudonyms: readable by the owner only, whatever the umask.
    expect([fs.statSync(csvOut).mode & 0o777, fs.statSync(jsonOut).mode & 0o777]).toEqual([0o600, 0o600]);
    // Five October posts besides the restricted one (four rumours, one counter-message).
    const lines = fs.readFileSync(csvOut, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^\ufeffid,published_at/);
    expect(lines).toHaveLength(1 + 5);
    const body = JSON.parse(fs.readFileSync(jsonOut, 'utf8')) as { count: number; posts: { text: string }[] };
    expect(body.count).toBe(5);
    expect(body.posts).toHaveLength(5);
    expect(JSON.stringify(body)).not.toContain(RESTRICTED_TEXT);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'params'])
      .where('action', '=', 'export_report')
      .execute();
    const formats = audit.filter((row) => row.actor_kind === 'cli').map((row) => row.params['format']);
    expect(formats).toEqual(expect.arrayContaining(['csv', 'json']));
  });
});
