/**
 * The job's event lifecycle kept in memory for the replay: each step ends, refreshes and opens the ongoing events
 * through the shared `stepEvents` (emerging/lifecycle.ts), as the job does against `emerging_events`.
 */
import { stepEvents } from '../../emerging/lifecycle.ts';
import type { OngoingEvent, Signal } from '../../emerging/types.ts';

export class ReplayEvents {
  private ongoing: OngoingEvent[] = [];
  private nextId = 1;

  /** Whether an event of this key is ongoing. */
  has(eventKey: string): boolean {
    return this.ongoing.some((event) => event.eventKey === eventKey);
  }

  /** Applies one step's signals at event time `now`; returns the signals that opened a new event. */
  step<S extends Signal & { startedAt: number }>(signals: readonly S[], now: number): S[] {
    const step = stepEvents(signals, this.ongoing, now);
    const ended = new Set(step.end.map((item) => item.event.id));
    this.ongoing = this.ongoing.filter((event) => !ended.has(event.id));
    for (const { event, signal } of step.update)
      if (signal.overExpected || signal.triggered) event.lastOverAt = new Date(now);
    for (const signal of step.open)
      this.ongoing.push({
        id: this.nextId++,
        eventKey: signal.eventKey,
        startedAt: new Date(signal.startedAt),
        lastOverAt: new Date(now),
        windowHours: signal.windowHours,
        peakObserved: signal.observed,
      });
    return step.open;
  }
}
