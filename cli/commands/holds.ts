/**
 * `ryktesradar holds add|list|release`: legal holds (rättsligt bevarande) that keep a post, or all of a source's
 * posts and snapshots, from retention and erasure, e.g. a threat reported to the police. Audited.
 */
import type { Command } from 'commander';
import { appendAudit } from '../../core/db/audit-log.ts';
import {
  addHold,
  listHolds,
  releaseHold,
  type HoldTarget,
  type LegalHold,
} from '../../core/db/legal-holds.ts';
import { BadInputError } from '../../core/errors.ts';
import { openPrepared } from '../context.ts';
import { positiveId } from '../parse-args.ts';
import { actorLabel, caseReference } from '../privacy-args.ts';

function holdLine(hold: LegalHold): string {
  return [
    hold.id,
    hold.post_id !== null ? `post ${hold.post_id}` : `source ${hold.source_id}`,
    hold.released_at ? `released ${hold.released_at.toISOString()} by ${hold.released_by}` : 'active',
    `since ${hold.created_at.toISOString()} by ${hold.created_by}`,
    hold.case_reference ? `case ${hold.case_reference}` : 'no case',
    hold.reason,
  ].join('\t');
}

async function add(options: {
  post?: string;
  source?: string;
  reason: string;
  case?: string;
  actor?: string;
}): Promise<void> {
  if ((options.post === undefined) === (options.source === undefined))
    throw new BadInputError('bad-option', 'give exactly one of --post <id> or --source <id>');
  const reason = options.reason.trim();
  if (reason.length < 1 || reason.length > 1_000)
    throw new BadInputError('bad-reason', '--reason: 1 to 1000 characters');
  const caseRef = caseReference(options.case);
  const target: HoldTarget =
    options.post !== undefined
      ? { postId: positiveId('--post', options.post) }
      : { sourceId: positiveId('--source', options.source ?? '') };
  const actor = actorLabel(options.actor);
  const resources = await openPrepared();
  try {
    const { db } = resources;
    const exists =
      'postId' in target
        ? await db
            .selectFrom('post_keys')
            .select('post_id')
            .where('post_id', '=', target.postId)
            .executeTakeFirst()
        : await db.selectFrom('sources').select('id').where('id', '=', target.sourceId).executeTakeFirst();
    if (!exists)
      throw new BadInputError(
        'not-found',
        'postId' in target ? `no post ${target.postId}` : `no source ${target.sourceId}`,
      );
    const hold = await addHold(db, { target, reason, caseReference: caseRef, createdBy: actor });
    await appendAudit(db, {
      actorKind: 'cli',
      actorLabel: actor,
      action: 'legal_hold_add',
      params: { hold_id: hold.id, post_id: hold.post_id, source_id: hold.source_id, case: caseRef },
    });
    console.log(
      `Hold ${hold.id} placed on ${'postId' in target ? `post ${target.postId}` : `source ${target.sourceId}`}: ` +
        'kept from retention and erasure until released with: holds release ' +
        `${hold.id}`,
    );
  } finally {
    await resources.close();
  }
}

async function list(options: { all?: boolean; json?: boolean }): Promise<void> {
  const resources = await openPrepared();
  try {
    const holds = await listHolds(resources.db, { includeReleased: options.all ?? false });
    for (const hold of holds) console.log(options.json ? JSON.stringify(hold) : holdLine(hold));
    if (holds.length === 0 && !options.json) console.log(options.all ? 'No holds.' : 'No active holds.');
  } finally {
    await resources.close();
  }
}

async function release(id: string, options: { actor?: string }): Promise<void> {
  const holdId = positiveId('<id>', id);
  const actor = actorLabel(options.actor);
  const resources = await openPrepared();
  try {
    const hold = await releaseHold(resources.db, holdId, actor);
    if (!hold) throw new BadInputError('not-found', `no active hold ${holdId}`);
    await appendAudit(resources.db, {
      actorKind: 'cli',
      actorLabel: actor,
      action: 'legal_hold_release',
      params: { hold_id: hold.id, post_id: hold.post_id, source_id: hold.source_id },
    });
    console.log(`Hold ${hold.id} released; retention treats what it kept like anything else from now on.`);
  } finally {
    await resources.close();
  }
}

export function registerHolds(program: Command): void {
  const holds = program
    .command('holds')
    .description('legal holds: keep a post or a source from retention and erasure (e.g. a police report)');
  holds
    .command('add')
    .option('--post <id>', 'hold this post (its id in the dashboard and exports)')
    .option('--source <id>', 'hold every post and snapshot of this source')
    .requiredOption('--reason <text>', 'why it must be kept')
    .option('--case <reference>', 'case or diary number (diarienummer), e.g. a police report')
    .option('--actor <email>', 'who places the hold (default: your login)')
    .description('place a legal hold')
    .action(add);
  holds
    .command('list')
    .option('--all', 'released holds too')
    .option('--json', 'one JSON object per line')
    .description('list active legal holds')
    .action(list);
  holds
    .command('release')
    .argument('<id>', 'hold id (see holds list)')
    .option('--actor <email>', 'who releases it (default: your login)')
    .description('release a legal hold')
    .action(release);
}
