/**
 * One example post with its evidence: stance, language, source, time, matched terms per theme, link, snapshot
 * links and sightings. A post in another language than Swedish shows the Swedish gloss beside it: its matched
 * terms next to the theme's Swedish description (no translation service is called).
 */
import { leadingChars } from '../../core/text.ts';
import type { Formatters, Locale } from '../locale.ts';
import type { PostView } from '../queries/latest-posts.ts';
import { langName, safeHref } from './analysis-parts.ts';
import { html, type SafeHtml } from './html.ts';

export interface ThemeInfo {
  label_sv: string;
  label_en: string;
  description_sv: string;
}

const TEXT = {
  sv: {
    stance: { rumour: 'Rykte', counter: 'Motbudskap', neutral: 'Neutral', unrelated: 'Orelaterad' } as Record<
      string,
      string
    >,
    pending: 'Ej analyserad',
    language: 'Språk',
    sample: 'Exempeldata',
    rumourThemes: 'Ryktesteman',
    about: 'Bemöter eller rapporterar',
    matched: 'Belägg (matchade termer eller de ord som vägde tyngst)',
    link: 'Källa',
    snapshot: (n: number) => `Ögonblicksbild ${n}`,
    sightings: (n: string, s: string) =>
      `Sedd ${n} ${n === '1' ? 'gång' : 'gånger'} i ${s} ${s === '1' ? 'källa' : 'källor'}`,
    gloss: 'Svensk glosa',
    glossNote: 'Beläggen och temats svenska beskrivning (ingen maskinöversättning).',
  },
  en: {
    stance: {
      rumour: 'Rumour',
      counter: 'Counter-message',
      neutral: 'Neutral',
      unrelated: 'Unrelated',
    } as Record<string, string>,
    pending: 'Not analysed',
    language: 'Language',
    sample: 'Sample data',
    rumourThemes: 'Rumour themes',
    about: 'Rebuts or reports',
    matched: 'Evidence (matched terms or the words that weighed most)',
    link: 'Source',
    snapshot: (n: number) => `Snapshot ${n}`,
    sightings: (n: string, s: string) =>
      `Seen ${n === '1' ? 'once' : `${n} times`} in ${s} ${s === '1' ? 'source' : 'sources'}`,
    gloss: 'Swedish gloss',
    glossNote: "The evidence and the theme's Swedish description (no machine translation).",
  },
} as const;

export interface ExampleExtras {
  snapshots?: readonly number[];
  sightings?: { sightings: number; sources: number };
}

export function examplePost(
  locale: Locale,
  fmt: Formatters,
  post: PostView,
  themes: ReadonlyMap<string, ThemeInfo>,
  extras: ExampleExtras = {},
): SafeHtml {
  const t = TEXT[locale];
  const label = (id: string) => (locale === 'sv' ? themes.get(id)?.label_sv : themes.get(id)?.label_en) ?? id;
  const rumours = post.themes.filter((x) => x.role === 'rumour');
  const about = post.themes.filter((x) => x.role === 'about');
  const list = (items: typeof rumours) =>
    items.map(
      (x) =>
        html`<li>
          <span class="theme">${label(x.id)}</span>
          <span class="evidence" title="${t.matched}">${x.evidence.join(', ')}</span>
        </li>`,
    );
  const foreign = post.lang !== null && post.lang !== 'sv' && post.themes.length > 0;
  const href = safeHref(post.url);
  return html`<article class="post stance-${post.stance ?? 'pending'}">
    <header>
      <span class="badge">${post.stance ? (t.stance[post.stance] ?? post.stance) : t.pending}</span>
      <span class="lang" title="${t.language}"
        >${post.lang ?? '…'}${post.lang2 ? ` + ${post.lang2}` : ''}</span
      >
      <time datetime="${post.published_at}">${fmt.dateTime(post.published_at)}</time>
      <span class="source"><bdi>${post.source.name}</bdi></span>
      ${post.is_sample ? html`<span class="badge sample">${t.sample}</span>` : ''}
    </header>
    ${post.title ? html`<h3 dir="auto">${post.title}</h3>` : ''}
    <p class="text" dir="auto" ${post.lang ? html`lang="${post.lang === 'und' ? '' : post.lang}"` : ''}>
      ${post.text.length > 600 ? `${leadingChars(post.text, 600)}…` : post.text}
    </p>
    ${
      rumours.length
        ? html`<ul class="themes rumour" aria-label="${t.rumourThemes}">
            ${list(rumours)}
          </ul>`
        : ''
    }
    ${
      about.length
        ? html`<ul class="themes about" aria-label="${t.about}">
            ${list(about)}
          </ul>`
        : ''
    }
    ${
      foreign
        ? html`<div class="gloss">
            <p><strong>${t.gloss}</strong> (${langName(locale, post.lang ?? 'und')}). ${t.glossNote}</p>
            <dl lang="sv">
              ${post.themes.map(
                (x) =>
                  html`<dt>
                      ${themes.get(x.id)?.label_sv ?? x.id}:
                      <span class="evidence">${x.evidence.join(', ')}</span>
                    </dt>
                    <dd>${themes.get(x.id)?.description_sv ?? ''}</dd>`,
              )}
            </dl>
          </div>`
        : ''
    }
    <p class="evidence-links">
      ${href ? html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${t.link}</a>` : ''}
      ${(extras.snapshots ?? []).map((id) => html` · <a href="/snapshots/${String(id)}.png">${t.snapshot(id)}</a>`)}
      ${
        extras.sightings
          ? html` ·
            ${t.sightings(fmt.number(extras.sightings.sightings), fmt.number(extras.sightings.sources))}`
          : ''
      }
    </p>
  </article>`;
}
