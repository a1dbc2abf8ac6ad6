/**
 * The dead-letter list: jobs that failed for good (attempts spent, or an UnrecoverableError), read from BullMQ's
 * `failed` set of every queue, and their retry. Jobs carry ids and small scalars only; `summariseJobData` still
 * shows just numbers, booleans and short strings, and counts arrays, so no post text can reach a screen.
 */
import { Queue, type Job } from 'bullmq';
import { BadInputError } from './errors.ts';
import { QUEUE_NAMES } from './queues/all.ts';
import { retryFailedJob } from './queues/define-queue.ts';
import type { Redis } from './redis.ts';

export interface DeadLetter {
  queue: string;
  id: string;
  name: string;
  reason: string;
  attempts: number;
  /** When it failed for the last time (null if BullMQ did not record it). */
  failedAt: Date | null;
  /** `key=value` pairs of the payload's scalars; arrays as their length. */
  data: string;
}

export interface DeadLetters {
  /** Newest first, at most `limit` per queue (default 100). */
  list(options?: { queue?: string; limit?: number }): Promise<DeadLetter[]>;
  /** Failed jobs per queue, every known queue listed (zero included). */
  counts(): Promise<{ queue: string; failed: number }[]>;
  /** Moves one failed job back to waiting with fresh attempts; false when no such failed job. */
  retry(queue: string, id: string): Promise<boolean>;
  /** Retries every failed job of one queue (or of all); returns how many. */
  retryAll(queue?: string): Promise<number>;
  /** Closes the queue handles (not the shared connection). */
  close(): Promise<void>;
}

const MAX_STRING = 80;

/** One line per payload: `sourceId=12`, `postIds=[200]`, `week=2026-W47`; nested objects and long strings left out. */
export function summariseJobData(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  return Object.entries(data)
    .flatMap(([key, value]) => {
      if (typeof value === 'number' || typeof value === 'boolean') return [`${key}=${value}`];
      if (typeof value === 'string' && value.length <= MAX_STRING && !/\s/.test(value))
        return [`${key}=${value}`];
      if (Array.isArray(value)) return [`${key}=[${value.length}]`];
      return [];
    })
    .join(' ');
}

function toDeadLetter(queue: string, job: Job): DeadLetter {
  return {
    queue,
    id: String(job.id),
    name: job.name,
    reason: (job.failedReason ?? '').slice(0, 500),
    attempts: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    data: summariseJobData(job.data),
  };
}

export function queueName(raw: string): string {
  if (!QUEUE_NAMES.includes(raw))
    throw new BadInputError('unknown-queue', `unknown queue "${raw}"; expected ${QUEUE_NAMES.join(', ')}`);
  return raw;
}

/** Opens queue handles on a shared producer connection; nothing is read until a method is called. */
export function openDeadLetters(connection: Redis, prefix: string): DeadLetters {
  const queues = new Map<string, Queue>();
  const queueOf = (name: string): Queue => {
    const known = queueName(name);
    let queue = queues.get(known);
    if (!queue) {
      queue = new Queue(known, { connection, prefix });
      queues.set(known, queue);
    }
    return queue;
  };
  const namesFor = (queue?: string) => (queue === undefined ? QUEUE_NAMES : [queueName(queue)]);

  return {
    async list({ queue, limit = 100 } = {}) {
      const lists = await Promise.all(
        namesFor(queue).map(async (name) =>
          (await queueOf(name).getFailed(0, limit - 1))
            .filter((job): job is Job => job !== undefined && job !== null)
            .map((job) => toDeadLetter(name, job)),
        ),
      );
      return lists.flat().sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0));
    },
    async counts() {
      return Promise.all(
        QUEUE_NAMES.map(async (queue) => ({ queue, failed: await queueOf(queue).getFailedCount() })),
      );
    },
    retry: (queue, id) => retryFailedJob(queueOf(queue), id),
    async retryAll(queue) {
      let total = 0;
      for (const name of namesFor(queue)) {
        // Page through the failed set from its start (a retried job leaves it); a job that fails again at once
        // while this runs is seen twice and left for the next call, so the loop ends.
        const seen = new Set<string>();
        for (;;) {
          const jobs = (await queueOf(name).getFailed(0, 499)).filter(
            (job): job is Job => job !== undefined && job !== null && !seen.has(String(job.id)),
          );
          if (jobs.length === 0) break;
          for (const job of jobs) {
            seen.add(String(job.id));
            await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
            total += 1;
          }
        }
      }
      return total;
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      queues.clear();
    },
  };
}
