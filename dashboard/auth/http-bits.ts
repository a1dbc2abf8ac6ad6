/** Small request helpers: cookies, client address, safe redirect targets, constant-time token comparison. */
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    // Our cookie values are base64url; anything else is not ours and is ignored.
    return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/** The peer address. Behind a reverse proxy this is the proxy; trusting X-Forwarded-For needs `trust proxy`. */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Whether a path stays on this host when a browser follows it as a Location: one `/`, never `//` or `/\`. */
function isLocalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

/** A local path to return to after login; anything else (other hosts, `//x`, `/\x`, control characters) is `/`. */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2_000) return '/';
  if (!isLocalPath(raw)) return '/';
  if ([...raw].some((char) => char <= '\u001f' || char === '\u007f' || char === '\\')) return '/';
  const parsed = new URL(raw, 'http://local.invalid');
  if (parsed.host !== 'local.invalid') return '/';
  if (parsed.pathname === '/login' || parsed.pathname === '/logout') return '/';
  // Dot segments are resolved by the parser: `/.//evil.example` and `/a/..//evil.example` become `//evil.example`,
  // which a browser reads as another host. Check what is returned, not only what was sent.
  const next = `${parsed.pathname}${parsed.search}`;
  return isLocalPath(next) ? next : '/';
}

export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** True for requests a browser would send when navigating to a page, as opposed to API calls. */
export function wantsHtml(req: Request): boolean {
  return !req.path.startsWith('/api/');
}
