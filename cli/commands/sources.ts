/** `ryktesradar sources add|list|preview|pause|resume`: register sources, see their health, try one without storing. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { analyseText } from '../../classifier/analyse.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { createHttpClient } from '../../collectors/http/client.ts';
import { collectedKinds, kindModule } from '../../collectors/kinds.ts';
import { importAddedNote } from '../../collectors/import/import.kind.ts';
import { decodeBody } from '../../collectors/rss/decode-body.ts';
import { parseFeed } from '../../collectors/rss/parse-feed.ts';
import type { CollectedItem } from '../../collectors/source-kind.ts';
import { createWebBrowser } from '../../collectors/web/web-browser.ts';
import { loadConfig } from '../../core/config.ts';
import { textForAnalysis } from '../../core/content.ts';
import { listSources, pauseSource, resumeSource, upsertSource, type Source } from '../../core/db/sources.ts';
import { BadInputError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { scheduleSource, unscheduleSource } from '../../core/queues/collect-source.ts';
import { toClassifyLine } from '../classify-output.ts';
import { openPrepared } from '../context.ts';

const MAX_INTERVAL = 7 * 24 * 3600;

function parseSeconds(flag: string, value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > MAX_INTERVAL) {
    throw new BadInputError('bad-interval', `${flag}: expected whole seconds from 60 to ${MAX_INTERVAL}`);
  }
  return seconds;
}

/** `-o key=value`, repeatable, collected into one record; a key given twice is an error. */
function collectOption(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new BadInputError('bad-option', `-o ${value}: expected key=value`);
  const key = value.slice(0, at).trim();
  if (key in previous) throw new BadInputError('bad-option', `-o ${key} given twice`);
  return { ...previous, [key]: value.slice(at + 1) };
}

interface IntervalFlags {
  interval?: string;
  minInterval?: string;
  maxInterval?: string;
}

/** Fixed interval when only --interval is given; otherwise adaptive between the bounds (defaults from config). */
function intervals(flags: IntervalFlags, defaults: { poll: number; min: number; max: number }) {
  const poll = flags.interval ? parseSeconds('--interval', flags.interval) : defaults.poll;
  const adaptive = !flags.interval || flags.minInterval || flags.maxInterval;
  const min = flags.minInterval
    ? parseSeconds('--min-interval', flags.minInterval)
    : adaptive
      ? defaults.min
      : poll;
  const max = flags.maxInterval
    ? parseSeconds('--max-interval', flags.maxInterval)
    : adaptive
      ? defaults.max
      : poll;
  if (min > max) throw new BadInputError('bad-interval', '--min-interval is larger than --max-interval');
  return {
    pollIntervalSeconds: Math.min(max, Math.max(min, poll)),
    minIntervalSeconds: min,
    maxIntervalSeconds: max,
  };
}

async function add(
  kind: string,
  target: string,
  options: IntervalFlags & { name?: string; option?: Record<string, string> },
): Promise<void> {
  const module = kindModule(kind);
  const registration = module.register(target, options.option ?? {});
  const resources = await openPrepared();
  try {
    const { collector } = resources.config;
    const { source, created } = await upsertSource(resources.db, {
      kind: module.kind,
      name: options.name?.trim() || registration.name,
      url: registration.url,
      config: registration.config,
      ...intervals(options, {
        poll: collector.pollIntervalSeconds,
        min: collector.minIntervalSeconds,
        max: collector.maxIntervalSeconds,
      }),
    });
    if (source.status === 'active')
      await scheduleSource(resources.queues.collect, source.id, source.poll_interval_seconds);
    const bounds =
      source.min_interval_seconds === source.max_interval_seconds
        ? `every ${source.poll_interval_seconds} s`
        : `every ${source.poll_interval_seconds} s (adaptive, ${source.min_interval_seconds}–${source.max_interval_seconds} s)`;
    console.log(
      `${created ? 'Registered' : 'Already registered'} ${source.kind} source ${source.id} "${source.name}" ` +
        `(${source.url}); ` +
        (source.status === 'active'
          ? `polled now by a running collector, then ${bounds}.`
          : `paused (${source.paused_reason ?? 'no reason given'}); resume it with: sources resume ${source.id}`),
    );
    if (module.kind === 'import' && source.status === 'active') console.log(importAddedNote(source.id));
  } finally {
    await resources.close();
  }
}

