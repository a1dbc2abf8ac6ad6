/** IP addresses and CIDR ranges as bytes (pure): enough to compare an address with a range, for v4 and v6. */
import net from 'node:net';

export interface IpAddress {
  version: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
}

export interface IpRange {
  version: 4 | 6;
  bytes: Uint8Array;
  /** Prefix length in bits. */
  prefix: number;
}

function parseV4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (const [i, part] of parts.entries()) {
    // Dotted-decimal only: resolvers and URL parsers normalise other spellings before they get here.
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    bytes[i] = Number(part);
  }
  return bytes;
}

function parseV6(text: string): Uint8Array | null {
  if (!net.isIPv6(text)) return null;
  let rest = text.toLowerCase();
  // A trailing dotted quad (::ffff:1.2.3.4) is the last two groups written in decimal.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(rest);
  if (dotted?.[1]) {
    const v4 = parseV4(dotted[1]);
    if (!v4) return null;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    rest = `${rest.slice(0, dotted.index)}${hex(v4[0] ?? 0, v4[1] ?? 0)}:${hex(v4[2] ?? 0, v4[3] ?? 0)}`;
  }
  const [head = '', tail, extra] = rest.split('::');
  if (extra !== undefined) return null;
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const zeros = Array<string>(tail === undefined ? 0 : missing).fill('0');
  const bytes = new Uint8Array(16);
  for (const [i, group] of [...headGroups, ...zeros, ...tailGroups].entries()) {
    if (!/^[0-9a-f]{1,4}$/.test(group)) return null;
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  }
  return bytes;
}

/** Parses a dotted-decimal IPv4 or an IPv6 address (brackets and a `%zone` are dropped); null otherwise. */
export function parseIp(raw: string): IpAddress | null {
  let text = raw.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const v4 = parseV4(text);
  if (v4) return { version: 4, bytes: v4 };
  const v6 = parseV6(text);
  return v6 ? { version: 6, bytes: v6 } : null;
}

/** Parses `address/prefix` (or a bare address, as a single-address range); null when malformed. */
export function parseRange(raw: string): IpRange | null {
  const [addressText = '', prefixText, extra] = raw.trim().split('/');
  if (extra !== undefined) return null;
  const address = parseIp(addressText);
  if (!address) return null;
  const max = address.version === 4 ? 32 : 128;
  if (prefixText === undefined) return { ...address, prefix: max };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return null;
  return { ...address, prefix: Number(prefixText) };
}

/** The range from a literal we write ourselves; throws on a typo. */
export function range(text: string): IpRange {
  const parsed = parseRange(text);
  if (!parsed) throw new Error(`bad range literal ${text}`);
  return parsed;
}

export function inRange(address: IpAddress, r: IpRange): boolean {
  if (address.version !== r.version) return false;
  let bits = r.prefix;
  for (let i = 0; bits > 0; i += 1, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((address.bytes[i] ?? 0) & mask) !== ((r.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

export function formatIp(address: IpAddress): string {
  if (address.version === 4) return address.bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((address.bytes[i] ?? 0) << 8) | (address.bytes[i + 1] ?? 0)).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 asks.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j += 1;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  const head = groups.slice(0, best.start).join(':');
  const tail = groups.slice(best.start + best.length).join(':');
  return `${head}::${tail}`;
}
