/**
 * `ryktesradar sources add|list|preview|pause|resume|delete`: register sources, see their health, try one without
 * storing, delete one with the personal data it brought.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { analyseText } from '../../classifier/analyse.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { parseAllowlist } from '../../core/net/address-guard.ts';
import { collectedKinds, kindModule } from '../../collectors/kinds.ts';
import { previewSource } from '../../collectors/preview.ts';
import { importAddedNote } from '../../collectors/import/import.kind.ts';
import { decodeBody } from '../../collectors/rss/decode-body.ts';
import { parseFeed } from '../../collectors/rss/parse-feed.ts';
import type { CollectedItem } from '../../collectors/source-kind.ts';
import { loadConfig } from '../../core/config.ts';
import { textForAnalysis } from '../../core/content.ts';
import { listSources, pauseSource, resumeSource, upsertSource } from '../../core/db/sources.ts';
import { BadInputError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { scheduleSource, unscheduleSource } from '../../core/queues/collect-source.ts';
import { healthLine } from '../../core/source-health.ts';
import { sourceIntervals, type IntervalInput } from '../../core/source-intervals.ts';
import { appendAudit } from '../../core/db/audit-log.ts';
import { deleteSource } from '../../core/erasure.ts';
import { toClassifyLine } from '../classify-output.ts';
import { configAndLogger, openPrepared } from '../context.ts';
import { positiveId, wholeNumber } from '../parse-args.ts';
import { actorLabel } from '../privacy-args.ts';
import { checkSourceAddress } from '../../core/net/source-address.ts';

const MAX_REASON_LENGTH = 1_000;

/** `-o key=value`, repeatable, collected into one record; a key given twice is an error. */
function collectOption(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new BadInputError('bad-option', `-o ${value}: expected key=value`);
  const key = value.slice(0, at).trim();
  if (key in previous) throw new BadInputError('bad-option', `-o ${key} given twice`);
  return { ...previous, [key]: value.slice(at + 1) };
}

async function add(
  kind: string,
  target: string,
  options: IntervalInput & { name?: string; option?: Record<string, string> },
): Promise<void> {
  const module = kindModule(kind);
  const registration = module.register(target, options.option ?? {});
  // Everything the command line alone can refuse is refused before Redis or Postgres is touched.
  const { collector } = configAndLogger().config;
  checkSourceAddress(registration.url, parseAllowlist(collector.fetchAllowlist));
  const intervals = sourceIntervals(options, {
    poll: collector.pollIntervalSeconds,
    min: collector.minIntervalSeconds,
    max: collector.maxIntervalSeconds,
  });
  // Scheduling needs Redis: make sure it answers before the source is stored, so a source is never left active
  // with no scheduler (a collector's start-up reconciliation is the backstop if Redis goes away in between).
  const resources = await openPrepared({ redis: 'required' });
  try {
    const { source, created } = await upsertSource(resources.db, {
      kind: module.kind,
      name: options.name?.trim() || registration.name,
      url: registration.url,
      config: registration.config,
      ...intervals,
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
        `${s.id}\t${s.kind}\t${s.status}\t${s.name}\t${s.url}\tevery ${s.poll_interval_seconds}s\tlast ${last}\t${healthLine(s)}`,
      );
    }
  } finally {
    await resources.close();
  }
}

async function setPaused(id: string, paused: boolean, reason?: string): Promise<void> {
  const sourceId = positiveId('<id>', id);
  const why = reason?.trim() || 'paused by an operator';
  if (why.length > MAX_REASON_LENGTH)
    throw new BadInputError('bad-reason', `--reason: at most ${MAX_REASON_LENGTH} characters`);
  const resources = await openPrepared({ redis: 'required' });
  try {
    if (paused) {
      if (!(await pauseSource(resources.db, sourceId, why)))
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
  const { title, items, skipped } = await previewSource(
    { kind, target, options },
    config.collector,
    createLogger('warn'),
  );
  for (const item of skipped) console.error(`skipped ${item.externalId}: ${item.reason}`);
  return { title, items };
}

async function preview(
  target: string,
  options: { json?: boolean; limit: string; kind: string; option?: Record<string, string> },
): Promise<void> {
  const limit = wholeNumber('--limit', options.limit, 1, 1_000);
  const { title, items } = await previewItems(target, options.kind, options.option ?? {});
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

async function remove(id: string, options: { yes?: boolean; actor?: string }): Promise<void> {
  const sourceId = positiveId('<id>', id);
  if (!options.yes)
    throw new BadInputError(
      'confirm',
      `this deletes source ${sourceId} with every post only it saw, its sightings and snapshots; ` +
        'run again with --yes to go ahead',
    );
  const actor = actorLabel(options.actor);
  // The scheduler goes with the source: Redis must answer before anything is deleted.
  const resources = await openPrepared({ redis: 'required' });
  try {
    const done = await deleteSource(resources.db, sourceId);
    await unscheduleSource(resources.queues.collect, sourceId);
    await appendAudit(resources.db, {
      actorKind: 'cli',
      actorLabel: actor,
      action: 'source_delete',
      params: { source_id: sourceId, ...done },
    });
    console.log(
      `Deleted source ${sourceId}: ${done.posts} posts and ${done.identities} post identities, ` +
        `${done.sightings} sightings and ${done.snapshots} snapshots; ${done.handedOver} posts also seen ` +
        'elsewhere were kept under their other source. Trend aggregates (rollups) stay.',
    );
  } finally {
    await resources.close();
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
    .command('delete')
    .argument('<id>', 'source id (see sources list)')
    .option('--yes', 'confirm: delete it with its posts, sightings and snapshots')
    .option('--actor <email>', 'who asks for it, for the audit log (default: your login)')
    .description('delete a source and the personal data it brought (refused under a legal hold)')
    .action(remove);
  sources
    .command('preview')
    .argument('<target>', 'what `sources add` would take (for rss also a local feed file)')
    .option('--kind <kind>', `source kind: ${kinds.map((k) => k.kind).join(', ')}`, 'rss')
    .option('-o, --option <key=value>', 'a kind-specific setting, repeatable', collectOption)
    .option('--json', 'JSON lines in the classify format, plus title, url and published')
    .option('--limit <n>', 'how many items to show, 1 to 1000', '20')
    .description('fetch and classify without storing anything (no database needed)')
    .action(preview);
}
