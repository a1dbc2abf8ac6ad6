/**
 * Adaptive polling (pure): a source that keeps bringing new items is polled more often, a quiet one less, always
 * between its floor and ceiling.
 */

/** Halve the interval after a poll with new items; grow it by half after a poll without. */
const FASTER = 0.5;
const SLOWER = 1.5;

export interface IntervalBounds {
  current: number;
  min: number;
  max: number;
}

/** The next interval in whole seconds, within [min, max]. */
export function nextInterval(bounds: IntervalBounds, newItems: number): number {
  const factor = newItems > 0 ? FASTER : SLOWER;
  const next = Math.round(bounds.current * factor);
  return Math.min(bounds.max, Math.max(bounds.min, next));
}
