/**
 * The overview (/): totals and change against the previous period of the same length, rumour posts per theme over
 * time (drawn by /static/overview.js from /api/trends), the language split, rumours against counter-messages with
 * their reach, a table per theme, and the latest posts. Every chart has its data table and downloads.
 */
import { apiSearch, pageSearch } from '../analysis-params.ts';
import type { BucketChart } from '../queries/bucket-series.ts';
import type { CellCounts } from '../queries/cell-counts.ts';
import type { PostPage } from '../queries/latest-posts.ts';
import {
  type AnalysisPageBase,
  change,
  chartSection,
  dataTable,
  downloadLinks,
  filterForm,
  langName,
} from './analysis-parts.ts';
import { examplePost, type ThemeInfo } from './example-post.ts';
import { html } from './html.ts';
import { renderLayout } from './layout.ts';
import { reachOf, reachNote } from './reach.ts';

const TEXT = {
  sv: {
    title: 'Översikt',
    period: (from: string, to: string, days: number) =>
      `Perioden ${from} – ${to} (${days} dagar) jämförs med lika många dagar före.`,
    rumours: 'Ryktesinlägg',
    counters: 'Motbudskap',
    previous: 'föregående period',
    trend: 'Ryktesinlägg per tema',
    trendNote:
      'Antal inlägg klassade som rykte, per tema (ett inlägg kan ha flera teman). Dagar i svensk tid.',
    loading: 'Laddar trender…',
    tableSummary: 'Visa data som tabell',
    trendCaption: 'Antal ryktesinlägg per tema och period',
    languages: 'Ryktesinlägg per språk',
    languagesNote: 'Varje ryktesinlägg räknas en gång. ”und” = språket kunde inte bestämmas.',
    languagesCaption: 'Ryktesinlägg per period och språk',
    periodCol: 'Period',
    reach: 'Rykten och motbudskap',
    reachCaption: 'Rykten och motbudskap per period',
    perTheme: 'Per tema',
    perThemeCaption: 'Ryktesinlägg, spridning och motbudskap per tema i perioden',
    theme: 'Tema',
    change: 'Förändring',
    sightings: 'Sedda gånger (spridning)',
    counterCol: 'Motbudskap (om temat)',
    reachRumour: 'Räckvidd rykten',
    reachCounter: 'Räckvidd motbudskap',
    latest: 'Senaste inlägg',
    none: 'Inga inlägg ännu. Lägg till en källa med',
    noMatch:
      'Inga inlägg i perioden med de här filtren. Välj en längre period eller ta bort språk- eller kommunfiltret.',
    orDemo: 'eller ladda exempeldata med',
    rumourSeries: 'Rykten',
    counterSeries: 'Motbudskap',
    posts: 'Inlägg',
  },
  en: {
    title: 'Overview',
    period: (from: string, to: string, days: number) =>
      `The period ${from} – ${to} (${days} days) is compared with as many days before.`,
    rumours: 'Rumour posts',
    counters: 'Counter-messages',
    previous: 'previous period',
    trend: 'Rumour posts per theme',
    trendNote:
      'Posts classified as rumours, per theme (a post can carry several themes). Days in Swedish time.',
    loading: 'Loading trends…',
    tableSummary: 'Show data as a table',
    trendCaption: 'Rumour posts per theme and period',
    languages: 'Rumour posts per language',
    languagesNote: 'Each rumour post counts once. “und” = the language could not be determined.',
    languagesCaption: 'Rumour posts per period and language',
    periodCol: 'Period',
    reach: 'Rumours and counter-messages',
    reachCaption: 'Rumours and counter-messages per period',
    perTheme: 'Per theme',
    perThemeCaption: 'Rumour posts, spread and counter-messages per theme in the period',
    theme: 'Theme',
    change: 'Change',
    sightings: 'Times seen (spread)',
    counterCol: 'Counter-messages (about the theme)',
    reachRumour: 'Rumour reach',
    reachCounter: 'Counter-message reach',
    latest: 'Latest posts',
    none: 'No posts yet. Add a source with',
    noMatch:
      'No posts in this period with these filters. Choose a longer period or clear the language or municipality filter.',
    orDemo: 'or load sample data with',
    rumourSeries: 'Rumours',
    counterSeries: 'Counter-messages',
    posts: 'Posts',
  },
} as const;

export interface OverviewModel extends AnalysisPageBase {
  canExport: boolean;
  totals: { rumours: number; rumoursPrevious: number; counters: number; countersPrevious: number };
  themes: (CellCounts & { label: string })[];
  langChart: BucketChart;
  stanceChart: BucketChart;
  latest: PostPage;
  /** Any post stored at all: an empty list then says the filters match nothing, not "add a source". */
  anyPosts: boolean;
  themeInfo: ReadonlyMap<string, ThemeInfo>;
}

