/**
 * Queue `match-alerts`: emerging events (ids only) to match against the users' alert rules. The detection job adds
 * one job after each run with the events it stored or updated. Jobs have no fixed id on purpose: the same event
 * comes back with new counts (escalation), so a repeated enqueue must run again; the unique key on
 * `alerts (rule_id, event_id, level)` in Postgres is what keeps an alert from being raised twice.
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { defineQueue } from './define-queue.ts';

/** One detection run reports far fewer events than this; larger lists are split. */
export const MATCH_BATCH_SIZE = 500;

export const matchAlertsQueue = defineQueue({
  name: 'match-alerts',
  schema: z.object({
    eventIds: z.array(z.number().int().positive()).min(1).max(MATCH_BATCH_SIZE),
  }),
});
export type MatchAlertsPayload = z.infer<typeof matchAlertsQueue.schema>;

/** Adds the event ids in batches of at most MATCH_BATCH_SIZE; returns the number of jobs added (0 for no ids). */
export async function enqueueAlertMatching(
  queue: Queue<MatchAlertsPayload>,
  eventIds: readonly number[],
): Promise<number> {
  const unique = [...new Set(eventIds)];
  const jobs = [];
  for (let start = 0; start < unique.length; start += MATCH_BATCH_SIZE) {
    jobs.push({ name: 'match', data: { eventIds: unique.slice(start, start + MATCH_BATCH_SIZE) } });
  }
  if (jobs.length > 0) await queue.addBulk(jobs);
  return jobs.length;
}
