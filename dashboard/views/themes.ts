/**
 * /themes (every theme with its rumour posts, change and counter-messages) and /themes/:id (one theme: trend
 * against counter-messages with answered marks, before/after each mark, languages, places, sources, copy-paste
 * clusters, example posts with evidence and the Swedish gloss, official facts, the answered form).
 */
import type { AnsweredCell } from '../../core/db/answered-cells.ts';
import { factsFor } from '../answers.ts';
import { pageSearch, apiSearch } from '../analysis-params.ts';
import type { BucketChart } from '../queries/bucket-series.ts';
import type { CellCounts } from '../queries/cell-counts.ts';
import type { PostPage } from '../queries/latest-posts.ts';
import type { BeforeAfter, ThemeCluster, ThemeSource } from '../queries/theme-detail.ts';
import {
  type AnalysisPageBase,
  change,
  chartSection,
  dataTable,
  filterForm,
  langName,
} from './analysis-parts.ts';
import { factsBlock, markForm, marksList, type MarkFormModel } from './answers-block.ts';
import { examplePost, type ExampleExtras, type ThemeInfo } from './example-post.ts';
import { html } from './html.ts';
import { renderLayout } from './layout.ts';
import { reachNote, reachOf } from './reach.ts';

const TEXT = {
  sv: {
    list: 'Teman',
    listCaption: 'Ryktesteman i perioden, med förändring mot föregående period',
    theme: 'Tema',
    rumours: 'Ryktesinlägg',
    change: 'Förändring',
    sightings: 'Sedda gånger',
    counters: 'Motbudskap',
    facts: 'Officiella fakta',
    trend: 'Rykten och motbudskap över tid',
    trendCaption: 'Ryktesinlägg och motbudskap per period',
    period: 'Period',
    markerLabel: 'Besvarat',
    beforeAfter: 'Före och efter markeringen',
    beforeAfterCaption:
      'Ryktesinlägg i cellen lika många dagar före och efter dagen den markerades som besvarad',
    cell: 'Cell',
    marked: 'Markerad',
    days: 'Dagar per fönster',
    before: 'Före',
    after: 'Efter',
    languages: 'Språk',
    languagesCaption: 'Temats ryktesinlägg och motbudskap per språk',
    language: 'Språk',
    places: 'Orter',
    placesCaption: 'Kommuner som temats inlägg nämner',
    place: 'Kommun',
    noPlaces: 'Inga inlägg i perioden nämner en kommun.',
    sources: 'Källor',
    sourcesCaption:
      'Källor där temats ryktesinlägg först sågs, med alla sightings av dem var de än kopierats',
    source: 'Källa',
    kind: 'Typ',
    posts: 'Inlägg',
    clusters: 'Kopiera-klistra-kluster',
    clustersNote: 'Samma eller nästan samma text sedd mer än en gång i perioden; flest sightings först.',
    clustersCaption: 'Kluster med exempeltext',
    example: 'Exempeltext',
    firstSeen: 'Först sedd',
    noClusters: 'Inga kopior sedda mer än en gång i perioden.',
    examples: 'Exempelinlägg',
    noExamples: 'Inga ryktesinlägg i perioden.',
    marks: 'Besvarade celler',
    unknown: 'Okänt tema',
  },
  en: {
    list: 'Themes',
    listCaption: 'Rumour themes in the period, with change against the previous period',
    theme: 'Theme',
    rumours: 'Rumour posts',
    change: 'Change',
    sightings: 'Times seen',
    counters: 'Counter-messages',
    facts: 'Official facts',
    trend: 'Rumours and counter-messages over time',
    trendCaption: 'Rumour posts and counter-messages per period',
    period: 'Period',
    markerLabel: 'Answered',
    beforeAfter: 'Before and after the mark',
    beforeAfterCaption:
      'Rumour posts in the cell, as many days before as after the day it was marked answered',
    cell: 'Cell',
    marked: 'Marked',
    days: 'Days per window',
    before: 'Before',
    after: 'After',
    languages: 'Languages',
    languagesCaption: "The theme's rumour posts and counter-messages per language",
    language: 'Language',
    places: 'Places',
    placesCaption: "Municipalities the theme's posts name",
    place: 'Municipality',
    noPlaces: 'No post in the period names a municipality.',
    sources: 'Sources',
    sourcesCaption:
      "Sources where the theme's rumour posts were first seen, with every sighting of them wherever copied",
    source: 'Source',
    kind: 'Kind',
    posts: 'Posts',
    clusters: 'Copy-paste clusters',
    clustersNote: 'The same or nearly the same text seen more than once in the period; most sightings first.',
    clustersCaption: 'Clusters with an example text',
    example: 'Example text',
    firstSeen: 'First seen',
    noClusters: 'No copy seen more than once in the period.',
    examples: 'Example posts',
    noExamples: 'No rumour posts in the period.',
    marks: 'Answered cells',
    unknown: 'Unknown theme',
  },
} as const;

