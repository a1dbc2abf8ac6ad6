/**
 * Alerts end to end on real Postgres and Redis, a loopback webhook receiver (node:http) and a loopback SMTP server:
 * an emerging spike stored by the detectors' own storage function and announced on `match-alerts` raises exactly
 * one alert per channel (the webhook's first answer is a 503, so it is retried and still sent once); the same
 * spike updated raises nothing; doubled, it raises one escalation. A violence_threats event reaches the security
 * owner's rule and the security recipient only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDelivery } from '../../core/db/alert-deliveries.ts';
import { insertAlertRule } from '../../core/db/alert-rules.ts';
import { listInbox, raiseAlert } from '../../core/db/alerts.ts';
import { deliverAlertQueue, enqueueDeliveries } from '../../core/queues/deliver-alert.ts';
import { upsertEvent } from '../../core/db/emerging-events.ts';
import { matchAlertsQueue } from '../../core/queues/match-alerts.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import type { Signal } from '../../emerging/types.ts';
import { startAlerts } from '../../workers/alerts.ts';
import { spikeSignal } from '../helpers/alert-seed.ts';
import { addUser } from '../helpers/auth.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

interface Mail {
  to: string[];
  raw: string;
}

const spike = (observed: number, extra: Partial<Signal> = {}): Signal => spikeSignal({ observed }, extra);

/** The message with quoted-printable soft breaks and escapes undone (nodemailer's text parts). */
function decoded(raw: string): string {
  return Buffer.from(
    raw
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('alerts end to end', () => {
  let t: TestResources;
  let smtp: SMTPServer;
  let hooks: Server;
  let hookUrl: string;
  let alerts: Stoppable;
  const mails: Mail[] = [];
  const webhook: { path: string; body: Record<string, unknown>; key: string | undefined }[] = [];
  let refusals = 0;
  let refuseNext = 1;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((a) => a.address),
            raw: decoded(Buffer.concat(chunks).toString('latin1')),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    hooks = createServer((req, res) => {
      void readBody(req).then((body) => {
        if (refuseNext > 0) {
          refuseNext -= 1;
          refusals += 1;
          res.writeHead(503).end('busy');
          return;
        }
        const key = req.headers['idempotency-key'];
        webhook.push({
          path: req.url ?? '',
          body: JSON.parse(body) as Record<string, unknown>,
          key: typeof key === 'string' ? key : undefined,
        });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('1');
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
    t = await openTestResources({
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      ALERT_FROM: 'ryktesradar@kommun.se',
      ALERT_SECURITY_EMAIL: 'sakerhet@kommun.se',
      PUBLIC_URL: 'https://radar.kommun.se/',
    });
    const { db } = t.resources;
    const analyst = await addUser(db, 'analyst@kommun.se', ['analyst']);
    const security = await addUser(db, 'security@kommun.se', ['security']);
    await insertAlertRule(db, analyst, {
      name: 'Arabiska omhändertaganden',
      themeId: 'soc_takes_children',
      lang: 'ar',
      place: null,
      kinds: ['spike'],
      minScore: 3,
      webhookUrl: `${hookUrl}/hook/analyst`,
      emails: ['kommunikation@kommun.se'],
      locale: 'sv',
    });
    await insertAlertRule(db, analyst, {
      name: 'Allt',
      themeId: null,
      lang: null,
      place: null,
      kinds: ['spike', 'new_claim', 'wave'],
      minScore: 3,
      webhookUrl: null,
      emails: [],
      locale: 'en',
    });
    await insertAlertRule(db, security, {
      name: 'Hot',
      themeId: 'violence_threats',
      lang: null,
      place: null,
      kinds: ['spike'],
      minScore: 3,
      webhookUrl: `${hookUrl}/hook/security`,
      emails: [],
      locale: 'en',
    });
    alerts = await startAlerts(t.resources, t.resources.logger, { sweepEveryMs: 500 });
  });

  afterAll(async () => {
    await alerts?.close();
    await t?.cleanup();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise<void>((resolve) => hooks?.close(() => resolve()));
  });

  /** Announces the events like the detection job and waits until the matcher has finished with them. */
  async function announce(eventIds: number[]): Promise<void> {
    const queue = matchAlertsQueue.open(t.resources.redis, t.prefix);
    try {
      const job = await queue.add('match', { eventIds });
      await waitUntil(
        () => job.getState(),
        (state) => state === 'completed' || state === 'failed',
        { timeoutMs: 15_000 },
      );
      expect(await job.getState()).toBe('completed');
    } finally {
      await queue.close();
    }
  }

  const deliveries = () =>
    t.resources.db
      .selectFrom('alert_deliveries')
      .select(['alert_id', 'channel', 'target', 'status', 'attempts'])
      .orderBy('id')
      .execute();
  const allSent = async () => (await deliveries()).every((d) => d.status === 'sent');

  it('raises one alert per channel for a spike, none for its continuation, one more when it doubles', async () => {
    const { db } = t.resources;
    const at = new Date();
    const { id } = await upsertEvent(db, spike(48), { modelVersion: 'm1', at, startedAt: at });
    await announce([id]);
    await waitUntil(deliveries, (rows) => rows.length === 2 && rows.every((d) => d.status === 'sent'), {
      timeoutMs: 20_000,
    });
    expect(webhook).toHaveLength(1);
    expect(refusals).toBe(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(['kommunikation@kommun.se']);
    const rows = await deliveries();
    expect(rows.find((d) => d.channel === 'webhook')?.attempts).toBe(2);
    // The analyst's two rules both match (one inbox row each); only the first has outside channels.
    const raised = await db.selectFrom('alerts').select(['rule_id', 'level', 'observed']).execute();
    expect(raised).toHaveLength(2);
    expect(raised.every((a) => a.level === 0 && a.observed === 48)).toBe(true);

    const body = webhook[0]!.body;
    expect(webhook[0]!.path).toBe('/hook/analyst');
    expect(body['text']).toEqual(expect.stringContaining('48 inlägg de senaste 6 timmarna, väntat 9 ± 4'));
    expect(body['text']).toEqual(expect.stringContaining(`https://radar.kommun.se/emerging/${id}`));
    expect(body['link']).toBe(`https://radar.kommun.se/emerging/${id}`);
    expect(body['event']).toMatchObject({
      id,
      kind: 'spike',
      theme: 'soc_takes_children',
      language: 'ar',
      observed: 48,
      expected: 9,
      spread: 4,
      score: 9.8,
      restricted: false,
    });
    expect(webhook[0]!.key).toMatch(/^ryktesradar-alert-\d+-\d+$/);
    expect(mails[0]!.raw).toContain('Subject: =?UTF-8?');
    expect(mails[0]!.raw).toContain(`Underlag: https://radar.kommun.se/emerging/${id}`);
    expect(mails[0]!.raw).toContain('48 inlägg de senaste 6 timmarna, väntat 9 ± 4.');

    // The same spike, a little larger: the same ongoing event, no new alert anywhere.
    const again = await upsertEvent(db, spike(70), { modelVersion: 'm1', at: new Date(), startedAt: at });
    expect(again).toEqual({ id, created: false });
    await announce([id]);
    await announce([id]);
    expect(await db.selectFrom('alerts').select('id').execute()).toHaveLength(2);
    expect(await deliveries()).toHaveLength(2);

    // Doubled against the first alert (48 → 96): one escalation per rule, one more send per channel.
    await upsertEvent(db, spike(96), { modelVersion: 'm1', at: new Date(), startedAt: at });
    await announce([id]);
    await waitUntil(deliveries, (d) => d.length === 4 && d.every((x) => x.status === 'sent'), {
      timeoutMs: 20_000,
    });
    expect(webhook).toHaveLength(2);
    expect(mails).toHaveLength(2);
    expect((webhook[1]!.body['alert'] as { level: number; escalation: boolean }).escalation).toBe(true);
    expect(webhook[1]!.body['text']).toEqual(expect.stringContaining('upptrappning 1'));
    const levels = await db.selectFrom('alerts').select('level').where('event_id', '=', id).execute();
    expect(levels.map((l) => l.level).sort()).toEqual([0, 0, 1, 1]);
    expect(await allSent()).toBe(true);
  });

  it('sends a violence_threats event to the security owner and the security recipient only', async () => {
    const { db } = t.resources;
    const before = { hooks: webhook.length, mails: mails.length };
    const at = new Date();
    const threat = spike(30, {
      eventKey: 'spike:violence_threats:*:*',
      themeId: 'violence_threats',
      lang: null,
      restricted: true,
    });
    const { id } = await upsertEvent(db, threat, { modelVersion: 'm1', at, startedAt: at });
    await announce([id]);
    await waitUntil(
      async () => (await deliveries()).filter((d) => d.status === 'sent').length,
      (n) => n === 6,
      { timeoutMs: 20_000 },
    );
    const raised = await db
      .selectFrom('alerts as a')
      .leftJoin('alert_rules as r', 'r.id', 'a.rule_id')
      .select(['r.name', 'a.restricted'])
      .where('a.event_id', '=', id)
      .orderBy('r.name')
      .execute();
    expect(raised).toEqual([
      { name: 'Hot', restricted: true },
      { name: null, restricted: true },
    ]);
    expect(webhook.slice(before.hooks).map((w) => w.path)).toEqual(['/hook/security']);
    expect(mails.slice(before.mails).map((m) => m.to)).toEqual([['sakerhet@kommun.se']]);
    expect(webhook.at(-1)!.body['event']).toMatchObject({ restricted: true, theme: 'violence_threats' });
  });

  it('refuses, at sending time, a webhook address the guard does not allow (no retry, no request)', async () => {
    const { db } = t.resources;
    const analyst = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'analyst@kommun.se')
      .executeTakeFirstOrThrow();
    const before = webhook.length + refusals;
    // Stored directly (the form would refuse it): 127.0.0.2 is loopback outside FETCH_ALLOWLIST=127.0.0.1/32.
    await insertAlertRule(db, analyst.id, {
      name: 'Vågor',
      themeId: null,
      lang: null,
      place: null,
      kinds: ['wave'],
      minScore: 0,
      webhookUrl: `${hookUrl.replace('127.0.0.1', '127.0.0.2')}/hook/blocked`,
      emails: [],
      locale: 'en',
    });
    const at = new Date();
    const wave = await upsertEvent(
      db,
      {
        ...spike(12),
        kind: 'wave',
        eventKey: 'wave:77',
        themeId: null,
        lang: null,
        clusterId: 77,
        score: 1,
        reason: { kind: 'wave', clusterId: 77, sources: 6, accounts: 9, posts: 12, windowHours: 3 },
      },
      { modelVersion: null, at, startedAt: at },
    );
    await announce([wave.id]);
    const failed = await waitUntil(
      () =>
        db
          .selectFrom('alert_deliveries as d')
          .innerJoin('alerts as a', 'a.id', 'd.alert_id')
          .select(['d.status', 'd.attempts', 'd.last_error'])
          .where('a.event_id', '=', wave.id)
          .execute(),
      (rows) => rows.length === 1 && rows[0]!.status === 'failed',
      { timeoutMs: 15_000 },
    );
    expect(failed[0]!.attempts).toBe(1);
    expect(failed[0]!.last_error).toMatch(/refused to fetch 127\.0\.0\.2: loopback address/);
    expect(webhook.length + refusals).toBe(before);
  });

  it('keeps an alert and each send single under concurrent matchers and senders (Postgres keys)', async () => {
    const { db } = t.resources;
    const at = new Date();
    const event = await upsertEvent(db, spike(20, { eventKey: 'spike:lvu:*:*', themeId: null, lang: null }), {
      modelVersion: 'm1',
      at,
      startedAt: at,
    });
    const alert = { ruleId: null, eventId: event.id, level: 0, observed: 20, score: 2.8, restricted: false };
    const targets = [{ channel: 'email' as const, target: 'x@kommun.se' }];
    const raised = await Promise.all(Array.from({ length: 6 }, () => raiseAlert(db, alert, targets)));
    const winners = raised.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const deliveryId = winners[0]!.deliveryIds[0]!;
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimDelivery(db, deliveryId, 60_000)));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    expect(claims.filter((c) => !c.claimed).map((c) => !c.claimed && c.status)).toEqual(
      Array(5).fill('sending'),
    );
  });

  it('holds back an alert whose event turned restricted after it was raised (inbox and channels)', async () => {
    const { db } = t.resources;
    const analyst = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'analyst@kommun.se')
      .executeTakeFirstOrThrow();
    const rule = await db
      .selectFrom('alert_rules')
      .select('id')
      .where('name', '=', 'Arabiska omhändertaganden')
      .executeTakeFirstOrThrow();
    const at = new Date();
    const signal = spike(40, { eventKey: 'spike:soc_takes_children:ar:1480', place: '1480' });
    const event = await upsertEvent(db, signal, { modelVersion: 'm1', at, startedAt: at });
    const raised = await raiseAlert(
      db,
      { ruleId: rule.id, eventId: event.id, level: 0, observed: 40, score: 7.75, restricted: false },
      [{ channel: 'webhook', target: `${hookUrl}/hook/late` }],
    );
    // The detectors mark the ongoing event restricted before the send runs.
    await upsertEvent(
      db,
      { ...signal, restricted: true },
      { modelVersion: 'm1', at: new Date(), startedAt: at },
    );
    const queue = deliverAlertQueue.open(t.resources.redis, t.prefix);
    try {
      await enqueueDeliveries(queue, raised!.deliveryIds);
    } finally {
      await queue.close();
    }
    const rows = await waitUntil(
      () =>
        db
          .selectFrom('alert_deliveries')
          .select(['status', 'last_error'])
          .where('id', '=', raised!.deliveryIds[0]!)
          .execute(),
      (r) => r[0]?.status === 'failed',
      { timeoutMs: 15_000 },
    );
    expect(rows[0]!.last_error).toMatch(/lacks the security role/);
    expect(webhook.some((w) => w.path === '/hook/late')).toBe(false);
    const inbox = await listInbox(db, { userId: analyst.id, security: false, limit: 100 });
    expect(inbox.some((a) => a.event_id === event.id)).toBe(false);
  });
});
