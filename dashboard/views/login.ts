/** The login page, Swedish by default and English on request: a plain form, no script, errors announced. */
import { html } from './html.ts';

export type UiLang = 'sv' | 'en';

const TEXT = {
  sv: {
    title: 'Logga in – Ryktesradar',
    heading: 'Logga in',
    intro: 'Ryktesradar visar inlägg som kan innehålla personuppgifter. Logga in med ditt konto.',
    email: 'E-postadress',
    password: 'Lösenord',
    submit: 'Logga in',
    other: 'In English',
    otherLang: 'en',
    errorPrefix: 'Fel',
    bad: 'Fel e-postadress eller lösenord.',
    throttled: (s: number) =>
      `För många misslyckade inloggningar. Försök igen om ${Math.ceil(s / 60)} minut${Math.ceil(s / 60) === 1 ? '' : 'er'}.`,
    expired: 'Formuläret hade gått ut. Försök igen.',
    loggedOut: 'Du är utloggad.',
  },
  en: {
    title: 'Log in – Ryktesradar',
    heading: 'Log in',
    intro: 'Ryktesradar shows posts that may contain personal data. Log in with your account.',
    email: 'Email address',
    password: 'Password',
    submit: 'Log in',
    other: 'På svenska',
    otherLang: 'sv',
    errorPrefix: 'Error',
    bad: 'Wrong email address or password.',
    throttled: (s: number) =>
      `Too many failed logins. Try again in ${Math.ceil(s / 60)} minute${Math.ceil(s / 60) === 1 ? '' : 's'}.`,
    expired: 'The form had expired. Please try again.',
    loggedOut: 'You are logged out.',
  },
} as const;

export type LoginProblem =
  { kind: 'bad' } | { kind: 'throttled'; retryAfter: number } | { kind: 'expired' } | null;

/** `?lang=en` wins; otherwise English only when the browser's first choice is English. */
export function pickUiLang(queryLang: unknown, acceptLanguage: string | undefined): UiLang {
  if (queryLang === 'en' || queryLang === 'sv') return queryLang;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'sv';
}

export interface LoginModel {
  lang: UiLang;
  next: string;
  csrf: string;
  email: string;
  problem: LoginProblem;
  loggedOut: boolean;
}

export function renderLogin(model: LoginModel): string {
  const t = TEXT[model.lang];
  const problem = model.problem;
  const message = !problem
    ? null
    : problem.kind === 'bad'
      ? t.bad
      : problem.kind === 'throttled'
        ? t.throttled(problem.retryAfter)
        : t.expired;
  const otherHref = `/login?lang=${t.otherLang}${model.next !== '/' ? `&next=${encodeURIComponent(model.next)}` : ''}`;
  return `<!doctype html>${
    html`<html lang="${model.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${message ? `${t.errorPrefix}: ${message} – ` : ''}${t.title}</title>
        <link rel="stylesheet" href="/static/style.css" />
      </head>
      <body>
        <header class="top">
          <p class="brand">Ryktesradar</p>
        </header>
        <main class="login">
          <h1>${t.heading}</h1>
          <p>${t.intro}</p>
          ${model.loggedOut ? html`<p role="status" class="notice">${t.loggedOut}</p>` : ''}
          ${message ? html`<p role="alert" id="login-error" class="error">${message}</p>` : ''}
          <form method="post" action="/login" novalidate>
            <input type="hidden" name="_csrf" value="${model.csrf}" />
            <input type="hidden" name="next" value="${model.next}" />
            <input type="hidden" name="lang" value="${model.lang}" />
            <p>
              <label for="email">${t.email}</label>
              <input
                id="email"
                name="email"
                type="email"
                autocomplete="username"
                required
                value="${model.email}"
                ${message ? html`aria-invalid="true" aria-describedby="login-error"` : ''}
                ${model.email === '' ? html`autofocus` : ''}
              />
            </p>
            <p>
              <label for="password">${t.password}</label>
              <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                ${message ? html`aria-invalid="true" aria-describedby="login-error"` : ''}
                ${model.email !== '' ? html`autofocus` : ''}
              />
            </p>
            <button type="submit">${t.submit}</button>
          </form>
          <p><a href="${otherHref}" hreflang="${t.otherLang}" lang="${t.otherLang}">${t.other}</a></p>
        </main>
      </body>
    </html>`.value
  }`;
}
