/** GET /healthz: answers 200 only when both Postgres and Redis answer, naming each one's state. */
import { Router } from 'express';
import { sql } from 'kysely';
import type { DashboardDeps } from '../app.ts';

const CHECK_TIMEOUT_MS = 2_000;

async function check(probe: () => Promise<unknown>): Promise<'ok' | string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: DashboardDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const [postgres, redis] = await Promise.all([
      check(() => sql`SELECT 1`.execute(deps.db)),
      check(() => deps.redis.ping()),
    ]);
    const ok = postgres === 'ok' && redis === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', postgres, redis });
  });
  return router;
}
