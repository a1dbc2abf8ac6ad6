import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { QUEUE_NAMES } from './all.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));

/** Every queue definition (`defineQueue(...)`) exported by a file of this folder, by name. */
async function declaredQueues(): Promise<string[]> {
  const files = fs
    .readdirSync(DIR)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .filter((name) => name !== 'all.ts' && name !== 'define-queue.ts');
  const names: string[] = [];
  for (const file of files) {
    const module = (await import(new URL(file, import.meta.url).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      const candidate = value as { name?: unknown; open?: unknown; parse?: unknown } | null;
      if (
        typeof candidate === 'object' &&
        candidate !== null &&
        typeof candidate.name === 'string' &&
        typeof candidate.open === 'function' &&
        typeof candidate.parse === 'function'
      )
        names.push(candidate.name);
    }
  }
  return names;
}

test('QUEUE_NAMES lists every queue declared under core/queues, once', async () => {
  const declared = await declaredQueues();
  expect(declared).toContain('detect-emerging');
  expect([...QUEUE_NAMES].sort()).toEqual([...new Set(declared)].sort());
  expect(new Set(QUEUE_NAMES).size).toBe(QUEUE_NAMES.length);
});
