/**
 * GET /report: the trend report as a page that prints. The PDF is this page printed by Chromium, so everything is
 * server-rendered except the two charts, which /static/report.js draws from the data attribute (no animation) and
 * then marks the document `data-ready`.
 */
import { formatters, type Locale } from '../locale.ts';
import type { ReportQuery } from '../params.ts';
import type { ReportData } from '../report/report-data.ts';
import { html } from './html.ts';
import { renderLayout, type Account } from './layout.ts';
import {
  examplePost,
  matrixTable,
  stanceTrendTable,
  themeTrendTable,
  topThemesTable,
} from './report-sections.ts';
import { REPORT_TEXT } from './report-text.ts';

export interface ReportPageModel {
  locale: Locale;
  data: ReportData;
  account: Account | null;
  path: string;
}

/** The report's own parameters as a query string (for the PDF and data links). */
export function reportSearch(query: ReportQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'theme', 'language', 'place', 'matrix'] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

export function renderReport(model: ReportPageModel): string {
  const { data, locale } = model;
  const t = REPORT_TEXT[locale];
  const fmt = formatters(locale);
  const { query, series, method } = data;
  const themeLabel = (id: string) => data.themes.get(id)?.[locale] ?? id;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const rumours = sum(series.stances.rumour);
  const counters = sum(series.stances.counter);
  const chart = {
    buckets: series.buckets,
    themes: series.themes.map((s) => ({
      label: locale === 'sv' ? s.label_sv : s.label_en,
      counts: s.counts,
    })),
    stances: { rumour: series.stances.rumour, counter: series.stances.counter },
    labels: { rumours: t.rumours, counters: t.counters, posts: t.posts },
  };
  const selection = [
    query.theme ? `${t.theme}: ${themeLabel(query.theme)}` : null,
    query.language ? `${t.language}: ${query.language === 'und' ? t.und : query.language}` : null,
    query.place ? `${t.place}: ${query.place}` : null,
  ].filter((part): part is string => part !== null);
  const search = reportSearch(query);
  const period = (from: string, to: string) =>
    `${fmt.date(`${from}T12:00:00Z`)} – ${fmt.date(`${to}T12:00:00Z`)}`;

  const main = html`<div id="report" class="report" data-chart="${JSON.stringify(chart)}">
    <form class="filters no-print" method="get" action="/report">
      <label>${t.from} <input type="date" name="from" value="${query.from}" required /></label>
      <label>${t.to} <input type="date" name="to" value="${query.to}" required /></label>
      <label
        >${t.matrixBy}
        <select name="matrix">
          <option value="lang" ${query.matrix === 'lang' ? html`selected` : ''}>${t.byLang}</option>
          <option value="place" ${query.matrix === 'place' ? html`selected` : ''}>${t.byPlace}</option>
        </select></label
      >
      ${query.theme ? html`<input type="hidden" name="theme" value="${query.theme}" />` : ''}
      ${query.language ? html`<input type="hidden" name="language" value="${query.language}" />` : ''}
      ${query.place ? html`<input type="hidden" name="place" value="${query.place}" />` : ''}
      <input type="hidden" name="lang" value="${locale}" />
      <button type="submit">${t.show}</button>
      <a class="button" href="/report.pdf?${reportSearch(query, { lang: locale })}">${t.pdf}</a>
    </form>
    <dl class="report-facts">
      <dt>${t.period}</dt>
      <dd>
        ${period(query.from, query.to)} (${t.comparedWith} ${period(data.previous.from, data.previous.to)})
      </dd>
      <dt>${t.filters}</dt>
      <dd>${selection.length ? selection.join(', ') : t.allPosts}</dd>
      <dt>${t.generated}</dt>
      <dd>${fmt.dateTime(data.generatedAt)}</dd>
    </dl>

    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">${t.summary}</h2>
      <p>
        ${(query.theme ? t.summaryThemeLine : t.summaryLine)(
          fmt.number(method.posts),
          fmt.number(rumours),
          fmt.number(counters),
        )}
      </p>
    </section>

    <section aria-labelledby="method-heading" class="method">
      <h2 id="method-heading">${t.method}</h2>
      <p>${t.methodText(data.modelVersion)}</p>
      ${data.samplePosts > 0 ? html`<p class="sample-note">${t.sampleNote(fmt.number(data.samplePosts))}</p>` : ''}
      <p>${t.privacy}</p>
      <h3>${t.kinds}</h3>
      <p>${method.kinds.map((k) => `${k.kind} (${fmt.number(k.posts)})`).join(', ') || '–'}</p>
      <h3>${t.sources}</h3>
      <p>
        ${method.sources.map((s) => `${s.name} (${s.kind}, ${fmt.number(s.posts)})`).join('; ') || '–'}${
          method.moreSources > 0 ? html` ${t.moreSources(fmt.number(method.moreSources))}` : ''
        }
      </p>
      <h3>${t.languages}</h3>
      <p>
        ${
          method.languages
            .map((l) => `${l.lang === 'und' ? t.und : l.lang} (${fmt.number(l.posts)})`)
            .join(', ') || '–'
        }
      </p>
    </section>

    <section aria-labelledby="theme-trend-heading" class="chart-section">
      <h2 id="theme-trend-heading">${t.themeTrend}</h2>
      ${series.themes.length === 0 ? html`<p>${t.noData}</p>` : ''}
      <div class="chart-box report-chart">
        <canvas id="theme-trend-chart" role="img" aria-label="${t.themeTrend}"></canvas>
      </div>
      ${themeTrendTable(series, t, locale)}
      <p class="no-print">
        ${t.download}: <a href="/report/data.csv?${reportSearch(query, { chart: 'themes' })}">CSV</a>,
        <a href="/report/data.json?${search}">JSON</a>
      </p>
    </section>

    <section aria-labelledby="stance-trend-heading" class="chart-section">
      <h2 id="stance-trend-heading">${t.stanceTrend}</h2>
      <div class="chart-box report-chart">
        <canvas id="stance-trend-chart" role="img" aria-label="${t.stanceTrend}"></canvas>
      </div>
      ${stanceTrendTable(series, t)}
      <p class="no-print">
        ${t.download}: <a href="/report/data.csv?${reportSearch(query, { chart: 'stances' })}">CSV</a>,
        <a href="/report/data.json?${search}">JSON</a>
      </p>
    </section>

    <section aria-labelledby="matrix-heading">
      <h2 id="matrix-heading">${t.matrix}</h2>
      <p>${t.matrixNote}</p>
      ${data.matrix.length === 0 ? html`<p>${t.noData}</p>` : matrixTable(data.matrix, query.matrix, t, fmt)}
    </section>

    <section aria-labelledby="top-heading">
      <h2 id="top-heading">${t.topThemes}</h2>
      <p>${t.topNote}</p>
      ${data.top.length === 0 ? html`<p>${t.noData}</p>` : topThemesTable(data.top, t, fmt)}
    </section>

    <section aria-labelledby="examples-heading">
      <h2 id="examples-heading">${t.examples}</h2>
      <p>${t.examplesNote}</p>
      ${data.notable.length === 0 ? html`<p>${t.noData}</p>` : ''}
      ${data.notable.map((post) => examplePost(post, t, fmt, themeLabel))}
    </section>
  </div>`;

  return renderLayout({
    locale,
    title: t.title,
    active: 'report',
    account: model.account,
    main,
    scripts: ['/vendor/chart.umd.js', '/static/palette.js', '/static/report.js'],
    samplePosts: data.samplePosts,
    modelVersion: data.modelVersion,
    path: model.path,
  });
}
