import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { StepTimeoutError, watchPage, type PageWatch } from './page-watch.ts';

/** Only `evaluate` is used by the watch: a page that answers at once, or one whose renderer never answers. */
const answering = { evaluate: () => Promise.resolve(0) } as unknown as Page;
const stuck = { evaluate: () => new Promise<never>(() => undefined) } as unknown as Page;
const never = () => new Promise<never>(() => undefined);

describe('watchPage', () => {
  let watch: PageWatch | null = null;
  afterEach(() => watch?.stop());

  it('returns what the step returns', async () => {
    watch = watchPage(answering, 1_000, new AbortController().signal, 10);
    await expect(watch.step('reading the items', async () => [1, 2])).resolves.toEqual([1, 2]);
  });

  it('fails a step past its limit, naming it', async () => {
    watch = watchPage(answering, 100, new AbortController().signal, 10);
    const failed = watch.step('reading the items', never);
    await expect(failed).rejects.toThrow(StepTimeoutError);
    await expect(failed).rejects.toThrow('reading the items did not finish within 0.1 s');
  });

  it('fails a step without a limit of its own once the page stops answering', async () => {
    watch = watchPage(stuck, 100, new AbortController().signal, 10);
    const started = Date.now();
    await expect(watch.step('loading more items', never, null)).rejects.toMatchObject({
      name: 'StepTimeoutError',
      step: 'loading more items',
      message: expect.stringMatching(/^the page stopped responding for 0.1 s while loading more items/),
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    // Every later step fails at once: the page is no use any more.
    await expect(watch.step('taking the snapshot', async () => 'png')).rejects.toThrow(/loading more items/);
  });

  it('ends the running step when its signal is aborted, with the reason', async () => {
    const stop = new AbortController();
    watch = watchPage(answering, 10_000, stop.signal, 10);
    const running = watch.step('loading more items', never, null);
    stop.abort(new Error('too-large'));
    await expect(running).rejects.toThrow('too-large');
  });

  it('tells a page that answers from one that does not', async () => {
    watch = watchPage(answering, 1_000, new AbortController().signal);
    await expect(watch.answers(100)).resolves.toBe(true);
    const stuckWatch = watchPage(stuck, 1_000, new AbortController().signal);
    await expect(stuckWatch.answers(50)).resolves.toBe(false);
    stuckWatch.stop();
  });
});
