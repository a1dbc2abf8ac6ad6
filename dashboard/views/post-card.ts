/**
 * One post in the posts explorer: stance, language, source, time, link, snapshots, reach, sightings, themes with
 * their evidence (and, for a post not in Swedish, each theme's Swedish label and description beside the terms),
 * for analysts a form to correct stance and themes (sent by /static/posts.js to the label API), and for the hold
 * right the post's legal holds with a form to place one (the hold API). All escaped.
 */
import { leadingChars } from '../../core/text.ts';
import type { LegalHold } from '../../core/db/legal-holds.ts';
import type { Formatters, Locale } from '../locale.ts';
import type { PostListItem } from '../queries/post-list.ts';
import { html, type SafeHtml } from './html.ts';
import { POSTS_TEXT, type PostsText } from './posts-text.ts';

export interface ThemeInfo {
  id: string;
  label_sv: string;
  label_en: string;
  description_sv: string;
}

/** A hold placed on the post itself, as the card shows it. */
export type PostHold = Pick<LegalHold, 'id' | 'created_by' | 'created_at' | 'case_reference'>;

export interface CardContext {
  locale: Locale;
  fmt: Formatters;
  themes: Map<string, ThemeInfo>;
  /** Every theme in label order, for the correction form's check boxes. */
  themeList: readonly ThemeInfo[];
  canLabel: boolean;
  /**
   * For the `hold` right: which posts of the page are kept by any active hold (theirs or their source's) and the
   * holds placed on the posts themselves. Null without that right (no hold controls).
   */
  holds: { held: ReadonlySet<number>; own: ReadonlyMap<number, readonly PostHold[]> } | null;
  /** The configured translation service's host; null when none is configured. */
  translationService: string | null;
  languageName(code: string | null): string;
}

const SAFE_URL = /^https?:\/\//i;

function themeLabel(ctx: CardContext, id: string): string {
  const theme = ctx.themes.get(id);
  if (!theme) return id;
  return ctx.locale === 'sv' ? theme.label_sv : theme.label_en;
}

function themeItems(
  ctx: CardContext,
  post: PostListItem,
  role: 'rumour' | 'about',
  t: PostsText,
): SafeHtml[] {
  const gloss = post.lang !== 'sv';
  return post.themes
    .filter((theme) => theme.role === role)
    .map((theme) => {
      const info = ctx.themes.get(theme.id);
      return html`<li>
        <span class="theme">${themeLabel(ctx, theme.id)}</span>
        <span class="evidence"
          ><span class="visually-hidden">${t.evidence}: </span
          ><span dir="auto">${theme.evidence.join(', ')}</span></span
        >
        ${
          gloss && info
            ? html`<span class="gloss" lang="sv"
                >${t.gloss}: <strong>${info.label_sv}</strong> – ${info.description_sv}</span
              >`
            : ''
        }
      </li>`;
    });
}

function reach(ctx: CardContext, post: PostListItem, t: PostsText): SafeHtml {
  const metrics = post.metrics ?? {};
  const parts = (['views', 'forwards', 'reactions', 'replies'] as const)
    .filter((key) => typeof metrics[key] === 'number')
    .map((key) => `${t.metrics[key]} ${ctx.fmt.number(metrics[key] ?? 0)}`);
  return html`<span class="reach">${parts.length > 0 ? parts.join(' · ') : t.noReach}</span>`;
}

function checkboxes(
  ctx: CardContext,
  post: PostListItem,
  name: 'themes' | 'about',
  legend: string,
): SafeHtml {
  const current = new Set(
    post.label
      ? name === 'themes'
        ? post.label.themes
        : post.label.about
      : post.themes.filter((x) => x.role === (name === 'themes' ? 'rumour' : 'about')).map((x) => x.id),
  );
  return html`<fieldset class="label-${name}">
    <legend>${legend}</legend>
    ${ctx.themeList.map(
      (theme) =>
        html`<label
          ><input
            type="checkbox"
            name="${name}"
            value="${theme.id}"
            ${current.has(theme.id) ? html`checked` : ''}
          />
          ${themeLabel(ctx, theme.id)}</label
        >`,
    )}
  </fieldset>`;
}

/** A button that asks the configured service for a Swedish machine translation of this one post (posts.js). */
function translateControl(service: string, post: PostListItem, t: PostsText): SafeHtml {
  return html`<div class="translation" data-post-id="${post.id}" data-failed="${t.translationFailed}">
    <button type="button" class="translate">${t.translate(service)}</button>
    <p
      class="translation-text"
      lang="sv"
      aria-live="polite"
      data-label="${t.translation}"
      data-busy="${t.translating}"
    ></p>
  </div>`;
}

function labelForm(ctx: CardContext, post: PostListItem, t: PostsText): SafeHtml {
  const stance = post.label?.stance ?? post.stance ?? 'rumour';
  return html`<details class="label-box">
    <summary>${t.correct}</summary>
    <form class="label-form" data-post-id="${post.id}" data-saved="${t.saved}" data-failed="${t.failed}">
      <label
        >${t.stance}
        <select name="stance">
          ${(['rumour', 'counter', 'neutral', 'unrelated'] as const).map(
            (s) => html`<option value="${s}" ${s === stance ? html`selected` : ''}>${t.stances[s]}</option>`,
          )}
        </select></label
      >
      ${checkboxes(ctx, post, 'themes', t.rumourThemesHelp)}
      ${checkboxes(ctx, post, 'about', t.aboutThemesHelp)}
      <button type="submit">${t.save}</button>
      <p class="label-status" role="status" aria-live="polite"></p>
    </form>
  </details>`;
}

