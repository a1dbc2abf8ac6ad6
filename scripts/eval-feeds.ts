/**
 * Feed robustness evaluation: every file of ../shared/eval/feeds (feedparser's test corpus, read in place) through
 * the rss collector's decodeBody + parseFeed, served with the file's `Header: Content-type:` as the content type.
 * Prints per folder how many yield posts, parse with 0 items, are rejected (by reason) or crash, per-file times,
 * files/s and peak memory. Files run one at a time in a worker thread; one that takes longer than `--timeout-ms`
 * (default 5,000) is counted as a hang and its worker replaced, so a hang cannot stall the run.
 * Run: `npm run eval:feeds [-- --dir PATH] [-- --timeout-ms N] [-- --list N]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { BadInputError } from '../core/errors.ts';
import { itemsToPosts } from '../collectors/to-posts.ts';
import { decodeBody } from '../collectors/rss/decode-body.ts';
import {
  compareWithExpect,
  FEED_CORPUS_DIR,
  hasItemElement,
  isParsed,
  knownDifference,
  listCorpusFiles,
  parseCorpusFile,
  readCorpusMeta,
} from '../collectors/rss/feed-corpus.ts';

const SLOW_MS = 1_000;

type Status = 'items' | 'empty' | 'rejected' | 'crash' | 'hang';

interface FileReport {
  file: string;
  status: Status;
  ms: number;
  items: number;
  /** Items that make a post (itemsToPosts keeps those with text or a title). */
  posts: number;
  media: number;
  /** `reason: message` with digits as N, for rejections and crashes. */
  reason: string | null;
  /** The file has an `<item>`/`<entry>` element. */
  hasItems: boolean;
  /** '' agreed with the Expect line, a message when not, null when not compared. */
  expect: string | null;
  heapUsed: number;
}

interface WorkerConfig {
  dir: string;
}

/** One file, read and parsed inside the worker; only the parse itself is timed. */
async function runFile(dir: string, file: string): Promise<FileReport> {
  const bytes = new Uint8Array(readFileSync(path.join(dir, file)));
  const { header, expect } = readCorpusMeta(bytes);
  const started = performance.now();
  const result = await parseCorpusFile(bytes, header);
  const ms = performance.now() - started;
  const report: FileReport = {
    file,
    status: 'crash',
    ms,
    items: 0,
    posts: 0,
    media: 0,
    reason: null,
    hasItems: hasItemElement(decodeBody(bytes, header)),
    expect: null,
    heapUsed: v8.getHeapStatistics().used_heap_size,
  };
  if (isParsed(result)) {
    const { posts } = itemsToPosts(result.items, { pseudonymise: () => null, collectedAt: new Date() });
    report.items = result.items.length;
    report.posts = posts.length;
    report.media = result.items.reduce((sum, item) => sum + (item.media?.length ?? 0), 0);
    report.status = result.items.length > 0 ? 'items' : 'empty';
    report.expect = compareWithExpect(file, expect, result);
  } else if (result instanceof BadInputError) {
    report.status = 'rejected';
    report.reason = `${result.reason}: ${result.message.replace(/\d+/g, 'N')}`;
  } else {
    const error = result.crash;
    report.reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return report;
}

function workerMain(): void {
  const { dir } = workerData as WorkerConfig;
  parentPort?.on('message', (file: string) => {
    void runFile(dir, file).then(
      (report) => parentPort?.postMessage(report),
      (error: unknown) => parentPort?.postMessage({ error: String(error), file }),
    );
  });
}

/** A worker that runs this file under tsx (worker threads do not inherit tsx's loader on Node 20). */
function startWorker(dir: string): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  return new Worker(boot, { eval: true, workerData: { dir } satisfies WorkerConfig });
}

