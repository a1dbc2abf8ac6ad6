/**
 * The address guard (pure): which IP addresses a collector may connect to. Everything that is not public unicast
 * is refused (loopback, private, link-local, cloud metadata, CGNAT, multicast, reserved, IPv6 ULA, and IPv6 forms
 * that embed such an IPv4 address) unless FETCH_ALLOWLIST names the host or a range holding the address.
 */
import { ConfigError } from '../config.ts';
import { BadInputError } from '../errors.ts';
import { formatIp, inRange, parseIp, parseRange, range, type IpAddress, type IpRange } from './ip-address.ts';

export interface Allowlist {
  /** Lower-case host names (no trailing dot) fetched whatever they resolve to. */
  readonly hosts: ReadonlySet<string>;
  readonly ranges: readonly IpRange[];
}

export type AddressDecision = { allowed: true } | { allowed: false; reason: string };

export const EMPTY_ALLOWLIST: Allowlist = Object.freeze({ hosts: new Set<string>(), ranges: [] });

// Order matters: the first matching row names the reason (metadata before the range that holds it).
const V4_REFUSED: readonly (readonly [IpRange, string])[] = [
  [range('169.254.169.254/32'), 'cloud metadata address'],
  [range('100.100.100.200/32'), 'cloud metadata address'],
  [range('0.0.0.0/8'), '"this network" address (0.0.0.0/8)'],
  [range('127.0.0.0/8'), 'loopback address'],
  [range('10.0.0.0/8'), 'private address (RFC 1918)'],
  [range('172.16.0.0/12'), 'private address (RFC 1918)'],
  [range('192.168.0.0/16'), 'private address (RFC 1918)'],
  [range('100.64.0.0/10'), 'shared address space (CGNAT, RFC 6598)'],
  [range('169.254.0.0/16'), 'link-local address'],
  [range('192.0.0.0/24'), 'IETF protocol assignment (192.0.0.0/24)'],
  [range('192.0.2.0/24'), 'documentation address'],
  [range('198.51.100.0/24'), 'documentation address'],
  [range('203.0.113.0/24'), 'documentation address'],
  [range('192.88.99.0/24'), '6to4 relay anycast address'],
  [range('198.18.0.0/15'), 'benchmarking address'],
  [range('224.0.0.0/4'), 'multicast address'],
  [range('255.255.255.255/32'), 'broadcast address'],
  [range('240.0.0.0/4'), 'reserved address (240.0.0.0/4)'],
];

const UNSPECIFIED_V6 = range('::/128');
const LOOPBACK_V6 = range('::1/128');
const V6_REFUSED: readonly (readonly [IpRange, string])[] = [
  [UNSPECIFIED_V6, 'unspecified address'],
  [LOOPBACK_V6, 'loopback address'],
  [range('fd00:ec2::254/128'), 'cloud metadata address'],
  [range('64:ff9b:1::/48'), 'local-use NAT64 address'],
  [range('100::/64'), 'discard-only address'],
  [range('2001::/23'), 'IETF protocol assignment (2001::/23, Teredo included)'],
  [range('2001:db8::/32'), 'documentation address'],
  [range('3fff::/20'), 'documentation address'],
  [range('fc00::/7'), 'unique local address (IPv6 ULA)'],
  [range('fe80::/10'), 'link-local address'],
  [range('fec0::/10'), 'site-local address'],
  [range('ff00::/8'), 'multicast address'],
];

const V4_MAPPED = range('::ffff:0:0/96');
const V4_COMPATIBLE = range('::/96');
const NAT64 = range('64:ff9b::/96');
const SIX_TO_FOUR = range('2002::/16');
const GLOBAL_UNICAST_V6 = range('2000::/3');

function v4(bytes: Uint8Array): IpAddress {
  return { version: 4, bytes };
}

/** The IPv4 address a socket to this IPv6 address reaches directly (mapped or compatible forms), if any. */
function directV4(address: IpAddress): IpAddress | null {
  if (address.version !== 6) return null;
  if (inRange(address, V4_MAPPED)) return v4(address.bytes.slice(12));
  // ::/96 minus :: and ::1, which have their own rows.
  if (inRange(address, V4_COMPATIBLE) && !inRange(address, UNSPECIFIED_V6) && !inRange(address, LOOPBACK_V6))
    return v4(address.bytes.slice(12));
  return null;
}

