/**
 * The analysis pages, rendered on the server with every post text escaped: GET / (overview), /themes,
 * /themes/:id and /matrix. Pages that list posts (overview, theme page) audit the view like /api/posts.
 */
import { Router, type Request } from 'express';
import { municipalityName } from '../../classifier/places.ts';
import { latestAnsweredCells } from '../../core/db/answered-cells.ts';
import { anyPosts } from '../../core/db/posts.ts';
import { countSightings } from '../../core/db/post-sightings.ts';
import type { DashboardDeps } from '../app.ts';
import { analysisDb } from '../read-db.ts';
import { parsePageQuery, pageSearch } from '../analysis-params.ts';
import { auditRequest } from '../auth/audit.ts';
import { isRestrictedTheme } from '../../classifier/types.ts';
import { HttpError } from '../errors.ts';
import { themeIdSchema, todayInAnalystZone } from '../params.ts';
import { bucketSeries } from '../queries/bucket-series.ts';
import { cellCounts } from '../queries/cell-counts.ts';
import { previousPeriod } from '../queries/cut.ts';
import { latestPosts } from '../queries/latest-posts.ts';
import { marksOfCell, targetingMatrix } from '../queries/targeting-matrix.ts';
import { beforeAfterMarks, snapshotsOfPosts, themeClusters, themeSources } from '../queries/theme-detail.ts';
import type { ExampleExtras, ThemeInfo } from '../views/example-post.ts';
import { renderMatrix } from '../views/matrix.ts';
import { renderOverview } from '../views/overview.ts';
import { renderThemePage, renderThemesList } from '../views/themes.ts';
import { pageContext } from './page-context.ts';

const placeName = (code: string) => municipalityName(code) ?? code;

/** The themes a page may name: restricted ones (violence_threats) only for the security role. */
async function themeRows(deps: DashboardDeps, hideRestricted: boolean) {
  const rows = await deps.db
    .selectFrom('themes')
    .select(['id', 'label_sv', 'label_en', 'description_sv', 'description_en'])
    .orderBy('id')
    .execute();
  return hideRestricted ? rows.filter((row) => !isRestrictedTheme(row.id)) : rows;
}

function returnPath(req: Request): string {
  return req.originalUrl.split('#')[0] ?? '/';
}

