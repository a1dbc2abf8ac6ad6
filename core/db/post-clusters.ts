/**
 * Near-duplicate clusters in Postgres: each post's MinHash signature (`post_signatures`), its band hashes
 * (`post_lsh_bands`, the LSH lookup), and `posts.cluster_id`. Incremental: a new post looks up earlier posts
 * sharing a band, checks the estimated similarity against the threshold, and joins the best match's cluster
 * or starts its own (cluster id = its own post id). Clusters never merge afterwards, so a cluster id, once
 * given, is stable. Sample posts and real posts never meet.
 *
 * Concurrency: assignment runs inside the storing transaction under one transaction-scoped advisory lock,
 * taken last, so two collectors storing copies of one message at the same moment see each other's
 * signatures (the second waits for the first to commit) instead of founding two clusters. The lock is held
 * only for the few statements of assignment and the commit.
 */
import { sql, type Transaction } from 'kysely';
import { minhashSimilarity, NEAR_DUPLICATE, signText, type Signature } from '../near-duplicate.ts';
import type { Db } from './client.ts';
import type { Database } from './schema.ts';

export interface PostSignaturesTable {
  post_id: number;
  /** `NEAR_DUPLICATE.version` the signature was made with. */
  version: number;
  minhash: number[];
}

export interface PostLshBandsTable {
  /** The post's sample flag (migration 0019): lookups read one kind's buckets from the key alone. */
  is_sample: boolean;
  band: number;
  hash: number;
  post_id: number;
}

/** Advisory lock key (namespace, id) serialising cluster assignment. */
const CLUSTER_LOCK = [0x52_52_01, 1] as const;
/** Latest posts read per band bucket: a wave of thousands of copies needs only its recent ones. */
const PER_BUCKET = 16;
/** Candidates checked per new post, most shared bands first. */
const MAX_CANDIDATES = 64;

export interface PostToCluster {
  id: number;
  text: string;
}

/** `signature` is null for a text too short to sign: stored with an empty signature and no bands. */
interface Signed extends PostToCluster {
  signature: Signature | null;
}

/** Stores the signatures and band rows; `signedBefore`: the posts that may have older band rows to replace. */
async function storeSignatures(
  trx: Transaction<Database>,
  signed: readonly Signed[],
  signedBefore: readonly number[],
  isSample: boolean,
): Promise<void> {
  if (signed.length === 0) return;
  const ids = signed.map((s) => s.id);
  await sql`
    INSERT INTO post_signatures (post_id, version, minhash)
    SELECT id, ${NEAR_DUPLICATE.version}, sig::integer[]
    FROM unnest(${ids}::bigint[], ${signed.map((s) => `{${(s.signature?.minhash ?? []).join(',')}}`)}::text[])
      AS t(id, sig)
    ON CONFLICT (post_id) DO UPDATE SET version = excluded.version, minhash = excluded.minhash
  `.execute(trx);
  if (signedBefore.length > 0)
    await sql`DELETE FROM post_lsh_bands WHERE post_id = ANY(${signedBefore}::bigint[])`.execute(trx);
  const rows = signed.flatMap((s) =>
    (s.signature?.bands ?? []).map((hash, band) => ({ id: s.id, band, hash })),
  );
  if (rows.length === 0) return;
  await sql`
    INSERT INTO post_lsh_bands (is_sample, band, hash, post_id)
    SELECT ${isSample}, band, hash, id FROM unnest(${rows.map((r) => r.band)}::smallint[], ${rows.map((r) => r.hash)}::integer[],
                                      ${rows.map((r) => r.id)}::bigint[]) AS t(band, hash, id)
    ON CONFLICT DO NOTHING
  `.execute(trx);
}

interface Candidate {
  id: number;
  clusterId: number;
  minhash: ArrayLike<number>;
}

/**
 * Clustered posts outside the batch sharing a band with a batch post, with their signatures, keyed by batch
 * post id; at most PER_BUCKET per band bucket and MAX_CANDIDATES per post, most shared bands first.
 */
async function findCandidates(
  trx: Transaction<Database>,
  signed: readonly Signed[],
  isSample: boolean,
): Promise<Map<number, Candidate[]>> {
  const probes = signed.flatMap((s) =>
    (s.signature?.bands ?? []).map((hash, band) => ({ id: s.id, band, hash })),
  );
  if (probes.length === 0) return new Map();
  const { rows } = await sql<{ new_id: number; post_id: number; cluster_id: number; minhash: Buffer }>`
    WITH probe AS (
      SELECT * FROM unnest(${probes.map((p) => p.id)}::bigint[], ${probes.map((p) => p.band)}::smallint[],
                           ${probes.map((p) => p.hash)}::integer[]) AS t(new_id, band, hash)
    ),
    hit AS (
      SELECT probe.new_id, b.post_id, count(*) AS shared
      FROM probe
      CROSS JOIN LATERAL (
        SELECT l.post_id FROM post_lsh_bands l
        WHERE l.is_sample = ${isSample} AND l.band = probe.band AND l.hash = probe.hash
          AND l.post_id <> ALL(${signed.map((s) => s.id)}::bigint[])
        ORDER BY l.post_id DESC LIMIT ${PER_BUCKET}
      ) b
      GROUP BY probe.new_id, b.post_id
    ),
    ranked AS (
      SELECT *, row_number() OVER (PARTITION BY new_id ORDER BY shared DESC, post_id DESC) AS rank FROM hit
    )
    SELECT r.new_id, r.post_id, p.cluster_id, array_send(s.minhash) AS minhash
    FROM ranked r JOIN posts p ON p.id = r.post_id JOIN post_signatures s ON s.post_id = r.post_id
    WHERE r.rank <= ${MAX_CANDIDATES} AND p.cluster_id IS NOT NULL
  `.execute(trx);
  const out = new Map<number, Candidate[]>();
  for (const row of rows) {
    const list = out.get(Number(row.new_id)) ?? [];
    list.push({
      id: Number(row.post_id),
      clusterId: Number(row.cluster_id),
      minhash: decodeIntArray(row.minhash),
    });
    out.set(Number(row.new_id), list);
  }
  return out;
}

