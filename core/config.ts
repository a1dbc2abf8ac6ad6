/** The only reader of process.env: parses it once with a schema into a frozen config grouped by stage. */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { clusterUrl } from './redis.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://postgres@127.0.0.1:5432/ryktesradar'),
  /** A Postgres read replica for the dashboard's read-only analysis queries; unset: the primary. */
  DATABASE_READ_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Redis Cluster seed nodes `host:port,host:port`; set, BullMQ runs on the cluster (QUEUE_PREFIX needs {…}). */
  REDIS_CLUSTER_NODES: z
    .string()
    .max(2_000)
    .regex(/^[A-Za-z0-9.:[\]-]+:\d{1,5}(,[A-Za-z0-9.:[\]-]+:\d{1,5})*$/, 'host:port pairs joined by commas')
    .optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}:-]{1,64}$/, 'letters, digits, _ - : { } only')
    .default('ryktesradar'),
  PORT: int(1, 65535).default(3000),
  DASHBOARD_HOST: z.string().min(1).default('127.0.0.1'),
  /** Set the session cookie's Secure flag (behind HTTPS); off by default so loopback http works. */
  COOKIE_SECURE: z.enum(['true', 'false', '1', '0']).default('false'),
  SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: int(1, 30 * 24).default(12),
  /** Where users report accessibility barriers (shown on /accessibility). */
  ACCESSIBILITY_CONTACT: z.email().optional(),
  /** A LibreTranslate-compatible `/translate` endpoint; unset, no machine translation is offered or called. */
  TRANSLATION_URL: z.url({ protocol: /^https?$/ }).optional(),
  TRANSLATION_API_KEY: z.string().min(1).max(500).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTHOR_HMAC_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTHOR_HMAC_KEY_FILE: z
    .string()
    .min(1)
    .default(path.join(os.homedir(), '.local', 'share', 'ryktesradar', 'author-hmac.key')),
  /** Days raw post text and evidence snapshots are kept (gallringsfrist); labelled and held posts stay. */
  RETENTION_DAYS: int(1, 36_500).default(90),
  /**
   * Days the audit log (who logged in, viewed, exported or labelled what) is kept. It names staff and what they
   * looked at, so it is personal data too; long enough to follow up an incident (default two years).
   */
  AUDIT_RETENTION_DAYS: int(30, 36_500).default(730),
  /** When the daily retention run starts: a cron pattern in Swedish time, or `off` (then only the CLI runs it). */
  RETENTION_SCHEDULE: z
    .string()
    .regex(/^(off|\S+( \S+){4,5})$/, 'off, or a cron pattern of 5 or 6 fields, e.g. 30 3 * * *')
    .default('30 3 * * *'),
  CRAWLER_CONTACT_URL: z.url().default('https://github.com/ryktesradar/ryktesradar'),
  FETCH_TIMEOUT_MS: int(1_000, 300_000).default(20_000),
  FETCH_MAX_BYTES: int(1_024, 512 * 1024 * 1024).default(16 * 1024 * 1024),
  POLL_INTERVAL_SECONDS: int(60, 7 * 24 * 3600).default(900),
  POLL_MIN_INTERVAL_SECONDS: int(60, 7 * 24 * 3600).default(300),
  POLL_MAX_INTERVAL_SECONDS: int(60, 7 * 24 * 3600).default(6 * 3600),
  COLLECT_JOB_TIMEOUT_MS: int(5_000, 3_600_000).default(120_000),
  PAUSE_AFTER_FAILURES: int(1, 1_000).default(10),
  WORKER_CONCURRENCY: int(1, 64).default(4),
  /** How long a worker's lock on a job lasts; a killed worker's jobs are taken over after about this long. */
  WORKER_LOCK_SECONDS: int(2, 3_600).default(60),
  /** Prometheus /metrics on its own listener (METRICS_HOST, loopback by default); unset: no listener. */
  METRICS_PORT: int(1, 65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  COLLECTOR_CONCURRENCY: int(1, 64).default(4),
  /** Hosts or CIDR ranges the address guard lets through although private/loopback (e.g. `127.0.0.1/32`). */
  FETCH_ALLOWLIST: z.string().max(10_000).default(''),
  HOST_MIN_DELAY_MS: int(0, 600_000).default(1_000),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** OCR of post images with tesseract: `off`, or its language list. */
  OCR_LANGUAGES: z
    .string()
    .regex(
      /^(off|[a-z_]{3,20}(\+[a-z_]{3,20})*)$/,
      'off, or tesseract languages joined by + (e.g. swe+ara+fas)',
    )
    .default('swe+ara+fas'),
  OCR_TIMEOUT_MS: int(1_000, 600_000).default(60_000),
  OCR_IMAGES_PER_POST: int(1, 20).default(4),
  /** The weekly situation report's mail server (smtp:// or smtps://, credentials in the URL); unset: not sent. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  REPORT_FROM: z.email().optional(),
  REPORT_RECIPIENTS: z
    .string()
    .max(5_000)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    )
    .pipe(z.array(z.email('every recipient must be an email address')).max(100))
    .default([]),
  /** Cron pattern in Swedish time (5 fields, or 6 with seconds first). */
  REPORT_SCHEDULE: z
    .string()
    .regex(/^\S+( \S+){4,5}$/, 'a cron pattern of 5 or 6 fields, e.g. 0 7 * * 1')
    .default('0 7 * * 1'),
  /** The dashboard's address as people reach it, for links in alerts (default http://DASHBOARD_HOST:PORT). */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Sender of alert emails (falls back to REPORT_FROM); alert emails go over SMTP_URL. */
  ALERT_FROM: z.email().optional(),
  /** The security recipient: alerts about violence_threats events also go here (and to no rule of a non-security user). */
  ALERT_SECURITY_EMAIL: z.email().optional(),
  ALERT_SECURITY_WEBHOOK: z
    .url({ protocol: /^https?$/ })
    .max(2_000)
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  readonly db: { readonly url: string; readonly readUrl: string | undefined };
  readonly redis: {
    /** REDIS_URL, or `redis-cluster://host:port,…` built from REDIS_CLUSTER_NODES (see core/redis.ts). */
    readonly url: string;
    readonly prefix: string;
    /** Redis Cluster seed nodes; null: a single Redis at `url`. */
    readonly clusterNodes: readonly { readonly host: string; readonly port: number }[] | null;
  };
  readonly dashboard: {
    readonly host: string;
    readonly port: number;
    readonly cookieSecure: boolean;
    readonly sessionIdleMinutes: number;
    readonly sessionAbsoluteHours: number;
    readonly accessibilityContact: string | undefined;
    /** Machine translation on request (posts explorer); null when none is configured. */
    readonly translation: { readonly url: string; readonly apiKey: string | undefined } | null;
  };
  readonly log: { readonly level: Env['LOG_LEVEL'] };
  readonly privacy: {
    readonly authorKey: string | undefined;
    readonly authorKeyFile: string;
    /** Raw posts and snapshots older than this many days are deleted by the retention job. */
    readonly retentionDays: number;
    /** Cron pattern in Swedish time; null when RETENTION_SCHEDULE=off. */
    readonly retentionSchedule: string | null;
    /** Audit log entries older than this many days are deleted by the same job. */
    readonly auditRetentionDays: number;
  };
  readonly collector: {
    readonly userAgent: string;
    readonly timeoutMs: number;
    readonly maxBytes: number;
    readonly pollIntervalSeconds: number;
    /** Adaptive polling bounds given to new sources. */
    readonly minIntervalSeconds: number;
    readonly maxIntervalSeconds: number;
    readonly jobTimeoutMs: number;
    readonly pauseAfterFailures: number;
    readonly concurrency: number;
    /** Raw FETCH_ALLOWLIST (comma-separated hosts or CIDR ranges), parsed by the address guard. */
    readonly fetchAllowlist: string;
    /** Least time between two requests to one host, across collector processes. */
    readonly hostMinDelayMs: number;
    readonly chromiumPath: string;
    /** null when OCR is off. */
    readonly ocr: {
      readonly languages: string;
      readonly timeoutMs: number;
      readonly imagesPerPost: number;
    } | null;
  };
  readonly worker: { readonly concurrency: number; readonly lockMs: number };
  /** The Prometheus listener; null when METRICS_PORT is unset. */
  readonly metrics: { readonly host: string; readonly port: number } | null;
  /** The weekly situation report by email; sent only when smtpUrl, from and recipients are all set. */
  readonly report: {
    readonly smtpUrl: string | undefined;
    readonly from: string | undefined;
    readonly recipients: readonly string[];
    readonly schedule: string;
  };
  /** Alert delivery: links into the dashboard, the email sender, and the security recipient of restricted events. */
  readonly alerts: {
    readonly publicUrl: string;
    readonly smtpUrl: string | undefined;
    readonly from: string | undefined;
    readonly securityEmail: string | undefined;
    readonly securityWebhook: string | undefined;
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** `a:7000,b:7001` (IPv6 as `[::1]:7000`) → host/port pairs. */
function parseNodes(raw: string): { host: string; port: number }[] {
  return raw.split(',').map((item) => {
    const at = item.lastIndexOf(':');
    return Object.freeze({
      host: item.slice(0, at).replace(/^\[(.*)\]$/, '$1'),
      port: Number(item.slice(at + 1)),
    });
  });
}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset" so that `FOO= ryktesradar …` falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const clusterNodes = e.REDIS_CLUSTER_NODES ? parseNodes(e.REDIS_CLUSTER_NODES) : null;
  // BullMQ's scripts touch several keys of one queue at once; on a cluster they must share a slot.
  if (clusterNodes && !/^\{[^{}]+\}/.test(e.QUEUE_PREFIX)) {
    throw new ConfigError(
      `Invalid configuration: QUEUE_PREFIX: with REDIS_CLUSTER_NODES it must start with a hash tag, e.g. {ryktesradar}`,
    );
  }
  return Object.freeze({
    db: Object.freeze({ url: e.DATABASE_URL, readUrl: e.DATABASE_READ_URL }),
    redis: Object.freeze({
      // With a cluster, the address createRedis() turns into an ioredis Cluster.
      url: clusterNodes ? clusterUrl(clusterNodes) : e.REDIS_URL,
      prefix: e.QUEUE_PREFIX,
      clusterNodes,
    }),
    dashboard: Object.freeze({
      host: e.DASHBOARD_HOST,
      port: e.PORT,
      cookieSecure: e.COOKIE_SECURE === 'true' || e.COOKIE_SECURE === '1',
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
      accessibilityContact: e.ACCESSIBILITY_CONTACT,
      translation: e.TRANSLATION_URL
        ? Object.freeze({ url: e.TRANSLATION_URL, apiKey: e.TRANSLATION_API_KEY })
        : null,
    }),
    log: Object.freeze({ level: e.LOG_LEVEL }),
    privacy: Object.freeze({
      authorKey: e.AUTHOR_HMAC_KEY,
      authorKeyFile: e.AUTHOR_HMAC_KEY_FILE,
      retentionDays: e.RETENTION_DAYS,
      retentionSchedule: e.RETENTION_SCHEDULE === 'off' ? null : e.RETENTION_SCHEDULE,
      auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    }),
    collector: Object.freeze({
      userAgent: `Ryktesradar/0.1 (+${e.CRAWLER_CONTACT_URL})`,
      timeoutMs: e.FETCH_TIMEOUT_MS,
      maxBytes: e.FETCH_MAX_BYTES,
      pollIntervalSeconds: e.POLL_INTERVAL_SECONDS,
      minIntervalSeconds: Math.min(e.POLL_MIN_INTERVAL_SECONDS, e.POLL_INTERVAL_SECONDS),
      maxIntervalSeconds: Math.max(e.POLL_MAX_INTERVAL_SECONDS, e.POLL_INTERVAL_SECONDS),
      jobTimeoutMs: e.COLLECT_JOB_TIMEOUT_MS,
      pauseAfterFailures: e.PAUSE_AFTER_FAILURES,
      concurrency: e.COLLECTOR_CONCURRENCY,
      fetchAllowlist: e.FETCH_ALLOWLIST,
      hostMinDelayMs: e.HOST_MIN_DELAY_MS,
      chromiumPath: e.CHROMIUM_PATH,
      ocr:
        e.OCR_LANGUAGES === 'off'
          ? null
          : Object.freeze({
              languages: e.OCR_LANGUAGES,
              timeoutMs: e.OCR_TIMEOUT_MS,
              imagesPerPost: e.OCR_IMAGES_PER_POST,
            }),
    }),
    worker: Object.freeze({ concurrency: e.WORKER_CONCURRENCY, lockMs: e.WORKER_LOCK_SECONDS * 1_000 }),
    metrics: e.METRICS_PORT ? Object.freeze({ host: e.METRICS_HOST, port: e.METRICS_PORT }) : null,
    report: Object.freeze({
      smtpUrl: e.SMTP_URL,
      from: e.REPORT_FROM,
      recipients: Object.freeze(e.REPORT_RECIPIENTS),
      schedule: e.REPORT_SCHEDULE,
    }),
    alerts: Object.freeze({
      publicUrl: (e.PUBLIC_URL ?? `http://${e.DASHBOARD_HOST}:${e.PORT}`).replace(/\/+$/, ''),
      smtpUrl: e.SMTP_URL,
      from: e.ALERT_FROM ?? e.REPORT_FROM,
      securityEmail: e.ALERT_SECURITY_EMAIL,
      securityWebhook: e.ALERT_SECURITY_WEBHOOK,
    }),
  });
}
