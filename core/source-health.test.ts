import { describe, expect, it } from 'vitest';
import type { Source } from './db/sources.ts';
import { healthLine, sourceHealth } from './source-health.ts';

const base: Source = {
  id: 1,
  kind: 'rss',
  name: 'n',
  url: 'https://example.org/feed',
  status: 'active',
  paused_reason: null,
  poll_interval_seconds: 900,
  min_interval_seconds: 900,
  max_interval_seconds: 900,
  config: {},
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
  created_at: new Date('2026-11-01T00:00:00Z'),
};
const earlier = new Date('2026-11-02T00:00:00Z');
const later = new Date('2026-11-03T00:00:00Z');

describe('sourceHealth', () => {
  it.each<[string, Partial<Source>, string, string]>([
    ['sample', { kind: 'sample' }, 'sample', 'generated sample data, never polled'],
    ['paused', { status: 'paused', paused_reason: 'x', last_error: 'e' }, 'paused', 'PAUSED: x'],
    ['paused without reason', { status: 'paused' }, 'paused', 'PAUSED: no reason given'],
    [
      'never succeeded',
      { last_error: 'http-500', consecutive_failures: 2 },
      'failing',
      'FAILING x2: http-500',
    ],
    [
      'error after success',
      { last_error: 'timeout', last_error_at: later, last_success_at: earlier, consecutive_failures: 1 },
      'failing',
      'FAILING x1: timeout',
    ],
    [
      'success after error',
      {
        last_error: 'timeout',
        last_error_at: earlier,
        last_success_at: later,
        items_last_poll: 3,
        total_items: 9,
      },
      'ok',
      'ok, 3 new last poll, 9 in all',
    ],
    ['not polled', {}, 'new', 'not polled yet'],
  ])('%s', (_name, row, state, line) => {
    const source = { ...base, ...row };
    expect(sourceHealth(source).state).toBe(state);
    expect(healthLine(source)).toBe(line);
  });
});
