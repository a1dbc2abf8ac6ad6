/** Structured JSON logs (pino). Context goes in fields; never log authors, tokens or full post bodies. */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Logs go to stderr so that commands whose output is data (classify, preview) keep stdout clean. */
export function createLogger(level: string, name = 'ryktesradar'): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination(2));
}
