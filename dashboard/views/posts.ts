/**
 * GET /posts, the posts explorer: a filter form (period, theme, stance, language with `und`, source, place, free
 * text), the matching posts newest first with a keyset "next page" link, export links for analysts.
 * The post language is the `language` parameter here because `lang` is the page's UI language.
 */
import { LANGUAGES } from '../../classifier/types.ts';
import { formatters, type Locale } from '../locale.ts';
import type { PostFilters } from '../params.ts';
import type { PostListPage } from '../queries/post-list.ts';
import { langName } from './analysis-parts.ts';
import { html } from './html.ts';
import { renderLayout, type Account } from './layout.ts';
import { postCard, type CardContext, type ThemeInfo } from './post-card.ts';
import { POSTS_TEXT } from './posts-text.ts';

export interface PostsPageModel {
  locale: Locale;
  account: Account | null;
  path: string;
  filters: PostFilters;
  paged: boolean;
  page: PostListPage;
  themes: readonly ThemeInfo[];
  sources: readonly { id: number; name: string }[];
  canLabel: boolean;
  canExport: boolean;
  /** Hold state of the page's posts for the `hold` right; null without it. */
  holds: CardContext['holds'];
  /** The configured translation service's host; null when none is configured. */
  translationService: string | null;
  samplePosts: number;
}

/** The filters as the API and export routes take them (`lang` is the post language there). */
export function apiQuery(filters: PostFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

/** The filters as this page takes them, plus extra parameters. */
function pageQuery(filters: PostFilters, locale: Locale, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key === 'lang' ? 'language' : key, String(value));
  }
  params.set('lang', locale);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

export function renderPostsPage(model: PostsPageModel): string {
  const { locale, filters } = model;
  const t = POSTS_TEXT[locale];
  const fmt = formatters(locale);
  const languageName = (code: string | null): string => {
    if (code === null) return t.unknownLanguage;
    if (code === 'und') return t.undetermined;
    return langName(locale, code);
  };
  const themeName = (theme: ThemeInfo) => (locale === 'sv' ? theme.label_sv : theme.label_en);
  const ctx: CardContext = {
    locale,
    fmt,
    themes: new Map(model.themes.map((theme) => [theme.id, theme])),
    themeList: model.themes,
    canLabel: model.canLabel,
    holds: model.holds,
    translationService: model.translationService,
    languageName,
  };
  const selected = (on: boolean) => (on ? html`selected` : '');
  const query = apiQuery(filters);

  const main = html`
    <form class="filters posts-filters" method="get" action="/posts" role="search" aria-label="${t.filters}">
      <input type="hidden" name="lang" value="${locale}" />
      <label
        >${t.search}
        <input
          type="search"
          name="q"
          id="q"
          value="${filters.q ?? ''}"
          maxlength="200"
          aria-describedby="q-hint"
      /></label>
      <span id="q-hint" class="hint">${t.searchHint}</span>
      <label>${t.from} <input type="date" name="from" value="${filters.from ?? ''}" /></label>
      <label>${t.to} <input type="date" name="to" value="${filters.to ?? ''}" /></label>
      <label
        >${t.theme}
        <select name="theme">
          <option value="">${t.all}</option>
          ${model.themes.map(
            (theme) =>
              html`<option value="${theme.id}" ${selected(filters.theme === theme.id)}>
                ${themeName(theme)}
              </option>`,
          )}
        </select></label
      >
      <label
        >${t.stance}
        <select name="stance">
          <option value="">${t.all}</option>
          ${(['rumour', 'counter', 'neutral', 'unrelated'] as const).map(
            (s) => html`<option value="${s}" ${selected(filters.stance === s)}>${t.stances[s]}</option>`,
          )}
        </select></label
      >
      <label
        >${t.language}
        <select name="language">
          <option value="">${t.all}</option>
          ${[...LANGUAGES, 'und'].map(
            (code) =>
              html`<option value="${code}" ${selected(filters.lang === code)}>${languageName(code)}</option>`,
          )}
        </select></label
      >
      <label
        >${t.source}
        <select name="source">
          <option value="">${t.all}</option>
          ${model.sources.map(
            (s) => html`<option value="${s.id}" ${selected(filters.source === s.id)}>${s.name}</option>`,
          )}
        </select></label
      >
      <label
        >${t.place}
        <input
          name="place"
          value="${filters.place ?? ''}"
          inputmode="numeric"
          pattern="[0-9]{4}"
          size="5"
          aria-describedby="place-hint"
      /></label>
      <span id="place-hint" class="hint">${t.placeHint}</span>
      <button type="submit">${t.apply}</button>
      <a href="/posts?lang=${locale}">${t.clear}</a>
    </form>
    ${
      model.canExport
        ? html`<p class="exports">
            ${t.export}:
            <a href="/api/posts/export.csv${query ? `?${query}` : ''}" download>CSV</a> ·
            <a href="/api/posts/export.json${query ? `?${query}` : ''}" download>JSON</a>
            <span class="hint">${t.exportNote}</span>
          </p>`
        : ''
    }
    <section aria-labelledby="results-heading" class="post-results">
      <h2 id="results-heading">${t.results}</h2>
      ${model.page.posts.length === 0 ? html`<p>${t.none}</p>` : ''}
      ${model.page.posts.map((post) => postCard(ctx, post))}
      <nav class="pager" aria-label="${t.results}">
        ${model.paged ? html`<a href="/posts?${pageQuery(filters, locale)}">${t.firstPage}</a>` : ''}
        ${
          model.page.nextCursor
            ? html`<a
                href="/posts?${pageQuery(filters, locale, { cursor: model.page.nextCursor })}"
                rel="next"
                >${t.next}</a
              >`
            : ''
        }
      </nav>
    </section>
  `;
  return renderLayout({
    locale,
    title: t.title,
    active: 'posts',
    account: model.account,
    main,
    scripts: model.canLabel || model.holds || model.translationService ? ['/static/posts.js'] : [],
    samplePosts: model.samplePosts,
    modelVersion: model.page.modelVersion,
    path: model.path,
  });
}
