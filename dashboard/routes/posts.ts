/**
 * The posts explorer: GET /posts (page) and GET /api/posts/search (JSON), the same filters and keyset pages.
 * Every view of a post list is audited with its filters (the free text included: it is the analyst's query, not a
 * post's content) and how many posts it showed.
 */
import { Router, type Request } from 'express';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { can, principalOf } from '../auth/principal.ts';
import { localeOf } from '../locale.ts';
import {
  parseQuery,
  postSearchQuerySchema,
  postsPageQuerySchema,
  withoutEmpty,
  type PostFilters,
} from '../params.ts';
import { postListPage, type PostListPage } from '../queries/post-list.ts';
import { renderPostsPage, type PostsPageModel } from '../views/posts.ts';
import { activePostHolds, heldPostIds, type LegalHold } from '../../core/db/legal-holds.ts';
import { countSamplePosts } from '../../core/db/posts.ts';

const PAGE_SIZE = 25;

async function auditView(
  deps: DashboardDeps,
  req: Request,
  filters: PostFilters,
  paged: boolean,
  page: PostListPage,
  hideRestricted: boolean,
): Promise<void> {
  await auditRequest(deps.db, req, 'view_posts', {
    ...filters,
    paged,
    returned: page.posts.length,
    restricted_hidden: hideRestricted,
  });
}

export function postsRoutes(deps: DashboardDeps): Router {
  const router = Router();

  router.get('/api/posts/search', async (req, res) => {
    const { limit, cursor, ...filters } = parseQuery(postSearchQuerySchema, req.query);
    const hideRestricted = !can(principalOf(req), 'see_restricted');
    const page = await postListPage(deps.db, await deps.modelVersion(), filters, {
      limit,
      cursor,
      hideRestricted,
    });
    await auditView(deps, req, filters, cursor !== undefined, page, hideRestricted);
    res.json(page);
  });

  router.get('/posts', async (req, res) => {
    const { filters, cursor } = parseQuery(postsPageQuerySchema, withoutEmpty(req.query));
    const principal = principalOf(req);
    const hideRestricted = !can(principal, 'see_restricted');
    const [page, themes, sources, samples] = await Promise.all([
      deps
        .modelVersion()
        .then((version) =>
          postListPage(deps.db, version, filters, { limit: PAGE_SIZE, cursor, hideRestricted }),
        ),
      deps.db
        .selectFrom('themes')
        .select(['id', 'label_sv', 'label_en', 'description_sv'])
        .orderBy('label_sv')
        .execute(),
      deps.db.selectFrom('sources').select(['id', 'name']).orderBy('name').execute(),
      countSamplePosts(deps.db),
    ]);
    await auditView(deps, req, filters, cursor !== undefined, page, hideRestricted);
    const locale = localeOf(req);
    const ids = page.posts.map((post) => post.id);
    let holds: PostsPageModel['holds'] = null;
    if (can(principal, 'hold')) {
      const [held, own] = await Promise.all([heldPostIds(deps.db, ids), activePostHolds(deps.db, ids)]);
      const byPost = new Map<number, LegalHold[]>();
      for (const hold of own)
        byPost.set(hold.post_id as number, [...(byPost.get(hold.post_id as number) ?? []), hold]);
      holds = { held: new Set(held), own: byPost };
    }
    res.type('html').send(
      renderPostsPage({
        locale,
        account:
          principal.kind === 'user'
            ? { name: principal.label, roles: principal.roles, csrfToken: principal.csrfToken }
            : null,
        path: req.originalUrl,
        filters,
        paged: cursor !== undefined,
        page,
        // A restricted theme is neither offered as a filter nor as a label to those who may not see its posts.
        themes: hideRestricted ? themes.filter((theme) => theme.id !== 'violence_threats') : themes,
        sources,
        canLabel: can(principal, 'label'),
        canExport: can(principal, 'export'),
        holds,
        translationService: deps.translator?.service ?? null,
        samplePosts: samples,
      }),
    );
  });
  return router;
}
