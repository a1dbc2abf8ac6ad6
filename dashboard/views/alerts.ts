/** The alert inbox: the signed-in user's alerts with their event, sends and triage state, and the triage forms. */
import { plainReason } from '../../alerts/payload.ts';
import { TRIAGE_STATES, type InboxAlert, type TriageState } from '../../core/db/alerts.ts';
import { municipalityName } from '../../classifier/places.ts';
import { formatters, type Locale } from '../locale.ts';
import { langName } from './analysis-parts.ts';
import { ALERTS_TEXT, type AlertsText } from './alerts-text.ts';
import { html, type SafeHtml } from './html.ts';
import { renderLayout, type Account } from './layout.ts';

export interface InboxModel {
  locale: Locale;
  path: string;
  account: Account | null;
  alerts: InboxAlert[];
  state: TriageState | null;
  notice?: string;
  samplePosts?: number;
  modelVersion?: string;
}

function eventCell(alert: InboxAlert, t: AlertsText, locale: Locale): SafeHtml {
  const theme = (locale === 'sv' ? alert.label_sv : alert.label_en) ?? alert.theme_id;
  const about = [
    theme,
    alert.lang ? langName(locale, alert.lang) : null,
    alert.place ? (municipalityName(alert.place) ?? alert.place) : null,
  ]
    .filter((part): part is string => part !== null)
    .join(', ');
  return html`<strong>${t.kinds[alert.kind]}</strong
    >${alert.level > 0 ? ` (${t.escalation(alert.level)})` : ''}${about ? `: ${about}` : ''}
    ${alert.restricted ? html`<span class="tag">${t.restricted}</span>` : ''}
    ${alert.event_status === 'ended' ? html`<span class="tag">${t.ended}</span>` : ''}
    <br />${plainReason(alert.reason, locale)}.
    <a href="/emerging/${alert.event_id}"
      >${t.evidence}<span class="visually-hidden"> #${alert.event_id}</span></a
    >`;
}

function triageForm(alert: InboxAlert, csrf: string, t: AlertsText): SafeHtml {
  const id = `triage-${alert.id}`;
  return html`<form method="post" action="/alerts/${alert.id}/triage" class="inline-form">
    <input type="hidden" name="_csrf" value="${csrf}" />
    <label for="${id}" class="visually-hidden">${t.action} #${alert.id}</label>
    <select id="${id}" name="state">
      ${TRIAGE_STATES.map(
        (state) =>
          html`<option value="${state}" ${state === alert.triage ? html`selected` : ''}>
            ${t.states[state]}
          </option>`,
      )}
    </select>
    <button type="submit">${t.set}</button>
  </form>`;
}

export function renderInbox(model: InboxModel): string {
  const t = ALERTS_TEXT[model.locale];
  const fmt = formatters(model.locale);
  const csrf = model.account?.csrfToken ?? '';
  const main = html`<p>${t.intro}</p>
    <p><a href="/alerts/rules">${t.manageRules}</a></p>
    ${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : ''}
    <form method="get" action="/alerts" class="inline-form">
      <label for="state-filter">${t.filter}</label>
      <select id="state-filter" name="state">
        <option value="" ${model.state === null ? html`selected` : ''}>${t.allStates}</option>
        ${TRIAGE_STATES.map(
          (state) =>
            html`<option value="${state}" ${state === model.state ? html`selected` : ''}>
              ${t.states[state]}
            </option>`,
        )}
      </select>
      <button type="submit">${t.show}</button>
    </form>
    ${
      model.alerts.length === 0
        ? html`<p>${t.none}</p>`
        : html`<div class="table-scroll" role="region" aria-labelledby="alerts-caption" tabindex="0">
            <table class="alerts">
              <caption id="alerts-caption">
                ${t.caption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t.when}</th>
                  <th scope="col">${t.rule}</th>
                  <th scope="col">${t.event}</th>
                  <th scope="col">${t.counts}</th>
                  <th scope="col">${t.score}</th>
                  <th scope="col">${t.sends}</th>
                  <th scope="col">${t.state}</th>
                  <th scope="col">${t.action}</th>
                </tr>
              </thead>
              <tbody>
                ${model.alerts.map(
                  (alert) =>
                    html`<tr id="alert-${alert.id}">
                      <td>${fmt.dateTime(alert.created_at)}</td>
                      <td>${alert.rule_name ?? t.securityRoute}</td>
                      <td>${eventCell(alert, t, model.locale)}</td>
                      <td>${fmt.number(alert.observed)} / ${fmt.number(alert.event_observed)}</td>
                      <td>${fmt.number(Math.round(alert.score * 10) / 10)}</td>
                      <td>
                        ${
                          alert.deliveries.length === 0
                            ? t.onlyInbox
                            : html`<ul class="plain">
                                ${alert.deliveries.map(
                                  (d) =>
                                    html`<li>
                                      ${t.channels[d.channel] ?? d.channel}:
                                      ${t.deliveryStatus[d.status] ?? d.status}
                                    </li>`,
                                )}
                              </ul>`
                        }
                      </td>
                      <td>
                        ${t.states[alert.triage]}
                        ${
                          alert.triaged_by && alert.triaged_at
                            ? html`<br /><small
                                  >${t.by(alert.triaged_by, fmt.dateTime(alert.triaged_at))}</small
                                >`
                            : ''
                        }
                      </td>
                      <td>${triageForm(alert, csrf, t)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
  return renderLayout({
    locale: model.locale,
    title: t.inboxTitle,
    active: 'alerts',
    account: model.account,
    main,
    path: model.path,
    samplePosts: model.samplePosts,
    modelVersion: model.modelVersion,
  });
}
