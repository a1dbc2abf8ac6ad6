/**
 * Pieces shared by the overview, theme and matrix pages: the filter form, a chart with its data table and
 * downloads (the chart is drawn by /static/charts.js from the JSON in its data attribute: no inline script), the
 * change against the previous period, and language names.
 */
import type { Formatters, Locale } from '../locale.ts';
import type { AnalysisQuery } from '../analysis-params.ts';
import { LANGUAGES } from '../../classifier/types.ts';
import { html, type SafeHtml } from './html.ts';
import type { Account } from './layout.ts';

/** What every analysis page (overview, matrix, themes) is given besides its own data. */
export interface AnalysisPageBase {
  locale: Locale;
  fmt: Formatters;
  query: AnalysisQuery & { days: number };
  path: string;
  account: Account | null;
  samplePosts: number;
  modelVersion: string;
}

/**
 * The languages offered in the filters and mark forms: the campaign's main languages first, then every other
 * language the detector names; `und` is the explicit undetermined bucket.
 */
const MAIN_LANGS = ['sv', 'en', 'ar', 'fa', 'prs', 'so', 'tr', 'ti', 'ckb', 'kmr', 'fr', 'bs'];
export const FILTER_LANGS = [...new Set([...MAIN_LANGS, ...LANGUAGES]), 'und'];

/** Names where the platform's language names are missing or not what the communities say (Sorani, Kurmanji). */
const LANG_NAMES: Record<Locale, Record<string, string>> = {
  sv: {
    ckb: 'sorani',
    kmr: 'kurmanji',
    prs: 'dari',
    ti: 'tigrinja',
    und: 'obestämt språk',
  },
  en: {
    ckb: 'Sorani',
    kmr: 'Kurmanji',
    prs: 'Dari',
    und: 'undetermined language',
  },
};

const DISPLAY_NAMES: Record<Locale, Intl.DisplayNames> = {
  sv: new Intl.DisplayNames(['sv-SE'], { type: 'language' }),
  en: new Intl.DisplayNames(['en-GB'], { type: 'language' }),
};

/** "arabiska (ar)": one name per language code on every page, export and report. */
export function langName(locale: Locale, code: string): string {
  let name = LANG_NAMES[locale][code];
  if (name === undefined) {
    try {
      const known = DISPLAY_NAMES[locale].of(code);
      if (known && known !== code) name = known;
    } catch {
      // Not a language code (a stored value from elsewhere): shown as it is.
    }
  }
  return name ? `${name} (${code})` : code;
}

const TEXT = {
  sv: {
    filters: 'Filter',
    from: 'Från',
    to: 'Till',
    interval: 'Intervall',
    day: 'Dag',
    week: 'Vecka',
    language: 'Språk',
    all: 'alla',
    place: 'Kommunkod',
    placeHint: 'fyra siffror, t.ex. 1480 (Göteborg)',
    show: 'Visa',
    table: 'Visa data som tabell',
    download: 'Ladda ned data',
  },
  en: {
    filters: 'Filters',
    from: 'From',
    to: 'To',
    interval: 'Interval',
    day: 'Day',
    week: 'Week',
    language: 'Language',
    all: 'all',
    place: 'Municipality code',
    placeHint: 'four digits, e.g. 1480 (Gothenburg)',
    show: 'Show',
    table: 'Show data as a table',
    download: 'Download data',
  },
} as const;

