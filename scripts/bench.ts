/**
 * `npm run bench [-- --posts N --workers 1,2 --only cpu,redis,throughput --keep]`: throughput of the real
 * pipeline against the CPU limit (issue 8). Sections, run in this order (`--only` picks some):
 *
 * - `cpu`: in-process speed of language detection + classification alone (`analyseText`, the shipped
 *   classifier, one process, no I/O) on posts spread over the generated set — the CPU limit;
 * - `redis`: Redis memory per waiting analysis job (K jobs added through the real queue, no worker);
 * - `throughput`: the generated messages split into one interleaved share per worker count; each share goes
 *   through the real path into a fresh database: `storePosts` in collector-sized batches (the collector side,
 *   timed on its own while the workers load), then `filterUnanalysed` + `enqueueAnalysis` on the real
 *   `analyse-posts` queue, analysed by real `ryktesradar worker` processes; prints posts/s end to end,
 *   enqueue → stored latency p50/p95/p99, worker peak RSS and CPU ms per post by part; then the ratio end to
 *   end / CPU limit per worker count (`--store-while-analysing` stores and enqueues each batch in turn instead);
 * - `trends`: /api/trends (90 days, all themes) at 1M posts from the rollups, against the same trend grouped over
 *   raw rows (scripts/bench/trends.ts); reuses the million-post database (`--trends-database`, default
 *   ryktesradar_bench); `--only trends` loads it when missing (3–10 minutes: add `--time-limit 1800`).
 *
 * Its own database (`--database`, default rr_bench, dropped at the end unless --keep) and its own queue prefix
 * on the configured Redis. Every wait is bounded by `--time-limit` (default 600 s).
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { loadConfig } from '../core/config.ts';
import { databaseUrl, dropDatabase, freshDatabase } from './bench/bench-database.ts';
import { loadAnalysis, measureCpuLimit, type CpuLimit } from './bench/cpu-limit.ts';
import { BENCH_AUTHOR_KEY, benchMessages, type BenchMessages } from './bench/messages.ts';
import { runPipeline, type PipelineResult } from './bench/pipeline.ts';
import { deletePrefix, measureRedisMemory, type RedisMemory } from './bench/redis-memory.ts';
import { fmt, interleave, mib, perSecond } from './bench/stats.ts';
import { benchTrends, TRENDS_TARGET_P95_MS, type TrendsFigures } from './bench/trends.ts';

const SECTIONS = ['cpu', 'redis', 'throughput', 'trends'] as const;
type Section = (typeof SECTIONS)[number];
const TARGET_RATIO = 0.6;

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '200000' },
    workers: { type: 'string', default: '1,2' },
    concurrency: { type: 'string' },
    'store-batch': { type: 'string', default: '200' },
    sources: { type: 'string', default: '16' },
    producers: { type: 'string', default: '2' },
    'max-waiting': { type: 'string' },
    'cpu-sample': { type: 'string', default: '5000' },
    'redis-jobs': { type: 'string', default: '1000' },
    seed: { type: 'string', default: '20261123' },
    days: { type: 'string', default: '90' },
    database: { type: 'string', default: 'rr_bench' },
    'time-limit': { type: 'string', default: '600' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'trends-database': { type: 'string', default: 'ryktesradar_bench' },
    'store-while-analysing': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function int(name: keyof typeof args, min: number, max: number): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name}: ${min} to ${max}`);
  return value;
}

if (args.help) {
  console.log(
    'npm run bench -- [--posts N] [--workers 1,2] [--concurrency C] [--store-batch B] [--only cpu,redis,throughput,trends] [--keep] [--time-limit S]',
  );
  process.exit(0);
}

const config = loadConfig();
const settings = {
  posts: int('posts', 1, 5_000_000),
  workers: (args.workers ?? '').split(',').map((w) => {
    const n = Number(w);
    if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error('--workers: a list like 1,2 (1 to 16 each)');
    return n;
  }),
  concurrency: args.concurrency === undefined ? config.worker.concurrency : int('concurrency', 1, 64),
  storeBatch: int('store-batch', 1, 1_000),
  sources: int('sources', 1, 1_000),
  producers: int('producers', 1, 16),
  cpuSample: int('cpu-sample', 100, 1_000_000),
  redisJobs: int('redis-jobs', 10, 100_000),
  seed: int('seed', 0, 2 ** 31),
  days: int('days', 1, 3_650),
  timeLimitMs: int('time-limit', 10, 24 * 3_600) * 1000,
  staged: !args['store-while-analysing'],
};
const only = new Set<Section>(
  (args.only ?? SECTIONS.join(',')).split(',').map((name) => {
    if (!(SECTIONS as readonly string[]).includes(name))
      throw new Error(`--only: one or more of ${SECTIONS.join(', ')}`);
    return name as Section;
  }),
);

const started = Date.now();
const deadline = started + settings.timeLimitMs;
const benchUrl = databaseUrl(config.db.url, args.database ?? 'rr_bench');
const prefix = `rr-bench-${process.pid}`;
const log = (message: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

/** What the sections measured, for the closing summary. */
interface Results {
  cpu: CpuLimit[];
  redis?: RedisMemory;
  runs: PipelineResult[];
  trends?: TrendsFigures;
}

