/**
 * The emerging-rumours pages: /emerging (events newest first with their plain reason, filters by kind and status,
 * and the new-claim candidates with the analysts' Dismiss and Make-a-theme forms) and /emerging/:id (one event's
 * evidence: reason, counts, timeline and example posts). Post texts are escaped like everything else.
 */
import { leadingChars } from '../../core/text.ts';
import { claimPhrases } from '../../emerging/claim-phrases.ts';
import { municipalityName } from '../../classifier/places.ts';
import type { ClaimCandidate } from '../../core/db/claim-candidates.ts';
import type { EmergingEvent } from '../../core/db/emerging-events.ts';
import { renderReason } from '../../emerging/reason.ts';
import { EVENT_KINDS, type EventKind } from '../../emerging/types.ts';
import { formatters, type Formatters, type Locale } from '../locale.ts';
import type { EvidencePost } from '../queries/emerging.ts';
import { langName, safeHref } from './analysis-parts.ts';
import { EMERGING_TEXT, type EmergingText } from './emerging-text.ts';
import { html, type SafeHtml } from './html.ts';
import { renderLayout, type Account } from './layout.ts';

export type EventStatus = 'ongoing' | 'ended';

interface PageBase {
  locale: Locale;
  path: string;
  account: Account | null;
  /** Theme id → label in the page's language. */
  themeLabels: ReadonlyMap<string, string>;
  samplePosts?: number;
  modelVersion?: string;
}

export interface CandidateView {
  candidate: ClaimCandidate;
  examples: EvidencePost[];
}

/** What an analyst typed into one candidate's Make-a-theme form, sent back with the problem. */
export interface ThemeFormEcho {
  candidateId: number;
  themeId: string;
  labelSv: string;
  labelEn: string;
}

export interface EmergingListModel extends PageBase {
  events: EmergingEvent[];
  kind: EventKind | null;
  status: EventStatus | null;
  candidates: CandidateView[];
  /** The label right: the candidate forms are shown. */
  canDecide: boolean;
  notice?: string | undefined;
  problem?: { field: string; text: string } | undefined;
  echo?: ThemeFormEcho | undefined;
}

export interface EmergingEventModel extends PageBase {
  event: EmergingEvent;
  posts: EvidencePost[];
  postsLink: string;
}

const round = (value: number) => Math.round(value * 10) / 10;

function reasonText(event: EmergingEvent, locale: Locale, labels: ReadonlyMap<string, string>): string {
  return renderReason(event.reason, locale, {
    lang: (code) => langName(locale, code),
    theme: (id) => labels.get(id) ?? id,
    place: (code) => municipalityName(code) ?? code,
  });
}

function subject(event: EmergingEvent, t: EmergingText, locale: Locale, labels: ReadonlyMap<string, string>) {
  return [
    event.theme_id ? (labels.get(event.theme_id) ?? event.theme_id) : t.allThemes,
    event.lang ? langName(locale, event.lang) : t.allLangs,
    event.place ? (municipalityName(event.place) ?? event.place) : null,
  ]
    .filter((part): part is string => part !== null)
    .join(', ');
}

function counts(event: EmergingEvent, t: EmergingText, fmt: Formatters): string {
  return t.countsValue(
    fmt.number(event.observed),
    fmt.number(round(event.expected)),
    fmt.number(round(event.spread)),
  );
}

function tags(event: EmergingEvent, t: EmergingText): SafeHtml {
  return html`<span class="tag">${t.statuses[event.status]}</span>
    ${event.restricted ? html`<span class="tag">${t.restricted}</span>` : ''}`;
}

function timeline(event: EmergingEvent, t: EmergingText, fmt: Formatters): SafeHtml {
  return html`<dl class="event-facts">
    <dt>${t.started}</dt>
    <dd>${fmt.dateTime(event.started_at)}</dd>
    <dt>${t.firstSeen}</dt>
    <dd>${fmt.dateTime(event.first_seen_at)}</dd>
    <dt>${t.lastSeen}</dt>
    <dd>${fmt.dateTime(event.last_seen_at)}</dd>
    ${
      event.ended_at
        ? html`<dt>${t.ended}</dt>
            <dd>${fmt.dateTime(event.ended_at)}</dd>`
        : ''
    }
  </dl>`;
}

