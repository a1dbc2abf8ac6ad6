/** `ryktesradar sources add|list|preview`: register feeds, see their health, try one without storing. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { analyseText } from '../../classifier/analyse.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { decodeBody } from '../../collectors/rss/decode-body.ts';
import { fetchFeed } from '../../collectors/rss/fetch-feed.ts';
import { parseFeed } from '../../collectors/rss/parse-feed.ts';
import { loadConfig } from '../../core/config.ts';
import { textForAnalysis } from '../../core/content.ts';
import { listSources, upsertSource } from '../../core/db/sources.ts';
import { BadInputError } from '../../core/errors.ts';
import { scheduleSource } from '../../core/queues/collect-source.ts';
import { toClassifyLine } from '../classify-output.ts';
import { openPrepared } from '../context.ts';

const feedUrl = z
  .url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL' })
  .max(2_000, 'URL longer than 2,000 characters');

function parseInterval(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > 7 * 24 * 3600) {
    throw new BadInputError('bad-interval', '--interval: expected whole seconds from 60 to 604800');
  }
  return seconds;
}

async function add(kind: string, url: string, options: { name?: string; interval?: string }): Promise<void> {
  if (kind !== 'rss') throw new BadInputError('bad-kind', `unknown source kind "${kind}" (supported: rss)`);
  const checked = feedUrl.safeParse(url);
  if (!checked.success)
    throw new BadInputError('bad-url', `${url}: ${checked.error.issues[0]?.message ?? 'bad URL'}`);
  const interval = options.interval ? parseInterval(options.interval) : undefined;
  const resources = await openPrepared();
  try {
    const { source, created } = await upsertSource(resources.db, {
      kind: 'rss',
      name: options.name?.trim() || new URL(checked.data).hostname,
      url: checked.data,
      pollIntervalSeconds: interval ?? resources.config.collector.pollIntervalSeconds,
    });
    await scheduleSource(resources.queues.collect, source.id, source.poll_interval_seconds);
    console.log(
      `${created ? 'Registered' : 'Already registered'} source ${source.id} "${source.name}" (${source.url}); ` +
        `polled now by a running collector, then every ${source.poll_interval_seconds} s.`,
    );
  } finally {
    await resources.close();
  }
}

async function list(options: { json?: boolean }): Promise<void> {
  const resources = await openPrepared();
  try {
    const sources = await listSources(resources.db);
    if (options.json) {
      for (const source of sources) console.log(JSON.stringify(source));
      return;
    }
    if (sources.length === 0)
      console.log('No sources yet. Add one with: npx ryktesradar sources add rss <url>');
    for (const s of sources) {
      const health =
        s.kind === 'sample'
          ? 'generated sample data, never polled'
          : s.last_error
            ? `FAILING x${s.consecutive_failures}: ${s.last_error}`
            : s.last_success_at
              ? `ok, ${s.items_last_poll ?? 0} new last poll`
              : 'not polled yet';
      const last = s.last_polled_at ? s.last_polled_at.toISOString() : '-';
      console.log(
        `${s.id}\t${s.kind}\t${s.status}\t${s.name}\t${s.url}\tevery ${s.poll_interval_seconds}s\tlast ${last}\t${health}`,
      );
    }
  } finally {
    await resources.close();
  }
}

async function preview(target: string, options: { json?: boolean; limit: string }): Promise<void> {
  const config = loadConfig();
  let bytes: Uint8Array;
  let contentType: string | null = null;
  if (fs.existsSync(target) && fs.statSync(target).isFile()) {
    if (fs.statSync(target).size > config.collector.maxBytes) {
      throw new BadInputError('too-large', `${target} is larger than ${config.collector.maxBytes} bytes`);
    }
    bytes = fs.readFileSync(target);
  } else {
    const checked = feedUrl.safeParse(target);
    if (!checked.success) throw new BadInputError('bad-url', `${target}: neither a file nor an http(s) URL`);
    const fetched = await fetchFeed(checked.data, {
      userAgent: config.collector.userAgent,
      timeoutMs: config.collector.timeoutMs,
      maxBytes: config.collector.maxBytes,
    });
    if (fetched.status !== 'ok')
      throw new BadInputError('not-modified', 'server answered 304 to an unconditional request');
    bytes = fetched.body;
    contentType = fetched.contentType;
  }
  const feed = await parseFeed(decodeBody(bytes, contentType));
  const limit = Math.max(1, Math.min(1_000, Number(options.limit) || 20));
  const classifier = shippedClassifier();
  if (!options.json)
    console.log(
      `${feed.title ?? '(untitled feed)'}: ${feed.items.length} items${feed.truncated ? ' (truncated)' : ''}`,
    );
  for (const item of feed.items.slice(0, limit)) {
    const line = toClassifyLine(item.externalId, analyseText(textForAnalysis(item), classifier));
    if (options.json) {
      console.log(JSON.stringify({ ...line, title: item.title, url: item.url, published: item.publishedAt }));
      continue;
    }
    const themes = [...line.themes, ...line.about.map((t) => `about:${t}`)].join(', ') || '-';
    console.log(
      `- [${line.lang} ${line.stance}] ${item.title ?? item.text.slice(0, 80)}\n    themes: ${themes}`,
    );
  }
}

export function registerSources(program: Command): void {
  const sources = program.command('sources').description('manage the sources that are collected');
  sources
    .command('add')
    .argument('<kind>', 'source kind: rss')
    .argument('<url>', 'feed URL (http or https)')
    .option('--name <name>', 'display name (default: the host name)')
    .option('--interval <seconds>', 'poll interval in seconds, 60 to 604800 (default: POLL_INTERVAL_SECONDS)')
    .description('register a source and schedule its polling')
    .action(add);
  sources
    .command('list')
    .option('--json', 'one JSON object per line')
    .description('list sources with their health')
    .action(list);
  sources
    .command('preview')
    .argument('<url-or-file>', 'a feed URL or a local feed file')
    .option('--json', 'JSON lines in the classify format, plus title, url and published')
    .option('--limit <n>', 'how many items to show', '20')
    .description('fetch and classify a feed without storing anything (no database needed)')
    .action(preview);
}
