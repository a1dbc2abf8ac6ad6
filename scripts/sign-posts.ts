/**
 * Signs and clusters the posts that have no near-duplicate signature of the version in force: posts stored
 * before migration 0004, or all of them after `NEAR_DUPLICATE.version` changes. New posts are signed as
 * they are stored; run this once after such a change. Idempotent, in batches, oldest first.
 * Run: `npx tsx scripts/sign-posts.ts [--batch N]` (reads DATABASE_URL like every process).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config.ts';
import { createDb } from '../core/db/client.ts';
import { signPendingPosts } from '../core/db/post-clusters.ts';

const { values } = parseArgs({ options: { batch: { type: 'string', default: '500' } } });
const batch = Math.max(1, Math.min(10_000, Number.parseInt(values.batch, 10) || 500));
const db = createDb(loadConfig().db.url);
try {
  let total = 0;
  for (;;) {
    const signed = await signPendingPosts(db, batch);
    if (signed === 0) break;
    total += signed;
    console.log(`signed ${total} posts`);
  }
  console.log(`done: ${total} posts signed and clustered`);
} finally {
  await db.destroy();
}
