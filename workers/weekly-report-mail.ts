/**
 * The weekly report's email: a short plain-text summary (counts and top themes only: never a post's text or an
 * author's pseudonym, which stay in the attached PDF) and the SMTP send through nodemailer.
 */
import nodemailer from 'nodemailer';
import type { IsoWeek } from '../core/iso-week.ts';
import { formatters } from '../dashboard/locale.ts';
import type { ReportData } from '../dashboard/report/report-data.ts';

export interface WeeklyMail {
  subject: string;
  text: string;
  filename: string;
}

const LISTED_THEMES = 5;
const LISTED_CELLS = 5;

export function weeklyMail(data: ReportData, week: IsoWeek): WeeklyMail {
  const fmt = formatters('sv');
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const day = (date: string) => fmt.date(`${date}T12:00:00Z`);
  const number = week.week.slice(-2).replace(/^0/, '');
  const rumours = sum(data.series.stances.rumour);
  const counters = sum(data.series.stances.counter);
  const themes = data.top
    .slice(0, LISTED_THEMES)
    .map(
      (t) =>
        `- ${t.label_sv}: ${fmt.number(t.rumours)} ryktesinlägg (${fmt.change(t.rumours, t.previous)} mot ` +
        `föregående vecka), ${fmt.number(t.counters)} motbudskap`,
    );
  const unanswered = data.matrix.filter((cell) => cell.unanswered);
  const cells = unanswered
    .slice(0, LISTED_CELLS)
    .map((cell) => `- ${cell.label_sv}, ${cell.key === 'und' ? 'obestämt språk' : cell.keyLabel}`);
  const lines = [
    `Lägesbild vecka ${number}, ${day(week.from)} – ${day(week.to)}`,
    '',
    `${fmt.number(data.method.posts)} inlägg, varav ${fmt.number(rumours)} rykten och ${fmt.number(counters)} motbudskap.`,
    // The summary is read before the PDF, whose banner says the same.
    ...(data.samplePosts > 0
      ? [
          `OBS: databasen innehåller ${fmt.number(data.samplePosts)} genererade exempelinlägg (Exempeldata, inte ` +
            'verkliga); siffrorna kan räkna med dem. Ta bort dem med: npx ryktesradar demo --remove',
        ]
      : []),
    '',
    themes.length > 0 ? 'Största ryktesteman:' : 'Inga ryktesinlägg under veckan.',
    ...themes,
    ...(data.top.length > LISTED_THEMES
      ? [`(och ${data.top.length - LISTED_THEMES} teman till i rapporten)`]
      : []),
    '',
    unanswered.length > 0
      ? `Ökande rykten utan motbudskap på samma språk: ${fmt.number(unanswered.length)} celler i målmatrisen.`
      : 'Inga ökande rykten utan motbudskap i målmatrisen.',
    ...cells,
    ...(unanswered.length > LISTED_CELLS
      ? [`(och ${unanswered.length - LISTED_CELLS} till i rapporten)`]
      : []),
    '',
    'Hela rapporten med diagram, målmatris och exempel finns i den bifogade PDF-filen.',
    `Modellversion ${data.modelVersion}. Inlägg som hotar enskilda anställda ingår inte.`,
    '',
    '-- ',
    'Ryktesradar (skickas automatiskt varje vecka)',
  ];
  return {
    subject: `Lägesbild vecka ${number} (${week.from} – ${week.to}): rykten om socialtjänsten`,
    text: `${lines.join('\n')}\n`,
    filename: `lagesbild-${week.week}.pdf`,
  };
}

export interface MailSettings {
  smtpUrl: string;
  from: string;
  recipients: readonly string[];
}

/** Sends the report; returns the server's message id. SMTP errors are thrown as they come (the job decides). */
export async function sendWeeklyMail(
  settings: MailSettings,
  mail: WeeklyMail,
  pdf: Buffer,
): Promise<{ messageId: string | null }> {
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to: [...settings.recipients],
      subject: mail.subject,
      text: mail.text,
      attachments: [{ filename: mail.filename, content: pdf, contentType: 'application/pdf' }],
    });
    return { messageId: typeof info.messageId === 'string' ? info.messageId : null };
  } finally {
    transport.close();
  }
}
