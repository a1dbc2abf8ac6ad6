/**
 * The weekly situation report end to end: a job scheduler firing every second (instead of Mondays 07:00), the
 * worker rendering the PDF in real Chromium and mailing it to a loopback SMTP server: exactly one email for the
 * week whatever the number of ticks, a later run for the same week sends nothing; without mail settings there is
 * no schedule and one log line.
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReportRun } from '../../core/db/report-runs.ts';
import { previousIsoWeek } from '../../core/iso-week.ts';
import { weeklyReportQueue } from '../../core/queues/weekly-report.ts';
import { todayInAnalystZone } from '../../dashboard/params.ts';
import { startWeeklyReport } from '../../workers/weekly-report.ts';
import { readPdfText } from '../helpers/pdf-text.ts';
import { seedReportPosts, XSS } from '../helpers/report-seed.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';
import { waitUntil } from '../helpers/wait-until.ts';

interface Received {
  recipients: string[];
  raw: string;
}

interface MimePart {
  headers: string;
  body: Buffer;
}

/** Splits a multipart message into decoded parts (base64 and quoted-printable): enough for nodemailer's output. */
function mimeParts(raw: string): MimePart[] {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/g)].map((m) => m[1]!);
  let parts = [raw];
  for (const boundary of boundaries) {
    parts = parts.flatMap((part) =>
      part.includes(`--${boundary}`) ? part.split(`--${boundary}`).slice(1) : [part],
    );
  }
  return parts
    .map((part) => {
      const at = part.indexOf('\r\n\r\n');
      const headers = part.slice(0, at);
      const body = part.slice(at + 4);
      const encoding = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
      const decoded =
        encoding === 'base64'
          ? Buffer.from(body.replace(/\s/g, ''), 'base64')
          : encoding === 'quoted-printable'
            ? Buffer.from(
                body
                  .replace(/=\r\n/g, '')
                  .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
                'latin1',
              )
            : Buffer.from(body, 'utf8');
      return { headers, body: decoded };
    })
    .filter((part) => /Content-Type:/i.test(part.headers));
}

describe('weekly situation report', () => {
  let t: TestResources;
  let smtp: SMTPServer;
  const received: Received[] = [];
  const week = previousIsoWeek(todayInAnalystZone());
  const PSEUDONYM = 'anon-7f3a9c';

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            recipients: session.envelope.rcptTo.map((address) => address.address),
            raw: Buffer.concat(chunks).toString('latin1'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    t = await openTestResources({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      REPORT_FROM: 'ryktesradar@kommun.se',
      REPORT_RECIPIENTS: 'ledning@kommun.se, kommunikation@kommun.se',
      REPORT_SCHEDULE: '* * * * * *',
    });
    const { db } = t.resources;
    await seedReportPosts(db);
    const source = await db.selectFrom('sources').select('id').executeTakeFirstOrThrow();
    const [id] = await seedAnalysedPosts(db, source.id, [
      {
        externalId: 'week-1',
        text: `Soc tar barn i veckan ${XSS}`,
        publishedAt: new Date(`${week.from}T10:00:00Z`),
        lang: 'sv',
        stance: 'rumour',
        themes: [{ id: 'soc_takes_children', evidence: ['tar barn'] }],
      },
    ]);
    await db.updateTable('posts').set({ author_pseudonym: PSEUDONYM }).where('id', '=', id!).execute();
  });

  afterAll(async () => {
    await t?.cleanup();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('mails the past week once, with the PDF attached, however often it runs', async () => {
    const weekly = await startWeeklyReport(t.resources, t.resources.logger);
    const queue = weeklyReportQueue.open(t.resources.redis, t.prefix);
    try {
      await waitUntil(
        async () => received.length,
        (n) => n >= 1,
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      // Several more ticks of the same week go by: they must not send again.
      const ticksAtSend = (await queue.getCompleted()).filter((job) => job.name === 'tick').length;
      await waitUntil(
        async () => (await queue.getCompleted()).filter((job) => job.name === 'tick').length,
        (n) => n >= ticksAtSend + 3,
        { timeoutMs: 20_000, intervalMs: 200 },
      );
      // And a run for that week added under another id (as after the week's job expired) finds it sent.
      const again = await queue.add('send', { kind: 'send', week: week.week }, { jobId: 'second-run' });
      await waitUntil(
        async () => (await queue.getJob(again.id!))?.returnvalue,
        (value) => value !== undefined && value !== null,
        {
          timeoutMs: 20_000,
          intervalMs: 100,
        },
      );
      expect((await queue.getJob('second-run'))?.returnvalue).toEqual({
        kind: 'send',
        week: week.week,
        sent: false,
        reason: 'already_sent',
      });
      expect(received).toHaveLength(1);
    } finally {
      await weekly.close();
      await queue.close();
    }

    const [mail] = received;
    expect(mail!.recipients.sort()).toEqual(['kommunikation@kommun.se', 'ledning@kommun.se']);
    const parts = mimeParts(mail!.raw);
    const text = parts
      .find((part) => /Content-Type:\s*text\/plain/i.test(part.headers))!
      .body.toString('utf8');
    expect(text).toContain(`Lägesbild vecka ${Number(week.week.slice(-2))}`);
    expect(text).toContain('Soc tar');
    expect(text).not.toContain('window.__xss');
    expect(text).not.toContain(PSEUDONYM);
    const attachment = parts.find((part) => /Content-Type:\s*application\/pdf/i.test(part.headers))!;
    expect(attachment.headers).toContain(`lagesbild-${week.week}.pdf`);
    expect(attachment.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = readPdfText(attachment.body);
    expect(pdf.text).toContain('Lägesrapport: rykten om socialtjänsten');
    expect(pdf.text).toContain(PSEUDONYM);

    const run = await getReportRun(t.resources.db, week.week);
    expect(run).toMatchObject({ status: 'sent', recipients: 2, attempts: 1 });
  });

  it('without mail settings: no schedule, and one log line saying what is missing', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const config = {
      ...t.resources.config,
      report: { smtpUrl: undefined, from: undefined, recipients: [], schedule: '0 7 * * 1' },
    };
    const weekly = await startWeeklyReport({ ...t.resources, config }, logger);
    await weekly.close();
    const queue = weeklyReportQueue.open(t.resources.redis, t.prefix);
    try {
      expect(await queue.getJobSchedulers()).toEqual([]);
    } finally {
      await queue.close();
    }
    const notes = lines.filter((line) => line.includes('weekly report not scheduled'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('SMTP_URL');
  });
});
