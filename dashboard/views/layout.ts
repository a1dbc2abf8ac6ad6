/**
 * The frame of every logged-in page: skip link, header with the account and logout, the main navigation, the
 * language switch, the sample-data banner and the footer. Pages give their title, their `main` content and their
 * scripts (files under /static: the CSP allows no inline script).
 */
import type { Locale } from '../locale.ts';
import { html, type SafeHtml } from './html.ts';

export interface Account {
  name: string;
  roles: readonly string[];
  csrfToken: string;
}

/** Navigation entries in order; a page marks itself with its `id`. */
export const NAV = [
  { id: 'overview', href: '/', sv: 'Översikt', en: 'Overview' },
  { id: 'emerging', href: '/emerging', sv: 'Nytt och växande', en: 'Emerging' },
  { id: 'themes', href: '/themes', sv: 'Teman', en: 'Themes' },
  { id: 'matrix', href: '/matrix', sv: 'Målmatris', en: 'Targeting matrix' },
  { id: 'posts', href: '/posts', sv: 'Inlägg', en: 'Posts' },
  { id: 'sources', href: '/sources', sv: 'Källor', en: 'Sources' },
  // The report needs the export right, which analysts and admins hold.
  { id: 'report', href: '/report', sv: 'Rapport', en: 'Report', roles: ['analyst', 'admin'] },
  { id: 'alerts', href: '/alerts', sv: 'Larm', en: 'Alerts', roles: ['analyst', 'security', 'admin'] },
  { id: 'jobs', href: '/jobs', sv: 'Jobb', en: 'Jobs', roles: ['admin'] },
] as const;
export type NavId = (typeof NAV)[number]['id'] | 'accessibility';

/** Pages read for a period: moving between them keeps the period the analyst chose. */
/**
 * A page title without direction controls, so a right-to-left override in a theme label cannot run on into the
 * rest of the title (isolating marks around it showed as boxes in PDF viewers' title bars).
 */
const isolated = (text: string) => text.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');

const PERIOD_PAGES: ReadonlySet<NavId> = new Set(['overview', 'themes', 'matrix', 'posts', 'report']);

const ROLE: Record<Locale, Record<string, string>> = {
  sv: { viewer: 'läsare', analyst: 'analytiker', security: 'säkerhet', admin: 'administratör' },
  en: { viewer: 'viewer', analyst: 'analyst', security: 'security', admin: 'admin' },
};

const TEXT = {
  sv: {
    skip: 'Hoppa till innehållet',
    tagline: 'Rykten om socialtjänsten: vad växer, på vilket språk, var.',
    signedIn: 'Inloggad som',
    logout: 'Logga ut',
    nav: 'Huvudmeny',
    other: 'In English',
    sample: (n: string) =>
      `Exempeldata: ${n} genererade inlägg visas. De är påhittade för att visa hur verktyget fungerar. Ta bort dem med`,
    accessibility: 'Tillgänglighetsredogörelse',
    pseudonyms: 'Författare visas bara som pseudonymer.',
    model: 'Modellversion',
  },
  en: {
    skip: 'Skip to content',
    tagline: 'Rumours about Swedish social services: what grows, in which language, where.',
    signedIn: 'Signed in as',
    logout: 'Log out',
    nav: 'Main menu',
    other: 'På svenska',
    sample: (n: string) =>
      `Sample data: ${n} generated posts are shown. They are invented to show how the tool works. Remove them with`,
    accessibility: 'Accessibility statement',
    pseudonyms: 'Authors are shown as pseudonyms only.',
    model: 'Model version',
  },
} as const;

export interface LayoutModel {
  locale: Locale;
  title: string;
  active: NavId;
  account: Account | null;
  main: SafeHtml;
  /** Script files under /static (or /vendor) to load, deferred, in order. */
  scripts?: readonly string[];
  /** Generated sample posts in the database (0: no banner). */
  samplePosts?: number;
  modelVersion?: string;
  /** The current path and query, for the language switch link. */
  path: string;
}

/** The nav link for `item`, carrying the current page's `from`/`to` to the other period pages. */
function navHref(item: (typeof NAV)[number], path: string): string {
  const current = new URL(path, 'http://local').searchParams;
  const period = new URLSearchParams();
  for (const key of ['from', 'to']) {
    const value = current.get(key);
    if (value) period.set(key, value);
  }
  return PERIOD_PAGES.has(item.id) && period.size > 0 ? `${item.href}?${period.toString()}` : item.href;
}

function switchLanguage(path: string, to: Locale): string {
  const url = new URL(path, 'http://local');
  url.searchParams.set('lang', to);
  return `${url.pathname}${url.search}`;
}

export function renderLayout(model: LayoutModel): string {
  const t = TEXT[model.locale];
  const other: Locale = model.locale === 'sv' ? 'en' : 'sv';
  return `<!doctype html>${
    html`<html lang="${model.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${isolated(model.title)} – Ryktesradar</title>
        <link rel="stylesheet" href="/static/style.css" />
        ${model.account ? html`<meta name="csrf-token" content="${model.account.csrfToken}" />` : ''}
        ${(model.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
      </head>
      <body>
        <a class="skip-link" href="#main">${t.skip}</a>
        <header class="top">
          <p class="brand"><a href="/">Ryktesradar</a></p>
          <p class="tagline">${t.tagline}</p>
          ${
            model.account
              ? html`<div class="account">
                  <span
                    >${t.signedIn}
                    <strong>${model.account.name}</strong>
                    (${model.account.roles.map((r) => ROLE[model.locale][r] ?? r).join(', ')})</span
                  >
                  <form method="post" action="/logout">
                    <input type="hidden" name="_csrf" value="${model.account.csrfToken}" />
                    <button type="submit">${t.logout}</button>
                  </form>
                </div>`
              : ''
          }
          <a
            class="lang-switch"
            href="${switchLanguage(model.path, other)}"
            hreflang="${other}"
            lang="${other}"
            >${t.other}</a
          >
        </header>
        <nav aria-label="${t.nav}" class="main-nav">
          <ul>
            ${NAV.filter(
              // An entry with a role is shown only to those who hold it (the route checks the right itself).
              (item) =>
                !('roles' in item) ||
                item.roles.some((role: string) => model.account?.roles.includes(role) ?? false),
            ).map(
              (item) =>
                html`<li>
                  <a
                    href="${navHref(item, model.path)}"
                    ${item.id === model.active ? html`aria-current="page"` : ''}
                    >${item[model.locale]}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        ${
          model.samplePosts
            ? html`<p class="sample-banner" role="note">
                <strong>${t.sample(String(model.samplePosts))}</strong>
                <code>npx ryktesradar demo --remove</code>.
              </p>`
            : ''
        }
        <main id="main" tabindex="-1">
          <h1>${model.title}</h1>
          ${model.main}
        </main>
        <footer>
          <p>
            ${model.modelVersion ? html`${t.model}: ${model.modelVersion}. ` : ''}${t.pseudonyms}
            <a href="/accessibility">${t.accessibility}</a>
          </p>
        </footer>
      </body>
    </html>`.value
  }`;
}
