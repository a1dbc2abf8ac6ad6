/**
 * `npm run bench:dashboard [-- --posts N --requests N --keep --reuse]`: loads N generated posts (default 1,000,000)
 * into a dedicated database (ryktesradar_bench, dropped at the end unless --keep; --reuse skips the load when it
 * already holds N posts), starts the real dashboard app on 127.0.0.1, logs in through the form, and times every
 * page and the main API routes with sequential requests (warm-up excluded). Prints p50/p95/max per route and one
 * `key=value` summary line. Target (issue 6): every page p95 < 300 ms with 1M posts.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { shippedClassifier } from '../classifier/shipped.ts';
import { cachedActiveVersion } from '../core/active-model.ts';
import { loadConfig } from '../core/config.ts';
import { dropDatabase } from '../core/db/ensure-database.ts';
import { insertUser } from '../core/db/users.ts';
import { createLogger } from '../core/logger.ts';
import { openResources } from '../core/resources.ts';
import { createApp } from '../dashboard/app.ts';
import { hashPassword } from '../dashboard/auth/passwords.ts';
import { authSettings } from '../dashboard/auth/settings.ts';
import { todayInAnalystZone } from '../dashboard/params.ts';
import { ensureMillionPosts } from './bench/million-posts.ts';
import { timeRoutes, type RouteTiming } from './bench/time-routes.ts';

const TARGET_P95_MS = 300;
const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    database: { type: 'string', default: 'ryktesradar_bench' },
  },
});
const posts = Number(args.posts);
const requests = Number(args.requests);
const warmup = Number(args.warmup);
if (!Number.isInteger(posts) || posts < 1 || posts > 5_000_000) throw new Error('--posts: 1 to 5,000,000');
if (!Number.isInteger(requests) || requests < 1 || requests > 1_000)
  throw new Error('--requests: 1 to 1,000');
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(args.database)) throw new Error('--database: a plain lower-case name');

const log = (message: string) => console.log(`[bench] ${message}`);
const base = loadConfig();
const url = new URL(base.db.url);
url.pathname = `/${args.database}`;
const benchUrl = url.toString();
const config = {
  ...base,
  db: { ...base.db, url: benchUrl },
  redis: { ...base.redis, prefix: `bench-${process.pid}` },
  // Nothing is pseudonymised here (the loader hashes bench authors itself): no key file is read or created.
  privacy: { ...base.privacy, authorKey: 'bench-only-key-'.padEnd(40, 'x') },
};
const resources = openResources(config, createLogger('warn', 'bench'));
const { db } = resources;
let server: Server | undefined;

async function main(): Promise<void> {
  const modelVersion = shippedClassifier().version;
  const { reused, loadSeconds } = await ensureMillionPosts(db, benchUrl, {
    posts,
    modelVersion,
    reuse: args.reuse ? 'require' : 'never',
    progress: log,
  });
  const sizes = await sql<{ posts: string; themes: string; size: string }>`
    SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM post_themes) AS themes,
           pg_size_pretty(pg_database_size(current_database())) AS size`.execute(db);
  log(
    `${reused ? 'reused' : `loaded in ${loadSeconds} s`}: ${sizes.rows[0]?.posts} posts, ` +
      `${sizes.rows[0]?.themes} theme rows, database ${sizes.rows[0]?.size}`,
  );

  const password = 'bench-Lösenord-2026!';
  await sql`DELETE FROM users WHERE email = 'bench@example.invalid'`.execute(db);
  await insertUser(db, {
    email: 'bench@example.invalid',
    passwordHash: await hashPassword(password),
    roles: ['admin', 'analyst'],
  });
  const app = createApp({
    db,
    redis: resources.redis,
    logger: resources.logger,
    modelVersion: cachedActiveVersion(db, modelVersion),
    auth: { ...authSettings(config), keyPrefix: config.redis.prefix },
    sourceAdmin: {
      collectQueue: resources.queues.collect,
      collector: config.collector,
      queuePrefix: config.redis.prefix,
    },
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const to = todayInAnalystZone();
  const from = new Date(new Date(`${to}T12:00:00Z`).getTime() - 89 * 86_400_000).toISOString().slice(0, 10);
  const timings = await timeRoutes({
    origin,
    email: 'bench@example.invalid',
    password,
    requests,
    warmup,
    log,
    routes: [
      { path: '/', page: true },
      { path: '/themes', page: true },
      { path: '/themes/soc_takes_children', page: true },
      { path: `/themes/soc_takes_children?from=${from}&to=${to}`, page: true },
      { path: '/matrix', page: true },
      { path: `/matrix?by=place&from=${from}&to=${to}`, page: true },
      { path: '/posts', page: true },
      { path: '/posts?q=barn', page: true },
      { path: '/posts?theme=soc_takes_children&stance=rumour&language=ar', page: true },
      { path: '/sources', page: true },
      { path: '/report', page: true },
      { path: '/emerging', page: true },
      { path: '/alerts', page: true },
      { path: '/jobs', page: true },
      { path: `/api/trends?from=${from}&to=${to}`, page: false },
      { path: '/api/posts', page: false },
      { path: '/api/posts/search?q=barn', page: false },
      { path: '/api/overview/themes.json', page: false },
    ],
  });
  report(timings, { loadSeconds, reused });
}

function report(timings: RouteTiming[], load: { loadSeconds: number; reused: boolean }): void {
  const measured = timings.filter((t) => t.status === 200);
  console.log('\nroute                                         n    p50 ms   p95 ms   max ms');
  for (const t of timings) {
    const line =
      t.status === 200
        ? `${String(t.n).padStart(4)} ${t.p50.toFixed(0).padStart(8)} ${t.p95.toFixed(0).padStart(8)} ${t.max.toFixed(0).padStart(8)}${t.p95 >= TARGET_P95_MS ? '  > target' : ''}`
        : `skipped (answered ${t.status})`;
    console.log(`${t.path.slice(0, 44).padEnd(45)} ${line}`);
  }
  const pages = measured.filter((t) => t.page);
  const worst = [...pages].sort((a, b) => b.p95 - a.p95)[0];
  const worstApi = [...measured.filter((t) => !t.page)].sort((a, b) => b.p95 - a.p95)[0];
  const missed = measured.filter((t) => t.p95 >= TARGET_P95_MS).map((t) => t.path);
  console.log(
    [
      'bench',
      `posts=${posts}`,
      `requests=${requests}`,
      `load_s=${load.reused ? 'reused' : load.loadSeconds}`,
      `routes=${measured.length}`,
      `skipped=${timings.length - measured.length}`,
      `worst_page=${worst?.path ?? '-'}`,
      `worst_page_p95_ms=${worst ? worst.p95.toFixed(0) : '-'}`,
      `worst_api=${worstApi?.path.split('?')[0] ?? '-'}`,
      `worst_api_p95_ms=${worstApi ? worstApi.p95.toFixed(0) : '-'}`,
      `over_target=${missed.length}`,
      `target_met=${missed.length === 0}`,
    ].join(' '),
  );
}

main()
  .catch((error: unknown) => {
    console.error(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  })
  .finally(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await resources.close();
    if (!args.keep) {
      await dropDatabase(benchUrl);
      log(`dropped ${args.database} (keep it with --keep, then rerun with --reuse)`);
    }
  });
