/**
 * The alert rules page: the user's rules (channels shown by kind and host only: a webhook URL can hold a secret),
 * turn on/off forms, and the add or edit form.
 */
import { SENSITIVITIES, sensitivityOf } from '../../alerts/match.ts';
import type { AlertRule } from '../../core/db/alert-rules.ts';
import { EVENT_KINDS } from '../../emerging/types.ts';
import type { Locale } from '../locale.ts';
import { langName } from './analysis-parts.ts';
import { ALERTS_TEXT, type AlertsText } from './alerts-text.ts';
import { html, type SafeHtml } from './html.ts';
import { renderLayout, type Account } from './layout.ts';

/** The form as typed (or as stored, for editing); the webhook URL is never put back into the page. */
export interface RuleFormValues {
  id: number | null;
  name: string;
  theme: string;
  lang: string;
  place: string;
  kinds: string[];
  sensitivity: string;
  minScore: string;
  emails: string;
  locale: string;
  /** Host of the stored webhook, when editing a rule that has one. */
  webhookHost: string | null;
}

export interface RulesModel {
  locale: Locale;
  path: string;
  account: Account | null;
  rules: AlertRule[];
  themes: { id: string; label: string }[];
  langs: readonly string[];
  form: RuleFormValues;
  notice?: string;
  problem?: string;
  samplePosts?: number;
  modelVersion?: string;
}

export function emptyRuleForm(locale: Locale): RuleFormValues {
  return {
    id: null,
    name: '',
    theme: '',
    lang: '',
    place: '',
    kinds: [...EVENT_KINDS],
    sensitivity: 'medium',
    minScore: '',
    emails: '',
    locale,
    webhookHost: null,
  };
}

export function ruleFormOf(rule: AlertRule): RuleFormValues {
  const named = sensitivityOf(rule.min_score);
  return {
    id: rule.id,
    name: rule.name,
    theme: rule.theme_id ?? '',
    lang: rule.lang ?? '',
    place: rule.place ?? '',
    kinds: [...rule.kinds],
    sensitivity: named ?? 'custom',
    minScore: named ? '' : String(rule.min_score),
    emails: rule.emails.join(', '),
    locale: rule.locale,
    webhookHost: rule.webhook_url ? new URL(rule.webhook_url).host : null,
  };
}

const selected = (on: boolean) => (on ? html`selected` : '');
const checked = (on: boolean) => (on ? html`checked` : '');

function channels(rule: AlertRule, t: AlertsText): string {
  const parts = [
    ...(rule.webhook_url ? [`${t.channels['webhook']} (${new URL(rule.webhook_url).host})`] : []),
    ...rule.emails,
  ];
  return parts.length > 0 ? parts.join(', ') : t.onlyInbox;
}

