/** GET /: the overview page, rendered on the server with every post text escaped. */
import { Router } from 'express';
import type { DashboardDeps } from '../app.ts';
import { auditRequest } from '../auth/audit.ts';
import { can, principalOf } from '../auth/principal.ts';
import { parseQuery, trendsQuerySchema } from '../params.ts';
import { latestPosts } from '../queries/latest-posts.ts';
import { renderOverview } from '../views/overview.ts';

export function pageRoutes(deps: DashboardDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const filters = parseQuery(trendsQuerySchema, req.query);
    const principal = principalOf(req);
    const hideRestricted = !can(principal, 'see_restricted');
    const [latest, samples, themes] = await Promise.all([
      latestPosts(
        deps.db,
        await deps.modelVersion(),
        {
          limit: 20,
          from: filters.from,
          to: filters.to,
          lang: filters.lang,
          theme: filters.theme,
        },
        { hideRestricted },
      ),
      deps.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('is_sample', '=', true)
        .executeTakeFirstOrThrow(),
      deps.db.selectFrom('themes').select(['id', 'label_sv']).execute(),
    ]);
    await auditRequest(deps.db, req, 'view_posts', {
      from: filters.from,
      to: filters.to,
      lang: filters.lang,
      theme: filters.theme,
      returned: latest.posts.length,
      restricted_hidden: hideRestricted,
    });
    res.type('html').send(
      renderOverview({
        filters: { from: filters.from, to: filters.to, interval: filters.interval, lang: filters.lang },
        latest,
        samplePosts: Number(samples.n),
        themeLabels: new Map(themes.map((theme) => [theme.id, theme.label_sv])),
        account:
          principal.kind === 'user'
            ? { name: principal.label, roles: principal.roles, csrfToken: principal.csrfToken }
            : null,
      }),
    );
  });
  return router;
}
