/**
 * Alert deliveries against receivers that misbehave, on real Postgres and Redis with loopback receivers: a
 * delivery another run still holds is waited for (no try spent) and then sent once; a webhook that never answers
 * is cut off at the send bound, even by a job that keeps losing its lock, and ends `failed` with its reason after
 * the tries the row counts, never two sends at once; an SMTP server that never answers RCPT is cut off the same
 * way; a 429 with Retry-After is tried again after the time it asks for. Short bounds come through the
 * processor's options, so the file runs in seconds.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker, type JobsOptions, type Queue, type WorkerOptions } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import type { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowlist } from '../../core/net/address-guard.ts';
import { createGuardedAgent } from '../../core/net/guarded-agent.ts';
import { raiseAlert, type DeliveryChannel } from '../../core/db/alerts.ts';
import { upsertEvent } from '../../core/db/emerging-events.ts';
import {
  deliverAlertQueue,
  deliveryJobId,
  type DeliverAlertPayload,
} from '../../core/queues/deliver-alert.ts';
import { retryFailedJob } from '../../core/queues/define-queue.ts';
import { createRedis, type Redis } from '../../core/redis.ts';
import { createDeliverAlertProcessor } from '../../workers/deliver-alert.processor.ts';
import { spikeSignal } from '../helpers/alert-seed.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const SEND_TIMEOUT_MS = 600;
const LEASE_MS = 1_200;

interface Hit {
  path: string;
  at: number;
  key: string | undefined;
}

describe('alert delivery with hung and rate-limiting receivers', () => {
  let t: TestResources;
  let smtp: SMTPServer;
  let hooks: Server;
  let hookUrl: string;
  let agent: Agent;
  let queue: Queue<DeliverAlertPayload>;
  let connection: Redis;
  let worker: Worker | undefined;
  const hits: Hit[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const limited = { left: 1 };
  const outage = { down: true };
  let events = 0;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      // Never answers RCPT for a `hang` address.
      onRcptTo(address, _session, callback) {
        if (!address.address.startsWith('hang')) callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    hooks = createServer((req, res) => {
      const path = req.url ?? '';
      const key = req.headers['idempotency-key'];
      hits.push({ path, at: Date.now(), key: typeof key === 'string' ? key : undefined });
      const now = (inFlight.get(path) ?? 0) + 1;
      inFlight.set(path, now);
      maxInFlight.set(path, Math.max(now, maxInFlight.get(path) ?? 0));
      res.on('close', () => inFlight.set(path, (inFlight.get(path) ?? 1) - 1));
      req.resume();
      req.on('end', () => {
        if (path === '/hang') return; // never answers
        if (path === '/down' && outage.down) {
          res.writeHead(500).end('down');
          return;
        }
        if (path === '/limited' && limited.left > 0) {
          limited.left -= 1;
          res.writeHead(429, { 'retry-after': '2' }).end('slow down');
          return;
        }
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
    t = await openTestResources({
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      ALERT_FROM: 'ryktesradar@kommun.se',
    });
    agent = createGuardedAgent(parseAllowlist('127.0.0.1/32'));
    queue = deliverAlertQueue.open(t.resources.redis, t.prefix);
    connection = createRedis(TEST_REDIS_URL, 'worker');
  });

  afterEach(async () => {
    await worker?.close(true);
    worker = undefined;
  });

  afterAll(async () => {
    await queue?.close();
    connection?.disconnect();
    await agent?.close();
    await t?.cleanup();
    hooks?.closeAllConnections();
    await new Promise<void>((resolve) => hooks?.close(() => resolve()));
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  async function startWorker(options: Partial<WorkerOptions> = {}): Promise<void> {
    // An earlier worker's stalled check holds this key for its own interval; this worker checks on its own.
    await t.resources.redis.del(`${t.prefix}:${deliverAlertQueue.name}:stalled-check`);
    const processor = createDeliverAlertProcessor({
      db: t.resources.db,
      agent,
      mail: { smtpUrl: t.resources.config.alerts.smtpUrl, from: t.resources.config.alerts.from },
      publicUrl: 'https://radar.kommun.se/',
      userAgent: 'ryktesradar-test',
      logger: t.resources.logger,
      sendTimeoutMs: SEND_TIMEOUT_MS,
      leaseMs: LEASE_MS,
    });
    worker = new Worker(deliverAlertQueue.name, processor, {
      connection,
      prefix: t.prefix,
      concurrency: 4,
      ...options,
    });
    // A run that lost its lock cannot finish its job: BullMQ reports that here.
    worker.on('error', () => undefined);
  }

  /** One alert on a fresh event with one delivery to `target`; its id. */
  async function seedDelivery(channel: DeliveryChannel, target: string): Promise<number> {
    events += 1;
    const at = new Date();
    const event = await upsertEvent(
      t.resources.db,
      spikeSignal({ observed: 30 }, { eventKey: `spike:fault-${events}:*:*` }),
      { modelVersion: 'm1', at, startedAt: at },
    );
    const raised = await raiseAlert(
      t.resources.db,
      { ruleId: null, eventId: event.id, level: 0, observed: 30, score: 5, restricted: false },
      [{ channel, target }],
    );
    return raised!.deliveryIds[0]!;
  }

  async function enqueue(deliveryId: number, opts: JobsOptions) {
    return queue.add('deliver', { deliveryId }, { jobId: deliveryJobId(deliveryId), ...opts });
  }

  const row = (id: number) =>
    t.resources.db
      .selectFrom('alert_deliveries')
      .select(['status', 'attempts', 'last_error', 'lease_until'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('waits out a delivery another run holds, spending no try, then sends it once', async () => {
    const id = await seedDelivery('webhook', `${hookUrl}/held`);
    // A run that lost its job lock still holds the row, for one more second.
    await t.resources.db
      .updateTable('alert_deliveries')
      .set({ status: 'sending', attempts: 1, lease_until: new Date(Date.now() + 1_000) })
      .where('id', '=', id)
      .execute();
    await startWorker();
    const job = await enqueue(id, { attempts: 2, backoff: { type: 'fixed', delay: 50 } });
    const done = await waitUntil(
      () => row(id),
      (r) => r.status !== 'sending' && r.status !== 'pending',
      { timeoutMs: 8_000 },
    );
    expect(done.status).toBe('sent');
    expect(done.attempts).toBe(2);
    expect(hits.filter((h) => h.path === '/held')).toHaveLength(1);
    await waitUntil(
      () => job.getState(),
      (s) => s === 'completed',
      { timeoutMs: 5_000 },
    );
    // Only the run that sent counts (BullMQ counts a completion as one): the wait spent nothing.
    expect((await queue.getJob(job.id!))?.attemptsMade).toBe(1);
  });

  it('cuts off a webhook that never answers, even in a job that keeps losing its lock, and fails it with the reason', async () => {
    const id = await seedDelivery('webhook', `${hookUrl}/hang`);
    // No lock renewal and a short lock: every send outlives its job lock, like a stalled event loop would.
    await startWorker({
      lockDuration: 300,
      skipLockRenewal: true,
      stalledInterval: 150,
      maxStalledCount: 100,
    });
    const started = Date.now();
    await enqueue(id, { attempts: 3, backoff: { type: 'fixed', delay: 50 } });
    const done = await waitUntil(
      () => row(id),
      (r) => r.status === 'failed' || r.status === 'sent',
      { timeoutMs: 8_000 },
    );
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(3);
    expect(done.last_error).toMatch(/webhook 127\.0\.0\.1:\d+ unreachable/);
    expect(done.lease_until).toBeNull();
    const sent = hits.filter((h) => h.path === '/hang');
    expect(sent).toHaveLength(3);
    expect(maxInFlight.get('/hang')).toBe(1);
    expect(new Set(sent.map((h) => h.key)).size).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Nothing is left to run it again and no further request comes.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 300));
    expect(hits.filter((h) => h.path === '/hang')).toHaveLength(3);
    expect((await row(id)).status).toBe('failed');
  });

  it("sends a failed delivery afresh when an operator retries its dead job (it reported 'retried' and sent nothing)", async () => {
    const id = await seedDelivery('webhook', `${hookUrl}/down`);
    await startWorker();
    await enqueue(id, { attempts: 2, backoff: { type: 'fixed', delay: 50 } });
    await waitUntil(
      () => row(id),
      (r) => r.status === 'failed',
      { timeoutMs: 8_000 },
    );
    // The receiver is back; the operator runs `jobs retry deliver-alert <id>`.
    outage.down = false;
    expect(await retryFailedJob(queue, deliveryJobId(id))).toBe(true);
    const done = await waitUntil(
      () => row(id),
      (r) => r.status === 'sent',
      { timeoutMs: 8_000 },
    );
    expect(done.attempts).toBe(1);
    expect(hits.filter((h) => h.path === '/down')).toHaveLength(3);
  });

  it('cuts off an SMTP server that never answers RCPT and fails the delivery with the reason', async () => {
    const id = await seedDelivery('email', 'hang@kommun.se');
    await startWorker();
    const started = Date.now();
    await enqueue(id, { attempts: 2, backoff: { type: 'fixed', delay: 50 } });
    const done = await waitUntil(
      () => row(id),
      (r) => r.status === 'failed' || r.status === 'sent',
      { timeoutMs: 8_000 },
    );
    expect(done).toMatchObject({ status: 'failed', attempts: 2 });
    expect(done.last_error).toMatch(/did not finish within 600 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('tries a webhook that answered 429 again after its Retry-After, not after the backoff', async () => {
    const id = await seedDelivery('webhook', `${hookUrl}/limited`);
    await startWorker();
    const job = await enqueue(id, { attempts: 3, backoff: { type: 'fixed', delay: 50 } });
    const done = await waitUntil(
      () => row(id),
      (r) => r.status === 'sent' || r.status === 'failed',
      { timeoutMs: 8_000 },
    );
    expect(done).toMatchObject({ status: 'sent', attempts: 2 });
    const sent = hits.filter((h) => h.path === '/limited');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(1_900);
    await waitUntil(
      () => job.getState(),
      (s) => s === 'completed',
      { timeoutMs: 5_000 },
    );
  });
});
