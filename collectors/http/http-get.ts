/**
 * HTTP(S) GET of one resource (feed, page, API answer): conditional (ETag / Last-Modified), redirects followed by hand and re-checked, one
 * deadline for the whole exchange including the body, and a byte cap on the decoded body. Connections go through
 * the address guard (guarded-agent.ts), on every redirect hop too. Every failure is a BadInputError (will not
 * succeed on retry) or a TransientError (retry later).
 */
import { fetch, Headers, type Dispatcher, type Response } from 'undici';
import { BadInputError, TransientError } from '../../core/errors.ts';
import { parseRetryAfter } from '../../core/retry-after.ts';
import {
  decideHost,
  EMPTY_ALLOWLIST,
  forbiddenAddress,
  type Allowlist,
} from '../../core/net/address-guard.ts';
import { createGuardedAgent } from '../../core/net/guarded-agent.ts';

export interface HttpGetOptions {
  /** Accept header (default: feed types first). */
  accept?: string;
  /** Extra request headers (e.g. Authorization for an API token); never logged. */
  headers?: Readonly<Record<string, string>>;
  /** ETag from the last successful fetch, sent as If-None-Match. */
  etag?: string | null;
  /** Last-Modified from the last successful fetch, sent as If-Modified-Since. */
  lastModified?: string | null;
  /** Deadline for the whole request in ms: every redirect hop, the headers and the body. */
  timeoutMs: number;
  /** Largest body accepted, in bytes after gzip/deflate/br decoding. */
  maxBytes: number;
  userAgent: string;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Hosts and ranges the address guard lets through although not public (default: none). */
  allowlist?: Allowlist;
  /** Past maxBytes: `error` (default) rejects with too-large; `truncate` keeps the first maxBytes (robots.txt). */
  overCap?: 'error' | 'truncate';
  /** Also aborts the request (e.g. the job's deadline); reported as `timeout`. */
  signal?: AbortSignal;
}

export type FetchResult =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      body: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** URL after redirects, the base for relative item links. */
      finalUrl: string;
    };

/** A 429 or 5xx answer; `retryAfterMs` holds the server's Retry-After when it sent a usable one. */
export class RetryLaterError extends TransientError {
  readonly status: number;
  readonly retryAfterMs: number | null;