interface Context {
  redis: Redis;
  results: Results;
  messages(): BenchMessages;
}

function createContext(redis: Redis): Context {
  let messages: BenchMessages | undefined;
  return {
    redis,
    results: { cpu: [], runs: [] },
    messages() {
      if (!messages) {
        log(`generating ${fmt(settings.posts)} messages with the seeded generator (seed ${settings.seed})`);
        messages = benchMessages({
          count: settings.posts,
          seed: settings.seed,
          days: settings.days,
          end: new Date(),
        });
        log(
          `generated in ${(messages.generateMs / 1000).toFixed(1)} s: ${fmt(messages.posts.length)} messages, ` +
            `${fmt(messages.distinctTexts.length)} distinct posts (exact copies are one post, several sightings)`,
        );
      }
      return messages;
    },
  };
}

async function cpuSection(ctx: Context): Promise<void> {
  const { distinctTexts } = ctx.messages();
  const { loadMs } = loadAnalysis();
  log(`cpu: classifier and language models loaded in ${(loadMs / 1000).toFixed(1)} s`);
  const cpu = measureCpuLimit(distinctTexts, { sample: settings.cpuSample, warmup: 2_000 });
  ctx.results.cpu.push(cpu);
  log(
    `cpu: ${fmt(cpu.posts)} posts analysed in ${(cpu.ms / 1000).toFixed(1)} s in-process = ` +
      `${fmt(cpu.postsPerSecond)} posts/s (CPU limit, 1 process, model ${cpu.modelVersion}); ` +
      `${(cpu.cpuMs / cpu.posts).toFixed(2)} CPU ms per post`,
  );
}

async function redisSection(ctx: Context): Promise<void> {
  const memory = await measureRedisMemory(ctx.redis, `${prefix}-mem`, {
    jobs: settings.redisJobs,
    rounds: 3,
    firstId: 50_000_000,
  });
  ctx.results.redis = memory;
  log(
    `redis: ${fmt(memory.jobs)} waiting jobs of ${memory.idsPerJob} ids: ${fmt(memory.perJobInfo)} bytes/job ` +
      `by INFO used_memory (median of ${memory.rounds.map((r) => fmt(r)).join(', ')}), ` +
      `${fmt(memory.perJobHash)} bytes/job hash by MEMORY USAGE`,
  );
}

/** Kept free at the end of the time limit: the last run's drain, the second CPU measurement, clean-up. */
const RESERVE_MS = 75_000;

