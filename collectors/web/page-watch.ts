/**
 * Time limits inside one rendered page. Playwright's `evaluate`, `$$eval` and `content` have no timeout of their
 * own, and a page whose script never yields (`for (;;) {}`) leaves its renderer unable to answer them: every step
 * runs here under a limit of its own, and a watchdog asks the page for a sign of life, so a stuck page fails the
 * step it is in after the step limit instead of holding the poll until the job's time runs out.
 */
import type { Page } from 'playwright-core';

/** A step ran past its limit or the page stopped answering during it; the message names the step. */
export class StepTimeoutError extends Error {
  override readonly name = 'StepTimeoutError';
  readonly step: string;

  constructor(step: string, message: string) {
    super(message);
    this.step = step;
  }
}

/** How often the watchdog asks the page for a sign of life (default). */
const PROBE_EVERY_MS = 1_000;

const seconds = (ms: number) => `${ms / 1000} s`;

export interface PageWatch {
  /**
   * Runs `run` as the step named `step` (said in words: "reading the items"). Rejects with StepTimeoutError after
   * `limitMs` (default: the watch's step limit; `null`: no limit but the watchdog's), when the page stops
   * answering, or when the watch's signal is aborted (with the signal's reason). What `run` started keeps running
   * until the caller closes the page; its late result or error is dropped.
   */
  step<T>(step: string, run: () => Promise<T>, limitMs?: number | null): Promise<T>;
  /** The error of a page that answered nothing for about `ms` during `step` (whose own timeout fired first). */
  stuckDuring(step: string, ms: number): StepTimeoutError;
  /** True when the page answers a trivial script within `ms`. */
  answers(ms: number): Promise<boolean>;
  /** Stops the watchdog (the page is being closed). */
  stop(): void;
}

/**
 * Watches `page` until `stop()`: a step limit of `stepMs`, and a page that answers nothing for `stepMs` is stuck.
 * Steps also end when `signal` is aborted.
 */
export function watchPage(
  page: Page,
  stepMs: number,
  signal: AbortSignal,
  probeEveryMs = PROBE_EVERY_MS,
): PageWatch {
  let current = 'opening the page';
  let stuck: StepTimeoutError | null = null;
  const onStuck = new Set<(error: StepTimeoutError) => void>();
  const stuckDuring = (step: string, ms: number) =>
    new StepTimeoutError(
      step,
      `the page stopped responding for ${seconds(ms)} while ${step} (a script in it kept the browser busy)`,
    );

  // One probe at a time; a probe that rejects (page navigating or closed) still counts as an answer.
  let askedAt: number | null = null;
  const probe = setInterval(() => {
    if (stuck) return;
    if (askedAt === null) {
      askedAt = Date.now();
      page
        .evaluate(() => 0)
        .then(
          () => (askedAt = null),
          () => (askedAt = null),
        );
    } else if (Date.now() - askedAt >= stepMs) {
      stuck = stuckDuring(current, stepMs);
      for (const listener of onStuck) listener(stuck);
    }
  }, probeEveryMs);

  function step<T>(name: string, run: () => Promise<T>, limitMs: number | null = stepMs): Promise<T> {
    current = name;
    if (stuck) return Promise.reject(stuck);
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const fail = (error: unknown) => {
        cleanUp();
        reject(error);
      };
      const onAbort = () => fail(signal.reason);
      function cleanUp() {
        clearTimeout(timer);
        onStuck.delete(fail);
        signal.removeEventListener('abort', onAbort);
      }
      if (limitMs !== null)
        timer = setTimeout(
          () => fail(new StepTimeoutError(name, `${name} did not finish within ${seconds(limitMs)}`)),
          limitMs,
        );
      onStuck.add(fail);
      signal.addEventListener('abort', onAbort, { once: true });
      run().then((value) => {
        cleanUp();
        resolve(value);
      }, fail);
    });
  }

  return {
    step,
    stuckDuring,
    answers: (ms) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        const answered = () => {
          clearTimeout(timer);
          resolve(true);
        };
        page.evaluate(() => 0).then(answered, answered);
      }),
    stop() {
      clearInterval(probe);
      onStuck.clear();
    },
  };
}
