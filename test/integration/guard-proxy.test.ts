/**
 * The browser's guard proxy on real sockets, loopback only: with FETCH_ALLOWLIST=127.0.0.1/32 a plain request and
 * a CONNECT tunnel to 127.0.0.1 go through; 127.0.0.2, ::1 and a decimal spelling of loopback are refused with
 * 403 before any connection (the server listening on 127.0.0.2 sees nothing); WebSocket upgrades are refused.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowlist } from '../../core/net/address-guard.ts';
import { startGuardProxy, type GuardProxy } from '../../collectors/web/guard-proxy.ts';
import { createLogger } from '../../core/logger.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';

/** One request through the proxy in absolute form; resolves status and body. */
function viaProxy(proxy: GuardProxy, target: string, headers: http.OutgoingHttpHeaders = {}) {
  const { port } = new URL(proxy.url);
  return new Promise<{ status: number; body: string; guard: string | undefined }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, headers, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, guard: res.headers['x-ryktesradar-guard'] as string }),
      );
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '', guard: undefined });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a CONNECT tunnel and returns the proxy's status line. */
function connect(proxy: GuardProxy, authority: string): Promise<{ status: string; socket: net.Socket }> {
  const { port } = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
    });
    socket.setTimeout(5_000, () => socket.destroy(new Error('timeout')));
    socket.once('data', (chunk: Buffer) =>
      resolve({ status: chunk.toString().split('\r\n')[0] ?? '', socket }),
    );
    socket.on('error', reject);
  });
}

describe('guard proxy', () => {
  let allowed: FixtureServer;
  let forbidden: http.Server;
  let forbiddenPort: number;
  const forbiddenSeen: string[] = [];
  let proxy: GuardProxy;

  beforeAll(async () => {
    allowed = await startFixtureServer({ '/ok': (_req, res) => void res.end('hello from 127.0.0.1') });
    forbidden = http.createServer((req, res) => {
      forbiddenSeen.push(req.url ?? '');
      res.end('never');
    });
    forbidden.on('connection', () => forbiddenSeen.push('connection'));
    await new Promise<void>((resolve) => forbidden.listen(0, '127.0.0.2', resolve));
    forbiddenPort = (forbidden.address() as AddressInfo).port;
    proxy = await startGuardProxy({
      allowlist: parseAllowlist('127.0.0.1/32'),
      logger: createLogger('silent'),
      maxBytesPerConnection: 1_000_000,
    });
  });

  afterAll(async () => {
    await proxy?.close();
    await allowed?.close();
    await new Promise((resolve) => forbidden?.close(resolve));
  });

  it('forwards a plain request to an allowed address', async () => {
    const answer = await viaProxy(proxy, `${allowed.url}/ok`);
    expect(answer).toMatchObject({ status: 200, body: 'hello from 127.0.0.1' });
  });

  it('tunnels CONNECT to an allowed address', async () => {
    const { status, socket } = await connect(proxy, `127.0.0.1:${new URL(allowed.url).port}`);
    expect(status).toBe('HTTP/1.1 200 Connection Established');
    const reply = await new Promise<string>((resolve) => {
      socket.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      socket.write('GET /ok HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    });
    socket.destroy();
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
  });

  it.each([
    ['127.0.0.2', () => `http://127.0.0.2:${forbiddenPort}/x`],
    ['decimal 127.0.0.2', () => `http://2130706434:${forbiddenPort}/x`],
    ['::1', () => `http://[::1]:${forbiddenPort}/x`],
    ['IPv4-mapped 127.0.0.2', () => `http://[::ffff:127.0.0.2]:${forbiddenPort}/x`],
  ])('refuses a plain request to %s', async (_name, target) => {
    const answer = await viaProxy(proxy, target());
    expect(answer).toMatchObject({ status: 403, guard: 'refused' });
  });

  it.each([['127.0.0.2'], ['[::1]'], ['0x7f000002']])('refuses CONNECT to %s', async (host) => {
    const { status, socket } = await connect(proxy, `${host}:${forbiddenPort}`);
    socket.destroy();
    expect(status).toBe('HTTP/1.1 403 Forbidden');
  });

  it('refuses WebSocket upgrades and other schemes', async () => {
    const ws = await viaProxy(proxy, `${allowed.url}/ok`, { connection: 'Upgrade', upgrade: 'websocket' });
    expect(ws.status).toBe(403);
    const ftp = await viaProxy(proxy, 'ftp://127.0.0.1/file');
    expect(ftp).toMatchObject({ status: 403, guard: 'refused' });
  });

  it('never let a refused request reach 127.0.0.2', () => {
    expect(forbiddenSeen).toEqual([]);
  });
});
