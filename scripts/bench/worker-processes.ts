/**
 * Real analysis worker processes for the bench: each is `ryktesradar worker` (bin/ryktesradar.js, the command
 * production runs) in its own Node process, pointed at the bench database and queue prefix through its
 * environment. Tracks readiness from its log, its peak resident memory from /proc, and stops it with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRssBytes } from './stats.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ryktesradar.js');
const READY_MESSAGE = 'analysis worker started';

/** Worker processes still running: killed when the bench exits, however it exits. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface WorkerSettings {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  authorKey: string;
}

export interface WorkerProcess {
  pid: number;
  /** Resolves when the worker logged that it takes jobs; rejects when it exits first or `timeoutMs` passes. */
  ready(timeoutMs: number): Promise<number>;
  /** Largest VmHWM read so far (bytes); read again on every call while the process lives. */
  peakRss(): number;
  /** Failed-job and warning lines it logged. */
  warnings(): string[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended. */
  stop(graceMs: number): Promise<string>;
}

/** Environment of a bench worker: the caller's, minus anything that would mail or reach elsewhere. */
function workerEnv(settings: WorkerSettings): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['SMTP_URL', 'REPORT_FROM', 'REPORT_RECIPIENTS', 'DATABASE_READ_URL']) delete env[name];
  return {
    ...env,
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: settings.redisUrl,
    QUEUE_PREFIX: settings.prefix,
    WORKER_CONCURRENCY: String(settings.concurrency),
    AUTHOR_HMAC_KEY: settings.authorKey,
    OCR_LANGUAGES: 'off',
    LOG_LEVEL: 'info',
  };
}

export function startWorkerProcess(settings: WorkerSettings): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'worker'], {
    env: workerEnv(settings),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('worker process did not start');
  live.add(child);
  const started = performance.now();
  let peak = 0;
  let exited: string | undefined;
  const warnings: string[] = [];
  let onReady: (() => void) | undefined;
  let onExit: ((how: string) => void) | undefined;
  const exit = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      exited = signal ? `signal ${signal}` : `exit code ${code}`;
      onExit?.(exited);
      resolve(exited);
    });
  });

  let buffer = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      let entry: { msg?: unknown; level?: unknown } = {};
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        warnings.push(line.slice(0, 300));
        continue;
      }
      if (entry.msg === READY_MESSAGE) onReady?.();
      else if (typeof entry.level === 'number' && entry.level >= 40) warnings.push(line.slice(0, 300));
    }
  });

  const readPeak = () => {
    if (exited) return peak;
    try {
      peak = Math.max(peak, peakRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8')) ?? 0);
    } catch {
      // Gone between the check and the read: keep the last reading.
    }
    return peak;
  };
  const sampler = setInterval(readPeak, 1_000);
  sampler.unref();

  return {
    pid,
    ready(timeoutMs) {
      return new Promise<number>((resolve, reject) => {
        if (exited) return reject(new Error(`worker ${pid} ended before it was ready (${exited})`));
        const timer = setTimeout(
          () => reject(new Error(`worker ${pid} not ready after ${timeoutMs} ms`)),
          timeoutMs,
        );
        onReady = () => {
          clearTimeout(timer);
          resolve(performance.now() - started);
        };
        onExit = (how) => {
          clearTimeout(timer);
          reject(new Error(`worker ${pid} ended before it was ready (${how}): ${warnings.at(-1) ?? ''}`));
        };
      });
    },
    peakRss: readPeak,
    warnings: () => [...warnings],
    async stop(graceMs) {
      readPeak();
      clearInterval(sampler);
      if (exited) return exited;
      onExit = undefined;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const how = await exit;
      clearTimeout(timer);
      return how;
    },
  };
}
