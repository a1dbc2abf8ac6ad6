/** Accounts, tokens and logins for dashboard tests: real rows, real Argon2 hashes, the real login form. */
import { createApiToken, type TokenRole } from '../../core/db/api-tokens.ts';
import type { Db } from '../../core/db/client.ts';
import { insertUser, type Role } from '../../core/db/users.ts';
import { hashPassword } from '../../dashboard/auth/passwords.ts';

export const TEST_PASSWORD = 'Blå-Tåg-Vid-Fjället-9';

export async function addUser(
  db: Db,
  email: string,
  roles: Role[],
  password = TEST_PASSWORD,
): Promise<number> {
  const user = await insertUser(db, { email, passwordHash: await hashPassword(password), roles });
  return user.id;
}

/** A bearer header for a fresh token of that role. */
export async function bearer(db: Db, role: TokenRole, name = `t-${role}-${Date.now()}`): Promise<string> {
  const { token } = await createApiToken(db, { name, role, createdBy: 'test' });
  return `Bearer ${token}`;
}

export interface Session {
  /** `Cookie` header value carrying the session. */
  cookie: string;
  csrfToken: string;
}

/** The pairs of a response's Set-Cookie headers, name → value (a cleared cookie has an empty value). */
export function setCookies(response: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair?.indexOf('=') ?? -1;
    if (pair && at > 0) out.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return out;
}

/** GETs the login form and returns its CSRF cookie and hidden field. */
export async function openLoginForm(base: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/login`);
  const page = await response.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  const [name, value] = [...setCookies(response)].find(([key]) => key.endsWith('rr_login')) ?? [];
  if (!csrf || !name) throw new Error('login form without a CSRF token');
  return { cookie: `${name}=${value}`, csrf };
}

/** Posts the login form like a browser; returns the raw response (303 on success). */
export async function postLogin(
  base: string,
  email: string,
  password: string,
  extra: { next?: string; cookie?: string } = {},
): Promise<Response> {
  const form = await openLoginForm(base);
  const body = new URLSearchParams({
    _csrf: form.csrf,
    email,
    password,
    ...(extra.next ? { next: extra.next } : {}),
  });
  return fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: [form.cookie, extra.cookie].filter(Boolean).join('; '),
    },
    body,
  });
}

/** Logs in through the form and reads the session's CSRF token from /api/me. */
export async function login(base: string, email: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await postLogin(base, email, password);
  if (response.status !== 303) throw new Error(`login of ${email} answered ${response.status}`);
  const [name, value] = [...setCookies(response)].find(([key]) => key.endsWith('rr_session')) ?? [];
  if (!name || !value) throw new Error('login set no session cookie');
  const cookie = `${name}=${value}`;
  const me = (await (await fetch(`${base}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrfToken: me.csrfToken };
}