function health(s: Source): string {
  if (s.kind === 'sample') return 'generated sample data, never polled';
  if (s.status === 'paused') return `PAUSED: ${s.paused_reason ?? 'no reason given'}`;
  if (s.last_error && (!s.last_success_at || (s.last_error_at && s.last_error_at > s.last_success_at)))
    return `FAILING x${s.consecutive_failures}: ${s.last_error}`;
  if (s.last_success_at) return `ok, ${s.items_last_poll ?? 0} new last poll, ${s.total_items} in all`;
  return 'not polled yet';
}

async function list(options: { json?: boolean }): Promise<void> {
  const resources = await openPrepared();
  try {
    const sources = await listSources(resources.db);
    if (options.json) {
      // Settings can hold an API token: never printed.
      for (const { config: _config, ...source } of sources) console.log(JSON.stringify(source));
      return;
    }
    if (sources.length === 0)
      console.log('No sources yet. Add one with: npx ryktesradar sources add rss <url>');
    for (const s of sources) {
      const last = s.last_polled_at ? s.last_polled_at.toISOString() : '-';
      console.log(
        `${s.id}\t${s.kind}\t${s.status}\t${s.name}\t${s.url}\tevery ${s.poll_interval_seconds}s\tlast ${last}\t${health(s)}`,
      );
    }
  } finally {
    await resources.close();
  }
}

async function setPaused(id: string, paused: boolean, reason?: string): Promise<void> {
  const sourceId = Number(id);
  if (!Number.isSafeInteger(sourceId) || sourceId <= 0)
    throw new BadInputError('bad-id', `not a source id: ${id}`);
  const resources = await openPrepared();
  try {
    if (paused) {
      if (!(await pauseSource(resources.db, sourceId, reason?.trim() || 'paused by an operator')))
        throw new BadInputError('not-found', `no source ${sourceId}`);
      await unscheduleSource(resources.queues.collect, sourceId);
      console.log(`Paused source ${sourceId}.`);
    } else {
      const source = await resumeSource(resources.db, sourceId);
      if (!source) throw new BadInputError('not-found', `no source ${sourceId}`);
      await scheduleSource(resources.queues.collect, source.id, source.poll_interval_seconds);
      console.log(`Resumed source ${sourceId}; polled now by a running collector.`);
    }
  } finally {
    await resources.close();
  }
}

/** A source row for a poll that stores nothing (preview). */
function transientSource(kind: Source['kind'], url: string, name: string, config: Source['config']): Source {
  return {
    id: 0,
    kind,
    name,
    url,
    status: 'active',
    paused_reason: null,
    poll_interval_seconds: 0,
    min_interval_seconds: 0,
    max_interval_seconds: 0,
    config,
    state: {},
    etag: null,
    last_modified: null,
    last_polled_at: null,
    last_success_at: null,
    last_error: null,
    last_error_at: null,
    consecutive_failures: 0,
    items_last_poll: null,
    total_items: 0,
    created_at: new Date(),
  };
}

