/**
 * GET/POST /login: the only pages open without a session. The form is protected against login CSRF by a
 * double-submit token (a SameSite=Strict cookie echoed in a hidden field); a successful login starts a new
 * session (never reusing one the browser brought) and redirects to a local `next` path.
 */
import { randomBytes } from 'node:crypto';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { appendAudit } from '../../core/db/audit-log.ts';
import { createSession, deleteExpiredSessions, deleteSession } from '../../core/db/sessions.ts';
import { findUserByEmail, markLoggedIn, normaliseEmail } from '../../core/db/users.ts';
import type { DashboardDeps } from '../app.ts';
import { clientIp, readCookie, safeNext, sameSecret } from '../auth/http-bits.ts';
import { loginThrottle } from '../auth/login-throttle.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { loginCsrfCookieName, sessionCookieName, type AuthSettings } from '../auth/settings.ts';
import { pickUiLang, renderLogin, type LoginProblem, type UiLang } from '../views/login.ts';

const loginForm = z.object({
  email: z.string().max(254).default(''),
  password: z.string().max(1_024).default(''),
  _csrf: z.string().max(200).optional(),
  next: z.string().max(2_000).optional(),
  lang: z.enum(['sv', 'en']).optional(),
});

export function loginRoutes(deps: DashboardDeps, settings: AuthSettings): Router {
  const router = Router();
  const throttle = loginThrottle(deps.redis, settings);
  const cookieBase = {
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.cookieSecure,
    path: '/',
  } as const;

  function sendForm(
    res: Response,
    status: number,
    model: { lang: UiLang; next: string; email?: string; problem?: LoginProblem; loggedOut?: boolean },
  ): void {
    const csrf = randomBytes(32).toString('base64url');
    res.cookie(loginCsrfCookieName(settings), csrf, { ...cookieBase, maxAge: 60 * 60_000 });
    res.set('Cache-Control', 'no-store');
    res
      .status(status)
      .type('html')
      .send(
        renderLogin({
          lang: model.lang,
          next: model.next,
          csrf,
          email: model.email ?? '',
          problem: model.problem ?? null,
          loggedOut: model.loggedOut ?? false,
        }),
      );
  }

  router.get('/login', (req, res) => {
    sendForm(res, 200, {
      lang: pickUiLang(req.query['lang'], req.get('accept-language')),
      next: safeNext(req.query['next']),
      loggedOut: req.query['out'] === '1',
    });
  });

  router.post('/login', async (req, res) => {
    const form = loginForm.safeParse(req.body ?? {});
    const fields = form.success ? form.data : { email: '', password: '', next: undefined, lang: undefined };
    const lang = fields.lang ?? pickUiLang(undefined, req.get('accept-language'));
    const next = safeNext(fields.next);
    const email = normaliseEmail(fields.email);
    const shown = { lang, next, email: fields.email.slice(0, 254) };
    const ip = clientIp(req);

    // The token is read from the raw form, so a field over its limit is not taken for an expired form.
    const rawCsrf = (req.body as Record<string, unknown> | undefined)?.['_csrf'];
    const csrfSent = typeof rawCsrf === 'string' ? rawCsrf : undefined;
    if (!sameSecret(csrfSent, readCookie(req, loginCsrfCookieName(settings)))) {
      sendForm(res, 403, { ...shown, problem: { kind: 'expired' } });
      return;
    }
    if (!form.success) {
      // An email or password longer than any account can have: wrong credentials, without asking the database.
      sendForm(res, 400, { ...shown, problem: { kind: 'bad' } });
      return;
    }
    const wait = await throttle.retryAfter(email, ip);
    if (wait > 0) {
      await appendAudit(deps.db, {
        actorKind: 'anonymous',
        action: 'login',
        outcome: 'denied',
        route: 'POST /login',
        params: { reason: 'rate_limited' },
        ip,
      });
      res.set('Retry-After', String(wait));
      sendForm(res, 429, { ...shown, problem: { kind: 'throttled', retryAfter: wait } });
      return;
    }
    const user = email === '' ? undefined : await findUserByEmail(deps.db, email);
    // Always one Argon2 verification, whether or not the account exists or is enabled.
    const matches = await verifyPassword(user?.password_hash, fields.password);
    if (!user || !matches || user.disabled_at !== null) {
      await throttle.recordFailure(email, ip);
      await appendAudit(deps.db, {
        // The typed address is recorded only when it names an account: a mistyped password in the email field
        // must not end up in the log.
        actorKind: user ? 'user' : 'anonymous',
        actorId: user?.id ?? null,
        actorLabel: user?.email ?? null,
        action: 'login',
        outcome: 'failure',
        route: 'POST /login',
        params: { reason: !user ? 'unknown_account' : user.disabled_at ? 'disabled' : 'wrong_password' },
        ip,
      });
      sendForm(res, 401, { ...shown, problem: { kind: 'bad' } });
      return;
    }

    await throttle.recordSuccess(email);
    const previous = readCookie(req, sessionCookieName(settings));
    if (previous) await deleteSession(deps.db, previous);
    await deleteExpiredSessions(deps.db, settings);
    const { sessionId } = await createSession(deps.db, user.id, ip);
    await markLoggedIn(deps.db, user.id);
    await appendAudit(deps.db, {
      actorKind: 'user',
      actorId: user.id,
      actorLabel: user.email,
      action: 'login',
      route: 'POST /login',
      ip,
    });
    res.clearCookie(loginCsrfCookieName(settings), cookieBase);
    // No maxAge: a browser session cookie; the server enforces idle and absolute limits.
    res.cookie(sessionCookieName(settings), sessionId, cookieBase);
    res.redirect(303, next);
  });
  return router;
}
