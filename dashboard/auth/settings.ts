/** Session, cookie and login-throttle settings of the dashboard, derived from config (tests shorten them). */
import type { Config } from '../../core/config.ts';

export interface AuthSettings {
  /** Secure flag (and the `__Host-` cookie name prefix); needs HTTPS in front of the dashboard. */
  cookieSecure: boolean;
  idleMs: number;
  absoluteMs: number;
  /** Redis key prefix for the login throttle (the queue prefix, so tests stay apart). */
  keyPrefix: string;
  /** Failed logins allowed per account and per client address within `windowMs` before 429. */
  login: { perEmail: number; perIp: number; windowMs: number };
}

const LOGIN_LIMITS = { perEmail: 5, perIp: 20, windowMs: 15 * 60_000 };

export const DEFAULT_AUTH_SETTINGS: AuthSettings = Object.freeze({
  cookieSecure: false,
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3_600_000,
  keyPrefix: 'ryktesradar',
  login: LOGIN_LIMITS,
});

export function authSettings(config: Config): AuthSettings {
  return {
    cookieSecure: config.dashboard.cookieSecure,
    idleMs: config.dashboard.sessionIdleMinutes * 60_000,
    absoluteMs: config.dashboard.sessionAbsoluteHours * 3_600_000,
    keyPrefix: config.redis.prefix,
    login: LOGIN_LIMITS,
  };
}

export function sessionCookieName(settings: AuthSettings): string {
  // `__Host-` makes the browser refuse the cookie unless Secure, path=/ and no Domain: no subdomain can plant one.
  return settings.cookieSecure ? '__Host-rr_session' : 'rr_session';
}

export function loginCsrfCookieName(settings: AuthSettings): string {
  return settings.cookieSecure ? '__Host-rr_login' : 'rr_login';
}
