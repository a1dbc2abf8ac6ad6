/**
 * /matrix: the targeting matrix as a heat table (themes × languages or × municipalities). Each cell shows rumour
 * posts, change, counter-messages in the same cell and a flag where a rumour is rising with no answer there; a
 * cell is a link that opens its details below (counts, the official facts, the answered mark and its form).
 */
import type { AnsweredCell } from '../../core/db/answered-cells.ts';
import { apiSearch, pageSearch } from '../analysis-params.ts';
import type { TargetingMatrixRow } from '../queries/targeting-matrix.ts';
import { type AnalysisPageBase, change, downloadLinks, filterForm, langName } from './analysis-parts.ts';
import { factsBlock, markForm, marksList, type MarkFormModel } from './answers-block.ts';
import { html, type SafeHtml } from './html.ts';
import { renderLayout } from './layout.ts';

const TEXT = {
  sv: {
    title: 'Målmatris',
    byLang: 'Tema × språk',
    byPlace: 'Tema × kommun',
    caption: (by: string) => `Ryktesinlägg per tema och ${by}; motbudskap i samma cell`,
    lang: 'språk',
    place: 'kommun',
    theme: 'Tema',
    legend:
      'Siffran är antalet ryktesinlägg i perioden, sedan förändringen mot föregående period och antalet motbudskap (↺) i samma cell. ⚑ = ryktet ökar och inget motbudskap finns i cellen (och den är inte markerad som besvarad). ✓ = markerad som besvarad. Mörkare cell = fler ryktesinlägg.',
    counters: 'motbudskap',
    flag: 'ökar utan motbudskap',
    answered: 'besvarad',
    empty: 'Inga ryktesinlägg eller motbudskap i perioden.',
    details: 'Cellens detaljer',
    rumours: 'Ryktesinlägg',
    previous: 'Föregående period',
    sightings: 'Sedda gånger',
    countersCol: 'Motbudskap',
    openTheme: 'Öppna temasidan',
    noCell: 'Cellen har inga inlägg i perioden.',
    placeNote:
      'Kommuner som inläggen nämner (stadsdelar räknas till sin kommun); de 25 med flest ryktesinlägg.',
  },
  en: {
    title: 'Targeting matrix',
    byLang: 'Theme × language',
    byPlace: 'Theme × municipality',
    caption: (by: string) => `Rumour posts per theme and ${by}; counter-messages in the same cell`,
    lang: 'language',
    place: 'municipality',
    theme: 'Theme',
    legend:
      'The number is the rumour posts in the period, then the change against the previous period and the counter-messages (↺) in the same cell. ⚑ = the rumour is rising and no counter-message exists in the cell (nor is it marked answered). ✓ = marked answered. Darker cell = more rumour posts.',
    counters: 'counter-messages',
    flag: 'rising without a counter-message',
    answered: 'answered',
    empty: 'No rumour posts or counter-messages in the period.',
    details: 'Cell details',
    rumours: 'Rumour posts',
    previous: 'Previous period',
    sightings: 'Times seen',
    countersCol: 'Counter-messages',
    openTheme: 'Open the theme page',
    noCell: 'The cell has no posts in the period.',
    placeNote:
      'Municipalities the posts name (districts count for their municipality); the 25 with most rumour posts.',
  },
} as const;

export interface MatrixModel extends AnalysisPageBase {
  canExport: boolean;
  rows: TargetingMatrixRow[];
  themes: { id: string; label: string }[];
  /** The opened cell, when `theme` and `cell` are given. */
  detail: {
    theme: { id: string; label: string };
    key: string;
    keyLabel: string;
    row: TargetingMatrixRow | undefined;
    marks: AnsweredCell[];
    form: MarkFormModel | null;
  } | null;
  placeName: (code: string) => string;
}

const MAX_PLACES = 25;

function heat(rumours: number, max: number): number {
  if (rumours === 0 || max === 0) return 0;
  return Math.max(1, Math.ceil((rumours / max) * 5));
}

