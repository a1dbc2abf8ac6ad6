/**
 * The analysis worker and/or the collector in a real child process, started the way `ryktesradar worker|collector`
 * starts them (same start functions, same SIGTERM/SIGINT handling), minus the language models' warm-up and the
 * migration check, which the test database has had already. Fault tests kill it, stop it and restart it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./child-main.ts', import.meta.url));

export interface Child {
  process: ChildProcess;
  /** Everything it printed (pino JSON lines), for assertions and failure messages. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  exited: Promise<number | string>;
  /** Resolves when a log line with this message appears; rejects when the process exits first. */
  logged(message: string, timeoutMs?: number): Promise<void>;
}

export function startChild(parts: ('worker' | 'collector')[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...parts], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    process: child,
    output: () => output,
    exited,
    logged(message, timeoutMs = 60_000) {
      const needle = `"msg":"${message}"`;
      if (output.includes(needle)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no "${message}" within ${timeoutMs} ms; output:\n${output.slice(-3_000)}`));
        }, timeoutMs);
        const check = () => {
          if (!output.includes(needle)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        void exited.then((code) => {
          if (!listeners.has(check)) return;
          clearTimeout(timer);
          listeners.delete(check);
          reject(new Error(`exited (${code}) before "${message}"; output:\n${output.slice(-3_000)}`));
        });
      });
    },
  };
}
