/**
 * `ryktesradar subject find|export|erase|suppress|unsuppress <handle...>`: a data subject's request (den registrerades begäran) by
 * handle. The handle is pseudonymised with the same keyed HMAC as at collection, so it is never stored or logged;
 * find lists their posts, export writes what is stored about them as JSON (art. 15), erase deletes it (art. 17;
 * labels too, held posts left alone), suppress stops collecting their new posts (art. 21 objection) and
 * unsuppress lifts that. Every use is audited with the actor.
 */
import type { Command } from 'commander';
import { appendAudit } from '../../core/db/audit-log.ts';
import { heldPostIds } from '../../core/db/legal-holds.ts';
import { SOURCE_KINDS, type SourceKind } from '../../core/db/sources.ts';
import { findSubjectPosts, subjectPostsExport, type SubjectPost } from '../../core/db/subject-posts.ts';
import { suppressAuthors, unsuppressAuthors } from '../../core/db/suppressed-authors.ts';
import { eraseSubject } from '../../core/erasure.ts';
import { BadInputError } from '../../core/errors.ts';
import type { Resources } from '../../core/resources.ts';
import { configAndLogger, openPrepared } from '../context.ts';
import { outputFile, writeFileAtomically } from '../parse-args.ts';
import { actorLabel, caseReference, requireAuthorKey } from '../privacy-args.ts';

interface SubjectOptions {
  platform?: string;
  actor?: string;
  case?: string;
  json?: boolean;
  out?: string;
}

/** At most this many post ids go into one audit entry (the count is always there). */
const AUDIT_IDS = 1_000;

function platformOf(raw: string | undefined): SourceKind | undefined {
  if (raw === undefined) return undefined;
  const kind = SOURCE_KINDS.find((k) => k === raw.toLowerCase());
  if (!kind) throw new BadInputError('bad-platform', `--platform: one of ${SOURCE_KINDS.join(', ')}`);
  return kind;
}

/** Pseudonyms of the given handles (each normalised as the collectors do: no @, lower case). */
function pseudonymsOf(resources: Resources, handles: readonly string[]): string[] {
  const names = handles.map((h) => resources.pseudonymise(h)).filter((p): p is string => p !== null);
  if (names.length === 0) throw new BadInputError('bad-handle', 'give at least one non-empty handle');
  return [...new Set(names)];
}

async function withSubject(
  handles: string[],
  options: SubjectOptions,
  action: 'subject_find' | 'subject_export' | 'subject_erase' | 'subject_suppress' | 'subject_unsuppress',
  run: (ctx: {
    resources: Resources;
    posts: SubjectPost[];
    pseudonyms: string[];
    actor: string;
    caseReference: string | null;
  }) => Promise<Record<string, unknown>>,
): Promise<void> {
  const platform = platformOf(options.platform);
  const actor = actorLabel(options.actor, action !== 'subject_find' && action !== 'subject_export');
  const caseRef = caseReference(options.case);
  // A file that cannot be written is refused before the request is looked up (and audited).
  if (options.out !== undefined) outputFile('--out', options.out);
  requireAuthorKey(configAndLogger().config);
  const resources = await openPrepared();
  try {
    const pseudonyms = pseudonymsOf(resources, handles);
    const posts = await findSubjectPosts(resources.db, pseudonyms, platform);
    const outcome = await run({ resources, posts, pseudonyms, actor, caseReference: caseRef });
    // Handles and pseudonyms stay out of the log: the post ids say what the request touched.
    await appendAudit(resources.db, {
      actorKind: 'cli',
      actorLabel: actor,
      action,
      params: {
        handles: handles.length,
        platform: platform ?? null,
        case: caseRef,
        posts: posts.length,
        post_ids: posts.slice(0, AUDIT_IDS).map((p) => p.postId),
        ...outcome,
      },
    });
  } finally {
    await resources.close();
  }
}

async function find(handles: string[], options: SubjectOptions): Promise<void> {
  await withSubject(handles, options, 'subject_find', async ({ resources, posts }) => {
    const held = new Set(
      await heldPostIds(
        resources.db,
        posts.map((p) => p.postId),
      ),
    );
    for (const post of posts) {
      const line = {
        post_id: post.postId,
        published_at: post.publishedAt.toISOString(),
        source_id: post.sourceId,
        source_kind: post.sourceKind,
        sightings: post.sightings.length,
        stored: post.stored,
        forwarded_by_others: post.forwardedFromSubject,
        shared_with_others: post.sharedWithOthers,
        held: held.has(post.postId),
      };
      if (options.json) {
        console.log(JSON.stringify(line));
        continue;
      }
      console.log(
        [
          line.post_id,
          line.published_at,
          `source ${line.source_id} (${line.source_kind})`,
          `${line.sightings} sightings`,
          line.stored ? 'text stored' : 'text already removed',
          line.forwarded_by_others ? 'boosted or forwarded by someone else' : '',
          line.shared_with_others ? 'also posted by others' : '',
          line.held ? 'LEGAL HOLD' : '',
        ].join('\t'),
      );
    }
    if (!options.json)
      console.log(
        `${posts.length} posts found for ${handles.length === 1 ? 'this handle' : 'these handles'}.`,
      );
    return { held: held.size };
  });
}

