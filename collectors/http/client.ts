/**
 * The one way collectors reach the network: every kind asks this client, so the crawler's manners (User-Agent,
 * robots.txt, one request at a time per host with a pause between, Retry-After, caps, timeouts) and the address
 * guard hold for all of them in one place.
 */
import type { Redis } from '../../core/redis.ts';
import {
  decideHost,
  forbiddenAddress,
  parseAllowlist,
  type Allowlist,
} from '../../core/net/address-guard.ts';
import { createHostGate, memoryGateStore, type HostGate } from './host-gate.ts';
import { redisGateStore } from './host-gate-redis.ts';
import { checkUrl, httpGet, type FetchResult, type HttpGetOptions } from './http-get.ts';
import {
  createRobotsPolicy,
  memoryRobotsStore,
  redisRobotsStore,
  ROBOTS_MAX_BYTES,
  type RobotsPolicy,
} from './robots.ts';

export interface HttpRequest {
  url: string;
  /** Accept header (default: feed types first). */
  accept?: string;
  etag?: string | null;
  lastModified?: string | null;
  /** Extra headers (e.g. Authorization); never logged. */
  headers?: Readonly<Record<string, string>>;
  /** The job's deadline: bounds the wait for the host's turn and aborts the request. */
  signal?: AbortSignal;
}

export interface HttpClient {
  /**
   * GET with the client's caps, guard, robots.txt and per-host turn; rejects with BadInputError (see
   * http-get.ts, plus `forbidden-address`, `robots-disallowed`) or TransientError (plus `host-busy`).
   */
  get(request: HttpRequest): Promise<FetchResult>;
  /**
   * Runs `load` (a browser navigation) as if it were a GET of `url`: the same URL and address checks, robots.txt
   * and the host's turn, held until `load` settles. The page's subrequests are guarded by the browser's proxy.
   */
  visit<T>(url: string, signal: AbortSignal | undefined, load: () => Promise<T>): Promise<T>;
}

export interface HttpClientOptions {
  userAgent: string;
  /** Deadline per request, redirects and body included. */
  timeoutMs: number;
  /** Largest body accepted, after decompression. */
  maxBytes: number;
  maxRedirects?: number;
  /** FETCH_ALLOWLIST (raw or parsed): hosts/ranges let through although not public. Default: none. */
  allowlist?: string | Allowlist;
  /** Shares host turns and the robots.txt cache across processes; without it they live in this process. */
  redis?: Redis;
  /** Key prefix in Redis (the queue prefix). */
  prefix?: string;
  /** Least pause between two requests to one host, in ms (default 1,000); a longer Crawl-delay wins. */
  hostMinDelayMs?: number;
  /** Obey robots.txt (default true). */
  robots?: boolean;
  /** Longest wait for a host's turn when the request carries no earlier deadline (default 30 s). */
  maxWaitMs?: number;
}

const ROBOTS_ACCEPT = 'text/plain, */*;q=0.5';

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const allowlist =
    typeof options.allowlist === 'string' || options.allowlist === undefined
      ? parseAllowlist(options.allowlist ?? '')
      : options.allowlist;
  const minDelayMs = options.hostMinDelayMs ?? 1_000;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const prefix = options.prefix ?? 'ryktesradar';
  const gate: HostGate = createHostGate(
    options.redis ? redisGateStore(options.redis, prefix) : memoryGateStore(),
    // The turn outlives the longest request, so a crashed holder frees the host by itself.
    { lockTtlMs: options.timeoutMs + 5_000 },
  );
  const base: HttpGetOptions = {
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    maxRedirects: options.maxRedirects,
    allowlist,
  };

  const robots: RobotsPolicy | null =
    options.robots === false
      ? null
      : createRobotsPolicy({
          store: options.redis ? redisRobotsStore(options.redis, prefix) : memoryRobotsStore(),
          fetchRobots: (robotsUrl) =>
            gate.withTurn(
              new URL(robotsUrl).hostname,
              () =>
                httpGet(robotsUrl, {
                  ...base,
                  accept: ROBOTS_ACCEPT,
                  maxBytes: ROBOTS_MAX_BYTES,
                  maxRedirects: 5,
                  overCap: 'truncate',
                }),
              { maxWaitMs, minDelayMs },
            ),
        });

  /** Checks, robots.txt, then `run` in the host's turn: every request and visit goes through here. */
  async function inTurn<T>(rawUrl: string, signal: AbortSignal | undefined, run: (url: URL) => Promise<T>) {
    const url = checkUrl(rawUrl);
    // Refuse an IP-literal host before robots.txt is asked for (the agent refuses it again when connecting).
    const literal = decideHost(url.hostname, allowlist);
    if (literal && !literal.allowed)
      throw forbiddenAddress(url.hostname, url.hostname.replace(/^\[|\]$/g, ''), literal.reason);
    const crawlDelayMs = robots ? (await robots.check(url)).crawlDelayMs : null;
    return gate.withTurn(url.hostname, () => run(url), {
      signal,
      maxWaitMs,
      minDelayMs: Math.max(minDelayMs, crawlDelayMs ?? 0),
    });
  }

  return {
    get: (request) =>
      inTurn(request.url, request.signal, (url) =>
        httpGet(url.href, {
          ...base,
          accept: request.accept,
          headers: request.headers,
          etag: request.etag,
          lastModified: request.lastModified,
          signal: request.signal,
        }),
      ),
    visit: (url, signal, load) => inTurn(url, signal, () => load()),
  };
}

/** The client with the job's deadline on every request that does not bring its own. */
export function withSignal(client: HttpClient, signal: AbortSignal): HttpClient {
  return {
    get: (request) => client.get({ ...request, signal: request.signal ?? signal }),
    visit: (url, own, load) => client.visit(url, own ?? signal, load),
  };
}
