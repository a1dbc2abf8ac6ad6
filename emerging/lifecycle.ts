/**
 * The life of an event (pure): a triggered signal opens an event or keeps the ongoing one; an ongoing event whose
 * window has not been over its expected level for a full window ends. Shared by the job and the replay.
 */
import { HOUR_MS } from './baseline.ts';
import type { OngoingEvent, Signal } from './types.ts';

export interface Step<S extends Signal> {
  /** Signals to store: new events (triggered, no ongoing row) and updates of ongoing ones. */
  open: S[];
  update: { event: OngoingEvent; signal: S }[];
  /** Ongoing events to end, with the event time they ended. */
  end: { event: OngoingEvent; endedAt: number }[];
}

/** Decides what happens to each event key at event time `now` (ms). */
export function stepEvents<S extends Signal>(
  signals: readonly S[],
  ongoing: readonly OngoingEvent[],
  now: number,
): Step<S> {
  const byKey = new Map(ongoing.map((event) => [event.eventKey, event]));
  const seen = new Set<string>();
  const step: Step<S> = { open: [], update: [], end: [] };
  for (const signal of signals) {
    seen.add(signal.eventKey);
    const event = byKey.get(signal.eventKey);
    if (event === undefined) {
      if (signal.triggered) step.open.push(signal);
      continue;
    }
    const lastOver = signal.overExpected || signal.triggered ? now : event.lastOverAt.getTime();
    if (now - lastOver >= event.windowHours * HOUR_MS) step.end.push({ event, endedAt: now });
    else step.update.push({ event, signal });
  }
  // A key that no longer produces a signal (no posts, a place under its minimum) fades the same way.
  for (const event of ongoing) {
    if (seen.has(event.eventKey)) continue;
    if (now - event.lastOverAt.getTime() >= event.windowHours * HOUR_MS)
      step.end.push({ event, endedAt: now });
  }
  return step;
}
