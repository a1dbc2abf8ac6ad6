/** The report's tables and example posts, server-rendered (they print without script) and escaped throughout. */
import { leadingChars } from '../../core/text.ts';
import type { Formatters, Locale } from '../locale.ts';
import type { NotablePost } from '../queries/notable-posts.ts';
import type { ReportSeries } from '../queries/report-series.ts';
import type { TargetingMatrixRow } from '../queries/targeting-matrix.ts';
import type { ThemeChange } from '../queries/top-themes-change.ts';
import { html, type SafeHtml } from './html.ts';
import type { ReportText } from './report-text.ts';

const EXCERPT_CHARS = 500;
/** A language matrix pivots (few columns); a matrix of municipalities is listed cell by cell instead. */
const MAX_PIVOT_COLUMNS = 12;

export function themeTrendTable(series: ReportSeries, t: ReportText, locale: Locale): SafeHtml {
  return html`<table class="report-table" id="theme-trend-table">
    <caption>
      ${t.themeTrend}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.bucket[series.interval]}</th>
        ${series.themes.map((s) => html`<th scope="col">${locale === 'sv' ? s.label_sv : s.label_en}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${series.buckets.map(
        (bucket, i) =>
          html`<tr>
            <th scope="row">${bucket}</th>
            ${series.themes.map((s) => html`<td>${s.counts[i] ?? 0}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function stanceTrendTable(series: ReportSeries, t: ReportText): SafeHtml {
  return html`<table class="report-table" id="stance-trend-table">
    <caption>
      ${t.stanceTrend}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.bucket[series.interval]}</th>
        <th scope="col">${t.rumours}</th>
        <th scope="col">${t.counters}</th>
      </tr>
    </thead>
    <tbody>
      ${series.buckets.map(
        (bucket, i) =>
          html`<tr>
            <th scope="row">${bucket}</th>
            <td>${series.stances.rumour[i] ?? 0}</td>
            <td>${series.stances.counter[i] ?? 0}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function topThemesTable(top: readonly ThemeChange[], t: ReportText, fmt: Formatters): SafeHtml {
  return html`<table class="report-table" id="top-themes-table">
    <caption>
      ${t.topThemes}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.themeColumn}</th>
        <th scope="col">${t.rumours}</th>
        <th scope="col">${t.previous}</th>
        <th scope="col">${t.change}</th>
        <th scope="col">${t.counters}</th>
      </tr>
    </thead>
    <tbody>
      ${top.map(
        (row) =>
          html`<tr>
            <th scope="row">${fmt.locale === 'sv' ? row.label_sv : row.label_en}</th>
            <td>${fmt.number(row.rumours)}</td>
            <td>${fmt.number(row.previous)}</td>
            <td>${fmt.change(row.rumours, row.previous)}</td>
            <td>${fmt.number(row.counters)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function cellText(row: TargetingMatrixRow, fmt: Formatters): string {
  return `${fmt.number(row.rumours)} (${fmt.number(row.counters)})${row.unanswered ? ' ⚠' : row.answered ? ' ✓' : ''}`;
}

export function matrixTable(
  rows: readonly TargetingMatrixRow[],
  by: 'lang' | 'place',
  t: ReportText,
  fmt: Formatters,
): SafeHtml {
  const label = (row: TargetingMatrixRow) => (fmt.locale === 'sv' ? row.label_sv : row.label_en);
  const keyLabel = (row: TargetingMatrixRow) => (row.key === 'und' ? t.und : row.keyLabel);
  const current = rows.filter((row) => row.rumours > 0 || row.counters > 0);
  const keys = [...new Map(current.map((row) => [row.key, keyLabel(row)]))].sort((a, b) =>
    a[0].localeCompare(b[0]),
  );
  const columnTitle = by === 'lang' ? t.language : t.place;
  if (by === 'place' || keys.length > MAX_PIVOT_COLUMNS) {
    return html`<table class="report-table" id="matrix-table">
      <caption>
        ${t.matrix}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.themeColumn}</th>
          <th scope="col">${columnTitle}</th>
          <th scope="col">${t.rumours}</th>
          <th scope="col">${t.previous}</th>
          <th scope="col">${t.counters}</th>
        </tr>
      </thead>
      <tbody>
        ${current.map(
          (row) =>
            html`<tr class="${row.unanswered ? 'unanswered' : ''}">
              <th scope="row">${label(row)}</th>
              <td>${keyLabel(row)}</td>
              <td>${fmt.number(row.rumours)}${row.unanswered ? ' ⚠' : ''}</td>
              <td>${fmt.number(row.rumoursPrevious)}</td>
              <td>${fmt.number(row.counters)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
  const themes = [...new Map(current.map((row) => [row.theme, label(row)]))];
  const cell = new Map(current.map((row) => [`${row.theme}\u0000${row.key}`, row]));
  return html`<table class="report-table matrix" id="matrix-table">
    <caption>
      ${t.matrix}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.themeColumn}</th>
        ${keys.map(([, name]) => html`<th scope="col">${name}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${themes.map(
        ([theme, name]) =>
          html`<tr>
            <th scope="row">${name}</th>
            ${keys.map(([key]) => {
              const row = cell.get(`${theme}\u0000${key}`);
              return row
                ? html`<td class="${row.unanswered ? 'unanswered' : ''}">${cellText(row, fmt)}</td>`
                : html`<td>–</td>`;
            })}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function safeLink(url: string | null): string | null {
  return url !== null && /^https?:\/\//i.test(url) ? url : null;
}

export function examplePost(
  post: NotablePost,
  t: ReportText,
  fmt: Formatters,
  themeLabel: (id: string) => string,
): SafeHtml {
  const link = safeLink(post.url);
  const text = post.text.length > EXCERPT_CHARS ? `${leadingChars(post.text, EXCERPT_CHARS)}…` : post.text;
  return html`<article class="report-post stance-${post.stance}">
    <p class="meta">
      <span class="badge">${t.stance[post.stance]}</span>
      <time datetime="${post.published_at}">${fmt.dateTime(post.published_at)}</time>
      · ${post.lang ?? 'und'} · ${t.source}: <bdi>${post.source_name}</bdi> (${post.source_kind}) ·
      ${t.author}: <bdi>${post.author ?? '–'}</bdi> · ${t.sightings}
      ${fmt.number(post.sightings)}×${
        post.views !== null ? html` · ${fmt.number(post.views)} ${t.views}` : ''
      }
    </p>
    ${post.title ? html`<h3 dir="auto">${post.title}</h3>` : ''}
    <p class="text" dir="auto">${text}</p>
    ${post.themes.length ? html`<p class="themes">${post.themes.map(themeLabel).join(', ')}</p>` : ''}
    ${link ? html`<p class="link"><a href="${link}" rel="noopener noreferrer nofollow">${t.link}</a>: <span class="url">${link}</span></p>` : ''}
  </article>`;
}
