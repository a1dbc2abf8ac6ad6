/** `ryktesradar snapshots list|get`: the evidence snapshots of web pages (PNG + HTML), listed or written to files. */
import type { Command } from 'commander';
import { createDb } from '../../core/db/client.ts';
import { getSnapshot, listSnapshots, sha256Hex, snapshotPostIds } from '../../core/db/snapshots.ts';
import { BadInputError } from '../../core/errors.ts';
import { configAndLogger } from '../context.ts';
import { outputFile, positiveId, wholeNumber, writeFileAtomically } from '../parse-args.ts';
import { prepareDatabase } from '../prepare-database.ts';

async function withDb<T>(run: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const { config, logger } = configAndLogger();
  const db = createDb(config.db.url, { logger, maxConnections: 2 });
  try {
    await prepareDatabase(config.db.url, db);
    return await run(db);
  } finally {
    await db.destroy();
  }
}

async function list(options: { source?: string; limit: string; json?: boolean }): Promise<void> {
  const sourceId = options.source === undefined ? undefined : positiveId('--source', options.source);
  const limit = wholeNumber('--limit', options.limit, 1, 10_000);
  const rows = await withDb((db) => listSnapshots(db, { sourceId, limit }));
  for (const row of rows) {
    if (options.json) {
      console.log(JSON.stringify(row));
      continue;
    }
    console.log(
      `${row.id}\tsource ${row.source_id}\t${row.taken_at.toISOString()}\t${row.posts} posts\t` +
        `png ${row.png_bytes} B sha256 ${row.png_sha256}\t` +
        `html ${row.html_bytes} B${row.html_truncated ? ' (truncated)' : ''} sha256 ${row.html_sha256}\t${row.page_url}`,
    );
  }
  if (rows.length === 0 && !options.json) console.log('No snapshots.');
}

async function get(id: string, options: { png?: string; html?: string }): Promise<void> {
  const snapshotId = positiveId('<id>', id);
  if (!options.png && !options.html)
    throw new BadInputError('bad-option', 'say where to write it: --png <file> and/or --html <file>');
  if (options.png) outputFile('--png', options.png);
  if (options.html) outputFile('--html', options.html);
  await withDb(async (db) => {
    const row = await getSnapshot(db, snapshotId);
    if (!row) throw new BadInputError('not-found', `no snapshot ${snapshotId}`);
    // Checked on the way out too: what an analyst hands on should be what was stored.
    if (sha256Hex(row.png) !== row.png_sha256 || sha256Hex(row.html) !== row.html_sha256)
      throw new BadInputError('corrupt', `snapshot ${snapshotId} no longer matches its sha256`);
    // The HTML is the page's own markup: written to a file for reading, never opened or served by us. Both hold
    // personal data: readable by the operator only, even when they replace a file.
    if (options.png) writeFileAtomically(options.png, row.png);
    if (options.html) writeFileAtomically(options.html, row.html);
    const posts = await snapshotPostIds(db, snapshotId);
    console.log(
      `Snapshot ${row.id} of ${row.page_url}, taken ${row.taken_at.toISOString()}, ${posts.length} posts ` +
        `(ids ${posts.join(', ') || '-'}); png sha256 ${row.png_sha256}, html sha256 ${row.html_sha256}` +
        `${row.html_truncated ? ' (HTML truncated)' : ''}.`,
    );
  });
}

export function registerSnapshots(program: Command): void {
  const snapshots = program
    .command('snapshots')
    .description('evidence snapshots of web pages (screenshot and HTML); they hold personal data');
  snapshots
    .command('list')
    .option('--source <id>', 'only this source')
    .option('--limit <n>', 'how many, newest first (1 to 10000)', '100')
    .option('--json', 'one JSON object per line')
    .description('list snapshots with their hashes and sizes')
    .action(list);
  snapshots
    .command('get')
    .argument('<id>', 'snapshot id (see snapshots list)')
    .option('--png <file>', 'write the screenshot here (mode 0600)')
    .option('--html <file>', 'write the HTML here (mode 0600)')
    .description('write a snapshot to files (checked against its sha256 first)')
    .action(get);
}
