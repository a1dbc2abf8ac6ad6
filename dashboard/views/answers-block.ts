/**
 * The answer loop on a page: the official facts for a theme (answers.json, with sources and the languages the
 * material exists in), the team's answered marks, and the form that adds one (analysts; CSRF field, no script).
 */
import { ANSWERS_VERSION, answerLanguages, factsFor, sourceHref, sourceTitle } from '../answers.ts';
import type { AnsweredCell } from '../../core/db/answered-cells.ts';
import type { Formatters, Locale } from '../locale.ts';
import { FILTER_LANGS, langName } from './analysis-parts.ts';
import { html, type SafeHtml } from './html.ts';

const TEXT = {
  sv: {
    facts: 'Officiella fakta och motbudskap',
    factsNote: (v: string) =>
      `Ur domänunderlaget (svarsfil version ${v}). Kontrollera källan innan du citerar.`,
    none: 'Underlaget har inga officiella fakta för det här temat.',
    material: 'Källmaterial finns på',
    manyLanguages: 'många språk (se källan)',
    quoted: 'Källans egen formulering',
    sources: 'Källor',
    answered: 'Markerat som besvarat',
    noMarks: 'Ingen cell för temat är markerad som besvarad.',
    mark: 'Markera som besvarat',
    markNote:
      'Länk till motbudskapet ni publicerade och dagen det publicerades. Syns på temasidan och i målmatrisen.',
    language: 'Språk',
    chooseLanguage: 'Välj språket ni svarade på',
    place: 'Kommunkod (valfritt)',
    day: 'Publicerat',
    link: 'Länk (https://…)',
    note: 'Anteckning (valfritt)',
    save: 'Spara markering',
    everywhere: 'alla orter',
    by: 'av',
  },
  en: {
    facts: 'Official facts and counter-messages',
    factsNote: (v: string) =>
      `From the domain brief (answers file version ${v}). Check the source before quoting.`,
    none: 'The brief has no official facts for this theme.',
    material: 'Source material exists in',
    manyLanguages: 'many languages (see the source)',
    quoted: "The source's own wording",
    sources: 'Sources',
    answered: 'Marked as answered',
    noMarks: 'No cell of this theme is marked as answered.',
    mark: 'Mark as answered',
    markNote:
      'Link to the counter-message you published and the day it was published. Shown on the theme page and in the matrix.',
    language: 'Language',
    chooseLanguage: 'Choose the language you answered in',
    place: 'Municipality code (optional)',
    day: 'Published',
    link: 'Link (https://…)',
    note: 'Note (optional)',
    save: 'Save mark',
    everywhere: 'all places',
    by: 'by',
  },
} as const;

/** Facts for a theme; `lang` highlights the texts and material in that language. */
export function factsBlock(locale: Locale, themeId: string, lang?: string): SafeHtml {
  const t = TEXT[locale];
  const facts = factsFor(themeId);
  const langs = answerLanguages(themeId);
  return html`<section class="answers" aria-labelledby="answers-heading-${themeId}">
    <h2 id="answers-heading-${themeId}">${t.facts}</h2>
    <p class="chart-note">${t.factsNote(ANSWERS_VERSION)}</p>
    ${facts.length === 0 ? html`<p>${t.none}</p>` : ''}
    ${
      langs.length
        ? html`<p>
            ${t.material}:
            ${langs.map((code) => (code === 'many' ? t.manyLanguages : langName(locale, code))).join(', ')}.
          </p>`
        : ''
    }
    <ul class="facts">
      ${facts.map(
        (fact) =>
          html`<li
            class="${lang && (lang in fact.texts || fact.material.includes(lang)) ? 'fact in-lang' : 'fact'}"
          >
            <p>${fact.texts[locale]}</p>
            ${Object.entries(fact.texts)
              .filter(([code]) => code !== 'sv' && code !== 'en')
              .map(
                ([code, text]) =>
                  html`<p class="quoted">
                    ${t.quoted} (${langName(locale, code)}): <q lang="${code}" dir="auto">${text}</q>
                  </p>`,
              )}
            <p class="fact-sources">
              ${t.sources}:
              ${fact.sources.map((source, i) => {
                const href = sourceHref(source);
                return html`${i > 0 ? ' · ' : ''}${
                  href
                    ? html`<a href="${href}" rel="noopener noreferrer" target="_blank"
                        >${new URL(href).hostname}</a
                      >`
                    : html`<cite>${sourceTitle(source)}</cite>`
                }`;
              })}
            </p>
          </li>`,
      )}
    </ul>
  </section>`;
}

export function marksList(
  locale: Locale,
  fmt: Formatters,
  marks: readonly AnsweredCell[],
  placeName: (code: string) => string,
): SafeHtml {
  const t = TEXT[locale];
  if (marks.length === 0) return html`<p>${t.noMarks}</p>`;
  return html`<ul class="answered-marks">
    ${marks.map(
      (m) =>
        html`<li>
          <strong>${langName(locale, m.lang)}</strong>,
          ${m.place ? `${placeName(m.place)} (${m.place})` : t.everywhere}:
          ${fmt.date(`${m.answeredOn}T12:00:00Z`)} –
          <a href="${m.link}" rel="noopener noreferrer nofollow" target="_blank">${m.link}</a>
          ${m.note ? html`<span class="note">${m.note}</span>` : ''} <small>(${t.by} ${m.markedBy})</small>
        </li>`,
    )}
  </ul>`;
}

export interface MarkFormModel {
  themeId: string;
  csrfToken: string;
  today: string;
  lang?: string | undefined;
  place?: string | undefined;
  returnTo: string;
}

export function markForm(locale: Locale, model: MarkFormModel): SafeHtml {
  const t = TEXT[locale];
  const id = (name: string) => `mark-${name}`;
  return html`<form class="mark-answered" method="post" action="/answered">
    <h3>${t.mark}</h3>
    <p class="chart-note">${t.markNote}</p>
    <input type="hidden" name="_csrf" value="${model.csrfToken}" />
    <input type="hidden" name="theme" value="${model.themeId}" />
    <input type="hidden" name="return_to" value="${model.returnTo}" />
    <label for="${id('language')}">${t.language}</label>
    <select id="${id('language')}" name="language" required>
      ${model.lang ? '' : html`<option value="" selected disabled>${t.chooseLanguage}</option>`}
      ${[...new Set([...FILTER_LANGS, ...(model.lang ? [model.lang] : [])])].map(
        (code) =>
          html`<option value="${code}" ${model.lang === code ? html`selected` : ''}>
            ${langName(locale, code)}
          </option>`,
      )}
    </select>
    <label for="${id('place')}">${t.place}</label>
    <input
      id="${id('place')}"
      name="place"
      value="${model.place ?? ''}"
      inputmode="numeric"
      pattern="[0-9]{4}"
      size="5"
    />
    <label for="${id('day')}">${t.day}</label>
    <input
      id="${id('day')}"
      type="date"
      name="answered_on"
      value="${model.today}"
      max="${model.today}"
      required
    />
    <label for="${id('link')}">${t.link}</label>
    <input
      id="${id('link')}"
      type="url"
      name="link"
      required
      maxlength="2000"
      pattern="https?://.+"
      size="40"
    />
    <label for="${id('note')}">${t.note}</label>
    <input id="${id('note')}" name="note" maxlength="500" size="40" />
    <button type="submit">${t.save}</button>
  </form>`;
}

export const ANSWER_TEXT = TEXT;
