/**
 * Which Telegram channel a source reads (pure): `name`, `@name`, `t.me/name` or `t.me/s/name` → the public
 * preview `https://t.me/s/<name>`. Any other http(s) URL whose path is `/s/<name>` is kept as given, so a
 * loopback fixture server can stand in for t.me; whether it may be fetched is the address guard's decision.
 */
import { BadInputError } from '../../core/errors.ts';
import { parseTargetUrl } from '../http/target-url.ts';

/** Public usernames: a letter, then letters, digits and underscores (Telegram allows 5–32; older ones are shorter). */
const CHANNEL = /^[A-Za-z][A-Za-z0-9_]{2,63}$/;
const TELEGRAM_HOSTS = new Set(['t.me', 'www.t.me', 'telegram.me', 'www.telegram.me']);

export interface TelegramTarget {
  channel: string;
  /** The preview page, newest messages first page (`?before=<id>` pages back). */
  url: string;
}

function checkChannel(name: string, raw: string): string {
  if (!CHANNEL.test(name)) {
    throw new BadInputError(
      'bad-target',
      `${raw.slice(0, 200)}: not a public channel name (letters, digits and _, starting with a letter)`,
    );
  }
  return name;
}

/** The channel in a `/s/<channel>` or `/<channel>` path (a trailing slash allowed); null for anything else. */
function channelInPath(pathname: string, allowBare: boolean): string | null {
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length === 2 && parts[0] === 's') return parts[1] ?? null;
  if (allowBare && parts.length === 1) return parts[0] ?? null;
  return null;
}

/** Throws BadInputError `bad-target` naming the problem. */
export function parseTelegramTarget(raw: string): TelegramTarget {
  const trimmed = raw.trim();
  if (!trimmed.includes('/')) {
    const channel = checkChannel(trimmed.replace(/^@/, ''), trimmed);
    return { channel, url: `https://t.me/s/${channel}` };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const url = parseTargetUrl(withScheme);
  const known = TELEGRAM_HOSTS.has(url.hostname.toLowerCase());
  const name = channelInPath(url.pathname, known);
  if (name === null) {
    throw new BadInputError(
      'bad-target',
      `${trimmed.slice(0, 200)}: expected a channel name or https://t.me/s/<channel> ` +
        '(invite links and single posts are not channel previews)',
    );
  }
  const channel = checkChannel(name, trimmed);
  if (known) return { channel, url: `https://t.me/s/${channel}` };
  return { channel, url: `${url.origin}/s/${channel}` };
}
