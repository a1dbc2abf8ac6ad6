/**
 * Refuses at `sources add` a source whose URL names, as a literal IP address, one the collectors' address guard
 * would refuse at every poll (private, loopback, metadata …), unless FETCH_ALLOWLIST allows it. Pure: it decides
 * from the URL text alone and never connects. Host names are left to the guard at connect time.
 */
import { decideHost, forbiddenAddress, type Allowlist } from './address-guard.ts';

/** Throws the guard's one-line BadInputError `forbidden-address` for a refused literal host; else returns. */
export function checkSourceAddress(rawUrl: string, allowlist: Allowlist): void {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return;
  }
  // Only fetched kinds: an import source is a file:// URL.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
  const decision = decideHost(url.hostname, allowlist);
  if (decision && !decision.allowed)
    throw forbiddenAddress(url.hostname, url.hostname.replace(/^\[|\]$/g, ''), decision.reason);
}
