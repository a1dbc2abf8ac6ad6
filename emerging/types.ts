/** Shapes shared by the pure detectors (emerging/*.ts), their storage (core/db/emerging-events.ts) and the page. */

export const EVENT_KINDS = ['spike', 'new_claim', 'wave'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Structured facts behind an event; rendered to Swedish or English by emerging/reason.ts, never stored as text. */
export type EventReason =
  | {
      kind: 'spike';
      themeId: string | null;
      lang: string | null;
      place: string | null;
      observed: number;
      expected: number;
      spread: number;
      windowHours: number;
      /** How the expected level was reckoned: same hour of the week, same hour of day, or a flat mean. */
      baseline: 'hour_of_week' | 'hour_of_day' | 'flat';
    }
  | {
      kind: 'new_claim';
      lang: string;
      terms: string[];
      observed: number;
      expected: number;
      windowHours: number;
    }
  | {
      kind: 'wave';
      clusterId: number;
      sources: number;
      accounts: number;
      posts: number;
      windowHours: number;
    };

/** One detector finding at one point of event time: the state of an event key now. */
export interface Signal {
  kind: EventKind;
  eventKey: string;
  themeId: string | null;
  lang: string | null;
  place: string | null;
  clusterId: number | null;
  candidateId: number | null;
  windowHours: number;
  observed: number;
  expected: number;
  spread: number;
  score: number;
  /** Over the alerting threshold now (opens an event, or keeps one ongoing). */
  triggered: boolean;
  /** Over the expected level now (keeps an ongoing event from ending). */
  overExpected: boolean;
  restricted: boolean;
  reason: EventReason;
  examplePostIds: number[];
}

/** What the lifecycle needs to know about an ongoing event. */
export interface OngoingEvent {
  id: number;
  eventKey: string;
  startedAt: Date;
  lastOverAt: Date;
  windowHours: number;
  peakObserved: number;
}
