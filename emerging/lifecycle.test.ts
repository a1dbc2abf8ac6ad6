import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './baseline.ts';
import { stepEvents } from './lifecycle.ts';
import type { OngoingEvent, Signal } from './types.ts';

const now = Date.UTC(2026, 10, 20, 12);
const signal = (triggered: boolean, overExpected: boolean): Signal => ({
  kind: 'spike',
  eventKey: 'spike:a:ar:*',
  themeId: 'a',
  lang: 'ar',
  place: null,
  clusterId: null,
  candidateId: null,
  windowHours: 6,
  observed: 10,
  expected: 2,
  spread: 1,
  score: 5,
  triggered,
  overExpected,
  restricted: false,
  reason: {
    kind: 'spike',
    themeId: 'a',
    lang: 'ar',
    place: null,
    observed: 10,
    expected: 2,
    spread: 1,
    windowHours: 6,
    baseline: 'flat',
  },
  examplePostIds: [],
});
const ongoing = (lastOverHoursAgo: number): OngoingEvent => ({
  id: 1,
  eventKey: 'spike:a:ar:*',
  startedAt: new Date(now - 10 * HOUR_MS),
  lastOverAt: new Date(now - lastOverHoursAgo * HOUR_MS),
  windowHours: 6,
  peakObserved: 10,
});

describe('stepEvents', () => {
  it.each([
    {
      why: 'a triggered new key opens',
      signals: [signal(true, true)],
      events: [],
      open: 1,
      update: 0,
      end: 0,
    },
    {
      why: 'an untriggered new key does nothing',
      signals: [signal(false, true)],
      events: [],
      open: 0,
      update: 0,
      end: 0,
    },
    {
      why: 'an ongoing key is updated',
      signals: [signal(true, true)],
      events: [ongoing(0)],
      open: 0,
      update: 1,
      end: 0,
    },
    {
      why: 'under for less than a window: still ongoing',
      signals: [signal(false, false)],
      events: [ongoing(5)],
      open: 0,
      update: 1,
      end: 0,
    },
    {
      why: 'under for a full window: ends',
      signals: [signal(false, false)],
      events: [ongoing(6)],
      open: 0,
      update: 0,
      end: 1,
    },
    {
      why: 'no signal any more for a full window: ends',
      signals: [],
      events: [ongoing(7)],
      open: 0,
      update: 0,
      end: 1,
    },
  ])('$why', ({ signals, events, open, update, end }) => {
    const step = stepEvents(signals, events, now);
    expect([step.open.length, step.update.length, step.end.length]).toEqual([open, update, end]);
  });
});