/** Runs the files one at a time; a file not answered within `timeoutMs` becomes a hang and the worker is replaced. */
async function runAll(dir: string, files: string[], timeoutMs: number): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  let worker = startWorker(dir);
  for (const file of files) {
    const started = performance.now();
    const current = worker;
    const report = await new Promise<FileReport>((resolve) => {
      const finish = (value: FileReport) => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
        resolve(value);
      };
      const failed = (status: Status, reason: string): FileReport => ({
        file,
        status,
        ms: performance.now() - started,
        items: 0,
        posts: 0,
        media: 0,
        reason,
        hasItems: false,
        expect: null,
        heapUsed: 0,
      });
      const onMessage = (message: FileReport | { error: string }) =>
        finish('error' in message ? failed('crash', message.error) : message);
      const onError = (error: Error) => {
        worker = startWorker(dir);
        finish(failed('crash', `worker died: ${error.message}`));
      };
      const timer = setTimeout(() => {
        void current.terminate();
        worker = startWorker(dir);
        finish(failed('hang', `no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      current.on('message', onMessage);
      current.once('error', onError);
      current.postMessage(file);
    });
    reports.push(report);
  }
  await worker.terminate();
  return reports;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const count = (reports: FileReport[], status: Status) => reports.filter((r) => r.status === status).length;

function printFolder(name: string, reports: FileReport[]): void {
  const times = reports.map((r) => r.ms).sort((a, b) => a - b);
  const compared = reports.filter((r) => r.expect !== null);
  console.log(
    `${name.padEnd(12)}${[
      reports.length,
      count(reports, 'items'),
      count(reports, 'empty'),
      count(reports, 'rejected'),
      count(reports, 'crash'),
      count(reports, 'hang'),
      reports.filter((r) => r.ms > SLOW_MS).length,
      reports.reduce((sum, r) => sum + r.posts, 0),
      reports.reduce((sum, r) => sum + r.media, 0),
      `${compared.filter((r) => r.expect === '').length}/${compared.length}`,
      percentile(times, 50).toFixed(2),
      percentile(times, 99).toFixed(2),
    ]
      .map((cell) => String(cell).padStart(10))
      .join('')}`,
  );
}

function printList(title: string, lines: string[], limit: number): void {
  if (lines.length === 0) return;
  console.log(`\n${title} (${lines.length}${lines.length > limit ? `, first ${limit}` : ''}):`);
  for (const line of lines.slice(0, limit)) console.log(`  ${line}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      'timeout-ms': { type: 'string', default: '5000' },
      list: { type: 'string', default: '30' },
    },
  });
  const dir = values.dir ? path.resolve(values.dir) : FEED_CORPUS_DIR;
  if (!existsSync(dir)) {
    throw new Error(
      `feed corpus not found at ${dir}: expected ../shared/eval/feeds beside the repository (see its README.md), or pass --dir`,
    );
  }
  const timeoutMs = Number(values['timeout-ms']);
  const limit = Number(values.list);
  if (!(timeoutMs > 0) || !(limit >= 0)) throw new Error('--timeout-ms and --list take positive numbers');
  const files = listCorpusFiles(dir);

  const started = performance.now();
  const reports = await runAll(dir, files, timeoutMs);
  const totalS = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();

  console.log(`feed corpus eval: ${files.length} files from ${dir}, one at a time in a worker thread\n`);
  console.log(
    `${'folder'.padEnd(12)}${['files', '≥1 item', '0 items', 'rejected', 'crashes', 'hangs', '>1s', 'posts', 'media', 'expect ok', 'p50 ms', 'p99 ms'].map((h) => h.padStart(10)).join('')}`,
  );
  const folders = [...new Set(reports.map((r) => r.file.split('/')[0] ?? ''))].sort();
  for (const folder of folders)
    printFolder(
      folder,
      reports.filter((r) => r.file.startsWith(`${folder}/`)),
    );
  printFolder('all', reports);

  const byReason = new Map<string, number>();
  for (const r of reports.filter((x) => x.status === 'rejected'))
    byReason.set(r.reason ?? '', (byReason.get(r.reason ?? '') ?? 0) + 1);
  console.log('\nrejected, by reason:');
  for (const [reason, n] of [...byReason].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(n).padStart(4)}  ${reason}`);

  printList(
    'crashes and hangs',
    reports.filter((r) => r.status === 'crash' || r.status === 'hang').map((r) => `${r.file}: ${r.reason}`),
    limit,
  );
  const itemsUnread = reports.filter(
    (r) => r.file.startsWith('wellformed/') && r.hasItems && r.status !== 'items',
  );
  const unread = itemsUnread.filter((r) => !knownDifference(r.file));
  console.log(
    `\nwell-formed files with an <item>/<entry> that yield no item: ${itemsUnread.length}, ` +
      `of which ${itemsUnread.length - unread.length} are known differences (collectors/rss/feed-corpus.ts):`,
  );
  const known = new Map<string, number>();
  for (const r of itemsUnread) {
    const reason = knownDifference(r.file);
    if (reason) known.set(reason, (known.get(reason) ?? 0) + 1);
  }
  for (const [reason, n] of known) console.log(`  ${String(n).padStart(4)}  ${reason}`);
  printList(
    'well-formed files with an <item>/<entry> that yield no item, not known differences',
    unread.map((r) => `${r.file}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`),
    limit,
  );
  printList(
    'Expect lines we disagree with (titles/texts; known differences excluded)',
    reports.filter((r) => r.expect).map((r) => r.expect ?? ''),
    limit,
  );

  const times = reports.map((r) => r.ms).sort((a, b) => a - b);
  const slowest = reports.reduce((a, b) => (b.ms > a.ms ? b : a));
  const peakHeap = Math.max(...reports.map((r) => r.heapUsed));
  console.log(
    `\nslowest ${slowest.file} ${slowest.ms.toFixed(1)} ms; total ${totalS.toFixed(1)} s ` +
      `(${(files.length / totalS).toFixed(0)} files/s, parse time only ${(times.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s); ` +
      `peak RSS ${mb(usage.maxRSS * 1024)} MB (process), peak worker heap used ${mb(peakHeap)} MB`,
  );
  console.log(
    [
      `files=${files.length}`,
      `with_items=${count(reports, 'items')}`,
      `posts=${reports.reduce((sum, r) => sum + r.posts, 0)}`,
      `media=${reports.reduce((sum, r) => sum + r.media, 0)}`,
      `zero_items=${count(reports, 'empty')}`,
      `rejected=${count(reports, 'rejected')}`,
      `crashes=${count(reports, 'crash')}`,
      `hangs=${count(reports, 'hang')}`,
      `over_1s=${reports.filter((r) => r.ms > SLOW_MS).length}`,
      `wellformed_items_unread=${unread.length}`,
      `expect_mismatches=${reports.filter((r) => r.expect).length}`,
      `p50_ms=${percentile(times, 50).toFixed(2)}`,
      `p99_ms=${percentile(times, 99).toFixed(2)}`,
      `max_ms=${slowest.ms.toFixed(1)}`,
      `files_per_s=${(files.length / totalS).toFixed(0)}`,
      `peak_rss_mb=${mb(usage.maxRSS * 1024)}`,
      `peak_heap_mb=${mb(peakHeap)}`,
    ].join(' '),
  );
  if (count(reports, 'crash') + count(reports, 'hang') > 0) process.exitCode = 1;
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
} else {
  workerMain();
}