async function throughputSection(ctx: Context): Promise<void> {
  const { posts } = ctx.messages();
  const shares = interleave(posts, settings.workers.length);
  for (const [k, workers] of settings.workers.entries()) {
    const share = shares[k]!;
    // Each run gets an equal slice of the time left; feeding stops when the slice is up (the drain follows).
    const slot = (deadline - Date.now() - RESERVE_MS) / (settings.workers.length - k);
    if (slot < 30_000) throw new Error('too little time left for a throughput run: raise --time-limit');
    const runPrefix = `${prefix}-run${k + 1}`;
    const { db, ms } = await freshDatabase(benchUrl);
    try {
      log(
        `throughput ${k + 1}/${settings.workers.length}: ${workers} worker process(es) × concurrency ` +
          `${settings.concurrency}, up to ${fmt(share.length)} messages in batches of ${settings.storeBatch} from ` +
          `${settings.sources} sources (${settings.producers} producer(s)), fed for at most ${fmt(slot / 1000)} s; ` +
          `fresh database in ${(ms / 1000).toFixed(1)} s`,
      );
      const run = await runPipeline({
        workers,
        concurrency: settings.concurrency,
        posts: share,
        storeBatch: settings.storeBatch,
        sources: settings.sources,
        producers: settings.producers,
        maxWaitingJobs:
          args['max-waiting'] === undefined ? workers * settings.concurrency : int('max-waiting', 1, 100_000),
        db,
        databaseUrl: benchUrl,
        redis: ctx.redis,
        redisUrl: config.redis.url,
        prefix: runPrefix,
        authorKey: BENCH_AUTHOR_KEY,
        deadline,
        // Staged: after the workers' start, storing (about half as fast per post as the analysis) runs until 65 %
        // of the slot, the analysis takes the rest.
        feedUntil: Date.now() + (settings.staged ? 0.65 : 1) * slot,
        enqueueUntil: Date.now() + slot,
        staged: settings.staged,
        progress: log,
      });
      ctx.results.runs.push(run);
      log(
        `throughput ${k + 1}: ${fmt(run.posts)} posts (${fmt(run.messages)} messages` +
          `${run.leftOut > 0 ? `, ${fmt(run.leftOut)} left out when its time was up` : ''}) in ` +
          `${(run.ms / 1000).toFixed(1)} s = ${fmt(run.postsPerSecond)} posts/s; latency p50 ${fmt(run.latency.p50)} ms, ` +
          `p95 ${fmt(run.latency.p95)} ms, p99 ${fmt(run.latency.p99)} ms; worker peak RSS ` +
          `${run.peakRss.map(mib).join(', ')}`,
      );
      const per = (ms: number) => (ms / run.posts).toFixed(2);
      log(
        `throughput ${k + 1}: ${fmt(run.jobs)} jobs (${fmt(run.idsEnqueued)} ids), ${run.failedJobs} failed; queue ` +
          `empty in ${(run.starved * 100).toFixed(0)} % of samples while feeding; producers spent ` +
          `${(run.producerMs.store / 1000).toFixed(1)} s in storePosts, ${(run.producerMs.enqueue / 1000).toFixed(1)} s ` +
          `enqueueing; CPU ms per post: producer (collector side) ${per(run.cpu.producerMs)}, workers ` +
          `${per(run.cpu.workersMs)}, postgres backends ${per(run.cpu.postgresMs)}`,
      );
      if (run.store) {
        const storePer = (ms: number) => (ms / Math.max(1, run.store!.posts)).toFixed(2);
        log(
          `throughput ${k + 1}: store phase (collector side, before the analysis): ${fmt(run.store.messages)} ` +
            `messages in ${(run.store.ms / 1000).toFixed(1)} s = ${fmt(perSecond(run.store.messages, run.store.ms))} ` +
            `messages/s; CPU ms per post: producer ${storePer(run.store.cpu.producerMs)}, postgres backends ` +
            `${storePer(run.store.cpu.postgresMs)}`,
        );
      }
      for (const warning of run.warnings.slice(0, 5)) log(`  worker warning: ${warning}`);
    } finally {
      await db.destroy();
      await deletePrefix(ctx.redis, runPrefix);
    }
  }
  if (only.has('cpu')) {
    log('cpu: measuring the CPU limit again now that the runs are over (the machine is shared)');
    await cpuSection(ctx);
  }
}

/**
 * The rollup benchmark (scripts/bench/trends.ts): /api/trends over 90 days and all themes at 1M posts, from the
 * rollups against the same query over raw rows. It reuses the million-post database; asked for by name
 * (`--only trends`) it loads it when missing, by default it is skipped then (a load takes 3 minutes on a quiet machine, 10 on a busy one).
 */
async function trendsSection(ctx: Context): Promise<void> {
  const figures = await benchTrends({
    config,
    database: args['trends-database'] ?? 'ryktesradar_bench',
    posts: 1_000_000,
    requests: 50,
    loadIfMissing: args.only?.split(',').includes('trends') ?? false,
    log,
  });
  if (!figures) return;
  ctx.results.trends = figures;
  const line = (name: string, s: { p50: number; p95: number; n: number }) =>
    `${name}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (${s.n} runs)`;
  log(`trends: 90 days, all themes, ${fmt(figures.posts)} posts`);
  log(`  ${line('/api/trends over HTTP (rollups)', figures.api)}`);
  log(`  ${line('rollup query alone', figures.rollupQuery)}`);
  log(`  ${line('same trend grouped over raw rows', figures.rawQuery)}`);
}

const RUN: Record<Section, (ctx: Context) => Promise<void>> = {
  cpu: cpuSection,
  redis: redisSection,
  throughput: throughputSection,
  trends: trendsSection,
};