export function filterForm(
  locale: Locale,
  action: string,
  query: AnalysisQuery,
  options: { interval?: boolean; cut?: boolean; hidden?: Record<string, string> } = {},
): SafeHtml {
  const t = TEXT[locale];
  return html`<form class="filters" method="get" action="${action}" aria-label="${t.filters}">
    ${locale === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
    ${Object.entries(options.hidden ?? {}).map(
      ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
    )}
    <label>${t.from} <input type="date" name="from" value="${query.from}" /></label>
    <label>${t.to} <input type="date" name="to" value="${query.to}" /></label>
    ${
      options.interval === false
        ? ''
        : html`<label
            >${t.interval}
            <select name="interval">
              <option value="day" ${query.interval === 'day' ? html`selected` : ''}>${t.day}</option>
              <option value="week" ${query.interval === 'week' ? html`selected` : ''}>${t.week}</option>
            </select></label
          >`
    }
    ${
      options.cut === false
        ? ''
        : html` <label
              >${t.language}
              <select name="language">
                <option value="">${t.all}</option>
                ${[...new Set([...FILTER_LANGS, ...(query.lang ? [query.lang] : [])])].map(
                  (code) =>
                    html`<option value="${code}" ${query.lang === code ? html`selected` : ''}>
                      ${langName(locale, code)}
                    </option>`,
                )}
              </select></label
            >
            <label
              >${t.place}
              <input
                name="place"
                value="${query.place ?? ''}"
                inputmode="numeric"
                pattern="[0-9]{4}"
                size="5"
                aria-describedby="place-hint"
              />
              <small id="place-hint">${t.placeHint}</small></label
            >`
    }
    <button type="submit">${t.show}</button>
  </form>`;
}

export interface ChartSpec {
  type: 'line' | 'bar';
  stacked?: boolean;
  /** Fill under lines (stacked area). */
  fill?: boolean;
  labels: string[];
  datasets: { label: string; data: number[] }[];
  yTitle: string;
  /** Vertical markers at label positions (e.g. the day a cell was marked answered). */
  markers?: { at: string; label: string }[];
}

export interface ChartTable {
  caption: string;
  head: string[];
  /** The first cell of a row is its header. */
  rows: (string | number | SafeHtml)[][];
}

export interface Downloads {
  csv: string;
  json: string;
}

/** A chart (canvas + JSON spec), its note, its data table and its downloads. */
export function chartSection(
  locale: Locale,
  model: {
    id: string;
    title: string;
    note?: SafeHtml | string;
    chart: ChartSpec;
    table: ChartTable;
    downloads: Downloads | null;
  },
): SafeHtml {
  const t = TEXT[locale];
  return html`<section class="chart-section" aria-labelledby="${model.id}-heading">
    <h2 id="${model.id}-heading">${model.title}</h2>
    ${model.note ? html`<p class="chart-note">${model.note}</p>` : ''}
    <div class="chart-box">
      <canvas
        id="${model.id}-chart"
        role="img"
        aria-label="${model.title}"
        aria-describedby="${model.id}-caption"
        data-chart="${JSON.stringify(model.chart)}"
      ></canvas>
    </div>
    <details>
      <summary>${t.table}</summary>
      ${dataTable(model.id, model.table)}
    </details>
    ${model.downloads ? downloadLinks(locale, model.downloads) : ''}
  </section>`;
}

export function dataTable(id: string, table: ChartTable): SafeHtml {
  return html`<table id="${id}-table">
    <caption id="${id}-caption">
      ${table.caption}
    </caption>
    <thead>
      <tr>
        ${table.head.map((cell) => html`<th scope="col">${cell}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${table.rows.map(
        ([first, ...rest]) =>
          html`<tr>
            <th scope="row">${typeof first === 'number' ? String(first) : first}</th>
            ${rest.map((cell) => html`<td>${typeof cell === 'number' ? String(cell) : cell}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function downloadLinks(locale: Locale, downloads: Downloads): SafeHtml {
  return html`<p class="downloads">
    ${TEXT[locale].download}: <a href="${downloads.csv}" download>CSV</a> ·
    <a href="${downloads.json}" download>JSON</a>
  </p>`;
}

/** "+35 %" with a class saying which way it went (rising rumours are the alarm). */
export function change(fmt: Formatters, current: number, previous: number): SafeHtml {
  const direction = current > previous ? 'up' : current < previous ? 'down' : 'flat';
  return html`<span class="change change-${direction}">${fmt.change(current, previous)}</span>`;
}

/** Chart-safe http(s) links only, whatever reached the database. */
export function safeHref(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}
