/**
 * Every queue the system runs, by name: what the dead-letter list, its retry commands and /metrics walk over. A new
 * queue file adds its definition here (all.test.ts fails until it does).
 */
import { analysePostsQueue } from './analyse-posts.ts';
import { collectSourceQueue } from './collect-source.ts';
import { deliverAlertQueue } from './deliver-alert.ts';
import { detectEmergingQueue } from './detect-emerging.ts';
import { matchAlertsQueue } from './match-alerts.ts';
import { readMediaTextQueue } from './read-media-text.ts';
import { reclassifyQueue } from './reclassify.ts';
import { retentionQueue } from './retention.ts';
import { weeklyReportQueue } from './weekly-report.ts';

export const QUEUE_NAMES: readonly string[] = [
  collectSourceQueue.name,
  analysePostsQueue.name,
  readMediaTextQueue.name,
  reclassifyQueue.name,
  weeklyReportQueue.name,
  detectEmergingQueue.name,
  matchAlertsQueue.name,
  deliverAlertQueue.name,
  retentionQueue.name,
];