export function renderMatrix(model: MatrixModel): string {
  const { locale, fmt, query } = model;
  const t = TEXT[locale];
  const by = query.by;
  const ui = locale === 'en' ? 'en' : undefined;
  // Columns by rumour posts, as the note says (counter-messages only break ties): the places to act come first.
  const totals = new Map<string, { rumours: number; counters: number }>();
  for (const row of model.rows) {
    const total = totals.get(row.key) ?? { rumours: 0, counters: 0 };
    totals.set(row.key, { rumours: total.rumours + row.rumours, counters: total.counters + row.counters });
  }
  const keys = [...totals.entries()]
    .sort((a, b) => b[1].rumours - a[1].rumours || b[1].counters - a[1].counters || a[0].localeCompare(b[0]))
    .map(([key]) => key)
    .slice(0, by === 'place' ? MAX_PLACES : undefined);
  const cells = new Map(model.rows.map((row) => [`${row.theme}|${row.key}`, row]));
  const themes = model.themes.filter((theme) => model.rows.some((row) => row.theme === theme.id));
  const max = Math.max(0, ...model.rows.map((row) => row.rumours));
  const keyLabel = (key: string) =>
    by === 'lang' ? langName(locale, key) : `${model.rows.find((r) => r.key === key)?.keyLabel ?? key}`;
  const link = (theme: string, key: string) =>
    `/matrix${pageSearch(query, { by, theme, cell: key, lang: ui })}#cell-detail`;

  const cell = (theme: string, key: string): SafeHtml => {
    const row = cells.get(`${theme}|${key}`);
    if (!row) return html`<td class="heat-0"><span class="visually-hidden">0</span></td>`;
    const label = `${row.rumours} · ${fmt.change(row.rumours, row.rumoursPrevious)} · ↺ ${row.counters}`;
    return html`<td class="heat-${String(heat(row.rumours, max))}${row.unanswered ? ' flagged' : ''}">
      <a href="${link(theme, key)}">
        <span class="count">${fmt.number(row.rumours)}</span>
        ${change(fmt, row.rumours, row.rumoursPrevious)}
        <span class="counters" title="${t.counters}">↺ ${fmt.number(row.counters)}</span>
        ${row.unanswered ? html`<span class="flag" title="${t.flag}">⚑<span class="visually-hidden">${t.flag}</span></span>` : ''}
        ${row.answered ? html`<span class="answered" title="${t.answered}">✓<span class="visually-hidden">${t.answered}</span></span>` : ''}
        <span class="visually-hidden">${label}</span>
      </a>
    </td>`;
  };

  const main = html`${filterForm(locale, '/matrix', query, { interval: false, hidden: { by } })}
    <nav class="matrix-switch" aria-label="${t.title}">
      <a
        href="/matrix${pageSearch(query, { by: 'lang', lang: ui })}"
        ${by === 'lang' ? html`aria-current="page"` : ''}
        >${t.byLang}</a
      >
      ·
      <a
        href="/matrix${pageSearch(query, { by: 'place', lang: ui })}"
        ${by === 'place' ? html`aria-current="page"` : ''}
        >${t.byPlace}</a
      >
    </nav>
    <p class="chart-note">${t.legend}</p>
    ${by === 'place' ? html`<p class="chart-note">${t.placeNote}</p>` : ''}
    ${
      model.rows.length === 0
        ? html`<p>${t.empty}</p>`
        : html`<div class="matrix-scroll">
            <table id="matrix-table" class="matrix">
              <caption>
                ${t.caption(by === 'lang' ? t.lang : t.place)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t.theme}</th>
                  ${keys.map((key) => html`<th scope="col">${keyLabel(key)}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${themes.map(
                  (theme) =>
                    html`<tr>
                      <th scope="row">
                        <a href="/themes/${theme.id}${pageSearch(query, { lang: ui })}">${theme.label}</a>
                      </th>
                      ${keys.map((key) => cell(theme.id, key))}
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${
      model.canExport
        ? downloadLinks(locale, {
            csv: `/api/matrix.csv${apiSearch(query, { by })}`,
            json: `/api/matrix.json${apiSearch(query, { by })}`,
          })
        : ''
    }
    ${model.detail ? detailSection(model) : ''}`;
  return renderLayout({
    locale,
    title: t.title,
    active: 'matrix',
    account: model.account,
    main,
    samplePosts: model.samplePosts,
    modelVersion: model.modelVersion,
    path: model.path,
  });
}

function detailSection(model: MatrixModel): SafeHtml {
  const { locale, fmt } = model;
  const t = TEXT[locale];
  const detail = model.detail!;
  const row = detail.row;
  const heading = `${detail.theme.label} × ${detail.keyLabel}`;
  return html`<section
    id="cell-detail"
    class="cell-detail"
    aria-labelledby="cell-detail-heading"
    tabindex="-1"
  >
    <h2 id="cell-detail-heading">${t.details}: ${heading}</h2>
    ${
      row
        ? html`<dl class="cell-numbers">
              <dt>${t.rumours}</dt>
              <dd>${fmt.number(row.rumours)} ${change(fmt, row.rumours, row.rumoursPrevious)}</dd>
              <dt>${t.previous}</dt>
              <dd>${fmt.number(row.rumoursPrevious)}</dd>
              <dt>${t.sightings}</dt>
              <dd>${fmt.number(row.rumourSightings)}</dd>
              <dt>${t.countersCol}</dt>
              <dd>${fmt.number(row.counters)} ${change(fmt, row.counters, row.countersPrevious)}</dd>
            </dl>
            ${row.unanswered ? html`<p class="flag-note"><strong>⚑ ${t.flag}</strong></p>` : ''}`
        : html`<p>${t.noCell}</p>`
    }
    <p>
      <a
        href="/themes/${detail.theme.id}${pageSearch(model.query, {
          lang: locale === 'en' ? 'en' : undefined,
        })}"
        >${t.openTheme}</a
      >
    </p>
    ${marksList(locale, fmt, detail.marks, model.placeName)}
    ${detail.form ? markForm(locale, detail.form) : ''}
    ${factsBlock(locale, detail.theme.id, model.query.by === 'lang' ? detail.key : undefined)}
  </section>`;
}
