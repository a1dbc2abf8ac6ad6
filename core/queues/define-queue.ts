/** What every queue file declares: its name, payload schema, default job options, and a validating parser. */
import { Queue, UnrecoverableError, type DefaultJobOptions } from 'bullmq';
import type { z } from 'zod';
import type { Redis } from '../redis.ts';

export interface QueueDefinition<Schema extends z.ZodType> {
  readonly name: string;
  readonly schema: Schema;
  readonly defaultJobOptions: DefaultJobOptions;
  /** Validates a job payload taken from Redis; a bad payload will never succeed, so it is unrecoverable. */
  parse(data: unknown): z.infer<Schema>;
  /** Creates a producer for this queue on the given connection and prefix. */
  open(connection: Redis, prefix: string): Queue<z.infer<Schema>>;
}

/**
 * Retry transient failures 8 times, waiting 2 s, 4 s … 128 s (halved at random at most): at least two minutes
 * of retries, so a Postgres or Redis restart or a 15 s outage is waited out instead of dead-lettered. Keep
 * finished jobs only as long as they help debugging.
 */
export const STANDARD_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3_600, count: 10_000 },
};

export function defineQueue<Schema extends z.ZodType>(definition: {
  name: string;
  schema: Schema;
  defaultJobOptions?: DefaultJobOptions;
}): QueueDefinition<Schema> {
  const defaultJobOptions = definition.defaultJobOptions ?? STANDARD_JOB_OPTIONS;
  return {
    name: definition.name,
    schema: definition.schema,
    defaultJobOptions,
    parse(data) {
      const parsed = definition.schema.safeParse(data);
      if (!parsed.success) {
        const detail = parsed.error.issues
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; ');
        throw new UnrecoverableError(`invalid ${definition.name} payload: ${detail}`);
      }
      return parsed.data;
    },
    open(connection, prefix) {
      return new Queue(definition.name, { connection, prefix, defaultJobOptions });
    },
  };
}

/** Sends a job of the failed set back to its queue with fresh attempts; false when no failed job has that id. */
export async function retryFailedJob(queue: Queue, id: string): Promise<boolean> {
  const job = await queue.getJob(id);
  if (!job || !(await job.isFailed())) return false;
  await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  return true;
}

/**
 * Retries the jobs among `jobIds` that ended in the failed set, as `jobs retry` does: adding a job whose id a
 * failed job still holds adds nothing. Another process may have retried one already, so a refusal is ignored.
 */
export async function retryFailedJobs(queue: Queue, jobIds: readonly string[]): Promise<void> {
  await Promise.allSettled(jobIds.map((id) => retryFailedJob(queue, id)));
}
