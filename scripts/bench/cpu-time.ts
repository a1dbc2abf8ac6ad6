/**
 * CPU time spent during a run, per part: this process (the producer, standing in for collectors), the worker
 * processes, and the Postgres backends serving the bench database (sampled from pg_stat_activity while they live;
 * Postgres's own background processes — WAL writer, checkpointer, autovacuum — are not counted). Read from /proc,
 * so it is CPU time, not wall time: other people's load on a shared machine does not inflate it.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { cpuTicks } from './stats.ts';

const TICK_MS = 10; // getconf CLK_TCK = 100 on Linux

function readCpuMs(pid: number): number | null {
  try {
    return cpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) * TICK_MS;
  } catch {
    return null;
  }
}

export interface CpuSplit {
  producerMs: number;
  workersMs: number;
  postgresMs: number;
}

export interface CpuMeter {
  /** Reads the backends now (call every second or so: a backend that ends between samples loses its last second). */
  sample(): Promise<void>;
  stop(): Promise<CpuSplit>;
}

export async function startCpuMeter(db: Db, workerPids: readonly number[]): Promise<CpuMeter> {
  const producerStart = process.cpuUsage();
  const workerStart = workerPids.map((pid) => readCpuMs(pid) ?? 0);
  const backendStart = new Map<number, number>();
  const backendLast = new Map<number, number>();
  let first = true;
  const sample = async () => {
    const { rows } = await sql<{ pid: number }>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
    for (const { pid } of rows) {
      const ms = readCpuMs(pid);
      if (ms === null) continue;
      // A backend there at the start counts from then; one opened later, from its beginning.
      if (!backendStart.has(pid)) backendStart.set(pid, first ? ms : 0);
      backendLast.set(pid, ms);
    }
    first = false;
  };
  await sample();
  return {
    sample,
    async stop() {
      await sample();
      const producer = process.cpuUsage(producerStart);
      return {
        producerMs: (producer.user + producer.system) / 1000,
        workersMs: workerPids.reduce((sum, pid, i) => sum + ((readCpuMs(pid) ?? 0) - workerStart[i]!), 0),
        postgresMs: [...backendLast].reduce((sum, [pid, ms]) => sum + ms - (backendStart.get(pid) ?? ms), 0),
      };
    },
  };
}
