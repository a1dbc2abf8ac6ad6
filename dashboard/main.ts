/** The dashboard process: listens on the configured host (127.0.0.1 by default); every page needs a login. */
import type { AddressInfo } from 'node:net';
import { shippedClassifier } from '../classifier/shipped.ts';
import { cachedActiveVersion } from '../core/active-model.ts';
import type { Stoppable } from '../core/lifecycle.ts';
import type { Resources } from '../core/resources.ts';
import { createApp } from './app.ts';
import { authSettings } from './auth/settings.ts';
import { libreTranslate } from './translation.ts';

export async function startDashboard(resources: Resources): Promise<Stoppable & { url: string }> {
  const { config, logger } = resources;
  const log = logger.child({ subsystem: 'dashboard' });
  const app = createApp({
    db: resources.db,
    readDb: resources.readDb,
    redis: resources.redis,
    logger: log,
    modelVersion: cachedActiveVersion(resources.db, shippedClassifier().version),
    auth: authSettings(config),
    chromiumPath: config.collector.chromiumPath,
    sourceAdmin: {
      collectQueue: resources.queues.collect,
      collector: config.collector,
      queuePrefix: config.redis.prefix,
    },
    queuePrefix: config.redis.prefix,
    ...(config.dashboard.accessibilityContact
      ? { accessibilityContact: config.dashboard.accessibilityContact }
      : {}),
    ...(config.dashboard.translation ? { translator: libreTranslate(config.dashboard.translation) } : {}),
  });
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(config.dashboard.port, config.dashboard.host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.dashboard.host.includes(':') ? `[${config.dashboard.host}]` : config.dashboard.host}:${port}/`;
  log.info({ url }, 'dashboard listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeIdleConnections();
        server.close(() => resolve());
      }),
  };
}
