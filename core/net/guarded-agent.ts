/**
 * An undici Agent that connects only to addresses the guard allows. The name is resolved once, in the
 * connector's own lookup; every address is checked and only checked ones are handed to the socket, so a second
 * resolution (DNS rebinding) cannot swap the address. IP-literal hosts, which skip the lookup, are checked first.
 */
import dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import net from 'node:net';
import { Agent, buildConnector } from 'undici';
import { decideAddress, forbiddenAddress, hostAllowlisted, type Allowlist } from './address-guard.ts';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A drop-in for dns.lookup as net.connect calls it (with or without `all`). */
export function guardedLookup(allowlist: Allowlist) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const trusted = hostAllowlisted(hostname, allowlist);
      const checked: LookupAddress[] = [];
      let refusal: Error | null = null;
      for (const entry of addresses) {
        const decision = trusted ? { allowed: true as const } : decideAddress(entry.address, allowlist);
        if (decision.allowed) checked.push(entry);
        else refusal ??= forbiddenAddress(hostname, entry.address, decision.reason);
      }
      // A name answering with public and private addresses is fetched on the public ones only.
      const first = checked[0];
      if (!first) {
        return callback(
          refusal ?? Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }),
          [],
        );
      }
      if (options.all) callback(null, checked);
      else callback(null, first.address, first.family);
    });
  };
}

/** The connector with the guard in front; undici strips IPv6 brackets before calling it. */
function guardedConnector(allowlist: Allowlist, timeoutMs: number): buildConnector.connector {
  const connect = buildConnector({
    timeout: timeoutMs,
    lookup: guardedLookup(allowlist) as unknown as typeof dns.lookup,
  });
  return (options, callback) => {
    const host = options.hostname;
    if (net.isIP(host) && !hostAllowlisted(host, allowlist)) {
      const decision = decideAddress(host, allowlist);
      if (!decision.allowed) {
        callback(forbiddenAddress(host, host, decision.reason), null);
        return;
      }
    }
    return connect(options, callback);
  };
}

/** One per allowlist: connections are pooled per origin, each to an address the guard allowed. */
export function createGuardedAgent(allowlist: Allowlist, connectTimeoutMs = 10_000): Agent {
  return new Agent({ connect: guardedConnector(allowlist, connectTimeoutMs) });
}