  constructor(reason: string, message: string, status: number, retryAfterMs: number | null) {
    super(reason, message);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Header values we can send as they are; a stored validator with a newline would make fetch throw. */
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Parses `raw` (resolved against `base` for redirects) and accepts only credential-free http(s) URLs. */
export function checkUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new BadInputError('bad-url', `not a valid URL: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BadInputError(
      'bad-url',
      `only http and https URLs are fetched, not ${url.protocol} (${url.href.slice(0, 200)})`,
    );
  }
  if (url.username || url.password)
    throw new BadInputError('bad-url', 'URLs with credentials are not fetched');
  return url;
}

function requestHeaders(opts: HttpGetOptions): Headers {
  const headers = new Headers({
    ...opts.headers,
    accept: opts.accept ?? FEED_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
    'user-agent': opts.userAgent,
  });
  if (opts.etag && HEADER_SAFE.test(opts.etag)) headers.set('if-none-match', opts.etag);
  if (opts.lastModified && HEADER_SAFE.test(opts.lastModified))
    headers.set('if-modified-since', opts.lastModified);
  return headers;
}

function statusError(response: Response): Error {
  const { status } = response;
  const label = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfter = response.headers.get('retry-after');
    const message = retryAfter ? `${label} (Retry-After: ${retryAfter.slice(0, 100)})` : label;
    const reason = status === 429 ? 'rate-limited' : `http-${status}`;
    return new RetryLaterError(reason, message, status, parseRetryAfter(retryAfter));
  }
  return new BadInputError(`http-${status}`, label);
}

/** Lets go of a body we will not read, so the connection can be reused or closed. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

function tooLarge(maxBytes: number, detail: string): BadInputError {
  return new BadInputError('too-large', `response body exceeds the cap of ${maxBytes} bytes (${detail})`);
}

/** Reads the (already decompressed) body, giving up (or cutting it, with `truncate`) past `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, truncate: boolean): Promise<Uint8Array> {
  const encoded =
    (response.headers.get('content-encoding') ?? 'identity').trim().toLowerCase() !== 'identity';
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  // A compressed Content-Length says little about the decoded size; the streamed count below still applies.
  if (!truncate && !encoded && Number.isFinite(declared) && declared > maxBytes) {
    discard(response);
    throw tooLarge(maxBytes, `Content-Length ${declared}`);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > maxBytes) {
      reader.cancel().catch(() => undefined);
      if (!truncate) throw tooLarge(maxBytes, `more than ${maxBytes} bytes received`);
      chunks.push(value.subarray(0, maxBytes - total));
      total = maxBytes;
      break;
    }
    total += value.byteLength;
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Maps what fetch threw to our classes: the deadline → `timeout`, a blocked port → `bad-url`, else `network`. */
function classify(error: unknown, signal: AbortSignal, opts: HttpGetOptions, url: URL): Error {
  if (error instanceof BadInputError || error instanceof TransientError) return error;
  // The guard refuses inside the connector; fetch wraps that in a TypeError.
  const inner = error instanceof Error ? error.cause : undefined;
  if (inner instanceof BadInputError) return inner;
  if (opts.signal?.aborted) {
    return new TransientError('timeout', `the job's time ran out while fetching ${url.host}`, {
      cause: error,
    });
  }
  if (signal.aborted) {
    return new TransientError(
      'timeout',
      `no complete response from ${url.host} within ${opts.timeoutMs} ms`,
      {
        cause: error,
      },
    );
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause?.message === 'bad port') {
    return new BadInputError('bad-url', `port ${url.port} is blocked by fetch (${url.host})`, {
      cause: error,
    });
  }
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const detail = code ?? (typeof cause?.message === 'string' ? cause.message : null);
  const message = error instanceof Error ? error.message : String(error);
  return new TransientError('network', `${message}${detail ? ` (${detail})` : ''} fetching ${url.host}`, {
    cause: error,
  });
}

const agents = new WeakMap<Allowlist, Dispatcher>();

/** One guarded agent per allowlist, so connections are pooled across calls. */
function agentFor(allowlist: Allowlist): Dispatcher {
  let agent = agents.get(allowlist);
  if (!agent) {
    agent = createGuardedAgent(allowlist);
    agents.set(allowlist, agent);
  }
  return agent;
}

/** Refuses an IP-literal host before any request (the agent would refuse it at connect time anyway). */
function checkHost(url: URL, allowlist: Allowlist): void {
  const decision = decideHost(url.hostname, allowlist);
  if (decision && !decision.allowed) {
    throw forbiddenAddress(url.hostname, url.hostname.replace(/^\[|\]$/g, ''), decision.reason);
  }
}

/**
 * Fetches a URL. Resolves `not-modified` on 304 and `ok` with the raw body bytes otherwise; rejects with
 * BadInputError (`bad-url`, `forbidden-address`, `too-large`, `too-many-redirects`, `http-4xx`) or TransientError
 * (`timeout`, `network`, `rate-limited`, `http-5xx`). Holds no state between calls beyond pooled connections.
 */
export async function httpGet(url: string, opts: HttpGetOptions): Promise<FetchResult> {
  let current = checkUrl(url);
  const allowlist = opts.allowlist ?? EMPTY_ALLOWLIST;
  const dispatcher = agentFor(allowlist);
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const headers = requestHeaders(opts);
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
  try {
    for (let redirects = 0; ; redirects += 1) {
      checkHost(current, allowlist);
      const response = await fetch(current, { headers, redirect: 'manual', signal, dispatcher });
      if (REDIRECTS.has(response.status)) {
        discard(response);
        const location = response.headers.get('location');
        if (!location) {
          throw new BadInputError(
            `http-${response.status}`,
            `HTTP ${response.status} without a Location header`,
          );
        }
        if (redirects >= maxRedirects) {
          throw new BadInputError(
            'too-many-redirects',
            `more than ${maxRedirects} redirects (next: ${location.slice(0, 200)})`,
          );
        }
        const next = checkUrl(location, current.href);
        // Credentials meant for one origin (an API token) must not follow a redirect to another.
        if (next.origin !== current.origin) headers.delete('authorization');
        current = next;
        continue;
      }
      if (response.status === 304) {
        discard(response);
        return { status: 'not-modified' };
      }
      if (response.status < 200 || response.status > 299) {
        discard(response);
        throw statusError(response);
      }
      const body = await readCapped(response, opts.maxBytes, opts.overCap === 'truncate');
      return {
        status: 'ok',
        body,
        contentType: response.headers.get('content-type'),
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        finalUrl: current.href,
      };
    }
  } catch (error) {
    throw classify(error, deadline, opts, current);
  }
}