/** Example posts as a simple list: text (escaped, cut at 600 characters), language, source, time, link. */
function postList(
  posts: readonly EvidencePost[],
  t: EmergingText,
  locale: Locale,
  fmt: Formatters,
): SafeHtml {
  if (posts.length === 0) return html`<p>${t.noExamples}</p>`;
  return html`<ul class="evidence-posts">
    ${posts.map((post) => {
      const href = safeHref(post.url);
      const lang = post.lang && post.lang !== 'und' ? post.lang : null;
      const text = post.text.length > 600 ? `${leadingChars(post.text, 600)}…` : post.text;
      return html`<li class="post" id="evidence-post-${post.id}">
        ${post.title ? html`<p class="title" dir="auto"><strong>${post.title}</strong></p>` : ''}
        <p class="text" dir="auto" ${lang ? html`lang="${lang}"` : ''}>${text}</p>
        <p class="post-meta">
          <span class="lang">${post.lang ? langName(locale, post.lang) : '…'}</span> ·
          <span class="source">${t.source}: ${post.source_name}</span> ·
          <time datetime="${post.published_at.toISOString()}">${fmt.dateTime(post.published_at)}</time>
          ${
            href
              ? html` ·
                  <a href="${href}" rel="noopener noreferrer nofollow" target="_blank"
                    >${t.link}<span class="visually-hidden"> ${t.untitled} ${post.id}</span></a
                  >`
              : ''
          }
        </p>
      </li>`;
    })}
  </ul>`;
}

function filterForm(model: EmergingListModel, t: EmergingText): SafeHtml {
  return html`<form method="get" action="/emerging" class="inline-form">
    <label for="kind-filter">${t.filterKind}</label>
    <select id="kind-filter" name="kind">
      <option value="" ${model.kind === null ? html`selected` : ''}>${t.all}</option>
      ${EVENT_KINDS.map(
        (kind) =>
          html`<option value="${kind}" ${kind === model.kind ? html`selected` : ''}>
            ${t.kinds[kind]}
          </option>`,
      )}
    </select>
    <label for="status-filter">${t.filterStatus}</label>
    <select id="status-filter" name="status">
      <option value="" ${model.status === null ? html`selected` : ''}>${t.all}</option>
      ${(['ongoing', 'ended'] as const).map(
        (status) =>
          html`<option value="${status}" ${status === model.status ? html`selected` : ''}>
            ${t.statuses[status]}
          </option>`,
      )}
    </select>
    <button type="submit">${t.show}</button>
  </form>`;
}