function summary(results: Results): void {
  const cpu = results.cpu.length > 0 ? Math.max(...results.cpu.map((c) => c.postsPerSecond)) : Number.NaN;
  const measured = Number.isFinite(cpu);
  console.log('');
  if (measured)
    console.log(
      `CPU limit (language + classification in-process, 1 process): ${fmt(cpu)} posts/s` +
        (results.cpu.length > 1
          ? ` (the higher of ${results.cpu.map((c) => fmt(c.postsPerSecond)).join(' before and ')} after the runs)`
          : ''),
    );
  if (results.redis)
    console.log(
      `Redis per waiting job (${results.redis.idsPerJob} ids): ${fmt(results.redis.perJobInfo)} bytes (INFO delta), ` +
        `${fmt(results.redis.perJobHash)} bytes (job hash)`,
    );
  if (results.runs.length > 0) {
    console.log('workers  concurrency  posts    posts/s  ratio  p50 ms  p95 ms  p99 ms  peak RSS per worker');
    for (const run of results.runs)
      console.log(
        [
          String(run.workers).padStart(7),
          String(run.concurrency).padStart(12),
          fmt(run.posts).padStart(7),
          fmt(run.postsPerSecond).padStart(9),
          (measured ? (run.postsPerSecond / cpu).toFixed(2) : '-').padStart(6),
          fmt(run.latency.p50).padStart(7),
          fmt(run.latency.p95).padStart(7),
          fmt(run.latency.p99).padStart(7),
          ` ${run.peakRss.map(mib).join(', ')}`,
        ].join(' '),
      );
  }
  const best = [...results.runs].sort((a, b) => b.postsPerSecond - a.postsPerSecond)[0];
  const one = results.runs.find((r) => r.workers === 1);
  const two = results.runs.find((r) => r.workers === 2);
  console.log(
    [
      'bench',
      ...(results.runs.length > 0 || measured ? [`messages=${settings.posts}`] : []),
      ...(measured ? [`cpu_limit_posts_s=${cpu.toFixed(0)}`] : []),
      ...results.runs.flatMap((r) => [
        `w${r.workers}_posts_s=${r.postsPerSecond.toFixed(0)}`,
        ...(measured ? [`w${r.workers}_ratio=${(r.postsPerSecond / cpu).toFixed(2)}`] : []),
        `w${r.workers}_p99_ms=${r.latency.p99.toFixed(0)}`,
      ]),
      ...(one && two ? [`scaling_1_to_2=${(two.postsPerSecond / one.postsPerSecond).toFixed(2)}`] : []),
      ...(best && measured
        ? [
            `best_ratio=${(best.postsPerSecond / cpu).toFixed(2)}`,
            `target_met=${best.postsPerSecond / cpu >= TARGET_RATIO}`,
          ]
        : []),
      ...(results.redis ? [`redis_bytes_per_job=${results.redis.perJobInfo.toFixed(0)}`] : []),
      ...(results.trends
        ? [
            `trends_api_p95_ms=${results.trends.api.p95.toFixed(1)}`,
            `trends_rollup_query_p95_ms=${results.trends.rollupQuery.p95.toFixed(1)}`,
            `trends_raw_query_p95_ms=${results.trends.rawQuery.p95.toFixed(1)}`,
            `trends_target_met=${results.trends.api.p95 <= TRENDS_TARGET_P95_MS}`,
          ]
        : []),
      `seconds=${((Date.now() - started) / 1000).toFixed(0)}`,
    ].join(' '),
  );
}

async function main(): Promise<void> {
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 3 });
  const watchdog = setTimeout(() => {
    console.error(`[bench] time limit of ${settings.timeLimitMs / 1000} s passed; stopping`);
    process.exit(1);
  }, settings.timeLimitMs + 60_000);
  watchdog.unref();
  const ctx = createContext(redis);
  try {
    log(
      `sections ${[...only].join(', ')}; database ${args.database}, queue prefix ${prefix}; ` +
        `the machine is shared, so figures carry noise`,
    );
    for (const section of SECTIONS) if (only.has(section)) await RUN[section](ctx);
    summary(ctx.results);
  } finally {
    await deletePrefix(redis, prefix);
    redis.disconnect();
    if (only.has('throughput') && !args.keep) {
      await dropDatabase(benchUrl);
      log(`dropped ${args.database} (keep it with --keep)`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
