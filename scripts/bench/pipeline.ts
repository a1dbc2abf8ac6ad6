/**
 * One end-to-end run: messages stored the way a collector stores them (`storePosts` in collector-sized batches
 * from several sources, then `filterUnanalysed` + `enqueueAnalysis` on the real `analyse-posts` queue) while W
 * real worker processes analyse them; timed from the first store to the last stored analysis (`analysed_at`).
 * The producer keeps at most `maxWaitingJobs` jobs waiting, so workers never starve and the latency measures
 * the pipeline at full load rather than an ever-growing backlog.
 */
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { filterUnanalysed, storePosts, type NewPost } from '../../core/db/posts.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { analysePostsQueue, enqueueAnalysis } from '../../core/queues/analyse-posts.ts';
import { startCpuMeter, type CpuSplit } from './cpu-time.ts';
import { chunk } from '../../core/db/erase-posts.ts';
import { perSecond, summarise, type Summary } from './stats.ts';
import { startWorkerProcess, type WorkerProcess } from './worker-processes.ts';

export interface PipelineOptions {
  workers: number;
  concurrency: number;
  posts: readonly NewPost[];
  storeBatch: number;
  sources: number;
  producers: number;
  maxWaitingJobs: number;
  db: Db;
  databaseUrl: string;
  redis: Redis;
  redisUrl: string;
  prefix: string;
  authorKey: string;
  /** Date.now() by which the run must be over; every wait is bounded by it. */
  deadline: number;
  /**
   * Date.now() after which no more messages are fed (the rest of the share is left out and reported). In staged
   * mode this ends the store phase, and `enqueueUntil` the analysis phase.
   */
  feedUntil: number;
  enqueueUntil: number;
  /**
   * Staged: store the share first (the collector side, timed on its own), then enqueue the stored batches while
   * the workers run, so the analysis pipeline is measured without waiting for storePosts. Otherwise each batch is
   * stored and enqueued in turn while the workers run (everything at once on the same cores).
   */
  staged: boolean;
  progress(message: string): void;
}

