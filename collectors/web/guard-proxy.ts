/**
 * The loopback HTTP proxy every Chromium request goes through, so the address guard holds for the pages a browser
 * renders as it does for our own fetches: plain HTTP requests and CONNECT tunnels are resolved here, every address
 * is checked against the guard and FETCH_ALLOWLIST, and the connection goes to the checked IP only (a second DNS
 * answer cannot swap it). Refused → 403 and a log line. WebSocket upgrades and non-http schemes are refused.
 */
import dns from 'node:dns/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { Duplex, Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../core/logger.ts';
import { decideAddress, decideHost, hostAllowlisted, type Allowlist } from '../../core/net/address-guard.ts';

export interface GuardProxyOptions {
  allowlist: Allowlist;
  logger: Logger;
  /** Bytes one response or tunnel may send back before it is cut (a runaway stream). */
  maxBytesPerConnection: number;
  /** Idle time after which a connection is dropped (default 30 s). */
  idleTimeoutMs?: number;
}

export interface GuardProxy {
  /** `http://127.0.0.1:<port>`, for Chromium's `--proxy-server`. */
  readonly url: string;
  close(): Promise<void>;
}

export type Target = { ip: string } | { refused: string };

/** Resolves `hostname` and picks an address the guard allows; `refused` with the reason otherwise. */
export async function resolveChecked(hostname: string, allowlist: Allowlist): Promise<Target> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const early = decideHost(host, allowlist);
  if (early && !early.allowed) return { refused: early.reason };
  if (net.isIP(host)) return { ip: host };
  let addresses: { address: string }[];
  try {
    addresses = await dns.lookup(host, { all: true, verbatim: true });
  } catch {
    return { refused: 'host name does not resolve' };
  }
  // An allowlisted name may resolve to anything; otherwise only addresses the guard allows are used.
  if (hostAllowlisted(host, allowlist) && addresses[0]) return { ip: addresses[0].address };
  let reason = 'host name has no address';
  for (const { address } of addresses) {
    const decision = decideAddress(address, allowlist);
    if (decision.allowed) return { ip: address };
    reason = `${decision.reason} (${address})`;
  }
  return { refused: reason };
}

/** `host:port` of a CONNECT request, normalised the way URLs are (IPv6 brackets, numeric spellings). */
function parseAuthority(authority: string): { hostname: string; port: number } | null {
  try {
    const url = new URL(`http://${authority}`);
    const port = Number(url.port || '443');
    if (url.pathname !== '/' || url.username || !Number.isInteger(port) || port <= 0) return null;
    return { hostname: url.hostname, port };
  } catch {
    return null;
  }
}

/** Marks our refusals, so the kind can tell them from a site's own 403. */
const REFUSED_HEADERS = { 'content-type': 'text/plain', 'x-ryktesradar-guard': 'refused' };

const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

export async function startGuardProxy(options: GuardProxyOptions): Promise<GuardProxy> {
  const log = options.logger.child({ subsystem: 'guard-proxy' });
  const idleMs = options.idleTimeoutMs ?? 30_000;
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const refuse = (host: string, reason: string) => log.warn({ host, reason }, 'browser request refused');

  /** Counts bytes coming back from upstream and cuts the connection past the cap. */
  const capped = (upstream: Readable, onOver: () => void) => {
    let total = 0;
    upstream.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > options.maxBytesPerConnection) onOver();
    });
  };

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('absolute URL expected');
      return;
    }
    if (url.protocol !== 'http:') {
      refuse(url.host, `scheme ${url.protocol} is not proxied`);
      res.writeHead(403, REFUSED_HEADERS).end('scheme refused');
      return;
    }
    const target = await resolveChecked(url.hostname, options.allowlist);
    if ('refused' in target) {
      refuse(url.host, target.refused);
      res.writeHead(403, REFUSED_HEADERS).end('refused by the address guard');
      return;
    }
    const headers = { ...req.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const upstream = http.request({
      host: target.ip,
      port: Number(url.port || '80'),
      method: req.method,
      path: `${url.pathname}${url.search}`,
      headers,
      setHost: false,
      timeout: idleMs,
      // One connection per request: nothing pooled outlives the check that allowed it.
      agent: false,
    });
    upstream.on('timeout', () => upstream.destroy(new Error('upstream idle')));
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream failed');
      else res.destroy();
    });
    upstream.on('response', (answer) => {
      const responseHeaders = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete responseHeaders[name];
      res.writeHead(answer.statusCode ?? 502, responseHeaders);
      capped(answer, () => {
        log.warn({ host: url.host, cap: options.maxBytesPerConnection }, 'upstream connection over the cap');
        answer.destroy();
        res.destroy();
      });
      answer.pipe(res);
    });
    req.pipe(upstream);
  }

  async function onConnect(req: IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    track(client);
    client.on('error', () => client.destroy());
    const authority = parseAuthority(req.url ?? '');
    if (!authority) {
      refuse(String(req.url).slice(0, 200), 'malformed CONNECT target');
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const target = await resolveChecked(authority.hostname, options.allowlist);
    if ('refused' in target) {
      refuse(authority.hostname, target.refused);
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\nrefused by the address guard');
      return;
    }
    const upstream = net.connect({ host: target.ip, port: authority.port });
    track(upstream);
    upstream.setTimeout(idleMs, () => upstream.destroy());
    if (client instanceof net.Socket) client.setTimeout(idleMs, () => client.destroy());
    upstream.on('error', () => {
      if (upstream.connecting) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      else client.destroy();
    });
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.byteLength > 0) upstream.write(head);
      capped(upstream, () => {
        log.warn({ host: authority.hostname, cap: options.maxBytesPerConnection }, 'tunnel over the cap');
        upstream.destroy();
        client.destroy();
      });
      upstream.pipe(client);
      client.pipe(upstream);
    });
    client.once('close', () => upstream.destroy());
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch(() => res.destroy());
  });
  server.on('connection', track);
  server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    onConnect(req, socket, head).catch(() => socket.destroy());
  });
  // ws:// through a proxy arrives as an upgrade request: the browser contexts block WebSockets, and so do we.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    refuse(String(req.headers.host ?? '').slice(0, 200), 'WebSocket upgrade');
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