function eventsTable(model: EmergingListModel, t: EmergingText, fmt: Formatters): SafeHtml {
  if (model.events.length === 0) return html`<p>${t.none}</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="events-caption" tabindex="0">
    <table class="alerts emerging-events">
      <caption id="events-caption">
        ${t.eventsCaption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.event}</th>
          <th scope="col">${t.reason}</th>
          <th scope="col">${t.counts}</th>
          <th scope="col">${t.score}</th>
          <th scope="col">${t.times}</th>
        </tr>
      </thead>
      <tbody>
        ${model.events.map(
          (event) =>
            html`<tr id="event-${event.id}">
              <td>
                <strong>${t.kinds[event.kind]}</strong>: ${subject(event, t, model.locale, model.themeLabels)}
                ${tags(event, t)}<br />
                <a href="/emerging/${event.id}"
                  >${t.evidence}<span class="visually-hidden"> #${event.id}</span></a
                >
              </td>
              <td>${reasonText(event, model.locale, model.themeLabels)}</td>
              <td>${counts(event, t, fmt)}</td>
              <td>${fmt.number(round(event.score))}</td>
              <td>${timeline(event, t, fmt)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function candidateForms(model: EmergingListModel, candidate: ClaimCandidate, t: EmergingText): SafeHtml {
  const csrf = model.account?.csrfToken ?? '';
  const id = candidate.id;
  const echo = model.echo?.candidateId === id ? model.echo : undefined;
  const problem = echo ? model.problem : undefined;
  const invalid = (field: string) => (problem?.field === field ? html`aria-invalid="true"` : '');
  const described = problem ? html`aria-describedby="candidate-problem-${id}"` : '';
  return html`<div class="candidate-actions">
    <form method="post" action="/emerging/candidates/${id}/dismiss" class="inline-form">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <button type="submit">${t.dismiss}<span class="visually-hidden"> ${t.candidate} ${id}</span></button>
    </form>
    <form method="post" action="/emerging/candidates/${id}/theme" class="theme-form">
      <fieldset>
        <legend>${t.makeTheme} (${t.candidate} ${id})</legend>
        ${problem ? html`<p class="error" role="alert" id="candidate-problem-${id}">${problem.text}</p>` : ''}
        <input type="hidden" name="_csrf" value="${csrf}" />
        <label for="theme-id-${id}">${t.themeId}</label>
        <input
          id="theme-id-${id}"
          name="themeId"
          required
          pattern="[a-z][a-z0-9_]{2,40}"
          maxlength="41"
          autocomplete="off"
          value="${echo?.themeId ?? ''}"
          ${invalid('themeId')}
          ${problem?.field === 'themeId' ? described : ''}
        />
        ${(['sv', 'en'] as const).map((lang) => {
          const name = lang === 'sv' ? 'labelSv' : 'labelEn';
          return html`<label for="label-${lang}-${id}">${t[name]}</label>
            <input
              id="label-${lang}-${id}"
              name="${name}"
              required
              maxlength="120"
              lang="${lang}"
              value="${echo?.[name] ?? ''}"
              ${invalid(name)}
              ${problem?.field === name ? described : ''}
            />`;
        })}
        <button type="submit">${t.makeTheme}</button>
      </fieldset>
    </form>
  </div>`;
}

function candidatesSection(model: EmergingListModel, t: EmergingText, fmt: Formatters): SafeHtml {
  return html`<section aria-labelledby="candidates-title">
    <h2 id="candidates-title">${t.candidatesTitle}</h2>
    <p>${t.candidatesIntro}</p>
    ${
      model.candidates.length === 0
        ? html`<p>${t.noCandidates}</p>`
        : model.candidates.map(({ candidate, examples }) => {
            const terms = claimPhrases(
              candidate.display_terms.length > 0 ? candidate.display_terms : candidate.terms,
            );
            return html`<article
              class="candidate"
              id="candidate-${candidate.id}"
              aria-labelledby="candidate-title-${candidate.id}"
            >
              <h3 id="candidate-title-${candidate.id}">
                ${t.candidate} ${candidate.id}: <span dir="auto">${terms.join(', ')}</span>
              </h3>
              <dl class="event-facts">
                <dt>${t.language}</dt>
                <dd>${langName(model.locale, candidate.lang)}</dd>
                <dt>${t.postsRecent}</dt>
                <dd>${fmt.number(candidate.posts_recent)}</dd>
                <dt>${t.score}</dt>
                <dd>${fmt.number(round(candidate.score))}</dd>
                <dt>${t.firstSeen}</dt>
                <dd>${fmt.dateTime(candidate.first_seen_at)}</dd>
                <dt>${t.lastSeen}</dt>
                <dd>${fmt.dateTime(candidate.last_seen_at)}</dd>
              </dl>
              <h4>${t.examples}</h4>
              ${postList(examples, t, model.locale, fmt)}
              ${model.canDecide ? candidateForms(model, candidate, t) : ''}
            </article>`;
          })
    }
  </section>`;
}

export function renderEmergingList(model: EmergingListModel): string {
  const t = EMERGING_TEXT[model.locale];
  const fmt = formatters(model.locale);
  const main = html`<p>${t.intro}</p>
    ${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : ''} ${filterForm(model, t)}
    ${eventsTable(model, t, fmt)} ${candidatesSection(model, t, fmt)}`;
  return renderLayout({
    locale: model.locale,
    title: t.title,
    active: 'emerging',
    account: model.account,
    main,
    path: model.path,
    samplePosts: model.samplePosts,
    modelVersion: model.modelVersion,
  });
}

export function renderEmergingEvent(model: EmergingEventModel): string {
  const t = EMERGING_TEXT[model.locale];
  const fmt = formatters(model.locale);
  const { event } = model;
  const main = html`<p><a href="/emerging">${t.back}</a></p>
    <p><strong>${subject(event, t, model.locale, model.themeLabels)}</strong> ${tags(event, t)}</p>
    <section aria-labelledby="reason-title">
      <h2 id="reason-title">${t.reason}</h2>
      <p class="reason">${reasonText(event, model.locale, model.themeLabels)}.</p>
      <dl class="event-facts">
        <dt>${t.counts}</dt>
        <dd>${counts(event, t, fmt)}</dd>
        <dt>${t.windowLabel}</dt>
        <dd>${t.window(event.window_hours)}</dd>
        <dt>${t.peak}</dt>
        <dd>${fmt.number(event.peak_observed)}</dd>
        <dt>${t.score}</dt>
        <dd>${fmt.number(round(event.score))}</dd>
      </dl>
    </section>
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">${t.timeline}</h2>
      ${timeline(event, t, fmt)}
    </section>
    <section aria-labelledby="posts-title">
      <h2 id="posts-title">${t.examplePosts}</h2>
      ${event.kind === 'wave' ? html`<p>${t.waveNote}</p>` : ''}
      ${postList(model.posts, t, model.locale, fmt)}
      <p><a href="${model.postsLink}">${t.toPosts}</a></p>
    </section>`;
  return renderLayout({
    locale: model.locale,
    title: t.eventTitle(t.kinds[event.kind], event.id),
    active: 'emerging',
    account: model.account,
    main,
    path: model.path,
    samplePosts: model.samplePosts,
    modelVersion: model.modelVersion,
  });
}
