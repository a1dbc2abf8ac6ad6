/**
 * The trends section of `npm run bench` (issue 8): at a million posts, /api/trends for 90 days and all themes
 * through the real dashboard (from the rollups), the rollup query alone, and the same trend grouped over raw rows
 * as it was computed before the rollups, each timed sequentially after a warm-up.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { cachedActiveVersion } from '../../core/active-model.ts';
import type { Config } from '../../core/config.ts';
import { createDb, type Db } from '../../core/db/client.ts';
import { insertUser } from '../../core/db/users.ts';
import { createLogger } from '../../core/logger.ts';
import { openResources } from '../../core/resources.ts';
import { createApp } from '../../dashboard/app.ts';
import { hashPassword } from '../../dashboard/auth/passwords.ts';
import { authSettings } from '../../dashboard/auth/settings.ts';
import { addDays, ANALYST_TIME_ZONE, todayInAnalystZone } from '../../dashboard/params.ts';
import { themeTrend } from '../../dashboard/queries/theme-trend.ts';
import { ensureMillionPosts } from './million-posts.ts';
import { summarise, type Summary } from './stats.ts';
import { timeRoutes } from './time-routes.ts';

export const TRENDS_TARGET_P95_MS = 50;

export interface TrendsFigures {
  posts: number;
  reused: boolean;
  loadSeconds: number;
  api: Summary;
  rollupQuery: Summary;
  rawQuery: Summary;
}

/** The trend as the dashboard computed it before the rollups: rumour posts per theme per day over raw rows. */
async function rawTrend(db: Db, modelVersion: string, from: string, to: string): Promise<number> {
  const tz = ANALYST_TIME_ZONE;
  const { rows } = await sql<{ bucket: string; theme_id: string; posts: number }>`
    SELECT to_char(date_trunc('day', p.published_at AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS bucket,
           pt.theme_id, count(*)::int AS posts
    FROM posts p
    JOIN post_themes pt ON pt.post_id = p.id AND pt.model_version = ${modelVersion} AND pt.role = 'rumour'
    WHERE p.published_at >= (${from}::date::timestamp AT TIME ZONE ${tz})
      AND p.published_at < ((${to}::date + 1)::timestamp AT TIME ZONE ${tz})
    GROUP BY 1, 2`.execute(db);
  return rows.length;
}

/** Whether the database exists and holds `posts` posts classified by `modelVersion`, without creating it. */
async function holdsPosts(url: string, posts: number, modelVersion: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = createDb(server.toString(), { maxConnections: 1 });
  try {
    const exists = await sql`SELECT 1 FROM pg_database WHERE datname = ${name}`.execute(admin);
    if (exists.rows.length === 0) return false;
  } finally {
    await admin.destroy();
  }
  const db = createDb(url, { maxConnections: 1 });
  try {
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM post_classifications WHERE model_version = ${modelVersion}`.execute(db);
    return Number(rows[0]?.n) === posts;
  } catch {
    return false;
  } finally {
    await db.destroy();
  }
}

async function timeCalls(n: number, warmup: number, call: () => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return summarise(times);
}

export async function benchTrends(options: {
  config: Config;
  database: string;
  posts: number;
  requests: number;
  /** Load the million posts when the database does not hold them (minutes); otherwise skip and return null. */
  loadIfMissing: boolean;
  log(message: string): void;
}): Promise<TrendsFigures | null> {
  const url = new URL(options.config.db.url);
  url.pathname = `/${options.database}`;
  const config = {
    ...options.config,
    db: { ...options.config.db, url: url.toString() },
    redis: { ...options.config.redis, prefix: `bench-trends-${process.pid}` },
    privacy: { ...options.config.privacy, authorKey: 'bench-only-key-'.padEnd(40, 'x') },
  };
  const resources = openResources(config, createLogger('warn', 'bench'));
  const { db } = resources;
  let server: Server | undefined;
  try {
    const modelVersion = shippedClassifier().version;
    if (!options.loadIfMissing && !(await holdsPosts(config.db.url, options.posts, modelVersion))) {
      options.log(
        `trends: skipped, ${options.database} does not hold ${options.posts} posts; load it once with ` +
          '`npm run bench -- --only trends --time-limit 1800` (about 10 minutes) or `npm run bench:dashboard -- --keep`',
      );
      return null;
    }
    const dataset = await ensureMillionPosts(db, config.db.url, {
      posts: options.posts,
      modelVersion,
      reuse: 'if-present',
      progress: (message) => options.log(`trends: ${message}`),
    });
    options.log(
      `trends: ${options.database} ${dataset.reused ? 'reused' : `loaded in ${dataset.loadSeconds} s`} (${options.posts} posts)`,
    );
    const to = todayInAnalystZone();
    const from = addDays(to, -89);
    const password = 'bench-Lösenord-2026!';
    await sql`DELETE FROM users WHERE email = 'bench-trends@example.invalid'`.execute(db);
    await insertUser(db, {
      email: 'bench-trends@example.invalid',
      passwordHash: await hashPassword(password),
      roles: ['viewer'],
    });
    const app = createApp({
      db,
      redis: resources.redis,
      logger: resources.logger,
      modelVersion: cachedActiveVersion(db, modelVersion),
      auth: { ...authSettings(config), keyPrefix: config.redis.prefix },
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const [api] = await timeRoutes({
      origin,
      email: 'bench-trends@example.invalid',
      password,
      requests: options.requests,
      warmup: 5,
      log: options.log,
      routes: [{ path: `/api/trends?from=${from}&to=${to}&interval=day`, page: false }],
    });
    if (!api || api.status !== 200) throw new Error(`/api/trends answered ${api?.status ?? 'nothing'}`);
    const query = { from, to, interval: 'day' as const };
    const rollupQuery = await timeCalls(options.requests, 3, () =>
      themeTrend(db, modelVersion, query, { hideRestricted: false }),
    );
    const rawRuns = Math.max(5, Math.min(options.requests, 10));
    const rawQuery = await timeCalls(rawRuns, 1, () => rawTrend(db, modelVersion, from, to));
    return {
      posts: options.posts,
      ...dataset,
      api: { n: api.n, p50: api.p50, p95: api.p95, p99: api.p95, max: api.max },
      rollupQuery,
      rawQuery,
    };
  } finally {
    if (server) {
      const s = server;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    await sql`DELETE FROM users WHERE email = 'bench-trends@example.invalid'`
      .execute(db)
      .catch(() => undefined);
    await resources.close();
  }
}
