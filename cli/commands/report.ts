/**
 * `ryktesradar report --from D --to D --format pdf|csv|json --out FILE`: the trend report as a PDF (the report page
 * printed by Chromium; no dashboard needs to run), or the period's posts as CSV/JSON (streamed, all of them).
 * Restricted posts (violence_threats) are never included. Audited as the operator.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { appendAudit } from '../../core/db/audit-log.ts';
import { BadInputError, describeError } from '../../core/errors.ts';
import type { Resources } from '../../core/resources.ts';
import { RESTRICTED_THEMES } from '../../classifier/types.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { cachedActiveVersion } from '../../core/active-model.ts';
import { streamPostsCsv, streamPostsJson } from '../../dashboard/exports/posts-export.ts';
import { reportQuerySchema, type PostFilters, type ReportQuery } from '../../dashboard/params.ts';
import { renderReportPdfInProcess } from '../../dashboard/report/render-in-process.ts';
import { openPrepared } from '../context.ts';
import { fileProblem, outputFile, partFileBeside } from '../parse-args.ts';
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

/**
 * Writes to a temporary file beside `out` and renames it at the end, so a failed export leaves no partial file.
 * `commit(putInPlace)` runs once the data is complete and must call `putInPlace` (the rename). A stream error (at
 * open or mid-write) rejects with one line naming the file, never an unhandled 'error' event.
 */
async function writeAtomically(
  out: string,
  write: (file: fs.WriteStream) => Promise<void>,
  commit: (putInPlace: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const temporary = partFileBeside(out);
  // The report holds post texts and author pseudonyms: readable by its owner only, like `subject export`.
  const file = fs.createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
  let streamError: unknown;
  file.on('error', (error) => (streamError ??= error));
  try {
    await once(file, 'open');
    await write(file);
    file.end();
    await finished(file);
    await commit(async () => {
      await fs.promises.rename(temporary, out).catch((error: unknown) => {
        throw fileProblem(out, error);
      });
    });
  } catch (error) {
    file.destroy();
    await fs.promises.rm(temporary, { force: true });
    throw streamError === undefined ? error : fileProblem(out, streamError);
  }
}

/** A theme the report can show: one that exists and is not restricted (restricted posts are never in it). */
async function checkTheme(db: Resources['db'], theme: string | undefined): Promise<void> {
  if (theme === undefined) return;
  if (RESTRICTED_THEMES.includes(theme))
    throw new BadInputError('bad-option', `--theme: ${theme} is restricted and never part of a report`);
  const known = await db.selectFrom('themes').select('id').where('id', '=', theme).executeTakeFirst();
  if (!known) throw new BadInputError('bad-option', `--theme: no theme ${theme}`);
}

async function report(options: ReportOptions): Promise<void> {
  const { query, format, locale } = parseOptions(options);
  const out = outputFile('--out', options.out);
  // The PDF is rendered by the dashboard app in this process, which keeps its render token in Redis.
  const resources = await openPrepared({ redis: format === 'pdf' ? 'required' : 'unused' });
  try {
    await checkTheme(resources.db, query.theme);
    // Audited with what happened: the ok entry commits together with the rename that puts the file in place
    // (a failed rename rolls it back); anything that fails before is audited as a failure.
    const params = { ...query, format, restricted_hidden: true };
    let committed = false;
    const commit = (extra: () => Record<string, unknown>) => async (putInPlace: () => Promise<void>) => {
      await resources.db.transaction().execute(async (trx) => {
        await appendAudit(trx, {
          actorKind: 'cli',
          actorLabel: operatorName(),
          action: 'export_report',
          params: { ...params, ...extra() },
        });
        await putInPlace();
      });
      committed = true;
    };
    try {
      if (format === 'pdf') {
        const pdf = await renderReportPdfInProcess(resources, query, {
          locale,
          requester: operatorName(),
        });
        await writeAtomically(
          out,
          async (file) => {
            file.write(pdf);
          },
          commit(() => ({ bytes: pdf.length })),
        );
        console.log(`Wrote ${out} (PDF, ${pdf.length} bytes, ${query.from} – ${query.to})`);
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
      await writeAtomically(
        out,
        async (file) => {
          const stream = format === 'csv' ? streamPostsCsv : streamPostsJson;
          rows = (await stream(resources.db, modelVersion, filters, file)).rows;
        },
        commit(() => ({ rows })),
      );
      console.log(`Wrote ${out} (${format.toUpperCase()}, ${rows} posts, ${query.from} – ${query.to})`);
    } catch (error) {
      // Best effort: the failure itself is what the operator must see, even if Postgres is its cause.
      if (!committed)
        await appendAudit(resources.db, {
          actorKind: 'cli',
          actorLabel: operatorName(),
          action: 'export_report',
          outcome: 'failure',
          params: { ...params, error: describeError(error).slice(0, 200) },
        }).catch(() => undefined);
      throw error;
    }
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
