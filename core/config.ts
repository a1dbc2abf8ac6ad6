/** The only reader of process.env: parses it once with a schema into a frozen config grouped by stage. */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://postgres@127.0.0.1:5432/ryktesradar'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTHOR_HMAC_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTHOR_HMAC_KEY_FILE: z
    .string()
    .min(1)
    .default(path.join(os.homedir(), '.local', 'share', 'ryktesradar', 'author-hmac.key')),
  CRAWLER_CONTACT_URL: z.url().default('https://github.com/ryktesradar/ryktesradar'),
  FETCH_TIMEOUT_MS: int(1_000, 300_000).default(20_000),
  FETCH_MAX_BYTES: int(1_024, 512 * 1024 * 1024).default(16 * 1024 * 1024),
  POLL_INTERVAL_SECONDS: int(60, 7 * 24 * 3600).default(900),
  POLL_MIN_INTERVAL_SECONDS: int(60, 7 * 24 * 3600).default(300),
  POLL_MAX_INTERVAL_SECONDS: int(60, 7 * 24 * 3600).default(6 * 3600),
  COLLECT_JOB_TIMEOUT_MS: int(5_000, 3_600_000).default(120_000),
  PAUSE_AFTER_FAILURES: int(1, 1_000).default(10),
  WORKER_CONCURRENCY: int(1, 64).default(4),
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
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  readonly db: { readonly url: string };
  readonly redis: { readonly url: string; readonly prefix: string };
  readonly dashboard: {
    readonly host: string;
    readonly port: number;
    readonly cookieSecure: boolean;
    readonly sessionIdleMinutes: number;
    readonly sessionAbsoluteHours: number;
  };
  readonly log: { readonly level: Env['LOG_LEVEL'] };
  readonly privacy: { readonly authorKey: string | undefined; readonly authorKeyFile: string };
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
  readonly worker: { readonly concurrency: number };
  /** The weekly situation report by email; sent only when smtpUrl, from and recipients are all set. */
  readonly report: {
    readonly smtpUrl: string | undefined;
    readonly from: string | undefined;
    readonly recipients: readonly string[];
    readonly schedule: string;
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
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
  return Object.freeze({
    db: Object.freeze({ url: e.DATABASE_URL }),
    redis: Object.freeze({ url: e.REDIS_URL, prefix: e.QUEUE_PREFIX }),
    dashboard: Object.freeze({
      host: e.DASHBOARD_HOST,
      port: e.PORT,
      cookieSecure: e.COOKIE_SECURE === 'true' || e.COOKIE_SECURE === '1',
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    }),
    log: Object.freeze({ level: e.LOG_LEVEL }),
    privacy: Object.freeze({ authorKey: e.AUTHOR_HMAC_KEY, authorKeyFile: e.AUTHOR_HMAC_KEY_FILE }),
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
    worker: Object.freeze({ concurrency: e.WORKER_CONCURRENCY }),
    report: Object.freeze({
      smtpUrl: e.SMTP_URL,
      from: e.REPORT_FROM,
      recipients: Object.freeze(e.REPORT_RECIPIENTS),
      schedule: e.REPORT_SCHEDULE,
    }),
  });
}
