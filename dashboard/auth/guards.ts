/**
 * The access middleware, in the order app.ts mounts them: `authenticate` (session cookie, or a bearer token on
 * /api/*), `csrfProtection` (a session's state-changing requests must echo its token), and `requireCapability`.
 * Unauthenticated page requests are sent to the login page; API requests get 401 JSON.
 */
import type { Request, RequestHandler } from 'express';
import { useApiToken } from '../../core/db/api-tokens.ts';
import { touchSession } from '../../core/db/sessions.ts';
import type { DashboardDeps } from '../app.ts';
import { HttpError } from '../errors.ts';
import { auditRequest } from './audit.ts';
import { readCookie, safeNext, sameSecret, wantsHtml } from './http-bits.ts';
import { isRestrictedPost } from '../../core/db/restricted-posts.ts';
import {
  can,
  maybePrincipal,
  principalOf,
  setPrincipal,
  tokenPrincipal,
  userPrincipal,
} from './principal.ts';
import type { Capability } from './roles.ts';
import { sessionCookieName, type AuthSettings } from './settings.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;

export function clearSessionCookie(res: Parameters<RequestHandler>[1], settings: AuthSettings): void {
  res.clearCookie(sessionCookieName(settings), {
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.cookieSecure,
    path: '/',
  });
}

function loginRedirect(req: Request): string {
  return `/login?next=${encodeURIComponent(safeNext(req.originalUrl))}`;
}

export function authenticate(deps: DashboardDeps, settings: AuthSettings): RequestHandler {
  return async (req, res, next) => {
    const authorization = req.headers.authorization;
    if (authorization !== undefined && req.path.startsWith('/api/')) {
      const match = BEARER.exec(authorization);
      const token = match?.[1] ? await useApiToken(deps.db, match[1]) : undefined;
      if (!token) {
        res.set('WWW-Authenticate', 'Bearer realm="ryktesradar", error="invalid_token"');
        throw new HttpError(401, 'invalid_token', 'the API token is unknown or revoked');
      }
      setPrincipal(req, tokenPrincipal(token));
      // Every use of a token is audited, whatever the route does besides.
      await auditRequest(deps.db, req, 'token_used', { method: req.method, path: req.path });
      next();
      return;
    }
    const sessionId = readCookie(req, sessionCookieName(settings));
    const session = sessionId ? await touchSession(deps.db, sessionId, settings) : undefined;
    if (session && sessionId) {
      setPrincipal(req, userPrincipal(session, sessionId));
      // Pages and API answers carry personal data: never keep them in a shared or back/forward cache.
      res.set('Cache-Control', 'no-store');
      next();
      return;
    }
    if (sessionId) clearSessionCookie(res, settings);
    if (wantsHtml(req) && SAFE_METHODS.has(req.method)) {
      res.redirect(303, loginRedirect(req));
      return;
    }
    if (wantsHtml(req)) {
      res.redirect(303, '/login');
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="ryktesradar"');
    throw new HttpError(401, 'unauthenticated', 'log in or send an API token (Authorization: Bearer …)');
  };
}

/** Synchronizer token: `x-csrf-token` header or a `_csrf` form field must equal the session's token. */
export function csrfProtection(): RequestHandler {
  return (req, _res, next) => {
    const principal = maybePrincipal(req);
    // Token calls carry no cookie, so a forged cross-site request cannot ride on them.
    if (SAFE_METHODS.has(req.method) || principal?.kind !== 'user') {
      next();
      return;
    }
    const body: unknown = req.body;
    const field =
      typeof body === 'object' && body !== null && '_csrf' in body && typeof body._csrf === 'string'
        ? body._csrf
        : undefined;
    const sent = req.get('x-csrf-token') ?? field;
    if (!sameSecret(sent, principal.csrfToken)) {
      throw new HttpError(403, 'csrf', 'missing or wrong CSRF token; reload the page and try again');
    }
    next();
  };
}

export function requireCapability(deps: DashboardDeps, capability: Capability): RequestHandler {
  return async (req, _res, next) => {
    const principal = maybePrincipal(req);
    if (!principal) throw new HttpError(401, 'unauthenticated', 'log in or send an API token');
    if (!principal.capabilities.has(capability)) {
      await auditRequest(deps.db, req, 'access_denied', { needs: capability }, 'denied');
      throw new HttpError(403, 'forbidden', `your role may not do this (needs ${capability})`);
    }
    next();
  };
}

/**
 * Throws 404 for a post the caller may not see: one whose classification or latest label carries a restricted
 * theme (violence_threats), asked for without `see_restricted`. A missing post is the route's own check.
 */
export async function assertPostVisible(deps: DashboardDeps, req: Request, postId: number): Promise<void> {
  if (can(principalOf(req), 'see_restricted')) return;
  if (await isRestrictedPost(deps.db, await deps.modelVersion(), postId)) {
    // Answered as a missing post, but recorded: asking for restricted posts by id is worth seeing in the log.
    await auditRequest(deps.db, req, 'access_denied', { needs: 'see_restricted', post_id: postId }, 'denied');
    throw new HttpError(404, 'not_found', `no post ${postId}`);
  }
}
