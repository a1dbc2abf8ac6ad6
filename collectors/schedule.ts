/** Keeps one BullMQ job scheduler per active polled source, and none for paused or deleted sources. */
import type { Db } from '../core/db/client.ts';
import { listPolledSources } from '../core/db/sources.ts';
import type { Resources } from '../core/resources.ts';
import { scheduleSource, schedulerIdFor } from '../core/queues/collect-source.ts';
import { isCollectedKind } from './kinds.ts';

export async function reconcileSchedules(
  db: Db,
  queue: Resources['queues']['collect'],
): Promise<{ scheduled: number; removed: number }> {
  const sources = (await listPolledSources(db)).filter((source) => isCollectedKind(source.kind));
  const wanted = new Set(sources.map((source) => schedulerIdFor(source.id)));
  for (const source of sources) await scheduleSource(queue, source.id, source.poll_interval_seconds);
  let removed = 0;
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    if (!wanted.has(scheduler.key)) {
      await queue.removeJobScheduler(scheduler.key);
      removed += 1;
    }
  }
  return { scheduled: sources.length, removed };
}
