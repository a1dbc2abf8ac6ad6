/**
 * Source kind `import`: a CSV/TSV or JSON-lines export on disk, read through the same queue, worker and store as
 * every feed. A poll reads at most ROWS_PER_POLL rows after the cursor; the cursor (`state`) names the file's sha256
 * and the last line done, so a restart continues, a changed file is read again from the top (rows keep their ids,
 * storage is idempotent), and a file read to the end is `not-modified` until it changes.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import type {
  CollectContext,
  CollectedItem,
  CollectOutcome,
  SkippedItem,
  SourceKindModule,
} from '../source-kind.ts';
import { importConfigSchema, importUsage, registerImport, type ImportConfig } from './import-registration.ts';
import { createImportParser, type ParsedRow } from './parse-import.ts';
import { inspectImportFile, readImportLines } from './read-import-file.ts';

/** Rows (good or bad) read per poll; the rest waits for the next poll, after the cursor. */
export const ROWS_PER_POLL = 50_000;
/** Largest export file read (bytes); the collector context carries no file cap, so the kind keeps its own. */
export const IMPORT_MAX_BYTES = 512 * 1024 * 1024;
/** Bad rows remembered in the source's state with line and reason (all of them are logged). */
const SKIPPED_KEPT = 200;
const PROGRESS_EVERY_ROWS = 10_000;

const stateSchema = z.object({
  sha256: z.string(),
  /** Last line of the file whose row is done (0: none). */
  linesDone: z.number().int().nonnegative(),
  rowsDone: z.number().int().nonnegative(),
  skippedRows: z.number().int().nonnegative(),
  /** The first bad rows of this version of the file. */
  skipped: z.array(z.object({ line: z.number().int().positive(), reason: z.string() })).max(SKIPPED_KEPT),
  complete: z.boolean(),
  encoding: z.string(),
});
export type ImportState = z.infer<typeof stateSchema>;

export interface ImportPollLimits {
  rowsPerPoll: number;
  maxBytes: number;
}

export const importKind: SourceKindModule<ImportConfig> = {
  kind: 'import',
  usage: importUsage,
  configSchema: importConfigSchema,
  register: registerImport,
  collect: (context) => collectImport(context, { rowsPerPoll: ROWS_PER_POLL, maxBytes: IMPORT_MAX_BYTES }),
};

/** One poll of an import source with explicit limits (tests use small ones). */
export async function collectImport(
  { source, config, state, logger, signal }: CollectContext<ImportConfig>,
  limits: ImportPollLimits,
): Promise<CollectOutcome> {
  let file: string;
  try {
    file = fileURLToPath(source.url);
  } catch {
    throw new BadInputError('bad-url', `an import source needs a file:// URL, not ${source.url}`);
  }
  const info = await inspectImportFile(file, { maxBytes: limits.maxBytes, signal });
  const previous = stateSchema.safeParse(state);
  const sameFile = previous.success && previous.data.sha256 === info.sha256;
  if (sameFile && previous.data.complete) return { status: 'not-modified' };
  const start: ImportState = sameFile
    ? previous.data
    : {
        sha256: info.sha256,
        linesDone: 0,
        rowsDone: 0,
        skippedRows: 0,
        skipped: [],
        complete: false,
        encoding: info.encoding,
      };
  if (info.encoding === 'windows-1252')
    logger.warn({ encoding: info.encoding }, 'import file is not valid UTF-8; read as windows-1252');
  if (previous.success && !sameFile) logger.info('import file changed; reading it again from the top');

  const parser = createImportParser(
    {
      format: config.format,
      delimiter: config.delimiter,
      timeZone: config.timezone,
      columns: config.columns,
    },
    start.linesDone,
  );
  const items: CollectedItem[] = [];
  const skipped: SkippedItem[] = [];
  const next = { ...start, skipped: [...start.skipped] };
  const firstLineOf = new Map<string, number>();
  let rowsThisPoll = 0;

  const take = (row: ParsedRow): void => {
    rowsThisPoll += 1;
    next.linesDone = row.endLine;
    next.rowsDone += 1;
    let bad: SkippedItem | null = 'skipped' in row ? row.skipped : null;
    if ('item' in row) {
      const seen = firstLineOf.get(row.item.externalId);
      if (seen === undefined) {
        firstLineOf.set(row.item.externalId, row.line);
        items.push(row.item);
      } else {
        bad = { externalId: `line ${row.line}`, reason: `same id as line ${seen}` };
      }
    }
    if (bad) {
      skipped.push(bad);
      next.skippedRows += 1;
      if (next.skipped.length < SKIPPED_KEPT) next.skipped.push({ line: row.line, reason: bad.reason });
    }
    if (rowsThisPoll % PROGRESS_EVERY_ROWS === 0)
      logger.info({ line: row.line, rows: next.rowsDone, skipped: next.skippedRows }, 'import progress');
  };

  let full = false;
  reading: for await (const line of readImportLines(file, info.encoding, signal)) {
    for (const row of parser.push(line)) {
      if (rowsThisPoll >= limits.rowsPerPoll) {
        full = true;
        break reading;
      }
      take(row);
    }
  }
  if (!full) {
    for (const row of parser.end()) {
      if (rowsThisPoll >= limits.rowsPerPoll) {
        full = true;
        break;
      }
      take(row);
    }
  }
  next.complete = !full;
  logger.info(
    {
      rows: rowsThisPoll,
      items: items.length,
      skipped: skipped.length,
      rowsDone: next.rowsDone,
      complete: next.complete,
    },
    next.complete ? 'import file read to the end' : 'import poll limit reached; continuing next poll',
  );
  return { status: 'ok', items, skipped, state: next, truncated: full };
}

/** What `sources add import` adds to its message: where the rows go and where to watch them. */
export function importAddedNote(sourceId: number): string {
  return (
    `The file is read by the collector (ryktesradar collector, or start), in batches of up to ${ROWS_PER_POLL} rows per ` +
    `poll; stored posts are analysed by the worker. Progress: ryktesradar sources list (bad rows, by line ` +
    `number, are in the collector's log and under "skipped" in: ryktesradar sources list --json, source ${sourceId}).`
  );
}