export interface ThemesListModel extends AnalysisPageBase {
  themes: { id: string; label: string; description: string; counts: CellCounts | undefined }[];
}

export function renderThemesList(model: ThemesListModel): string {
  const { locale, fmt, query } = model;
  const t = TEXT[locale];
  const search = pageSearch(query, { lang: locale === 'en' ? 'en' : undefined });
  const main = html`${filterForm(locale, '/themes', query, { interval: false })}
  ${dataTable('themes', {
    caption: t.listCaption,
    head: [t.theme, t.rumours, t.change, t.sightings, t.counters, t.change, t.facts],
    rows: model.themes.map((theme) => {
      const c = theme.counts;
      return [
        html`<a href="/themes/${theme.id}${search}">${theme.label}</a>`,
        fmt.number(c?.rumours ?? 0),
        change(fmt, c?.rumours ?? 0, c?.rumoursPrevious ?? 0),
        fmt.number(c?.rumourSightings ?? 0),
        fmt.number(c?.counters ?? 0),
        change(fmt, c?.counters ?? 0, c?.countersPrevious ?? 0),
        fmt.number(factsFor(theme.id).length),
      ];
    }),
  })}`;
  return renderLayout({ ...layoutBase(model), title: t.list, main });
}

export interface ThemePageModel extends AnalysisPageBase {
  theme: ThemeInfo & { id: string; label: string; description: string };
  themeInfo: ReadonlyMap<string, ThemeInfo>;
  canExport: boolean;
  trend: BucketChart;
  marks: AnsweredCell[];
  beforeAfter: BeforeAfter[];
  languages: CellCounts[];
  places: (CellCounts & { name: string })[];
  sources: ThemeSource[];
  clusters: ThemeCluster[];
  examples: PostPage;
  extras: ReadonlyMap<number, ExampleExtras>;
  placeName: (code: string) => string;
  markForm: MarkFormModel | null;
}