async function exportPosts(handles: string[], options: SubjectOptions): Promise<void> {
  await withSubject(handles, options, 'subject_export', async ({ resources, posts, pseudonyms }) => {
    const stored = await subjectPostsExport(
      resources.db,
      posts.filter((p) => p.stored).map((p) => p.postId),
      pseudonyms,
    );
    const forwarded = new Set(posts.filter((p) => p.forwardedFromSubject).map((p) => p.postId));
    const document = {
      generated_at: new Date().toISOString(),
      platform: options.platform ?? null,
      case: options.case ?? null,
      note:
        'Posts collected by Ryktesradar under this handle, and posts of other accounts that boosted or forwarded ' +
        "this handle's posts (forwarded_by_others; the booster's details are left out). Authors are stored only " +
        'as a keyed pseudonym; posts whose text retention already removed are listed under sightings only.',
      posts: stored.map((post) => ({ ...post, forwarded_by_others: forwarded.has(post.id) })),
      sightings: posts.flatMap((p) =>
        p.sightings.map((s) => ({
          post_id: s.postId,
          source: { id: s.sourceId, name: s.sourceName, kind: s.sourceKind },
          external_id: s.externalId,
          url: s.url,
          published_at: s.publishedAt.toISOString(),
          seen_at: s.seenAt.toISOString(),
        })),
      ),
    };
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (options.out) {
      // Personal data: readable by the operator only, also when it replaces an existing file.
      writeFileAtomically(options.out, text, 0o600);
      console.error(
        `Wrote ${stored.length} posts (${document.sightings.length} sightings) to ${options.out}.`,
      );
    } else {
      process.stdout.write(text);
    }
    return { exported: stored.length, to: options.out ? 'file' : 'stdout' };
  });
}

async function erase(handles: string[], options: SubjectOptions): Promise<void> {
  await withSubject(handles, options, 'subject_erase', async ({ resources, posts, pseudonyms }) => {
    const done = await eraseSubject(resources.db, posts, pseudonyms);
    const summary = {
      erased_posts: done.posts,
      labels: done.labels,
      sightings_cleared: done.sightings_scrubbed + done.sightingsUnlinked,
      shared_posts: done.sharedPosts.length,
      held_posts: done.heldPosts,
      snapshots: done.snapshots,
      snapshots_shared: done.snapshotsShared,
      snapshots_held: done.snapshotsHeld,
    };
    if (options.json) console.log(JSON.stringify(summary));
    else {
      console.log(
        `Erased ${done.posts} posts (${done.labels} analyst labels with them) and ${done.snapshots} snapshots; ` +
          `cleared link and author from ${summary.sightings_cleared} sightings` +
          (done.sharedPosts.length > 0
            ? `; ${done.sharedPosts.length} posts also posted by others keep their text without this author`
            : '') +
          '.',
      );
      if (done.heldPosts.length > 0)
        console.log(`Kept under a legal hold: posts ${done.heldPosts.join(', ')} (see holds list).`);
      if (done.snapshotsShared.length > 0)
        console.log(
          `Kept: snapshots ${done.snapshotsShared.join(', ')} also show other people's posts; review them ` +
            '(snapshots get) and delete by hand if the request covers them.',
        );
    }
    return summary;
  });
}

async function suppress(handles: string[], options: SubjectOptions): Promise<void> {
  await withSubject(handles, options, 'subject_suppress', async (ctx) => {
    const { resources, posts, pseudonyms } = ctx;
    const added = await suppressAuthors(resources.db, pseudonyms, {
      createdBy: ctx.actor,
      caseReference: ctx.caseReference,
    });
    const stored = posts.filter((p) => p.stored).length;
    if (options.json)
      console.log(JSON.stringify({ handles: pseudonyms.length, added, stored_posts: stored }));
    else
      console.log(
        `New posts under ${pseudonyms.length === 1 ? 'this handle' : `these ${pseudonyms.length} handles`} ` +
          `will not be collected (${added} newly suppressed). ${stored} posts stored before stay until ` +
          'retention; erase them with: subject erase.',
      );
    return { added, stored_posts: stored };
  });
}

async function unsuppress(handles: string[], options: SubjectOptions): Promise<void> {
  await withSubject(handles, options, 'subject_unsuppress', async ({ resources, pseudonyms }) => {
    const removed = await unsuppressAuthors(resources.db, pseudonyms);
    if (options.json) console.log(JSON.stringify({ handles: pseudonyms.length, removed }));
    else console.log(`${removed} suppressed handles lifted: their new posts are collected again.`);
    return { removed };
  });
}

export function registerSubject(program: Command): void {
  const subject = program
    .command('subject')
    .description(
      "a data subject's request by handle: find, export (art. 15), erase (art. 17) their posts, or stop " +
        'collecting new ones (art. 21)',
    );
  const common = (command: Command) =>
    command
      .argument(
        '<handle...>',
        'the handle(s) as the platform shows them (with or without @; give every form)',
      )
      .option('--platform <kind>', `only sources of this kind: ${SOURCE_KINDS.join(', ')}`)
      .option('--case <reference>', 'the request’s case number (diarienummer), for the audit log');
  common(subject.command('find'))
    .option('--actor <email>', 'who handles the request (default: your login)')
    .option('--json', 'one JSON object per line')
    .description('list the posts stored under these handles')
    .action(find);
  common(subject.command('export'))
    .option('--actor <email>', 'who handles the request (default: your login)')
    .option('--out <file>', 'write the JSON here (mode 0600) instead of stdout')
    .description('write what is stored about these posts as JSON')
    .action(exportPosts);
  // Commands that change what is stored or collected: the actor is required, the summary can be JSON.
  const changing = (name: string) =>
    common(subject.command(name))
      .requiredOption('--actor <email>', 'who handles the request (required)')
      .option('--json', 'the summary as JSON');
  changing('erase')
    .description(
      'erase these posts (text, analysis, analyst labels, snapshots showing only them); holds stay',
    )
    .action(erase);
  changing('suppress')
    .description('stop collecting new posts by these handles (the pseudonym is kept, never the handle)')
    .action(suppress);
  changing('unsuppress').description('collect new posts by these handles again').action(unsuppress);
}