function refusedV4(address: IpAddress): string | null {
  return V4_REFUSED.find(([r]) => inRange(address, r))?.[1] ?? null;
}

/** Why this address is not public unicast, or null when it is. */
export function refusalReason(address: IpAddress): string | null {
  if (address.version === 4) return refusedV4(address);
  const direct = directV4(address);
  if (direct) {
    const reason = refusedV4(direct);
    return reason ? `IPv4-mapped ${reason} (${formatIp(direct)})` : null;
  }
  const listed = V6_REFUSED.find(([r]) => inRange(address, r))?.[1];
  if (listed) return listed;
  // NAT64 and 6to4 route to the IPv4 address they carry: refuse when that one is not public.
  const embedded = inRange(address, NAT64)
    ? v4(address.bytes.slice(12))
    : inRange(address, SIX_TO_FOUR)
      ? v4(address.bytes.slice(2, 6))
      : null;
  if (embedded) {
    const reason = refusedV4(embedded);
    return reason ? `IPv6 address embedding a ${reason} (${formatIp(embedded)})` : null;
  }
  if (!inRange(address, GLOBAL_UNICAST_V6)) return 'reserved IPv6 address';
  return null;
}

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * Parses FETCH_ALLOWLIST: comma-separated host names (`localhost`, `feeds.example.org`) or CIDR ranges
 * (`127.0.0.1/32`, `::1/128`; a bare address means just that address). Throws ConfigError naming a bad entry.
 */
export function parseAllowlist(raw: string): Allowlist {
  const hosts = new Set<string>();
  const ranges: IpRange[] = [];
  for (const entry of raw.split(',').map((e) => e.trim())) {
    if (!entry) continue;
    const parsed = parseRange(entry);
    if (parsed) {
      ranges.push(parsed);
      continue;
    }
    const host = normaliseHost(entry);
    if (entry.includes('/') || entry.includes(':') || /^[\d.]+$/.test(host) || !HOST_NAME.test(host)) {
      throw new ConfigError(
        `FETCH_ALLOWLIST: ${JSON.stringify(entry.slice(0, 100))} is neither a host name nor a CIDR range ` +
          '(e.g. localhost, 127.0.0.1/32, ::1/128)',
      );
    }
    hosts.add(host);
  }
  return Object.freeze({ hosts, ranges: Object.freeze(ranges) });
}

function allowlisted(address: IpAddress, allowlist: Allowlist): boolean {
  const direct = directV4(address);
  return allowlist.ranges.some((r) => inRange(address, r) || (direct !== null && inRange(direct, r)));
}

/** Whether a connection to `ip` (a resolved or literal address) may be made. Unparseable text is refused. */
export function decideAddress(ip: string, allowlist: Allowlist = EMPTY_ALLOWLIST): AddressDecision {
  const address = parseIp(ip);
  if (!address) return { allowed: false, reason: 'not an IP address' };
  if (allowlisted(address, allowlist)) return { allowed: true };
  const reason = refusalReason(address);
  return reason ? { allowed: false, reason } : { allowed: true };
}

/** True when the allowlist names this host (URL `hostname`, case and trailing dot ignored). */
export function hostAllowlisted(hostname: string, allowlist: Allowlist): boolean {
  return allowlist.hosts.has(normaliseHost(hostname));
}

/**
 * The decision for a URL's host before any lookup: an allowlisted name or an IP literal is decided now; a name
 * to resolve gives null (decided on each resolved address when connecting).
 */
export function decideHost(hostname: string, allowlist: Allowlist = EMPTY_ALLOWLIST): AddressDecision | null {
  if (hostAllowlisted(hostname, allowlist)) return { allowed: true };
  return parseIp(hostname) ? decideAddress(hostname, allowlist) : null;
}

/** The BadInputError for a refusal: one line naming the host and the address. */
export function forbiddenAddress(host: string, address: string, reason: string): BadInputError {
  const where = normaliseHost(host).replace(/^\[|\]$/g, '') === address ? address : `${host} (${address})`;
  return new BadInputError(
    'forbidden-address',
    `refused to fetch ${where}: ${reason}; FETCH_ALLOWLIST can allow it`,
  );
}