function rulesTable(model: RulesModel, t: AlertsText): SafeHtml {
  if (model.rules.length === 0) return html`<p>${t.noRules}</p>`;
  const csrf = model.account?.csrfToken ?? '';
  const themeLabel = new Map(model.themes.map((theme) => [theme.id, theme.label]));
  return html`<div class="table-scroll" role="region" aria-labelledby="rules-caption" tabindex="0">
    <table class="alert-rules">
      <caption id="rules-caption">
        ${t.rulesCaption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.name}</th>
          <th scope="col">${t.kindsLegend}</th>
          <th scope="col">${t.theme}</th>
          <th scope="col">${t.lang}</th>
          <th scope="col">${t.place}</th>
          <th scope="col">${t.sensitivity}</th>
          <th scope="col">${t.channelsCol}</th>
          <th scope="col">${t.enabledCol}</th>
          <th scope="col"><span class="visually-hidden">${t.edit}</span></th>
        </tr>
      </thead>
      <tbody>
        ${model.rules.map((rule) => {
          const named = sensitivityOf(rule.min_score);
          return html`<tr id="rule-${rule.id}">
            <td>${rule.name}</td>
            <td>${rule.kinds.map((kind) => t.kinds[kind]).join(', ')}</td>
            <td>${rule.theme_id ? (themeLabel.get(rule.theme_id) ?? rule.theme_id) : t.any}</td>
            <td>${rule.lang ? langName(model.locale, rule.lang) : t.any}</td>
            <td>${rule.place ?? t.any}</td>
            <td>${named ? t.sensitivities[named] : `≥ ${rule.min_score}`}</td>
            <td>${channels(rule, t)}</td>
            <td>${rule.enabled ? t.on : t.off}</td>
            <td>
              <a href="/alerts/rules/${rule.id}"
                >${t.edit}<span class="visually-hidden"> ${rule.name}</span></a
              >
              <form method="post" action="/alerts/rules/${rule.id}/enabled" class="inline-form">
                <input type="hidden" name="_csrf" value="${csrf}" />
                <input type="hidden" name="enabled" value="${rule.enabled ? 'false' : 'true'}" />
                <button type="submit">
                  ${rule.enabled ? t.disable : t.enable}<span class="visually-hidden"> ${rule.name}</span>
                </button>
              </form>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

function ruleForm(model: RulesModel, t: AlertsText): SafeHtml {
  const v = model.form;
  const action = v.id === null ? '/alerts/rules' : `/alerts/rules/${v.id}`;
  return html`<section aria-labelledby="rule-form-heading">
    <h2 id="rule-form-heading">${v.id === null ? t.addHeading : t.editHeading(v.name)}</h2>
    ${model.problem ? html`<p class="error" role="alert" id="rule-problem">${model.problem}</p>` : ''}
    <form method="post" action="${action}" class="rule-form">
      <input type="hidden" name="_csrf" value="${model.account?.csrfToken ?? ''}" />
      <label for="rule-name">${t.name}</label>
      <input id="rule-name" name="name" value="${v.name}" required maxlength="200" />
      <fieldset>
        <legend>${t.kindsLegend}</legend>
        ${EVENT_KINDS.map(
          (kind) =>
            html`<label
              ><input type="checkbox" name="kinds" value="${kind}" ${checked(v.kinds.includes(kind))} />
              ${t.kinds[kind]}</label
            >`,
        )}
      </fieldset>
      <label for="rule-theme">${t.theme}</label>
      <select id="rule-theme" name="theme">
        <option value="" ${selected(v.theme === '')}>${t.any}</option>
        ${model.themes.map(
          (theme) =>
            html`<option value="${theme.id}" ${selected(v.theme === theme.id)}>${theme.label}</option>`,
        )}
      </select>
      <label for="rule-lang">${t.lang}</label>
      <select id="rule-lang" name="lang">
        <option value="" ${selected(v.lang === '')}>${t.any}</option>
        ${model.langs.map(
          (lang) =>
            html`<option value="${lang}" ${selected(v.lang === lang)}>
              ${langName(model.locale, lang)}
            </option>`,
        )}
      </select>
      <label for="rule-place">${t.place}</label>
      <input
        id="rule-place"
        name="place"
        value="${v.place}"
        inputmode="numeric"
        maxlength="4"
        aria-describedby="rule-place-help"
      />
      <p id="rule-place-help" class="help">${t.placeHelp}</p>
      <label for="rule-sensitivity">${t.sensitivity}</label>
      <select id="rule-sensitivity" name="sensitivity">
        ${SENSITIVITIES.map(
          (name) =>
            html`<option value="${name}" ${selected(v.sensitivity === name)}>
              ${t.sensitivities[name]}
            </option>`,
        )}
        <option value="custom" ${selected(v.sensitivity === 'custom')}>${t.custom}</option>
      </select>
      <label for="rule-min-score">${t.minScore}</label>
      <input id="rule-min-score" name="minScore" value="${v.minScore}" inputmode="decimal" maxlength="10" />
      <label for="rule-webhook">${t.webhookUrl}</label>
      <input
        id="rule-webhook"
        name="webhookUrl"
        type="url"
        maxlength="2000"
        autocomplete="off"
        aria-describedby="rule-webhook-help"
      />
      <p id="rule-webhook-help" class="help">
        ${t.webhookHelp} ${v.webhookHost ? t.webhookKept(v.webhookHost) : ''}
      </p>
      ${
        v.webhookHost
          ? html`<label><input type="checkbox" name="removeWebhook" value="1" /> ${t.removeWebhook}</label>`
          : ''
      }
      <label for="rule-emails">${t.emails}</label>
      <input id="rule-emails" name="emails" value="${v.emails}" maxlength="5000" />
      <label for="rule-locale">${t.locale}</label>
      <select id="rule-locale" name="locale">
        <option value="sv" ${selected(v.locale === 'sv')} lang="sv">svenska</option>
        <option value="en" ${selected(v.locale === 'en')} lang="en">English</option>
      </select>
      <button type="submit">${v.id === null ? t.add : t.save}</button>
    </form>
  </section>`;
}

export function renderRules(model: RulesModel): string {
  const t = ALERTS_TEXT[model.locale];
  const main = html`<p><a href="/alerts">${t.toInbox}</a></p>
    ${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : ''}
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">${t.yourRules}</h2>
      ${rulesTable(model, t)}
    </section>
    ${ruleForm(model, t)}`;
  return renderLayout({
    locale: model.locale,
    title: t.rulesTitle,
    active: 'alerts',
    account: model.account,
    main,
    path: model.path,
    samplePosts: model.samplePosts,
    modelVersion: model.modelVersion,
  });
}