export function renderOverview(model: OverviewModel): string {
  const { locale, fmt, query } = model;
  const t = TEXT[locale];
  const api = (path: string, extra: Record<string, string | undefined> = {}) =>
    `${path}${apiSearch(query, extra)}`;
  const downloads = (name: string) =>
    model.canExport
      ? { csv: api(`/api/overview/${name}.csv`), json: api(`/api/overview/${name}.json`) }
      : null;
  const reach = reachOf(model.stanceChart, locale);
  const stanceSeries = (key: string) => model.stanceChart.series.find((s) => s.key === key);
  const values = (key: string) =>
    reach.measure === 'views' ? (stanceSeries(key)?.views ?? []) : (stanceSeries(key)?.counts ?? []);
  const trendQuery = apiSearch(query).slice(1);

  const main = html`
    ${filterForm(locale, '/', query)}
    <p class="period-note">${t.period(fmt.date(query.from), fmt.date(query.to), query.days)}</p>
    <ul class="totals">
      <li>
        <strong>${fmt.number(model.totals.rumours)}</strong> ${t.rumours}
        ${change(fmt, model.totals.rumours, model.totals.rumoursPrevious)}
        <small>(${t.previous}: ${fmt.number(model.totals.rumoursPrevious)})</small>
      </li>
      <li>
        <strong>${fmt.number(model.totals.counters)}</strong> ${t.counters}
        ${change(fmt, model.totals.counters, model.totals.countersPrevious)}
        <small>(${t.previous}: ${fmt.number(model.totals.countersPrevious)})</small>
      </li>
    </ul>
    <section aria-labelledby="trend-heading">
      <h2 id="trend-heading">${t.trend}</h2>
      <p class="chart-note">${t.trendNote}</p>
      <p id="trend-status" role="status">${t.loading}</p>
      <div class="chart-box">
        <canvas
          id="trend-chart"
          role="img"
          aria-label="${t.trend}"
          aria-describedby="trend-table-caption"
          data-query="${trendQuery}"
        ></canvas>
      </div>
      <details>
        <summary>${t.tableSummary}</summary>
        <table id="trend-table">
          <caption id="trend-table-caption">
            ${t.trendCaption}
          </caption>
        </table>
      </details>
      ${
        model.canExport
          ? downloadLinks(locale, {
              csv: `/api/trends/export.csv?${trendQuery}`,
              json: `/api/trends/export.json?${trendQuery}`,
            })
          : ''
      }
    </section>
    ${chartSection(locale, {
      id: 'languages',
      title: t.languages,
      note: t.languagesNote,
      chart: {
        type: 'bar',
        stacked: true,
        labels: model.langChart.buckets,
        datasets: model.langChart.series.map((s) => ({ label: langName(locale, s.key), data: s.counts })),
        yTitle: t.posts,
      },
      table: {
        caption: t.languagesCaption,
        head: [t.periodCol, ...model.langChart.series.map((s) => langName(locale, s.key))],
        rows: model.langChart.buckets.map((bucket, i) => [
          bucket,
          ...model.langChart.series.map((s) => s.counts[i] ?? 0),
        ]),
      },
      downloads: downloads('languages'),
    })}
    ${chartSection(locale, {
      id: 'reach',
      title: t.reach,
      note: reachNote(locale, fmt, reach),
      chart: {
        type: 'line',
        labels: model.stanceChart.buckets,
        datasets: [
          { label: t.rumourSeries, data: values('rumour') },
          { label: t.counterSeries, data: values('counter') },
        ],
        yTitle: reach.axis,
      },
      table: {
        caption: `${t.reachCaption} (${reach.axis})`,
        head: [t.periodCol, t.rumourSeries, t.counterSeries],
        rows: model.stanceChart.buckets.map((bucket, i) => [
          bucket,
          values('rumour')[i] ?? 0,
          values('counter')[i] ?? 0,
        ]),
      },
      downloads: downloads('reach'),
    })}
    <section aria-labelledby="per-theme-heading">
      <h2 id="per-theme-heading">${t.perTheme}</h2>
      ${dataTable('per-theme', {
        caption: t.perThemeCaption,
        head: [
          t.theme,
          t.rumours,
          t.change,
          t.sightings,
          t.counterCol,
          t.change,
          t.reachRumour,
          t.reachCounter,
        ],
        rows: themeRows(model),
      })}
      ${model.canExport ? downloadLinks(locale, { csv: api('/api/overview/themes.csv'), json: api('/api/overview/themes.json') }) : ''}
    </section>
    <section aria-labelledby="latest-heading">
      <h2 id="latest-heading">${t.latest}</h2>
      ${
        model.latest.posts.length > 0
          ? ''
          : model.anyPosts
            ? html`<p>${t.noMatch}</p>`
            : html`<p>
                ${t.none} <code>npx ryktesradar sources add rss URL</code> ${t.orDemo}
                <code>npx ryktesradar demo</code>.
              </p>`
      }
      ${model.latest.posts.map((post) => examplePost(locale, fmt, post, model.themeInfo))}
    </section>
  `;
  return renderLayout({
    locale,
    title: t.title,
    active: 'overview',
    account: model.account,
    main,
    scripts: ['/vendor/chart.umd.js', '/static/palette.js', '/static/charts.js', '/static/overview.js'],
    samplePosts: model.samplePosts,
    modelVersion: model.modelVersion,
    path: model.path,
  });
}

/** One row per theme, linking to its page; reach in views only where sources report them (posts that do / all). */
function themeRows(model: OverviewModel) {
  const { fmt, query } = model;
  const search = pageSearch(query, { lang: model.locale === 'en' ? 'en' : undefined });
  const reachCell = (views: number, withViews: number, posts: number) =>
    withViews > 0 ? `${fmt.number(views)} (${fmt.number(withViews)}/${fmt.number(posts)})` : '–';
  return model.themes.map((row) => [
    html`<a href="/themes/${row.theme}${search}">${row.label}</a>`,
    fmt.number(row.rumours),
    change(fmt, row.rumours, row.rumoursPrevious),
    fmt.number(row.rumourSightings),
    fmt.number(row.counters),
    change(fmt, row.counters, row.countersPrevious),
    reachCell(row.rumourViews, row.rumourPostsWithViews, row.rumours),
    reachCell(row.counterViews, row.counterPostsWithViews, row.counters),
  ]);
}
