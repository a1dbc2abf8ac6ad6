/**
 * A boost's or forward's original author on real Postgres: the Mastodon fixture's boost is pseudonymised as the
 * handle a data subject gives (`name@server`), and suppressing that handle in `suppressed_authors` leaves the boost
 * out with its reason while the booster's own posts stay.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStatusPage } from '../../collectors/mastodon/parse-statuses.ts';
import { statusesToItems } from '../../collectors/mastodon/status-to-item.ts';
import {
  itemsToPosts,
  postPseudonyms,
  SUPPRESSED_FORWARDED,
  withoutSuppressed,
} from '../../collectors/to-posts.ts';
import { suppressAuthors, suppressedAmong } from '../../core/db/suppressed-authors.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

const statuses = parseStatusPage(
  fs.readFileSync(new URL('../fixtures/mastodon/account-statuses.json', import.meta.url)),
);

describe('forwarded-from authors', () => {
  let t: TestResources;
  beforeAll(async () => {
    t = await openTestResources();
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('suppressing the original author of a boost by handle leaves the boost out, with the reason', async () => {
    const { items } = statusesToItems(statuses.statuses, 'https://mastodon.example');
    const { posts } = itemsToPosts(items, {
      pseudonymise: t.resources.pseudonymise,
      collectedAt: new Date('2026-11-23T12:00:00Z'),
    });
    const boost = posts.find((p) => p.context?.forwardedFrom !== undefined);
    // The subject command pseudonymises what the person gives; it must be the stored value.
    const subject = t.resources.pseudonymise('@granskare@annan.example');
    expect(boost?.context?.forwardedFrom).toBe(subject);
    // The link names the account (as the README says); the context does not.
    expect(JSON.stringify(posts.map((p) => p.context))).not.toContain('granskare');

    await suppressAuthors(t.resources.db, [subject ?? ''], { createdBy: 'dpo@test', caseReference: 'DSR-1' });
    const suppressed = await suppressedAmong(t.resources.db, posts.flatMap(postPseudonyms));
    const kept = withoutSuppressed(posts, suppressed);
    expect(kept.skipped).toEqual([{ externalId: boost?.externalId, reason: SUPPRESSED_FORWARDED }]);
    expect(kept.posts).toHaveLength(posts.length - 1);
  });
});
