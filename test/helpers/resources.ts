/** Real resources (Postgres, Redis, queues) for integration tests, on the test's own database and queue prefix. */
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { openResources, type Resources } from '../../core/resources.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from './redis.ts';

export interface TestResources {
  resources: Resources;
  database: TestDatabase;
  prefix: string;
  cleanup(): Promise<void>;
}

export async function openTestResources(env: Record<string, string> = {}): Promise<TestResources> {
  const database = await createTestDatabase();
  const prefix = uniquePrefix();
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    FETCH_TIMEOUT_MS: '5000',
    // Fixture servers live on loopback, which the address guard refuses unless allowed; no pause between requests.
    FETCH_ALLOWLIST: '127.0.0.1/32',
    HOST_MIN_DELAY_MS: '0',
    ...env,
  });
  const resources = openResources(config, createLogger(config.log.level, 'test'));
  return {
    resources,
    database,
    prefix,
    async cleanup() {
      await resources.close();
      await database.drop();
      await deletePrefix(prefix);
    },
  };
}
