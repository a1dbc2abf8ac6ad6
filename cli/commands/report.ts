/**
 * `ryktesradar report --from D --to D --format pdf|csv|json --out FILE`: the trend report as a PDF (the report page
 * printed by Chromium; no dashboard needs to run), or the period's posts as CSV/JSON (streamed, all of them).
 * Restricted posts (violence_threats) are never included. Audited as the operator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { appendAudit } from '../../core/db/audit-log.ts';
import { BadInputError } from '../../core/errors.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { cachedActiveVersion } from '../../core/active-model.ts';
import { streamPostsCsv, streamPostsJson } from '../../dashboard/exports/posts-export.ts';
import { reportQuerySchema, type PostFilters, type ReportQuery } from '../../dashboard/params.ts';
import { renderReportPdfInProcess } from '../../dashboard/report/render-in-process.ts';
import { openPrepared } from '../context.ts';
import { operatorName } from '../read-secret.ts';

const FORMATS = ['pdf', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOptions {
  from?: string;
  to?: string;
  format: string;
  out: string;
  theme?: string;
  language?: string;
  place?: string;
  matrix?: string;
  ui: string;
}

function parseOptions(options: ReportOptions): { query: ReportQuery; format: Format; locale: 'sv' | 'en' } {
  const format = FORMATS.find((f) => f === options.format);
  if (!format)
    throw new BadInputError(
      'bad-option',
      `--format: expected pdf, csv or json, not ${options.format.slice(0, 20)}`,
    );
  if (options.ui !== 'sv' && options.ui !== 'en')
    throw new BadInputError('bad-option', '--ui: expected sv or en');
  const raw = Object.fromEntries(
    Object.entries({
      from: options.from,
      to: options.to,
      theme: options.theme,
      language: options.language,
      place: options.place,
      matrix: options.matrix,
    }).filter(([, value]) => value !== undefined),
  );
  const parsed = reportQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadInputError(
      'bad-option',
      `--${issue?.path.join('.') || 'from'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return { query: parsed.data, format, locale: options.ui };
}

/** Writes to a temporary file beside `out` and renames it at the end, so a failed export leaves no partial file. */
async function writeAtomically(out: string, write: (file: fs.WriteStream) => Promise<void>): Promise<void> {
  const temporary = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.part`);
  const file = fs.createWriteStream(temporary, { flags: 'wx' });
  try {
    await write(file);
    file.end();
    await finished(file);
    await fs.promises.rename(temporary, out);
  } catch (error) {
    file.destroy();
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
}

async function report(options: ReportOptions): Promise<void> {
  const { query, format, locale } = parseOptions(options);
  const resources = await openPrepared();
  try {
    await appendAudit(resources.db, {
      actorKind: 'cli',
      actorLabel: operatorName(),
      action: 'export_report',
      params: { ...query, format, restricted_hidden: true },
    });
    if (format === 'pdf') {
      const pdf = await renderReportPdfInProcess(resources, query, {
        locale,
        requester: `cli:${operatorName()}`,
      });
      await writeAtomically(options.out, async (file) => {
        file.write(pdf);
      });
      console.log(`Wrote ${options.out} (PDF, ${pdf.length} bytes, ${query.from} – ${query.to})`);
      return;
    }
    const modelVersion = await cachedActiveVersion(resources.db, shippedClassifier().version)();
    const filters: PostFilters = {
      from: query.from,
      to: query.to,
      ...(query.theme ? { theme: query.theme } : {}),
      ...(query.language ? { lang: query.language } : {}),
      ...(query.place ? { place: query.place } : {}),
    };
    let rows = 0;
    await writeAtomically(options.out, async (file) => {
      const stream = format === 'csv' ? streamPostsCsv : streamPostsJson;
      rows = (await stream(resources.db, modelVersion, filters, file)).rows;
    });
    console.log(`Wrote ${options.out} (${format.toUpperCase()}, ${rows} posts, ${query.from} – ${query.to})`);
  } finally {
    await resources.close();
  }
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('the trend report for a period as PDF, or its posts as CSV/JSON (violence_threats left out)')
    .option('--from <date>', 'first day, YYYY-MM-DD (Swedish time; default 29 days before --to)')
    .option('--to <date>', 'last day, YYYY-MM-DD, inclusive (default today)')
    .requiredOption('--format <format>', 'pdf, csv or json')
    .requiredOption('--out <file>', 'file to write (replaced only when the export is complete)')
    .option('--theme <id>', 'only posts with this theme')
    .option('--language <code>', 'only posts in this language (und = undetermined)')
    .option('--place <code>', 'only posts naming this municipality (four-digit code)')
    .option('--matrix <by>', 'targeting matrix by lang or place (PDF)', 'lang')
    .option('--ui <locale>', 'language of the PDF: sv or en', 'sv')
    .action(report);
}
