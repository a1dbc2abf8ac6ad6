/**
 * The /emerging pages' reads: the events list (filtered by kind and status), and the example posts of an event or
 * claim candidate by id, newest first: text, language, source, time, link and whether only the security role may
 * see the post (see restricted.ts). Posts retention removed are gone.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import type { EmergingEvent } from '../../core/db/emerging-events.ts';
import type { EventKind } from '../../emerging/types.ts';
import { isRestricted } from '../../core/db/restricted-posts.ts';

export interface EvidencePost {
  id: number;
  title: string | null;
  text: string;
  lang: string | null;
  url: string | null;
  published_at: Date;
  source_name: string;
  restricted: boolean;
}

/** At most `limit` posts of `ids`; restricted ones are left out when `hideRestricted`. */
export async function evidencePosts(
  db: Db,
  modelVersion: string,
  ids: readonly number[],
  options: { hideRestricted: boolean; limit: number },
): Promise<EvidencePost[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('posts as p')
    .innerJoin('sources as s', 's.id', 'p.source_id')
    .select(['p.id', 'p.title', 'p.text', 'p.lang', 'p.url', 'p.published_at', 's.name as source_name'])
    .select(isRestricted(modelVersion).as('restricted'))
    .where(sql<boolean>`p.id = ANY(${[...ids]}::bigint[])`)
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.filter((row) => !(options.hideRestricted && row.restricted)).slice(0, options.limit);
}

/** Ids of the posts of a near-duplicate cluster (a wave's copies), newest first. */
export async function clusterPostIds(db: Db, clusterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('posts')
    .select('id')
    .where('cluster_id', '=', clusterId)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export interface EventPageFilter {
  /** Events of violence_threats are for the security role only. */
  includeRestricted: boolean;
  kind: EventKind | null;
  status: 'ongoing' | 'ended' | null;
  limit: number;
}

/** The events of the /emerging page: ongoing first, then the most recently seen; at most `limit`. */
export async function eventsForPage(db: Db, filter: EventPageFilter): Promise<EmergingEvent[]> {
  return db
    .selectFrom('emerging_events')
    .selectAll()
    .$if(!filter.includeRestricted, (qb) => qb.where('restricted', '=', false))
    .$if(filter.kind !== null, (qb) => qb.where('kind', '=', filter.kind ?? 'spike'))
    .$if(filter.status !== null, (qb) => qb.where('status', '=', filter.status ?? 'ongoing'))
    .orderBy(sql`status = 'ongoing'`, 'desc')
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
}
