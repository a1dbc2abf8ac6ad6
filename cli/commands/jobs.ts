/**
 * `ryktesradar jobs failed [--queue q] [--json]` lists the dead-letter list (jobs that failed for good) and
 * `jobs retry <queue> <id> | --all` sends them back to their queue with fresh attempts; retries are audited.
 */
import type { Command } from 'commander';
import { appendAudit } from '../../core/db/audit-log.ts';
import { openDeadLetters, queueName } from '../../core/dead-letters.ts';
import { BadInputError } from '../../core/errors.ts';
import { openPrepared } from '../context.ts';
import { wholeNumber } from '../parse-args.ts';
import { operatorName } from '../read-secret.ts';

export function registerJobs(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('the dead-letter list: jobs that failed for good, and retry');
  jobs
    .command('failed')
    .description('list failed jobs, newest first: queue, id, failed at, attempts, reason, payload ids')
    .option('--queue <name>', 'only this queue')
    .option('--limit <n>', 'at most this many per queue (1 to 10000)', '100')
    .option('--json', 'one JSON object per line')
    .action(async (options: { queue?: string; limit: string; json?: boolean }) => {
      const limit = wholeNumber('--limit', options.limit, 1, 10_000);
      if (options.queue !== undefined) queueName(options.queue);
      const resources = await openPrepared({ redis: 'required' });
      const letters = openDeadLetters(resources.redis, resources.config.redis.prefix);
      try {
        const list = await letters.list({ limit, ...(options.queue ? { queue: options.queue } : {}) });
        for (const item of list) {
          if (options.json) {
            console.log(JSON.stringify(item));
            continue;
          }
          console.log(
            [
              item.queue,
              item.id,
              item.failedAt?.toISOString() ?? '-',
              `attempts=${item.attempts}`,
              item.reason.replace(/\s+/g, ' '),
              item.data || '-',
            ].join('\t'),
          );
        }
        if (!options.json && list.length === 0) console.log('No failed jobs.');
      } finally {
        await letters.close();
        await resources.close();
      }
    });
  jobs
    .command('retry')
    .description('send a failed job (or with --all every failed job of the queue, or of all queues) back')
    .argument('[queue]', 'queue name')
    .argument('[id]', 'job id as `jobs failed` prints it')
    .option('--all', 'every failed job of the queue (every queue when no queue is given)')
    .action(async (queue: string | undefined, id: string | undefined, options: { all?: boolean }) => {
      if (queue !== undefined) queueName(queue);
      if (!options.all && (queue === undefined || id === undefined))
        throw new BadInputError('bad-arguments', 'give <queue> <id>, or --all [queue]');
      if (options.all && id !== undefined)
        throw new BadInputError('bad-arguments', '--all takes a queue at most, not a job id');
      const resources = await openPrepared({ redis: 'required' });
      const letters = openDeadLetters(resources.redis, resources.config.redis.prefix);
      const audit = (params: Record<string, unknown>, outcome: 'ok' | 'failure') =>
        appendAudit(resources.db, {
          actorKind: 'cli',
          actorLabel: operatorName(),
          action: 'job_retry',
          outcome,
          params,
        });
      try {
        if (options.all) {
          const count = await letters.retryAll(queue);
          await audit({ queue: queue ?? 'all', count }, 'ok');
          console.log(`Retried ${count} failed job(s)${queue ? ` of ${queue}` : ''}.`);
          return;
        }
        const done = await letters.retry(queue!, id!);
        await audit({ queue, job_id: id }, done ? 'ok' : 'failure');
        if (!done) throw new BadInputError('not-found', `no failed job ${id} in ${queue}`);
        console.log(`Retried ${queue} ${id}.`);
      } finally {
        await letters.close();
        await resources.close();
      }
    });
}
