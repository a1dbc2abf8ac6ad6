/** `ryktesradar audit [--since] [--limit] [--json]`: who logged in, saw post lists, labelled, changed accounts. */
import type { Command } from 'commander';
import { readAudit } from '../../core/db/audit-log.ts';
import { BadInputError } from '../../core/errors.ts';
import { openPrepared } from '../context.ts';
import { wholeNumber } from '../parse-args.ts';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

const SINCE_HINT = '--since: expected 30m, 24h, 7d or an ISO date such as 2026-11-01';

/** `24h`, `7d`, `30m`, or an ISO date/time (a real calendar day: 2026-02-30 is an error, not 2 March). */
export function parseSince(raw: string, now = Date.now()): Date {
  const relative = /^(\d{1,5})([mhd])$/.exec(raw);
  if (relative) return new Date(now - Number(relative[1]) * (UNITS[relative[2] ?? 'h'] ?? 0));
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.exec(raw);
  if (!iso) throw new BadInputError('bad-since', SINCE_HINT);
  // Date rolls 2026-02-30 over into March: check the day against the calendar first.
  const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day
  )
    throw new BadInputError('bad-since', `--since: ${raw.slice(0, 10)} is not a calendar date`);
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new BadInputError('bad-since', SINCE_HINT);
  return date;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('read the audit log, newest first')
    .option('--since <when>', '30m, 24h, 7d or an ISO date', '24h')
    .option('--limit <n>', 'at most this many entries (1 to 100000)', '200')
    .option('--json', 'one JSON object per line')
    .action(async (options: { since: string; limit: string; json?: boolean }) => {
      const since = parseSince(options.since);
      const limit = wholeNumber('--limit', options.limit, 1, 100_000);
      const resources = await openPrepared();
      try {
        const entries = await readAudit(resources.db, { since, limit });
        for (const entry of entries) {
          if (options.json) {
            console.log(JSON.stringify(entry));
            continue;
          }
          console.log(
            [
              entry.at.toISOString(),
              entry.outcome,
              entry.action,
              `${entry.actor_kind}:${entry.actor_label ?? '-'}`,
              entry.route ?? '-',
              entry.ip ?? '-',
              JSON.stringify(entry.params),
            ].join('\t'),
          );
        }
        if (!options.json && entries.length === 0)
          console.log(`No audit entries since ${since.toISOString()}.`);
      } finally {
        await resources.close();
      }
    });
}
