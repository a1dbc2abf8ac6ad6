/** `ryktesradar posts erase <id>`: erase one post (a data subject's request, or a mistake), audited. */
import type { Command } from 'commander';
import { appendAudit } from '../../core/db/audit-log.ts';
import { erasePost } from '../../core/erasure.ts';
import { openPrepared } from '../context.ts';
import { positiveId } from '../parse-args.ts';
import { actorLabel, caseReference } from '../privacy-args.ts';

async function erase(id: string, options: { actor?: string; case?: string }): Promise<void> {
  const postId = positiveId('<id>', id);
  const actor = actorLabel(options.actor);
  const caseRef = caseReference(options.case);
  const resources = await openPrepared();
  try {
    const done = await erasePost(resources.db, postId);
    await appendAudit(resources.db, {
      actorKind: 'cli',
      actorLabel: actor,
      action: 'post_erase',
      params: { post_id: postId, case: caseRef, ...done },
    });
    console.log(
      `Erased post ${postId} (${done.posts === 0 ? 'its text was already gone' : 'text, analysis and labels'}), ` +
        `${done.snapshots} snapshots showing only it; its identity stays so it is not collected again.` +
        (done.snapshotsShared.length > 0
          ? ` Snapshots ${done.snapshotsShared.join(', ')} also show other posts and were kept.`
          : ''),
    );
  } finally {
    await resources.close();
  }
}

export function registerPosts(program: Command): void {
  const posts = program.command('posts').description('stored posts');
  posts
    .command('erase')
    .argument('<id>', 'post id (as in the dashboard and exports)')
    .option('--actor <email>', 'who asks for it, for the audit log (default: your login)')
    .option('--case <reference>', 'case number (diarienummer) of the request')
    .description(
      'erase one post: text, analysis, labels and snapshots showing only it (not under a legal hold)',
    )
    .action(erase);
}
