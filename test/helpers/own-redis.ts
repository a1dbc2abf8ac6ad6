/**
 * A redis-server of the test's own on a free loopback port with its own data directory, for fault tests that
 * stop, kill and restart Redis (never the machine's shared one). Extra arguments go to every start (e.g. AOF).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface OwnRedis {
  port: number;
  url: string;
  dir: string;
  /** Stops the server with the signal (SIGKILL: a crash, nothing written on the way out). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and directory, and waits until it answers PING. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  destroy(): Promise<void>;
}

/** A port nothing listens on right now (the kernel's pick, released at once). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until a fresh connection gets PONG (a loading AOF answers LOADING first). */
export async function waitForPong(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startOwnRedis(args: string[] = [], port?: number): Promise<OwnRedis> {
  const chosen = port ?? (await freePort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-redis-'));
  let child: ChildProcess | null = null;
  const own: OwnRedis = {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    dir,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(chosen), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...args],
        { stdio: 'ignore' },
      );
      await waitForPong(chosen);
    },
    async stop(signal = 'SIGTERM') {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill(signal);
      await exited;
      child = null;
    },
    async destroy() {
      await own.stop('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await own.start();
  return own;
}
