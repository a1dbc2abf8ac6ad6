/** The start page: trend chart (drawn by /static/overview.js from /api/trends) and the latest posts, escaped. */
import type { PostPage, PostView } from '../queries/latest-posts.ts';
import { ANALYST_TIME_ZONE } from '../params.ts';
import { html, type SafeHtml } from './html.ts';

const stockholmTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ANALYST_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});

export interface OverviewModel {
  filters: { from: string; to: string; interval: 'day' | 'week'; lang: string | undefined };
  latest: PostPage;
  samplePosts: number;
  themeLabels: Map<string, string>;
  /** The logged-in user (null for a token, which never renders pages). */
  account: { name: string; roles: readonly string[]; csrfToken: string } | null;
}

const ROLE_SV: Record<string, string> = {
  viewer: 'läsare',
  analyst: 'analytiker',
  security: 'säkerhet',
  admin: 'administratör',
};

const STANCE_SV: Record<string, string> = {
  rumour: 'Rykte',
  counter: 'Motbudskap',
  neutral: 'Neutral',
  unrelated: 'Orelaterad',
};

function postItem(post: PostView, labels: Map<string, string>): SafeHtml {
  const rumours = post.themes.filter((t) => t.role === 'rumour');
  const about = post.themes.filter((t) => t.role === 'about');
  const themeList = (themes: typeof rumours) =>
    themes.map(
      (t) =>
        html`<li>
          <span class="theme">${labels.get(t.id) ?? t.id}</span>
          <span class="evidence" title="Matchade termer">${t.evidence.join(', ')}</span>
        </li>`,
    );
  return html`<article class="post stance-${post.stance ?? 'pending'}">
    <header>
      <span class="badge">${post.stance ? (STANCE_SV[post.stance] ?? post.stance) : 'Ej analyserad'}</span>
      <span class="lang" title="Språk">${post.lang ?? '…'}${post.lang2 ? ` + ${post.lang2}` : ''}</span>
      <time datetime="${post.published_at}">${stockholmTime.format(new Date(post.published_at))}</time>
      <span class="source">${post.source.name}</span>
      ${post.is_sample ? html`<span class="badge sample">Exempeldata</span>` : ''}
    </header>
    ${post.title ? html`<h3>${post.title}</h3>` : ''}
    <p class="text" dir="auto">${post.text.length > 600 ? `${post.text.slice(0, 600)}…` : post.text}</p>
    ${
      rumours.length
        ? html`<ul class="themes rumour" aria-label="Ryktesteman">
            ${themeList(rumours)}
          </ul>`
        : ''
    }
    ${
      about.length
        ? html`<ul class="themes about" aria-label="Bemöter eller rapporterar">
            ${themeList(about)}
          </ul>`
        : ''
    }
    ${post.url && /^https?:\/\//i.test(post.url) ? html`<a href="${post.url}" rel="noopener noreferrer nofollow" target="_blank">Källa</a>` : ''}
  </article>`;
}

export function renderOverview(model: OverviewModel): string {
  const { filters } = model;
  return `<!doctype html>${
    html`<html lang="sv">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Ryktesradar – översikt</title>
        <link rel="stylesheet" href="/static/style.css" />
        ${model.account ? html`<meta name="csrf-token" content="${model.account.csrfToken}" />` : ''}
        <script src="/vendor/chart.umd.js" defer></script>
        <script src="/static/overview.js" defer></script>
      </head>
      <body>
        <header class="top">
          <h1>Ryktesradar</h1>
          <p>Rykten om socialtjänsten: vad växer, på vilket språk.</p>
          ${
            model.account
              ? html`<div class="account">
                  <span
                    >Inloggad som
                    <strong>${model.account.name}</strong>
                    (${model.account.roles.map((r) => ROLE_SV[r] ?? r).join(', ')})</span
                  >
                  <form method="post" action="/logout">
                    <input type="hidden" name="_csrf" value="${model.account.csrfToken}" />
                    <button type="submit">Logga ut</button>
                  </form>
                </div>`
              : ''
          }
        </header>
        ${
          model.samplePosts > 0
            ? html`<p class="sample-banner" role="note">
                <strong>Exempeldata:</strong> ${model.samplePosts} genererade inlägg visas. De är påhittade
                för att visa hur verktyget fungerar. Ta bort dem med
                <code>npx ryktesradar demo --remove</code>.
              </p>`
            : ''
        }
        <main>
          <form class="filters" method="get" action="/">
            <label>Från <input type="date" name="from" value="${filters.from}" /></label>
            <label>Till <input type="date" name="to" value="${filters.to}" /></label>
            <label
              >Intervall
              <select name="interval">
                <option value="day" ${filters.interval === 'day' ? html`selected` : ''}>Dag</option>
                <option value="week" ${filters.interval === 'week' ? html`selected` : ''}>Vecka</option>
              </select></label
            >
            <label
              >Språk <input name="lang" value="${filters.lang ?? ''}" size="4" placeholder="alla"
            /></label>
            <button type="submit">Visa</button>
          </form>
          <section aria-labelledby="trend-heading">
            <h2 id="trend-heading">Ryktesinlägg per tema (dagar i svensk tid)</h2>
            <p id="trend-status" role="status">Laddar trender…</p>
            <div class="chart-box">
              <canvas id="trend-chart" aria-describedby="trend-table-caption"></canvas>
            </div>
            <details>
              <summary>Visa data som tabell</summary>
              <table id="trend-table">
                <caption id="trend-table-caption">
                  Antal ryktesinlägg per tema och period
                </caption>
              </table>
            </details>
          </section>
          <section aria-labelledby="latest-heading">
            <h2 id="latest-heading">Senaste inlägg</h2>
            ${model.latest.posts.length === 0 ? html`<p>Inga inlägg ännu. Lägg till en källa med <code>npx ryktesradar sources add rss URL</code> eller ladda exempeldata med <code>npx ryktesradar demo</code>.</p>` : ''}
            ${model.latest.posts.map((post) => postItem(post, model.themeLabels))}
          </section>
        </main>
        <footer>
          <p>Modellversion: ${model.latest.modelVersion}. Författare visas bara som pseudonymer.</p>
        </footer>
      </body>
    </html>`.value
  }`;
}
