/**
 * Emerging detection end to end on real Postgres and Redis: three weeks of steady rumour posts and then a burst
 * in one theme and language → the scheduled job's worker stores one ongoing spike with its reason and hands it to
 * alert matching; a later run while the burst goes on updates the same event instead of adding one; posts of
 * another model version never count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { getCandidate } from '../../core/db/claim-candidates.ts';
import { listRecentEvents } from '../../core/db/emerging-events.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { detectEmergingQueue } from '../../core/queues/detect-emerging.ts';
import { matchAlertsQueue } from '../../core/queues/match-alerts.ts';
import { startEmergingDetection } from '../../workers/detect-emerging.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts, type SeedPost } from '../helpers/seed.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const HOUR = 3_600_000;

describe('emerging detection job', () => {
  let t: TestResources;
  let sourceId: number;
  const now = Date.UTC(2026, 10, 20, 18, 5);

  beforeAll(async () => {
    t = await openTestResources();
    const { source } = await upsertSource(t.resources.db, {
      kind: 'rss',
      name: 'Emerging fixture',
      url: 'https://example.invalid/emerging.xml',
      pollIntervalSeconds: 300,
    });
    sourceId = source.id;
    // Background: one soc_takes_children post in Arabic every 3 hours for 21 days.
    const background: SeedPost[] = [];
    for (let at = now - 21 * 24 * HOUR; at < now - 6 * HOUR; at += 3 * HOUR) {
      background.push({
        externalId: `bg-${at}`,
        text: `السوسيال يخطف الأطفال ${at}`,
        publishedAt: new Date(at),
        lang: 'ar',
        stance: 'rumour',
        themes: [{ id: 'soc_takes_children', evidence: ['السوسيال'] }],
      });
    }
    await seedAnalysedPosts(t.resources.db, sourceId, background);
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  const burst = (from: number, count: number, tag: string): SeedPost[] =>
    Array.from({ length: count }, (_, i) => ({
      externalId: `${tag}-${i}`,
      text: `السوسيال يخطف الأطفال ${tag} ${i}`,
      publishedAt: new Date(from + i * 60_000),
      lang: 'ar',
      stance: 'rumour',
      themes: [{ id: 'soc_takes_children', evidence: ['السوسيال'] }],
    }));

  it('stores one spike for a burst, then updates it while the burst goes on', async () => {
    await seedAnalysedPosts(t.resources.db, sourceId, burst(now - 90 * 60_000, 30, 'burst1'));
    const { resources } = t;
    const alerts = matchAlertsQueue.open(resources.redis, resources.config.redis.prefix);
    const queue = detectEmergingQueue.open(resources.redis, resources.config.redis.prefix);
    // The scheduler's own ticks judge "now" (no posts there); the test's ticks carry the event time.
    const detection = await startEmergingDetection(resources, resources.logger, {
      everyMs: 3_600_000,
      modelVersion: async () => MODEL_VERSION,
    });
    try {
      await queue.add('tick', { at: new Date(now).toISOString() });
      const [first] = await waitUntil(
        () => listRecentEvents(resources.db, { includeRestricted: true, limit: 10 }),
        (events) => events.some((event) => event.event_key === 'spike:soc_takes_children:ar:*'),
      ).then((events) => events.filter((event) => event.event_key === 'spike:soc_takes_children:ar:*'));
      expect(first).toMatchObject({
        kind: 'spike',
        status: 'ongoing',
        theme_id: 'soc_takes_children',
        lang: 'ar',
      });
      expect(first!.model_version).toBe(MODEL_VERSION);
      expect(first!.observed).toBe(30);
      expect(first!.expected).toBeLessThan(5);
      expect(first!.reason).toMatchObject({ kind: 'spike', observed: 30, windowHours: 6 });
      expect(first!.example_post_ids.length).toBeGreaterThan(0);
      await waitUntil(
        () => alerts.getJobs(['waiting', 'delayed', 'prioritized']),
        (jobs) => jobs.some((job) => (job.data.eventIds as number[]).includes(first!.id)),
      );

      await seedAnalysedPosts(t.resources.db, sourceId, burst(now, 20, 'burst2'));
      await queue.add('tick', { at: new Date(now + 30 * 60_000).toISOString() });
      const events = await waitUntil(
        () => listRecentEvents(resources.db, { includeRestricted: true, limit: 10 }),
        (rows) =>
          rows.some((event) => event.event_key === 'spike:soc_takes_children:ar:*' && event.observed === 50),
      );
      const spikes = events.filter((event) => event.event_key === 'spike:soc_takes_children:ar:*');
      expect(spikes).toHaveLength(1);
      expect(spikes[0]!.id).toBe(first!.id);
      expect(spikes[0]!.peak_observed).toBe(50);
      expect(spikes[0]!.started_at.getTime()).toBe(first!.started_at.getTime());
    } finally {
      await detection.close();
      await queue.close();
      await alerts.close();
    }
  });
  it('stores a new claim (new vocabulary from several sources) as a candidate and one new_claim event', async () => {
    const { resources } = t;
    const sentences = [
      'يزرعون شريحة تتبع إلكترونية تحت جلد أطفالنا',
      'شريحة تتبع إلكترونية في ذراع طفل مسحوب',
    ];
    for (let s = 0; s < 3; s++) {
      const { source } = await upsertSource(resources.db, {
        kind: 'rss',
        name: `Claim fixture ${s}`,
        url: `https://example.invalid/claim-${s}.xml`,
        pollIntervalSeconds: 300,
      });
      await seedAnalysedPosts(
        resources.db,
        source.id,
        Array.from({ length: 4 }, (_, i) => ({
          externalId: `claim-${s}-${i}`,
          // The number keeps the texts apart (exact copies are stored as sightings of one post).
          text: `${sentences[(s + i) % 2]} ${s}${i}`,
          publishedAt: new Date(now - (3 * 60 - s * 40 - i * 7) * 60_000),
          lang: 'ar',
          stance: 'unrelated' as const,
          themes: [],
        })),
      );
    }
    const alerts = matchAlertsQueue.open(resources.redis, resources.config.redis.prefix);
    const queue = detectEmergingQueue.open(resources.redis, resources.config.redis.prefix);
    const detection = await startEmergingDetection(resources, resources.logger, {
      everyMs: 3_600_000,
      modelVersion: async () => MODEL_VERSION,
    });
    try {
      await queue.add('tick', { at: new Date(now + 40 * 60_000).toISOString() });
      const claims = await waitUntil(
        () => listRecentEvents(resources.db, { includeRestricted: true, limit: 20 }),
        (events) => events.some((event) => event.kind === 'new_claim'),
      ).then((events) => events.filter((event) => event.kind === 'new_claim'));
      expect(claims).toHaveLength(1);
      const [event] = claims;
      expect(event).toMatchObject({ status: 'ongoing', lang: 'ar', theme_id: null, observed: 12 });
      expect(event!.event_key).toBe(`claim:${event!.candidate_id}`);
      expect(event!.reason).toMatchObject({ kind: 'new_claim', lang: 'ar', observed: 12 });
      const candidate = await getCandidate(resources.db, event!.candidate_id!);
      expect(candidate).toMatchObject({ lang: 'ar', status: 'new', posts_recent: 12 });
      expect(candidate!.display_terms.join(' ')).toMatch(/شريحة|تتبع|إلكترونية/);
      expect(candidate!.example_post_ids.length).toBeGreaterThan(0);
      await waitUntil(
        () => alerts.getJobs(['waiting', 'delayed', 'prioritized']),
        (jobs) => jobs.some((job) => (job.data.eventIds as number[]).includes(event!.id)),
      );
      // A later run while the claim goes on updates the same event and candidate.
      await queue.add('tick', { at: new Date(now + 50 * 60_000).toISOString() });
      await waitUntil(
        () => listRecentEvents(resources.db, { includeRestricted: true, limit: 20 }),
        (events) => events.some((e) => e.id === event!.id && e.last_seen_at > event!.last_seen_at),
      );
      const after = (await listRecentEvents(resources.db, { includeRestricted: true, limit: 20 })).filter(
        (e) => e.kind === 'new_claim',
      );
      expect(after.map((e) => e.id)).toEqual([event!.id]);
    } finally {
      await detection.close();
      await queue.close();
      await alerts.close();
    }
  });
  it('reads the baseline from every stance: words counter-messages already used are no new claim', async () => {
    const { resources } = t;
    const tick = now + 3 * 24 * HOUR;
    const sources: number[] = [];
    for (let s = 0; s < 3; s++) {
      const { source } = await upsertSource(resources.db, {
        kind: 'rss',
        name: `Baseline fixture ${s}`,
        url: `https://example.invalid/baseline-${s}.xml`,
        pollIntervalSeconds: 300,
      });
      sources.push(source.id);
    }
    const spread = (lang: string, texts: string[], stance: SeedPost['stance'], from: number, step: number) =>
      texts.map((text, i): SeedPost => ({
        externalId: `${lang}-${stance}-${from}-${i}`,
        text,
        publishedAt: new Date(from + i * step),
        lang,
        stance,
        themes: stance === 'rumour' ? [{ id: 'soc_takes_children', evidence: [] }] : [],
      }));
    const n = (count: number, make: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => make(i));
    // Baseline (2–12 days back): everyday posts in both languages, and Swedish fact-checks about microchips.
    const baseFrom = tick - 12 * 24 * HOUR;
    await seedAnalysedPosts(resources.db, sources[0]!, [
      ...spread(
        'sv',
        n(100, (i) => `Fint väder i Göteborg i dag, nummer ${i}`),
        'unrelated',
        baseFrom,
        HOUR,
      ),
      ...spread(
        'en',
        n(100, (i) => `Lovely weather in Malmö today, number ${i}`),
        'unrelated',
        baseFrom,
        HOUR,
      ),
      ...spread(
        'sv',
        n(20, (i) => `Faktakoll: ryktet om mikrochip i armen på placerade barn är falskt (${i})`),
        'counter',
        baseFrom,
        5 * HOUR,
      ),
    ]);
    // The last 3 hours: the claim spreads in Swedish and in English, four posts from each of three sources.
    for (let s = 0; s < 3; s++) {
      await seedAnalysedPosts(resources.db, sources[s]!, [
        ...spread(
          'sv',
          n(4, (i) => `Mikrochip i armen på placerade barn! ${s}${i}`),
          'rumour',
          tick - 3 * HOUR + s * 600_000,
          20 * 60_000,
        ),
        ...spread(
          'en',
          n(4, (i) => `Microchips in the arms of children in care! ${s}${i}`),
          'rumour',
          tick - 3 * HOUR + s * 600_000,
          20 * 60_000,
        ),
      ]);
    }
    const queue = detectEmergingQueue.open(resources.redis, resources.config.redis.prefix);
    const detection = await startEmergingDetection(resources, resources.logger, {
      everyMs: 3_600_000,
      modelVersion: async () => MODEL_VERSION,
    });
    try {
      await queue.add('tick', { at: new Date(tick).toISOString() });
      const claims = await waitUntil(
        () => listRecentEvents(resources.db, { includeRestricted: true, limit: 50 }),
        (events) => events.some((event) => event.kind === 'new_claim' && event.lang === 'en'),
      ).then((events) => events.filter((event) => event.kind === 'new_claim'));
      // English never used the words before: a new claim. Swedish counter-messages did: not new in Swedish.
      expect(claims.filter((event) => event.lang === 'en')).toHaveLength(1);
      expect(claims.filter((event) => event.lang === 'sv')).toEqual([]);
    } finally {
      await detection.close();
      await queue.close();
    }
  });
});
