/**
 * The sources page: every source with its health, and for admins the forms to pause, resume, add and preview
 * (sources-forms.ts). Settings that can hold a secret (a Mastodon token) are never rendered; an import source's
 * server path and settings only to those who manage sources.
 */
import type { Source } from '../../core/db/sources.ts';
import { sourceHealth } from '../../core/source-health.ts';
import { formatters, type Formatters, type Locale } from '../locale.ts';
import { html, type SafeHtml } from './html.ts';
import { renderLayout, type Account } from './layout.ts';
import {
  addForm,
  previewForm,
  previewResult,
  type PreviewView,
  type SourceFormValues,
} from './sources-forms.ts';
import { SOURCES_TEXT, type SourcesText } from './sources-text.ts';

export interface SourcesModel {
  locale: Locale;
  path: string;
  account: Account | null;
  sources: Source[];
  /** Admins see the forms; everyone else the table only. */
  canManage: boolean;
  kinds: { kind: string; usage: string }[];
  /** A confirmation after a redirect (`?done=added:12`). */
  notice?: string;
  /** A problem with what was sent, shown above the form it came from. */
  problem?: { form: 'add' | 'preview' | 'pause'; message: string };
  values?: SourceFormValues;
  preview?: PreviewView;
  samplePosts?: number;
  modelVersion?: string;
}

/** Keys whose values are secrets (tokens, passwords…): shown as set, never their value. */
const SECRET_KEY = /token|secret|password|passwd|key|auth|cookie|credential/i;
/** Any other absolute path or file URL in an error (`cannot read /srv/x.csv (ENOENT)`). */
const SERVER_PATH = /file:\/\/\/[^\s()'"<>,;]*|(?<=^|[\s('"])\/[^\s()'"<>,;]+/g;

/**
 * An import source reads a file on the server: its path, column mapping and errors naming the path are for those
 * who manage sources. Everyone else sees its kind and name.
 */
function serverDetailsHidden(source: Source, model: SourcesModel): boolean {
  return source.kind === 'import' && !model.canManage;
}

/** The source's own file as a URL and as a path (spaces and all), longest first. */
function ownPaths(source: Source): string[] {
  const forms = [source.url];
  try {
    forms.push(decodeURIComponent(new URL(source.url).pathname));
  } catch {
    // Not a URL: the generic pattern below still applies.
  }
  return forms.filter((form) => form.length > 1).sort((a, b) => b.length - a.length);
}

/** An error or pause reason as this reader may see it: server paths of an import source replaced. */
function shownReason(text: string, source: Source, model: SourcesModel, t: SourcesText): string {
  if (!serverDetailsHidden(source, model)) return text;
  const known = ownPaths(source).reduce((out, form) => out.split(form).join(t.pathHidden), text);
  return known.replace(SERVER_PATH, t.pathHidden);
}

function settings(config: Source['config'], t: SourcesText): SafeHtml | string {
  const entries = Object.entries(config);
  if (entries.length === 0) return '–';
  return html`<ul class="source-settings">
    ${entries.map(
      ([key, value]) =>
        html`<li>
          <code>${key}</code>:
          ${SECRET_KEY.test(key) ? html`<em>${t.hidden}</em>` : JSON.stringify(value).slice(0, 200)}
        </li>`,
    )}
  </ul>`;
}

function healthCell(source: Source, model: SourcesModel, t: SourcesText, f: Formatters): SafeHtml {
  const health = sourceHealth(source);
  switch (health.state) {
    case 'sample':
      return html`<span class="health health-sample">${t.sample}</span>`;
    case 'paused':
      return html`<span class="health health-paused">${t.paused}</span>:
        ${health.reason === null ? t.noReason : shownReason(health.reason, source, model, t)}`;
    case 'failing':
      return html`<span class="health health-failing">${t.failing(f.number(health.failures))}</span>`;
    case 'ok':
      return html`<span class="health health-ok">${t.ok}</span>`;
    case 'new':
      return html`<span class="health health-new">${t.notPolled}</span>`;
  }
}

function interval(source: Source, t: SourcesText, f: Formatters): string {
  const every = t.seconds(f.number(source.poll_interval_seconds));
  return source.min_interval_seconds === source.max_interval_seconds
    ? every
    : `${every} (${t.adaptive} ${f.number(source.min_interval_seconds)}–${f.number(source.max_interval_seconds)} s)`;
}

