/**
 * An erasure that commits while a batch is being analysed wins, on real Postgres: the analysis waits for the post's
 * row lock, finds the post gone and stores nothing for it (its classification and themes, with evidence from
 * the erased text, used to outlive the erasure), while the other posts of the batch are analysed as usual.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { erasePostParts } from '../../core/db/erase-posts.ts';
import { createPseudonymiser } from '../../core/pseudonym.ts';
import { analyseAndStore } from '../../workers/analyse-batch.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addSource, daysAgo, storeAuthored } from '../helpers/privacy-seed.ts';
import { waitUntil } from '../helpers/wait-until.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 30_000);

afterAll(async () => {
  await t?.drop();
});

it('stores no analysis for a post erased while its batch was analysed', async () => {
  const source = await addSource(t.db, 'rss', 'feed');
  const [erased, kept] = (await storeAuthored(
    t.db,
    source,
    [
      {
        externalId: 'e',
        text: 'Soc tar barn från kristna hem',
        author: 'anna',
        publishedAt: daysAgo(1),
        analysed: false,
      },
      {
        externalId: 'k',
        text: 'Socialtjänsten tar inte barn på grund av religion',
        author: 'bo',
        publishedAt: daysAgo(1),
        analysed: false,
      },
    ],
    createPseudonymiser('erase-race-key-'.padEnd(40, 'k')),
  )) as [number, number];

  // The erasure deletes the post row first and holds its lock until it is let go.
  let letGo = () => {};
  const gate = new Promise<void>((resolve) => (letGo = resolve));
  let erasing = false;
  const erasure = t.db.transaction().execute(async (trx) => {
    await sql`DELETE FROM posts WHERE id = ${erased}`.execute(trx);
    await erasePostParts(trx, [erased]);
    erasing = true;
    await gate;
  });
  await waitUntil(
    async () => erasing,
    (done) => done,
  );
  // The analysis read both posts before the erasure committed; it now waits for the erased post's lock.
  const analysis = analyseAndStore(t.db, shippedClassifier(), [erased, kept]);
  await waitUntil(
    async () =>
      Number(
        (
          await sql<{ n: number }>`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(t.db)
        ).rows[0]?.n,
      ),
    (n) => n >= 1,
    { timeoutMs: 20_000 },
  );
  letGo();
  await erasure;
  expect(await analysis).toEqual({ analysed: 1, missing: 1 });

  const partsOf = async (table: 'post_classifications' | 'post_themes') =>
    (await t.db.selectFrom(table).select('post_id').execute()).map((row) => Number(row.post_id));
  expect(await partsOf('post_classifications')).toEqual([kept]);
  expect(await partsOf('post_themes')).not.toContain(erased);
}, 60_000);
