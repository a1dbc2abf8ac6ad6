/**
 * What every source kind (rss, web, telegram, mastodon, import) provides: how a source of that kind is registered
 * from the command line, the schema of its settings, and one poll. The shared processor does the rest (store,
 * health, adaptive interval, pausing, analysis), so a kind only turns the outside world into items.
 */
import type { z } from 'zod';
import type { JsonObject, Source, SourceKind } from '../core/db/sources.ts';
import type { Logger } from '../core/logger.ts';
import type { HttpClient } from './http/client.ts';
import type { BrowserSession } from './web/web-browser.ts';

/** Reach counts where the source gives them ("reach" in the dashboard): absent means unknown, not zero. */
export interface PostMetrics {
  views?: number;
  forwards?: number;
  reactions?: number;
  replies?: number;
}

/** Where a post sits: the post it answers or forwards, and its thread, so analysts read it in context. */
export interface PostContext {
  /** URL (or source id) of the post this one replies to. */
  replyTo?: string;
  /** URL of the thread or conversation. */
  thread?: string;
  /**
   * The channel or account a forwarded message came from, as the source names it (a public channel), or
   * FORWARDED_NOT_PUBLIC; stored as that account's pseudonym (to-posts.ts).
   */
  forwardedFrom?: string;
}

/** A forward whose origin the source shows without a link is a private chat or a person: their name is not stored. */
export const FORWARDED_NOT_PUBLIC = 'not-public';

export interface MediaLink {
  url: string;
  kind: 'image' | 'video' | 'audio' | 'other';
}

/** One item as a kind reads it, before pseudonymisation and hashing. */
export interface CollectedItem {
  /** Stable id within the source (guid, message id, status id, row key). */
  externalId: string;
  url: string | null;
  title: string | null;
  /** Plain text (markup already removed). */
  text: string;
  /** Author as the source names it; pseudonymised before it is stored, never stored in clear. */
  author: string | null;
  publishedAt: Date | null;
  metrics?: PostMetrics;
  context?: PostContext;
  media?: MediaLink[];
}

/** Evidence of a rendered page (web): what it looked like when its items were read, kept for analysts. */
export interface PageSnapshot {
  pageUrl: string;
  takenAt: Date;
  png: Uint8Array;
  /** Rendered HTML, possibly cut to a cap (`htmlTruncated`). */
  html: string;
  htmlTruncated: boolean;
  /** External ids of the items read from this page; the stored posts are linked to the snapshot. */
  externalIds: string[];
}

export interface SkippedItem {
  /** The item's id, or e.g. `line 17` for an import row. */
  externalId: string;
  reason: string;
}

export type CollectOutcome =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      items: CollectedItem[];
      skipped: SkippedItem[];
      /** The new cursor, stored only after the items are; omitted: keep the old one. */
      state?: JsonObject;
      /** Validators for the next conditional GET (rss). */
      etag?: string | null;
      lastModified?: string | null;
      /** Base for relative item links (the URL after redirects). */
      baseUrl?: string;
      /** Something was left for the next poll (a page or item limit was reached). */
      truncated?: boolean;
      /** Page evidence (web), stored after the posts and linked to them. */
      snapshots?: PageSnapshot[];
    };

export interface CollectContext<Config> {
  source: Source;
  config: Config;
  /** The cursor the last successful poll left (`{}` at first). */
  state: JsonObject;
  http: HttpClient;
  logger: Logger;
  /** Aborted when the job's time is up; long loops check it. */
  signal: AbortSignal;
  now: Date;
  /** The process's Chromium behind the guard proxy (web), launched on first call; absent where there is none. */
  browser?: () => Promise<BrowserSession>;
}

/** A source as registered from `sources add <kind> <target> -o key=value…`. */
export interface Registration<Config> {
  url: string;
  /** Default display name when `--name` is not given. */
  name: string;
  config: Config;
}

export interface SourceKindModule<Config extends JsonObject = JsonObject> {
  kind: Exclude<SourceKind, 'sample'>;
  /** One line for `sources add --help`: what the target is and which `-o` options exist. */
  usage: string;
  /** Validates `sources.config` when a job runs (the stored JSON is outside input too). */
  configSchema: z.ZodType<Config>;
  /** From the command line's target and `-o key=value` options; throws BadInputError naming the problem. */
  register(target: string, options: Readonly<Record<string, string>>): Registration<Config>;
  /** One poll. Throws BadInputError (recorded, not retried) or TransientError (retried). */
  collect(context: CollectContext<Config>): Promise<CollectOutcome>;
}
