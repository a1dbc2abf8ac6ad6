/**
 * What a source's health is, decided once from its row: the CLI prints it as a line, the dashboard's sources page
 * renders it in Swedish or English. A newer error than the last success means the source is failing now.
 */
import type { Source } from './db/sources.ts';

export type SourceHealth =
  | { state: 'sample' }
  | { state: 'paused'; reason: string | null }
  | { state: 'failing'; failures: number; error: string; since: Date | null }
  | { state: 'ok'; itemsLastPoll: number; totalItems: number }
  | { state: 'new' };

export function sourceHealth(s: Source): SourceHealth {
  if (s.kind === 'sample') return { state: 'sample' };
  if (s.status === 'paused') return { state: 'paused', reason: s.paused_reason };
  if (s.last_error && (!s.last_success_at || (s.last_error_at && s.last_error_at > s.last_success_at)))
    return {
      state: 'failing',
      failures: s.consecutive_failures,
      error: s.last_error,
      since: s.last_error_at,
    };
  if (s.last_success_at)
    return { state: 'ok', itemsLastPoll: s.items_last_poll ?? 0, totalItems: s.total_items };
  return { state: 'new' };
}

/** The one-line English form `sources list` prints. */
export function healthLine(s: Source): string {
  const health = sourceHealth(s);
  switch (health.state) {
    case 'sample':
      return 'generated sample data, never polled';
    case 'paused':
      return `PAUSED: ${health.reason ?? 'no reason given'}`;
    case 'failing':
      return `FAILING x${health.failures}: ${health.error}`;
    case 'ok':
      return `ok, ${health.itemsLastPoll} new last poll, ${health.totalItems} in all`;
    case 'new':
      return 'not polled yet';
  }
}
