/**
 * createApp(deps): the Express dashboard without listen(), so tests drive the real app on a loopback port.
 * Open without login: static assets, /healthz, the login form and the accessibility statement. Everything mounted
 * after `authenticate` needs a session or (on /api/*) a bearer token, passes the CSRF check, and needs at least the
 * read right.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { ActiveVersion } from '../core/active-model.ts';
import type { Db } from '../core/db/client.ts';
import type { Logger } from '../core/logger.ts';
import type { Redis } from '../core/redis.ts';
import { authenticate, csrfProtection, requireCapability } from './auth/guards.ts';
import { warmUpPasswordCheck } from './auth/passwords.ts';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from './auth/settings.ts';
import { errorHandler, HttpError } from './errors.ts';
import { accessibilityRoutes } from './routes/accessibility.ts';
import { accountRoutes } from './routes/account.ts';
import { alertRoutes } from './routes/alerts.ts';
import { analysisApiRoutes } from './routes/analysis-api.ts';
import { apiRoutes } from './routes/api.ts';
import { emergingRoutes } from './routes/emerging.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { jobRoutes } from './routes/jobs.ts';
import { holdRoutes } from './routes/holds.ts';
import { labelRoutes } from './routes/labels.ts';
import { translationRoutes } from './routes/translation.ts';
import { loginRoutes } from './routes/login.ts';
import { pageRoutes } from './routes/pages.ts';
import { reportRenderRoutes } from './routes/report-render.ts';
import { reportRoutes } from './routes/report.ts';
import { postsRoutes } from './routes/posts.ts';
import { snapshotRoutes } from './routes/snapshots.ts';
import { sourceRoutes, type SourceAdminDeps } from './routes/sources.ts';
import { knownThemeOnly } from './known-theme.ts';
import { storableTextOnly } from './text-input.ts';
import type { Translator } from './translation.ts';

export interface DashboardDeps {
  db: Db;
  /** A read replica for the read-only analysis queries (see read-db.ts); without it they use `db`. */
  readDb?: Db;
  redis: Redis;
  logger: Logger;
  /** Which classifier version's results the dashboard shows: the one in force, looked up per request. */
  modelVersion: ActiveVersion;
  /** Session and login-throttle settings; `authSettings(config)` in production, shortened in tests. */
  auth?: AuthSettings;
  /** Chromium for the PDF report (config.collector.chromiumPath); /usr/bin/chromium when absent. */
  chromiumPath?: string;
  /** The collect queue and collector settings for adding/previewing sources; without them /sources is read-only. */
  sourceAdmin?: SourceAdminDeps;
  /** Queue prefix in Redis, for the dead-letter list on /jobs (falls back to sourceAdmin's); without it 503. */
  queuePrefix?: string;
  /** ACCESSIBILITY_CONTACT: the email address the accessibility statement gives for reporting barriers. */
  accessibilityContact?: string;
  /** Machine translation on request (TRANSLATION_URL); without it none is offered. */
  translator?: Translator;
}

const here = path.dirname(fileURLToPath(import.meta.url));
// chart.js hides dist/ behind its exports map; resolve the package entry and serve the UMD file beside it.
const chartJsFile = path.join(
  path.dirname(createRequire(import.meta.url).resolve('chart.js')),
  'chart.umd.js',
);

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export function createApp(deps: DashboardDeps): Express {
  const settings = deps.auth ?? DEFAULT_AUTH_SETTINGS;
  warmUpPasswordCheck();
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    res.set(SECURITY_HEADERS);
    if (settings.cookieSecure) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });
  app.get('/vendor/chart.umd.js', (_req, res) => res.sendFile(chartJsFile, { maxAge: '1d' }));
  // Browsers ask for /favicon.ico whatever the page links; answer with the same icon instead of a 404.
  app.get('/favicon.ico', (_req, res) =>
    res.type('image/svg+xml').sendFile(path.join(here, 'public', 'favicon.svg')),
  );
  app.use('/static', express.static(path.join(here, 'public'), { maxAge: '1h', index: false }));
  app.use(healthRoutes(deps));
  // HTML forms (login, logout) post url-encoded fields; JSON routes parse their own bodies.
  app.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }));
  app.use(storableTextOnly());
  app.use(loginRoutes(deps, settings));
  app.use(accessibilityRoutes(deps.accessibilityContact));
  // The PDF renderer's one-time grant for GET /report only; without its header the request goes on to the login.
  app.use(reportRenderRoutes(deps));
  app.use(authenticate(deps, settings));
  app.use(csrfProtection());
  app.use(requireCapability(deps, 'read'));
  app.use(knownThemeOnly(deps.db));
  app.use(accountRoutes(deps, settings));
  app.use(apiRoutes(deps));
  app.use(labelRoutes(deps));
  app.use(holdRoutes(deps));
  app.use(translationRoutes(deps));
  app.use(pageRoutes(deps));
  app.use(analysisApiRoutes(deps));
  app.use(sourceRoutes(deps, deps.sourceAdmin));
  app.use(postsRoutes(deps));
  app.use(exportRoutes(deps));
  app.use(snapshotRoutes(deps));
  app.use(reportRoutes(deps));
  app.use(alertRoutes(deps));
  app.use(emergingRoutes(deps));
  app.use(jobRoutes(deps, deps.queuePrefix ?? deps.sourceAdmin?.queuePrefix));
  app.use((req, _res, next) =>
    next(new HttpError(404, 'not_found', `no route for ${req.method} ${req.path}`)),
  );
  app.use(errorHandler(deps.logger));
  return app;
}
