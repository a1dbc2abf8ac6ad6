/** Processor of `detect-emerging`: validate → pick the model in force → run detection → report what it did. */
import type { Job, Queue } from 'bullmq';
import type { ActiveVersion } from '../core/active-model.ts';
import type { Db } from '../core/db/client.ts';
import type { Logger } from '../core/logger.ts';
import { detectEmergingQueue } from '../core/queues/detect-emerging.ts';
import type { MatchAlertsPayload } from '../core/queues/match-alerts.ts';
import { runDetection, type RunResult } from './detect-emerging.run.ts';

export function createDetectEmergingProcessor(deps: {
  db: Db;
  modelVersion: ActiveVersion;
  alerts: Queue<MatchAlertsPayload> | null;
  logger: Logger;
}) {
  return async (job: Job): Promise<RunResult> => {
    const payload = detectEmergingQueue.parse(job.data);
    const now = payload.at === undefined ? Date.now() : Date.parse(payload.at);
    const version = await deps.modelVersion();
    const result = await runDetection(deps.db, version, now, deps.alerts);
    if (result.opened.length + result.ended.length > 0) {
      deps.logger.info(
        {
          opened: result.opened.length,
          updated: result.updated.length,
          ended: result.ended.length,
          model: version,
          claims: result.claims,
        },
        'emerging events',
      );
    }
    deps.logger.debug({ claims: result.claims }, 'new-claim detection');
    return result;
  };
}
