/**
 * The one way collectors reach the network: every kind asks this client, so the crawler's manners (User-Agent,
 * caps, timeouts) hold for all of them in one place.
 */
import { httpGet, type FetchResult } from './http-get.ts';

export interface HttpRequest {
  url: string;
  /** Accept header (default: feed types first). */
  accept?: string;
  etag?: string | null;
  lastModified?: string | null;
  /** Extra headers (e.g. Authorization); never logged. */
  headers?: Readonly<Record<string, string>>;
}

export interface HttpClient {
  /** GET with the client's caps; rejects with BadInputError or TransientError (see http-get.ts). */
  get(request: HttpRequest): Promise<FetchResult>;
}

export interface HttpClientOptions {
  userAgent: string;
  /** Deadline per request, redirects and body included. */
  timeoutMs: number;
  /** Largest body accepted, after decompression. */
  maxBytes: number;
  maxRedirects?: number;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  return {
    get: (request) =>
      httpGet(request.url, {
        ...options,
        accept: request.accept,
        headers: request.headers,
        etag: request.etag,
        lastModified: request.lastModified,
      }),
  };
}
