/**
 * robots.txt as RFC 9309 reads it: fetched once per origin through the guarded, polite client and cached
 * (24 h; 10 min after a failure). 4xx (404 included) → everything allowed; 5xx or unreachable → everything
 * disallowed for now; redirects followed (≤ 5); only the first 500 KiB is read. Rules are matched with
 * robots-parser for the product token `Ryktesradar`.
 */
import robotsParserExport from 'robots-parser';
import type { Redis } from '../../core/redis.ts';
import { z } from 'zod';
import { BadInputError, TransientError } from '../../core/errors.ts';
import type { FetchResult } from './http-get.ts';

interface ParsedRobots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getCrawlDelay(ua?: string): number | undefined;
}

// The package is CommonJS whose types say `export default`: under NodeNext the default import is the function
// itself at run time, but typed as a module object.
const robotsParser = robotsParserExport as unknown as (url: string, text: string) => ParsedRobots;

export const ROBOTS_PRODUCT_TOKEN = 'Ryktesradar';
export const ROBOTS_MAX_BYTES = 500 * 1024;
export const ROBOTS_TTL_MS = 24 * 3600_000;
export const ROBOTS_FAILURE_TTL_MS = 10 * 60_000;
/** Crawl-delay above this is read as this (a typo of 86400 should not stop a source for a day per request). */
const MAX_CRAWL_DELAY_MS = 60_000;

export const storedRobotsSchema = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('allow-all'), why: z.string().max(300) }),
  z.object({ rule: z.literal('disallow-all'), why: z.string().max(300) }),
  z.object({ rule: z.literal('rules'), text: z.string().max(ROBOTS_MAX_BYTES * 4) }),
]);
export type StoredRobots = z.infer<typeof storedRobotsSchema>;

export interface RobotsStore {
  get(origin: string): Promise<StoredRobots | null>;
  set(origin: string, value: StoredRobots, ttlMs: number): Promise<void>;
}

export type RobotsVerdict = { allowed: true; crawlDelayMs: number | null } | { allowed: false; why: string };

/** What a robots.txt fetch means (pure) and how long to keep it; a refused address is passed on as is. */
export function robotsFromFetch(outcome: FetchResult | Error): { value: StoredRobots; ttlMs: number } {
  if (!(outcome instanceof Error)) {
    if (outcome.status === 'not-modified')
      return { value: { rule: 'allow-all', why: 'HTTP 304' }, ttlMs: ROBOTS_TTL_MS };
    return { value: { rule: 'rules', text: new TextDecoder().decode(outcome.body) }, ttlMs: ROBOTS_TTL_MS };
  }
  if (outcome instanceof BadInputError) {
    if (outcome.reason === 'forbidden-address') throw outcome;
    // 4xx, more than five redirects, a redirect off http(s): "unavailable", which allows everything.
    return {
      value: { rule: 'allow-all', why: `robots.txt unavailable (${outcome.reason})` },
      ttlMs: ROBOTS_TTL_MS,
    };
  }
  const reason = outcome instanceof TransientError ? outcome.reason : 'error';
  return {
    value: { rule: 'disallow-all', why: `robots.txt unreachable (${reason}); trying again later` },
    ttlMs: ROBOTS_FAILURE_TTL_MS,
  };
}

type Matcher = (url: string) => RobotsVerdict;

function matcher(origin: string, stored: StoredRobots): Matcher {
  if (stored.rule === 'allow-all') return () => ({ allowed: true, crawlDelayMs: null });
  if (stored.rule === 'disallow-all') return () => ({ allowed: false, why: stored.why });
  const robots = robotsParser(`${origin}/robots.txt`, stored.text);
  const delay = robots.getCrawlDelay(ROBOTS_PRODUCT_TOKEN);
  const crawlDelayMs =
    typeof delay === 'number' && Number.isFinite(delay) && delay > 0
      ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS)
      : null;
  return (url) => {
    // undefined means the URL is not on this origin: not ours to decide.
    if (robots.isAllowed(url, ROBOTS_PRODUCT_TOKEN) === false) {
      const line = robots.getMatchingLineNumber(url, ROBOTS_PRODUCT_TOKEN);
      return { allowed: false, why: `robots.txt disallows it${line > 0 ? ` (line ${line})` : ''}` };
    }
    return { allowed: true, crawlDelayMs };
  };
}

export interface RobotsPolicy {
  /** Whether `url` may be fetched; throws BadInputError `robots-disallowed` when not. Returns Crawl-delay. */
  check(url: URL): Promise<{ crawlDelayMs: number | null }>;
}

export interface RobotsPolicyOptions {
  store: RobotsStore;
  /** GET of a robots.txt URL through the guarded, polite client (500 KiB, truncating). */
  fetchRobots(robotsUrl: string): Promise<FetchResult>;
  /** How long a parsed file is kept in this process before the store is asked again. */
  memoMs?: number;
}

export function createRobotsPolicy(options: RobotsPolicyOptions): RobotsPolicy {
  const memoMs = options.memoMs ?? 60_000;
  const memo = new Map<string, { match: Matcher; until: number }>();
  const pending = new Map<string, Promise<Matcher>>();

  async function load(origin: string): Promise<Matcher> {
    let stored = await options.store.get(origin);
    if (!stored) {
      const outcome = await options
        .fetchRobots(`${origin}/robots.txt`)
        .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      // A wait for the host's turn says nothing about robots.txt: try again with the request itself.
      if (outcome instanceof TransientError && outcome.reason === 'host-busy') throw outcome;
      const { value, ttlMs } = robotsFromFetch(outcome);
      await options.store.set(origin, value, ttlMs);
      stored = value;
    }
    const match = matcher(origin, stored);
    if (memo.size > 1_000) memo.clear();
    memo.set(origin, { match, until: Date.now() + memoMs });
    return match;
  }

  async function matcherFor(origin: string): Promise<Matcher> {
    const cached = memo.get(origin);
    if (cached && cached.until > Date.now()) return cached.match;
    let loading = pending.get(origin);
    if (!loading) {
      loading = load(origin).finally(() => pending.delete(origin));
      pending.set(origin, loading);
    }
    return loading;
  }

  return {
    async check(url) {
      const verdict = (await matcherFor(url.origin))(url.href);
      if (!verdict.allowed) {
        throw new BadInputError('robots-disallowed', `${url.href.slice(0, 200)}: ${verdict.why}`);
      }
      return { crawlDelayMs: verdict.crawlDelayMs };
    },
  };
}

/** The store for one process (CLI preview). */
export function memoryRobotsStore(): RobotsStore {
  const entries = new Map<string, { value: StoredRobots; until: number }>();
  return {
    async get(origin) {
      const entry = entries.get(origin);
      return entry && entry.until > Date.now() ? entry.value : null;
    },
    async set(origin, value, ttlMs) {
      if (entries.size > 1_000) entries.clear();
      entries.set(origin, { value, until: Date.now() + ttlMs });
    },
  };
}

/** The store shared by collector processes: one JSON value per origin with its TTL, read back through the schema. */
export function redisRobotsStore(redis: Redis, prefix: string): RobotsStore {
  const key = (origin: string) => `${prefix}:http:robots:${origin}`;
  return {
    async get(origin) {
      const raw = await redis.get(key(origin));
      if (raw === null) return null;
      try {
        const parsed = storedRobotsSchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async set(origin, value, ttlMs) {
      await redis.set(key(origin), JSON.stringify(value), 'PX', ttlMs);
    },
  };
}