export interface PipelineResult {
  workers: number;
  concurrency: number;
  messages: number;
  /** Messages of the share left out because the run's time was up. */
  leftOut: number;
  /** Distinct posts stored and analysed (exact copies are one post with several sightings). */
  posts: number;
  ms: number;
  postsPerSecond: number;
  messagesPerSecond: number;
  /** Enqueue → analysis stored, ms, one value per post. */
  latency: Summary;
  /** Peak resident memory of each worker process, bytes. */
  peakRss: number[];
  readyMs: number[];
  jobs: number;
  /** Post ids in those jobs: more than `posts` when a copy arrives while its post still waits for analysis. */
  idsEnqueued: number;
  failedJobs: number;
  /** Share of progress samples, while the producer was still at work, with no job waiting. */
  starved: number;
  /** Time the producers spent in `storePosts` and in filtering + enqueueing, summed over producers, ms. */
  producerMs: { store: number; enqueue: number };
  /** CPU time of the run by part (see cpu-time.ts). */
  cpu: CpuSplit;
  /** Staged mode: the store phase (storePosts in collector-sized batches, one producer). */
  store?: { messages: number; posts: number; ms: number; cpu: CpuSplit };
  warnings: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STALL_MS = 90_000;

function remaining(deadline: number, what: string): number {
  const left = deadline - Date.now();
  if (left <= 0) throw new Error(`time limit reached while ${what}`);
  return left;
}

async function counts(db: Db): Promise<{ posts: number; analysed: number }> {
  const { rows } = await sql<{ posts: number; analysed: number }>`
    SELECT count(*)::int AS posts, count(analysed_at)::int AS analysed FROM posts`.execute(db);
  return rows[0] ?? { posts: 0, analysed: 0 };
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { db, progress } = options;
  const queue = analysePostsQueue.open(options.redis, options.prefix);
  const sources: number[] = [];
  for (let i = 0; i < options.sources; i++) {
    const { source } = await upsertSource(db, {
      kind: 'import',
      name: `Bench feed ${i + 1}`,
      url: `bench:feed-${i + 1}`,
      pollIntervalSeconds: 900,
    });
    sources.push(source.id);
  }

  const workers: WorkerProcess[] = [];
  try {
    for (let i = 0; i < options.workers; i++)
      workers.push(
        startWorkerProcess({
          databaseUrl: options.databaseUrl,
          redisUrl: options.redisUrl,
          prefix: options.prefix,
          concurrency: options.concurrency,
          authorKey: options.authorKey,
        }),
      );
    // Ready before anything is stored: a worker sweeps at start for posts stored over a minute ago without a
    // result and would enqueue them itself, unmeasured.
    const readyMs = await Promise.all(
      workers.map((w) => w.ready(Math.min(240_000, remaining(options.deadline, 'starting workers')))),
    );
    progress(
      `  ${options.workers} worker process(es) ready (pids ${workers.map((w) => w.pid).join(', ')}; ` +
        `start ${readyMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s)`,
    );

    const batches = chunk(options.posts, options.storeBatch);
    const storedIds: number[][] = [];
    let store: PipelineResult['store'];
    if (options.staged) {
      const storeMeter = await startCpuMeter(db, []);
      const storeStart = performance.now();
      let lastPrint = Date.now();
      while (storedIds.length < batches.length && Date.now() < options.feedUntil) {
        storedIds.push(
          (await storePosts(db, sources[storedIds.length % sources.length]!, batches[storedIds.length]!)).ids,
        );
        if (Date.now() - lastPrint >= 10_000) {
          lastPrint = Date.now();
          progress(`  storing: ${storedIds.length}/${batches.length} batches`);
          await storeMeter.sample();
        }
      }
      const ms = performance.now() - storeStart;
      store = {
        messages: batches.slice(0, storedIds.length).reduce((sum, b) => sum + b.length, 0),
        posts: (await counts(db)).posts,
        ms,
        cpu: await storeMeter.stop(),
      };
      progress(
        `  stored ${store.messages} messages as ${store.posts} posts in ${(ms / 1000).toFixed(1)} s ` +
          `(${perSecond(store.messages, ms).toFixed(0)} messages/s through storePosts, one producer)`,
      );
    }

    const enqueuedAt = new Map<number, number>();
    let next = 0;
    let jobs = 0;
    let idsEnqueued = 0;
    const producerMs = { store: 0, enqueue: 0 };
    let producing = true;
    let starvedSamples = 0;
    let producingSamples = 0;
    const meter = await startCpuMeter(
      db,
      workers.map((w) => w.pid),
    );
    const started = Date.now();
    // Posts already analysed (a worker's sweep during the store phase) are not waited for below.
    const analysedBefore = (await counts(db)).analysed;

    /** What a collector does with one fetched batch: store, keep the still unanalysed, enqueue them. */
    const produce = async (j: number) => {
      while ((await queue.getWaitingCount()) >= options.maxWaitingJobs) {
        remaining(options.deadline, 'storing and enqueueing');
        await sleep(5);
      }
      const t0 = performance.now();
      const ids = options.staged
        ? storedIds[j]!
        : (await storePosts(db, sources[j % sources.length]!, batches[j]!)).ids;
      const t1 = performance.now();
      const pending = await filterUnanalysed(db, ids);
      const at = Date.now();
      for (const id of pending) if (!enqueuedAt.has(id)) enqueuedAt.set(id, at);
      jobs += await enqueueAnalysis(queue, pending);
      idsEnqueued += pending.length;
      producerMs.store += t1 - t0;
      producerMs.enqueue += performance.now() - t1;
    };

    let lastAnalysed = -1;
    let lastChange = Date.now();
    let lastPrint = 0;
    const watch = async (): Promise<{ posts: number; analysed: number }> => {
      await meter.sample();
      const now = await counts(db);
      const waiting = await queue.getWaitingCount();
      if (producing) {
        producingSamples++;
        if (waiting === 0) starvedSamples++;
      }
      if (now.analysed !== lastAnalysed) {
        lastAnalysed = now.analysed;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > STALL_MS) {
        const [failed] = await queue.getFailed(0, 0);
        throw new Error(
          `no post analysed for ${STALL_MS / 1000} s (${now.analysed}/${now.posts}); ` +
            `${await queue.getFailedCount()} failed jobs${failed ? `, e.g. ${failed.failedReason}` : ''}; ` +
            `worker log: ${
              workers
                .flatMap((w) => w.warnings())
                .slice(-2)
                .join(' | ') || 'no warnings'
            }`,
        );
      }
      if (Date.now() - lastPrint >= 10_000) {
        lastPrint = Date.now();
        const seconds = (Date.now() - started) / 1000;
        progress(
          `  ${seconds.toFixed(0)} s: ${next}/${options.staged ? storedIds.length : batches.length} batches ` +
            `${options.staged ? 'enqueued' : 'stored and enqueued'}, ${now.posts} posts, ` +
            `${now.analysed} analysed (${perSecond(now.analysed, Date.now() - started).toFixed(0)}/s), ` +
            `${waiting} jobs waiting`,
        );
      }
      return now;
    };

    // The first failure (a producer's error, a stall, the time limit) stops everything.
    let failure: unknown;
    const guard = (work: () => Promise<void>) =>
      work().catch((error: unknown) => {
        failure ??= error;
      });
    const producers = Array.from({ length: options.producers }, () =>
      guard(async () => {
        const total = options.staged ? storedIds.length : batches.length;
        const until = options.staged ? options.enqueueUntil : options.feedUntil;
        while (next < total && failure === undefined && Date.now() < until) await produce(next++);
      }),
    );
    const watcher = guard(async () => {
      while (producing && failure === undefined) {
        await watch();
        await sleep(1_000);
      }
    });
    await Promise.all(producers);
    producing = false;
    await watcher;
    if (failure !== undefined) throw failure;
    for (;;) {
      const now = await watch();
      if (now.analysed - analysedBefore >= enqueuedAt.size) break;
      remaining(options.deadline, 'waiting for the workers');
      await sleep(250);
    }
    const cpu = await meter.stop();

    // Posts stored but never enqueued (the analysis phase's time was up) are not part of the measurement.
    const { rows } = await sql<{ id: number; at: number }>`
      SELECT id, (extract(epoch FROM analysed_at) * 1000)::float8 AS at FROM posts
      WHERE analysed_at IS NOT NULL`.execute(db);
    // A worker's periodic sweep may enqueue stored posts itself: those it analysed before the timed phase are
    // left out (their time was not measured); those analysed during it are work done in it and count.
    const latencies: number[] = [];
    let last = started;
    let unmeasured = 0;
    const timed = rows.filter((row) => row.at >= started);
    const before = rows.length - timed.length;
    for (const row of timed) {
      last = Math.max(last, row.at);
      const enqueued = enqueuedAt.get(Number(row.id));
      if (enqueued !== undefined) latencies.push(row.at - enqueued);
      else unmeasured++;
    }
    if (before > 0)
      progress(`  ${before} posts a worker's sweep analysed before the timed phase: left out of the figures`);
    if (unmeasured > 0)
      progress(
        `  ${unmeasured} posts a worker's sweep enqueued were analysed during the timed phase: counted, no latency`,
      );
    const ms = last - started;
    const peakRss = workers.map((w) => w.peakRss());
    const failedJobs = await queue.getFailedCount();
    return {
      workers: options.workers,
      concurrency: options.concurrency,
      messages: batches.slice(0, next).reduce((sum, batch) => sum + batch.length, 0),
      leftOut: batches.slice(next).reduce((sum, batch) => sum + batch.length, 0),
      posts: timed.length,
      ms,
      postsPerSecond: perSecond(timed.length, ms),
      messagesPerSecond: perSecond(
        batches.slice(0, next).reduce((sum, b) => sum + b.length, 0),
        ms,
      ),
      latency: summarise(latencies),
      peakRss,
      readyMs,
      jobs,
      idsEnqueued,
      failedJobs,
      starved: producingSamples > 0 ? starvedSamples / producingSamples : 0,
      producerMs,
      cpu,
      store,
      warnings: workers.flatMap((w) => w.warnings()),
    };
  } finally {
    const ends = await Promise.all(workers.map((w) => w.stop(30_000)));
    if (ends.some((how) => how !== 'exit code 0')) progress(`  worker processes ended: ${ends.join(', ')}`);
    await queue.close();
  }
}
