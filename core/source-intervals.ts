/**
 * A new source's polling interval from what an operator typed (`sources add --interval …`, the sources page):
 * fixed when only the interval is given, otherwise adaptive between bounds that default to the configuration.
 */
import { BadInputError } from './errors.ts';

export const MAX_INTERVAL_SECONDS = 7 * 24 * 3600;

export interface IntervalInput {
  interval?: string;
  minInterval?: string;
  maxInterval?: string;
}

export interface SourceIntervals {
  pollIntervalSeconds: number;
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
}

function parseSeconds(flag: string, value: string): number {
  const seconds = Number(value);
  if (
    !/^\d+$/.test(value.trim()) ||
    !Number.isInteger(seconds) ||
    seconds < 60 ||
    seconds > MAX_INTERVAL_SECONDS
  ) {
    throw new BadInputError(
      'bad-interval',
      `${flag}: expected whole seconds from 60 to ${MAX_INTERVAL_SECONDS}`,
    );
  }
  return seconds;
}

/** Throws BadInputError `bad-interval` naming the field (`--interval`, `--min-interval`, `--max-interval`). */
export function sourceIntervals(
  input: IntervalInput,
  defaults: { poll: number; min: number; max: number },
): SourceIntervals {
  const poll = input.interval ? parseSeconds('--interval', input.interval) : defaults.poll;
  const adaptive = !input.interval || input.minInterval || input.maxInterval;
  const min = input.minInterval
    ? parseSeconds('--min-interval', input.minInterval)
    : adaptive
      ? defaults.min
      : poll;
  const max = input.maxInterval
    ? parseSeconds('--max-interval', input.maxInterval)
    : adaptive
      ? defaults.max
      : poll;
  if (min > max) throw new BadInputError('bad-interval', '--min-interval is larger than --max-interval');
  return {
    pollIntervalSeconds: Math.min(max, Math.max(min, poll)),
    minIntervalSeconds: min,
    maxIntervalSeconds: max,
  };
}