async function previewItems(
  target: string,
  kind: string,
  options: Record<string, string>,
): Promise<{ title: string; items: CollectedItem[] }> {
  const config = loadConfig();
  if (kind === 'rss' && fs.existsSync(target) && fs.statSync(target).isFile()) {
    if (fs.statSync(target).size > config.collector.maxBytes) {
      throw new BadInputError('too-large', `${target} is larger than ${config.collector.maxBytes} bytes`);
    }
    const feed = await parseFeed(decodeBody(fs.readFileSync(target), null));
    return {
      title: `${feed.title ?? '(untitled feed)'}${feed.truncated ? ' (truncated)' : ''}`,
      items: feed.items,
    };
  }
  const module = kindModule(kind);
  const registration = module.register(target, options);
  const http = createHttpClient({
    userAgent: config.collector.userAgent,
    timeoutMs: config.collector.timeoutMs,
    maxBytes: config.collector.maxBytes,
    // Same guard and manners as the collector; turns and robots.txt kept in this process (no Redis here).
    allowlist: config.collector.fetchAllowlist,
    hostMinDelayMs: config.collector.hostMinDelayMs,
  });
  const logger = createLogger('warn');
  // Launched only if the kind asks for it (web); the page goes through the same guard proxy as the collector's.
  const webBrowser = createWebBrowser({ ...config.collector, logger });
  const outcome = await module
    .collect({
      source: transientSource(module.kind, registration.url, registration.name, registration.config),
      config: registration.config,
      state: {},
      http,
      logger,
      signal: AbortSignal.timeout(config.collector.jobTimeoutMs),
      now: new Date(),
      browser: webBrowser.get,
    })
    .finally(() => webBrowser.close());
  if (outcome.status !== 'ok')
    throw new BadInputError('not-modified', 'server answered 304 to an unconditional request');
  for (const item of outcome.skipped) console.error(`skipped ${item.externalId}: ${item.reason}`);
  return { title: registration.name, items: outcome.items };
}

async function preview(
  target: string,
  options: { json?: boolean; limit: string; kind: string; option?: Record<string, string> },
): Promise<void> {
  const { title, items } = await previewItems(target, options.kind, options.option ?? {});
  const limit = Math.max(1, Math.min(1_000, Number(options.limit) || 20));
  const classifier = shippedClassifier();
  if (!options.json) console.log(`${title}: ${items.length} items`);
  for (const item of items.slice(0, limit)) {
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
  const kinds = [...collectedKinds.values()];
  const sources = program.command('sources').description('manage the sources that are collected');
  sources
    .command('add')
    .argument('<kind>', `source kind: ${kinds.map((k) => k.kind).join(', ')}`)
    .argument('<target>', 'what to collect (URL, channel, file; see below)')
    .option('--name <name>', 'display name (default: from the target)')
    .option('--interval <seconds>', 'poll interval in seconds, 60 to 604800 (fixed unless bounds are given)')
    .option('--min-interval <seconds>', 'adaptive polling floor (default: POLL_MIN_INTERVAL_SECONDS)')
    .option('--max-interval <seconds>', 'adaptive polling ceiling (default: POLL_MAX_INTERVAL_SECONDS)')
    .option('-o, --option <key=value>', 'a kind-specific setting, repeatable (see below)', collectOption)
    .description('register a source and schedule its polling')
    .addHelpText('after', `\nKinds:\n${kinds.map((k) => `  ${k.usage}`).join('\n')}`)
    .action(add);
  sources
    .command('list')
    .option('--json', 'one JSON object per line')
    .description('list sources with their health')
    .action(list);
  sources
    .command('pause')
    .argument('<id>', 'source id (see sources list)')
    .option('--reason <text>', 'shown beside the source')
    .description('stop polling a source')
    .action((id: string, options: { reason?: string }) => setPaused(id, true, options.reason));
  sources
    .command('resume')
    .argument('<id>', 'source id (see sources list)')
    .description('poll a paused source again (clears its failure count)')
    .action((id: string) => setPaused(id, false));
  sources
    .command('preview')
    .argument('<target>', 'what `sources add` would take (for rss also a local feed file)')
    .option('--kind <kind>', `source kind: ${kinds.map((k) => k.kind).join(', ')}`, 'rss')
    .option('-o, --option <key=value>', 'a kind-specific setting, repeatable', collectOption)
    .option('--json', 'JSON lines in the classify format, plus title, url and published')
    .option('--limit <n>', 'how many items to show', '20')
    .description('fetch and classify without storing anything (no database needed)')
    .action(preview);
}