export function pageRoutes(deps: DashboardDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parsePageQuery(req.query);
    const ctx = await pageContext(deps, req);
    const cut = { ...query, hideRestricted: ctx.hideRestricted };
    const previous = { ...cut, ...previousPeriod(query.from, query.to), interval: 'week' as const };
    const [themes, cells, langChart, stanceChart, stancePrevious, latest] = await Promise.all([
      themeRows(deps, ctx.hideRestricted),
      cellCounts(analysisDb(deps), ctx.modelVersion, cut, 'none'),
      bucketSeries(analysisDb(deps), ctx.modelVersion, cut, 'lang'),
      bucketSeries(analysisDb(deps), ctx.modelVersion, cut, 'stance'),
      bucketSeries(analysisDb(deps), ctx.modelVersion, previous, 'stance'),
      latestPosts(
        deps.db,
        ctx.modelVersion,
        { limit: 20, from: query.from, to: query.to, lang: query.lang, place: query.place },
        { hideRestricted: ctx.hideRestricted },
      ),
    ]);
    const stored = latest.posts.length > 0 || (await anyPosts(analysisDb(deps)));
    await auditRequest(deps.db, req, 'view_posts', {
      page: 'overview',
      from: query.from,
      to: query.to,
      lang: query.lang,
      place: query.place,
      returned: latest.posts.length,
      restricted_hidden: ctx.hideRestricted,
    });
    const total = (chart: typeof stanceChart, key: string) =>
      chart.series.find((s) => s.key === key)?.total ?? 0;
    const label = (id: string) => {
      const theme = themes.find((x) => x.id === id);
      return (ctx.locale === 'sv' ? theme?.label_sv : theme?.label_en) ?? id;
    };
    res.type('html').send(
      renderOverview({
        ...ctx,
        query,
        totals: {
          rumours: total(stanceChart, 'rumour'),
          rumoursPrevious: total(stancePrevious, 'rumour'),
          counters: total(stanceChart, 'counter'),
          countersPrevious: total(stancePrevious, 'counter'),
        },
        themes: cells
          .map((c) => ({ ...c, label: label(c.theme) }))
          .sort((a, b) => b.rumours - a.rumours || a.theme.localeCompare(b.theme)),
        langChart,
        stanceChart,
        latest,
        anyPosts: stored,
        themeInfo: new Map<string, ThemeInfo>(themes.map((x) => [x.id, x])),
      }),
    );
  });

  router.get('/themes', async (req, res) => {
    const query = parsePageQuery(req.query);
    const ctx = await pageContext(deps, req);
    const [themes, cells] = await Promise.all([
      themeRows(deps, ctx.hideRestricted),
      cellCounts(
        analysisDb(deps),
        ctx.modelVersion,
        { ...query, hideRestricted: ctx.hideRestricted },
        'none',
      ),
    ]);
    const en = ctx.locale === 'en';
    res.type('html').send(
      renderThemesList({
        ...ctx,
        query,
        themes: themes
          .map((theme) => ({
            id: theme.id,
            label: en ? theme.label_en : theme.label_sv,
            description: en ? theme.description_en : theme.description_sv,
            counts: cells.find((c) => c.theme === theme.id),
          }))
          .sort((a, b) => (b.counts?.rumours ?? 0) - (a.counts?.rumours ?? 0) || a.id.localeCompare(b.id)),
      }),
    );
  });

  router.get('/themes/:id', async (req, res) => {
    const id = themeIdSchema.safeParse(req.params['id']);
    const query = parsePageQuery(req.query);
    const ctx = await pageContext(deps, req);
    const themes = await themeRows(deps, ctx.hideRestricted);
    const theme = themes.find((x) => x.id === (id.success ? id.data : ''));
    if (!theme) throw new HttpError(404, 'not_found', 'no such theme');
    const cut = { ...query, hideRestricted: ctx.hideRestricted };
    const mv = ctx.modelVersion;
    const [trend, languages, places, sources, clusters, examples, marks] = await Promise.all([
      bucketSeries(analysisDb(deps), mv, { ...cut, theme: theme.id }, 'stance'),
      cellCounts(analysisDb(deps), mv, cut, 'lang', theme.id),
      cellCounts(analysisDb(deps), mv, cut, 'place', theme.id),
      themeSources(analysisDb(deps), mv, theme.id, cut),
      themeClusters(analysisDb(deps), mv, theme.id, cut),
      latestPosts(
        deps.db,
        mv,
        {
          limit: 10,
          from: query.from,
          to: query.to,
          lang: query.lang,
          place: query.place,
          theme: theme.id,
          stance: 'rumour',
        },
        { hideRestricted: ctx.hideRestricted },
      ),
      latestAnsweredCells(deps.db, { themeId: theme.id }),
    ]);
    const ids = examples.posts.map((p) => p.id);
    const [snapshots, sightings, beforeAfter] = await Promise.all([
      snapshotsOfPosts(deps.db, ids),
      countSightings(deps.db, ids),
      beforeAfterMarks(deps.db, mv, marks, {
        today: todayInAnalystZone(),
        hideRestricted: ctx.hideRestricted,
      }),
    ]);
    await auditRequest(deps.db, req, 'view_posts', {
      page: 'theme',
      theme: theme.id,
      from: query.from,
      to: query.to,
      lang: query.lang,
      place: query.place,
      returned: examples.posts.length,
      clusters: clusters.length,
      restricted_hidden: ctx.hideRestricted,
    });
    const extras = new Map<number, ExampleExtras>(
      ids.map((postId) => {
        const seen = sightings.find((s) => s.postId === postId);
        return [postId, { snapshots: snapshots.get(postId) ?? [], ...(seen ? { sightings: seen } : {}) }];
      }),
    );
    const en = ctx.locale === 'en';
    res.type('html').send(
      renderThemePage({
        ...ctx,
        query,
        theme: {
          ...theme,
          label: en ? theme.label_en : theme.label_sv,
          description: en ? theme.description_en : theme.description_sv,
        },
        themeInfo: new Map<string, ThemeInfo>(themes.map((x) => [x.id, x])),
        trend,
        marks,
        beforeAfter,
        languages: languages.sort((a, b) => b.rumours - a.rumours || a.key.localeCompare(b.key)),
        places: places
          .map((p) => ({ ...p, name: placeName(p.key) }))
          .sort((a, b) => b.rumours - a.rumours || a.key.localeCompare(b.key)),
        sources,
        clusters,
        examples,
        extras,
        placeName,
        markForm:
          ctx.canLabel && ctx.account
            ? {
                themeId: theme.id,
                csrfToken: ctx.account.csrfToken,
                today: todayInAnalystZone(),
                lang: query.lang,
                place: query.place,
                returnTo: returnPath(req),
              }
            : null,
      }),
    );
  });

  router.get('/matrix', async (req, res) => {
    const query = parsePageQuery(req.query);
    const ctx = await pageContext(deps, req);
    const [themes, rows] = await Promise.all([
      themeRows(deps, ctx.hideRestricted),
      // `theme` (with `cell`) picks the cell to detail on this page; it does not narrow the table.
      targetingMatrix(analysisDb(deps), ctx.modelVersion, {
        from: query.from,
        to: query.to,
        by: query.by,
        lang: query.lang,
        place: query.place,
        hideRestricted: ctx.hideRestricted,
      }),
    ]);
    const en = ctx.locale === 'en';
    const label = (t: (typeof themes)[number]) => (en ? t.label_en : t.label_sv);
    const detailTheme = query.theme && query.cell ? themes.find((t) => t.id === query.theme) : undefined;
    const cell = query.cell ?? '';
    const cellIsPlace = /^\d{4}$/.test(cell);
    if (detailTheme && cellIsPlace !== (query.by === 'place')) {
      throw new HttpError(
        400,
        'bad_parameter',
        'cell: expected a language for by=lang, a municipality for by=place',
        {
          field: 'cell',
        },
      );
    }
    const marks = detailTheme
      ? await latestAnsweredCells(deps.db, { themeId: detailTheme.id, answeredBy: query.to })
      : [];
    res.type('html').send(
      renderMatrix({
        ...ctx,
        query,
        rows,
        themes: themes.map((t) => ({ id: t.id, label: label(t) })),
        placeName,
        detail: detailTheme
          ? {
              theme: { id: detailTheme.id, label: label(detailTheme) },
              key: cell,
              keyLabel: cellIsPlace ? placeName(cell) : cell,
              row: rows.find((r) => r.theme === detailTheme.id && r.key === cell),
              marks: marksOfCell(
                marks,
                { theme: detailTheme.id, by: query.by, key: cell, lang: query.lang, place: query.place },
                query.to,
              ),
              form:
                ctx.canLabel && ctx.account
                  ? {
                      themeId: detailTheme.id,
                      csrfToken: ctx.account.csrfToken,
                      today: todayInAnalystZone(),
                      // A municipality cell's mark is for one language: the page's, else the analyst picks one.
                      lang: cellIsPlace ? query.lang : cell,
                      place: cellIsPlace ? cell : query.place,
                      returnTo: `/matrix${pageSearch(query, { by: query.by, theme: detailTheme.id, cell, lang: en ? 'en' : undefined })}`,
                    }
                  : null,
            }
          : null,
      }),
    );
  });
  return router;
}
