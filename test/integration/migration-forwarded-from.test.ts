/**
 * Migration 0021 on real Postgres: dropping and re-adding `post_sightings.forwarded_from` fills it again from
 * the post rows for first sightings (what the migration can know); a later boost of a stored text stays unmarked.
 * And an older release started on a database a newer one migrated says so, instead of "migration (unknown)".
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPseudonymiser } from '../../core/pseudonym.ts';
import { migrateToLatest } from '../../core/db/migrate.ts';
import * as migration from '../../migrations/20261207-0021-sighting-forwarded-from.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addSource, daysAgo, storeAuthored } from '../helpers/privacy-seed.ts';

const pseudonymise = createPseudonymiser('migration-test-key-'.padEnd(40, 'k'));
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 30_000);

afterAll(async () => {
  await t?.drop();
});

it("backfills the first sighting's forwarded-from from the post row", async () => {
  const source = await addSource(t.db, 'mastodon', 'masto');
  const boost = { author: 'dave', forwardedFrom: 'carol', publishedAt: daysAgo(1) };
  await storeAuthored(
    t.db,
    source,
    [
      { externalId: 'b1', text: 'en boost', ...boost },
      { externalId: 'own', text: 'eget inlägg', author: 'dave', publishedAt: daysAgo(1) },
    ],
    pseudonymise,
  );
  // A boost of a text already stored: a later sighting of that post.
  await storeAuthored(t.db, source, [{ externalId: 'b2', text: 'eget inlägg', ...boost }], pseudonymise);
  const marks = () =>
    sql<{ external_id: string; forwarded_from: string | null }>`
      SELECT external_id, forwarded_from FROM post_sightings ORDER BY external_id`.execute(t.db);
  const carol = pseudonymise('carol');
  expect((await marks()).rows).toEqual([
    { external_id: 'b1', forwarded_from: carol },
    { external_id: 'b2', forwarded_from: carol },
    { external_id: 'own', forwarded_from: null },
  ]);
  await migration.down(t.db);
  await migration.up(t.db);
  expect((await marks()).rows).toEqual([
    { external_id: 'b1', forwarded_from: carol },
    { external_id: 'b2', forwarded_from: null },
    { external_id: 'own', forwarded_from: null },
  ]);
});

it('tells an older release that a newer one migrated the database', async () => {
  await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('29991231-9999-from-the-future', '2999-12-31')`.execute(
    t.db,
  );
  await expect(migrateToLatest(t.db)).rejects.toThrow(
    /migrations could not run: .*29991231-9999-from-the-future.*the database was migrated by a newer release/,
  );
});