/** The bucket (day, or the Monday of its week) a day falls in. */
function bucketOf(day: string, interval: 'day' | 'week'): string {
  if (interval === 'day') return day;
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

export function renderThemePage(model: ThemePageModel): string {
  const { locale, fmt, query } = model;
  const t = TEXT[locale];
  const reach = reachOf(model.trend, locale);
  const series = (key: string) => model.trend.series.find((s) => s.key === key);
  const values = (key: string) =>
    (reach.measure === 'views' ? series(key)?.views : series(key)?.counts) ?? [];
  const api = (name: string) => `/api/themes/${model.theme.id}/${name}${apiSearch(query)}`;
  const downloads = (name: string) =>
    model.canExport ? { csv: api(`${name}.csv`), json: api(`${name}.json`) } : null;
  const cellName = (m: AnsweredCell) =>
    `${langName(locale, m.lang)}${m.place ? `, ${model.placeName(m.place)}` : ''}`;

  const main = html`<p class="theme-description">${model.theme.description}</p>
    ${filterForm(locale, `/themes/${model.theme.id}`, query)}
    ${chartSection(locale, {
      id: 'theme-trend',
      title: t.trend,
      note: reachNote(locale, fmt, reach),
      chart: {
        type: 'line',
        labels: model.trend.buckets,
        datasets: [
          { label: t.rumours, data: values('rumour') },
          { label: t.counters, data: values('counter') },
        ],
        yTitle: reach.axis,
        markers: model.marks
          .filter((m) => m.answeredOn >= query.from && m.answeredOn <= query.to)
          .map((m) => ({ at: bucketOf(m.answeredOn, query.interval), label: `${t.markerLabel}: ${m.lang}` })),
      },
      table: {
        caption: `${t.trendCaption} (${reach.axis})`,
        head: [t.period, t.rumours, t.counters],
        rows: model.trend.buckets.map((b, i) => [b, values('rumour')[i] ?? 0, values('counter')[i] ?? 0]),
      },
      downloads: downloads('trend'),
    })}
    <section aria-labelledby="marks-heading">
      <h2 id="marks-heading">${t.marks}</h2>
      ${marksList(locale, fmt, model.marks, model.placeName)}
      ${
        model.beforeAfter.length
          ? dataTable('before-after', {
              caption: t.beforeAfterCaption,
              head: [t.cell, t.marked, t.days, t.before, t.after, t.change],
              rows: model.beforeAfter.map((b) => [
                cellName(b.mark),
                b.mark.answeredOn,
                fmt.number(b.days),
                fmt.number(b.before),
                fmt.number(b.after),
                change(fmt, b.after, b.before),
              ]),
            })
          : ''
      }
      ${model.markForm ? markForm(locale, model.markForm) : ''}
    </section>
    ${factsBlock(locale, model.theme.id, query.lang)}
    <section aria-labelledby="languages-heading">
      <h2 id="languages-heading">${t.languages}</h2>
      ${dataTable('theme-languages', {
        caption: t.languagesCaption,
        head: [t.language, t.rumours, t.change, t.sightings, t.counters],
        rows: model.languages.map((row) => [
          langName(locale, row.key),
          fmt.number(row.rumours),
          change(fmt, row.rumours, row.rumoursPrevious),
          fmt.number(row.rumourSightings),
          fmt.number(row.counters),
        ]),
      })}
    </section>
    <section aria-labelledby="places-heading">
      <h2 id="places-heading">${t.places}</h2>
      ${
        model.places.length === 0
          ? html`<p>${t.noPlaces}</p>`
          : dataTable('theme-places', {
              caption: t.placesCaption,
              head: [t.place, t.rumours, t.change, t.counters],
              rows: model.places.map((row) => [
                `${row.name} (${row.key})`,
                fmt.number(row.rumours),
                change(fmt, row.rumours, row.rumoursPrevious),
                fmt.number(row.counters),
              ]),
            })
      }
    </section>
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">${t.sources}</h2>
      ${dataTable('theme-sources', {
        caption: t.sourcesCaption,
        head: [t.source, t.kind, t.posts, t.sightings],
        rows: model.sources.map((s) => [s.name, s.kind, fmt.number(s.posts), fmt.number(s.sightings)]),
      })}
    </section>
    <section aria-labelledby="clusters-heading">
      <h2 id="clusters-heading">${t.clusters}</h2>
      <p class="chart-note">${t.clustersNote}</p>
      ${
        model.clusters.length === 0
          ? html`<p>${t.noClusters}</p>`
          : dataTable('theme-clusters', {
              caption: t.clustersCaption,
              head: [t.example, t.sightings, t.sources, t.posts, t.firstSeen],
              rows: model.clusters.map((c) => [
                html`<span
                  dir="auto"
                  ${c.exampleLang && c.exampleLang !== 'und' ? html`lang="${c.exampleLang}"` : ''}
                  >${c.example}</span
                >`,
                fmt.number(c.sightings),
                fmt.number(c.sources),
                fmt.number(c.posts),
                fmt.dateTime(c.firstSeen),
              ]),
            })
      }
    </section>
    <section aria-labelledby="examples-heading">
      <h2 id="examples-heading">${t.examples}</h2>
      ${model.examples.posts.length === 0 ? html`<p>${t.noExamples}</p>` : ''}
      ${model.examples.posts.map((post) =>
        examplePost(locale, fmt, post, model.themeInfo, model.extras.get(post.id) ?? {}),
      )}
    </section>`;
  return renderLayout({ ...layoutBase(model), title: model.theme.label, main });
}

function layoutBase(model: AnalysisPageBase) {
  return {
    locale: model.locale,
    active: 'themes' as const,
    account: model.account,
    scripts: ['/vendor/chart.umd.js', '/static/palette.js', '/static/charts.js'],
    samplePosts: model.samplePosts,
    modelVersion: model.modelVersion,
    path: model.path,
  };
}

export const THEME_TEXT = TEXT;
