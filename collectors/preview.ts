/**
 * One poll of a source that is not stored (`sources preview`, the dashboard's preview button): the kind's own
 * register and collect, through the same guarded HTTP client and Chromium guard as the collector, bounded in time.
 * Nothing is stored. Given Redis (the dashboard), host turns and robots.txt are shared with the collectors; without
 * it (the CLI) they are kept in this process.
 */
import type { Config } from '../core/config.ts';
import type { Source } from '../core/db/sources.ts';
import { BadInputError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { Redis } from '../core/redis.ts';
import { cleanItems } from './clean-items.ts';
import { createHttpClient } from './http/client.ts';
import { kindModule } from './kinds.ts';
import type { CollectedItem, SkippedItem } from './source-kind.ts';
import { createWebBrowser } from './web/web-browser.ts';

export interface Preview {
  title: string;
  items: CollectedItem[];
  skipped: SkippedItem[];
}

/** A source row for a poll that stores nothing. */
function transientSource(kind: Source['kind'], url: string, name: string, config: Source['config']): Source {
  return {
    id: 0,
    kind,
    name,
    url,
    status: 'active',
    paused_reason: null,
    poll_interval_seconds: 0,
    min_interval_seconds: 0,
    max_interval_seconds: 0,
    config,
    state: {},
    etag: null,
    last_modified: null,
    last_polled_at: null,
    last_success_at: null,
    last_error: null,
    last_error_at: null,
    consecutive_failures: 0,
    items_last_poll: null,
    total_items: 0,
    created_at: new Date(),
  };
}

/**
 * Registers `target` with the kind's rules (BadInputError on a bad kind, target or option) and polls it once.
 * `timeoutMs` (default: the collector's job timeout) bounds every request and browser wait. The items are cleaned
 * as the collector cleans them before storing, so the preview shows what would be stored and what would not;
 * repairs are logged as warnings.
 */
export async function previewSource(
  request: { kind: string; target: string; options: Readonly<Record<string, string>>; timeoutMs?: number },
  collector: Config['collector'],
  logger: Logger,
  shared?: { redis: Redis; prefix: string },
): Promise<Preview> {
  const module = kindModule(request.kind);
  const now = new Date();
  const registration = module.register(request.target, request.options);
  const http = createHttpClient({
    userAgent: collector.userAgent,
    timeoutMs: collector.timeoutMs,
    maxBytes: collector.maxBytes,
    allowlist: collector.fetchAllowlist,
    hostMinDelayMs: collector.hostMinDelayMs,
    ...(shared ? { redis: shared.redis, prefix: shared.prefix } : {}),
  });
  // Launched only if the kind asks for it (web); the page goes through the same guard proxy as the collector's.
  const webBrowser = createWebBrowser({ ...collector, logger });
  const outcome = await module
    .collect({
      source: transientSource(module.kind, registration.url, registration.name, registration.config),
      config: registration.config,
      state: {},
      http,
      logger,
      signal: AbortSignal.timeout(request.timeoutMs ?? collector.jobTimeoutMs),
      now,
      browser: webBrowser.get,
    })
    .finally(() => webBrowser.close());
  if (outcome.status !== 'ok')
    throw new BadInputError('not-modified', 'server answered 304 to an unconditional request');
  const cleaned = cleanItems(outcome.items, { collectedAt: now });
  for (const item of cleaned.repaired)
    logger.warn({ externalId: item.externalId, reason: item.reason }, 'item repaired');
  return {
    title: registration.name,
    items: cleaned.items,
    skipped: [...outcome.skipped, ...cleaned.skipped],
  };
}