/**
 * Decodes a one-dimensional `integer[]` in Postgres's binary form (`array_send`): a 20-byte header (dimensions,
 * null flag, element type, length, lower bound), then each element as a 4-byte length and a 4-byte value.
 * Candidates' signatures travel this way because parsing thousands of them from the text form (`{1,2,…}`) was
 * most of the collector's CPU time when storing a batch (profiled).
 */
export function decodeIntArray(bytes: Buffer): Int32Array {
  if (bytes.length < 12 || bytes.readInt32BE(0) === 0) return new Int32Array(0);
  if (bytes.readInt32BE(0) !== 1) throw new Error('expected a one-dimensional array');
  const length = bytes.readInt32BE(12);
  const values = new Int32Array(length);
  for (let i = 0, at = 20; i < length; i++, at += 8) {
    if (bytes.readInt32BE(at) !== 4) throw new Error('expected non-null 4-byte integers');
    values[i] = bytes.readInt32BE(at + 4);
  }
  return values;
}

/** The cluster of the most similar candidate at or above the threshold (ties: the oldest post), or null. */
function bestCluster(signature: Signature, candidates: readonly Candidate[]): number | null {
  let best: Candidate | null = null;
  let bestSimilarity = NEAR_DUPLICATE.threshold;
  for (const candidate of candidates) {
    const similarity = minhashSimilarity(signature.minhash, candidate.minhash);
    if (
      similarity > bestSimilarity ||
      (similarity === bestSimilarity && (best === null || candidate.id < best.id))
    ) {
      best = candidate;
      bestSimilarity = similarity;
    }
  }
  return best?.clusterId ?? null;
}

/**
 * Signs `posts` (all of one sample flag) and gives each a cluster id. Runs inside the caller's transaction
 * and takes the cluster lock, so call it last before commit. A post that was signed before keeps its
 * cluster (others may have joined it); an unsigned one (new, or older than clustering) gets the cluster of
 * its best match, earlier posts of the batch included, or its own id.
 */
export async function assignClusters(
  trx: Transaction<Database>,
  posts: readonly PostToCluster[],
  isSample: boolean,
): Promise<void> {
  if (posts.length === 0) return;
  const ordered = [...posts].sort((a, b) => a.id - b.id);
  const ids = ordered.map((p) => p.id);
  await sql`SELECT pg_advisory_xact_lock(${CLUSTER_LOCK[0]}::int, ${CLUSTER_LOCK[1]}::int)`.execute(trx);
  const known = await trx
    .selectFrom('posts as p')
    .leftJoin('post_signatures as s', 's.post_id', 'p.id')
    .select(['p.id', 'p.cluster_id', 's.post_id as signed'])
    .where('p.id', 'in', ids)
    .execute();
  const kept = new Map(
    known.flatMap((row) =>
      row.signed !== null && row.cluster_id !== null ? [[row.id, row.cluster_id]] : [],
    ),
  );
  const current = new Map(known.map((row) => [row.id, row.cluster_id]));

  const signed: Signed[] = ordered.map((post) => ({ ...post, signature: signText(post.text) }));
  await storeSignatures(
    trx,
    signed,
    known.flatMap((row) => (row.signed === null ? [] : [row.id])),
    isSample,
  );
  const candidates = await findCandidates(trx, signed, isSample);

  const assigned = new Map<number, number>();
  const buckets = new Map<string, Candidate[]>();
  for (const post of signed) {
    const { signature } = post;
    let clusterId = kept.get(post.id) ?? null;
    if (clusterId === null && signature) {
      const earlier = new Map<number, Candidate>();
      signature.bands.forEach((hash, band) => {
        for (const c of buckets.get(`${band}:${hash}`) ?? []) earlier.set(c.id, c);
      });
      clusterId = bestCluster(signature, [...(candidates.get(post.id) ?? []), ...earlier.values()]);
    }
    clusterId ??= post.id;
    assigned.set(post.id, clusterId);
    if (signature) {
      const self: Candidate = { id: post.id, clusterId, minhash: signature.minhash };
      signature.bands.forEach((hash, band) => {
        const key = `${band}:${hash}`;
        buckets.set(key, [...(buckets.get(key) ?? []), self]);
      });
    }
  }

  const updates = [...assigned].filter(([id, clusterId]) => current.get(id) !== clusterId);
  if (updates.length === 0) return;
  await sql`
    UPDATE posts SET cluster_id = t.cluster_id
    FROM unnest(${updates.map(([id]) => id)}::bigint[], ${updates.map(([, c]) => c)}::bigint[]) AS t(id, cluster_id)
    WHERE posts.id = t.id
  `.execute(trx);
}

/** Posts not yet signed with the signature version in force (older posts, or a new version), oldest first. */
export async function signPendingPosts(db: Db, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('posts as p')
      .leftJoin('post_signatures as s', 's.post_id', 'p.id')
      .select(['p.id', 'p.text', 'p.is_sample'])
      .where((eb) => eb.or([eb('s.post_id', 'is', null), eb('s.version', '<>', NEAR_DUPLICATE.version)]))
      .orderBy('p.id')
      .limit(limit)
      .execute();
    for (const isSample of [false, true]) {
      await assignClusters(
        trx,
        rows.filter((row) => row.is_sample === isSample),
        isSample,
      );
    }
    return rows.length;
  });
}
