/** Keeps a long-running command alive until SIGINT/SIGTERM, then stops its parts in order and exits 0. */
import type { Stoppable } from '../core/lifecycle.ts';
import type { Resources } from '../core/resources.ts';

/** `parts` stop first (workers finish or return their jobs), then the shared resources close. */
export function runUntilSignal(resources: Resources, parts: Stoppable[]): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      resources.logger.info({ signal }, 'shutting down');
      for (const part of parts) {
        await part
          .close()
          .catch((error: Error) => resources.logger.warn({ err: error.message }, 'stop failed'));
      }
      await resources.close();
      resolve();
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}
