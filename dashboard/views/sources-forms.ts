/** The admin forms of the sources page (add, preview) and the preview's result table. */
import type { Formatters } from '../locale.ts';
import { html, type SafeHtml } from './html.ts';
import type { SourcesText } from './sources-text.ts';

/** What the admin typed, shown again after a problem (secret setting values are not echoed back). */
export interface SourceFormValues {
  kind: string;
  target: string;
  name: string;
  options: string;
  interval: string;
  minInterval: string;
  maxInterval: string;
}

export interface PreviewView {
  title: string;
  total: number;
  /** Items of a restricted theme left out for a reader without the security role. */
  restrictedHidden: number;
  items: {
    title: string | null;
    text: string;
    url: string | null;
    lang: string;
    stance: string;
    themes: string[];
    about: string[];
  }[];
}

const EMPTY: SourceFormValues = {
  kind: 'rss',
  target: '',
  name: '',
  options: '',
  interval: '',
  minInterval: '',
  maxInterval: '',
};

function kindSelect(id: string, kinds: { kind: string }[], chosen: string, t: SourcesText): SafeHtml {
  return html`<label for="${id}">${t.kind}</label>
    <select id="${id}" name="kind">
      ${kinds.map((k) => html`<option value="${k.kind}" ${k.kind === chosen ? html`selected` : ''}>${k.kind}</option>`)}
    </select>`;
}

function field(
  id: string,
  name: string,
  label: string,
  value: string,
  extra: SafeHtml | string = '',
): SafeHtml {
  return html`<label for="${id}">${label}</label>
    <input id="${id}" name="${name}" value="${value}" ${extra} />`;
}

function kindsHelp(kinds: { kind: string; usage: string }[], t: SourcesText): SafeHtml {
  return html`<details>
    <summary>${t.kindsHelp}</summary>
    <ul>
      ${kinds.map((k) => html`<li><code>${k.usage}</code></li>`)}
    </ul>
    <p>${t.importNote}</p>
  </details>`;
}

export function addForm(
  csrf: string,
  kinds: { kind: string; usage: string }[],
  values: SourceFormValues | undefined,
  t: SourcesText,
): SafeHtml {
  const v = values ?? EMPTY;
  return html`<section aria-labelledby="add-heading">
    <h2 id="add-heading">${t.addHeading}</h2>
    <form method="post" action="/sources" class="source-form">
      <input type="hidden" name="_csrf" value="${csrf}" />
      ${kindSelect('add-kind', kinds, v.kind, t)}
      ${field('add-target', 'target', t.target, v.target, html`required maxlength="2000"`)}
      ${field('add-name', 'name', t.name, v.name, html`maxlength="200"`)}
      <label for="add-options">${t.options}</label>
      <textarea id="add-options" name="options" rows="3" maxlength="4000">${v.options}</textarea>
      ${field('add-interval', 'interval', t.interval, v.interval, html`inputmode="numeric"`)}
      ${field('add-min-interval', 'minInterval', t.minInterval, v.minInterval, html`inputmode="numeric"`)}
      ${field('add-max-interval', 'maxInterval', t.maxInterval, v.maxInterval, html`inputmode="numeric"`)}
      <button type="submit">${t.add}</button>
    </form>
    ${kindsHelp(kinds, t)}
  </section>`;
}

export function previewForm(
  csrf: string,
  kinds: { kind: string }[],
  values: SourceFormValues | undefined,
  t: SourcesText,
): SafeHtml {
  const v = values ?? EMPTY;
  return html`<section aria-labelledby="preview-heading">
    <h2 id="preview-heading">${t.previewHeading}</h2>
    <p>${t.previewIntro}</p>
    <form method="post" action="/sources/preview" class="source-form">
      <input type="hidden" name="_csrf" value="${csrf}" />
      ${kindSelect('preview-kind', kinds, v.kind, t)}
      ${field('preview-target', 'target', t.target, v.target, html`required maxlength="2000"`)}
      <label for="preview-options">${t.options}</label>
      <textarea id="preview-options" name="options" rows="3" maxlength="4000">${v.options}</textarea>
      <button type="submit">${t.preview}</button>
    </form>
  </section>`;
}

export function previewResult(preview: PreviewView, t: SourcesText, f: Formatters): SafeHtml {
  return html`<section aria-labelledby="preview-result-heading" id="preview-result">
    <h2 id="preview-result-heading">${t.previewOf(preview.title, f.number(preview.total))}</h2>
    ${
      preview.restrictedHidden > 0
        ? html`<p class="notice" id="preview-restricted">
            ${t.restrictedHidden(preview.restrictedHidden, f.number(preview.restrictedHidden))}
          </p>`
        : ''
    }
    <div class="table-scroll" role="region" aria-labelledby="preview-caption" tabindex="0">
      <table class="preview">
        <caption id="preview-caption">
          ${t.previewCaption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.item}</th>
            <th scope="col">${t.lang}</th>
            <th scope="col">${t.stance}</th>
            <th scope="col">${t.themes}</th>
          </tr>
        </thead>
        <tbody>
          ${preview.items.map(
            (item) =>
              html`<tr>
                <td class="preview-text" dir="auto">
                  ${item.title ? html`<strong>${item.title}</strong><br />` : ''}
                  ${item.text.length > 280 ? `${item.text.slice(0, 280)}…` : item.text}
                  ${
                    item.url && /^https?:\/\//i.test(item.url)
                      ? html`<br /><a href="${item.url}" rel="noopener noreferrer nofollow">${item.url}</a>`
                      : ''
                  }
                </td>
                <td>${item.lang}</td>
                <td>${t.stances[item.stance] ?? item.stance}</td>
                <td>${[...item.themes, ...item.about.map((id) => `(${id})`)].join(', ') || '–'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}