function actions(source: Source, model: SourcesModel, t: SourcesText): SafeHtml | string {
  if (!model.canManage || !model.account || source.kind === 'sample') return '';
  const csrf = html`<input type="hidden" name="_csrf" value="${model.account.csrfToken}" />`;
  if (source.status === 'paused')
    return html`<form method="post" action="/sources/${source.id}/resume" class="source-action">
      ${csrf}
      <button type="submit">${t.resume}<span class="visually-hidden"> ${source.name}</span></button>
    </form>`;
  return html`<form method="post" action="/sources/${source.id}/pause" class="source-action">
    ${csrf}
    <label for="reason-${source.id}">${t.reason}<span class="visually-hidden"> (${source.name})</span></label>
    <input id="reason-${source.id}" name="reason" maxlength="500" />
    <button type="submit">${t.pause}<span class="visually-hidden"> ${source.name}</span></button>
  </form>`;
}

function row(source: Source, model: SourcesModel, t: SourcesText, f: Formatters): SafeHtml {
  const when = (value: Date | null) =>
    value ? html`<time datetime="${value.toISOString()}">${f.dateTime(value)}</time>` : '–';
  return html`<tr id="source-${source.id}">
    <th scope="row">
      ${source.name}
      ${
        serverDetailsHidden(source, model)
          ? html`<div class="source-url"><em>${t.serverFile}</em></div>`
          : html`<div class="source-url">${source.url}</div>
              <div>${settings(source.config, t)}</div>`
      }
    </th>
    <td>${source.kind}</td>
    <td>${healthCell(source, model, t, f)}</td>
    <td>${when(source.last_success_at)}</td>
    <td>
      ${
        source.last_error
          ? html`${when(source.last_error_at)}
              <div class="source-error">${shownReason(source.last_error, source, model, t)}</div>`
          : '–'
      }
    </td>
    <td>${f.number(source.consecutive_failures)}</td>
    <td>${source.items_last_poll === null ? '–' : f.number(source.items_last_poll)}</td>
    <td>${f.number(source.total_items)}</td>
    <td>${interval(source, t, f)}</td>
    ${model.canManage ? html`<td>${actions(source, model, t)}</td>` : ''}
  </tr>`;
}

export function renderSources(model: SourcesModel): string {
  const t = SOURCES_TEXT[model.locale];
  const f = formatters(model.locale);
  const problem = (form: 'add' | 'preview' | 'pause') =>
    model.problem?.form === form
      ? html`<p class="error" role="alert" id="${form}-problem">${model.problem.message}</p>`
      : '';
  const main = html`
    <p>${t.intro}</p>
    ${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : ''} ${problem('pause')}
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">${t.listHeading(f.number(model.sources.length))}</h2>
      ${
        model.sources.length === 0
          ? html`<p>${t.none}</p>`
          : html`<div class="table-scroll" role="region" aria-labelledby="sources-caption" tabindex="0">
              <table class="sources">
                <caption id="sources-caption">
                  ${t.caption}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t.col.name}</th>
                    <th scope="col">${t.col.kind}</th>
                    <th scope="col">${t.col.health}</th>
                    <th scope="col">${t.col.lastSuccess}</th>
                    <th scope="col">${t.col.lastError}</th>
                    <th scope="col">${t.col.failures}</th>
                    <th scope="col">${t.col.lastPoll}</th>
                    <th scope="col">${t.col.total}</th>
                    <th scope="col">${t.col.interval}</th>
                    ${model.canManage ? html`<th scope="col">${t.col.actions}</th>` : ''}
                  </tr>
                </thead>
                <tbody>
                  ${model.sources.map((source) => row(source, model, t, f))}
                </tbody>
              </table>
            </div>`
      }
    </section>
    ${
      model.canManage && model.account
        ? html`${problem('add')}${addForm(model.account.csrfToken, model.kinds, model.values, t)}
          ${problem('preview')}${previewForm(model.account.csrfToken, model.kinds, model.values, t)}
          ${model.preview ? previewResult(model.preview, t, f) : ''}`
        : html`<p>${t.adminOnly}</p>`
    }
  `;
  return renderLayout({
    locale: model.locale,
    title: t.title,
    active: 'sources',
    account: model.account,
    main,
    path: model.path,
    samplePosts: model.samplePosts,
    modelVersion: model.modelVersion,
  });
}