/** Hold state and controls (the `hold` right): who holds it, release buttons, a form to place a hold. */
function holdBox(ctx: CardContext, post: PostListItem, t: PostsText): SafeHtml {
  if (!ctx.holds) return html``;
  const own = ctx.holds.own.get(post.id) ?? [];
  const held = ctx.holds.held.has(post.id);
  return html`<div class="hold-box">
    ${held ? html`<p class="badge held">${t.held}</p>` : ''}
    ${own.map(
      (hold) =>
        html`<p
          class="hold"
          data-hold-id="${hold.id}"
          data-released="${t.holdReleased}"
          data-failed="${t.failed}"
        >
          ${t.heldBy(hold.created_by, ctx.fmt.dateTime(hold.created_at.toISOString()), hold.case_reference)}
          <button type="button" class="hold-release">${t.holdRelease}</button>
          <span class="hold-status" role="status" aria-live="polite"></span>
        </p>`,
    )}
    <details>
      <summary>${t.holdTitle}</summary>
      <form class="hold-form" data-post-id="${post.id}" data-saved="${t.holdSaved}" data-failed="${t.failed}">
        <label
          >${t.holdReason}
          <input name="reason" required minlength="3" maxlength="500" placeholder="${t.holdReasonHint}"
        /></label>
        <label>${t.holdCase} <input name="case" maxlength="200" /></label>
        <button type="submit">${t.holdSave}</button>
        <p class="hold-status" role="status" aria-live="polite"></p>
      </form>
    </details>
  </div>`;
}

export function postCard(ctx: CardContext, post: PostListItem): SafeHtml {
  const t = POSTS_TEXT[ctx.locale];
  const rumours = themeItems(ctx, post, 'rumour', t);
  const about = themeItems(ctx, post, 'about', t);
  const headingId = `post-${post.id}`;
  return html`<article class="post stance-${post.stance ?? 'pending'}" aria-labelledby="${headingId}">
    <header>
      <h3 id="${headingId}" class="post-heading">
        <span class="badge"
          >${post.stance ? t.stances[post.stance as keyof PostsText['stances']] : t.pending}</span
        >
        <span class="visually-hidden">${t.post} ${post.id}</span>
      </h3>
      <span class="lang"
        >${ctx.languageName(post.lang)}${post.lang2 ? ` + ${ctx.languageName(post.lang2)}` : ''}</span
      >
      <time datetime="${post.published_at}">${ctx.fmt.dateTime(post.published_at)}</time>
      <span class="source"><bdi>${post.source.name}</bdi></span>
      ${post.author ? html`<span class="author">${t.author} <bdi>${post.author}</bdi></span>` : ''}
      ${post.is_sample ? html`<span class="badge sample">${t.sample}</span>` : ''}
    </header>
    ${post.title ? html`<p class="title" dir="auto"><strong>${post.title}</strong></p>` : ''}
    <p class="text" dir="auto">${post.text.length > 800 ? `${leadingChars(post.text, 800)}…` : post.text}</p>
    ${
      rumours.length
        ? html`<div class="themes-block">
            <p class="themes-title">${t.rumourThemes}</p>
            <ul class="themes rumour">
              ${rumours}
            </ul>
          </div>`
        : ''
    }
    ${
      about.length
        ? html`<div class="themes-block">
            <p class="themes-title">${t.aboutThemes}</p>
            <ul class="themes about">
              ${about}
            </ul>
          </div>`
        : ''
    }
    ${
      post.label
        ? html`<p class="labelled">
            ${t.labelled(t.stances[post.label.stance as keyof PostsText['stances']] ?? post.label.stance)}
            ${[...post.label.themes, ...post.label.about].map((id) => themeLabel(ctx, id)).join(', ')}
          </p>`
        : ''
    }
    <p class="post-meta">
      ${reach(ctx, post, t)} · <span class="sightings">${t.sightings(ctx.fmt.number(post.sightings))}</span>
      ${post.places.length ? html` · <span class="places">${t.places}: ${post.places.map((p) => p.code).join(', ')}</span>` : ''}
      ${
        post.url && SAFE_URL.test(post.url)
          ? html` · <a href="${post.url}" rel="noopener noreferrer nofollow" target="_blank">${t.link}</a>`
          : ''
      }
      ${post.snapshots.map(
        (s) => html` · <a href="/snapshots/${s.id}.png">${t.snapshot} ${ctx.fmt.dateTime(s.taken_at)}</a>`,
      )}
    </p>
    ${ctx.translationService && post.lang !== 'sv' ? translateControl(ctx.translationService, post, t) : ''}
    ${ctx.canLabel ? labelForm(ctx, post, t) : ''} ${holdBox(ctx, post, t)}
  </article>`;
}
