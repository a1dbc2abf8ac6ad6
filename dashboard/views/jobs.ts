/**
 * The jobs page (admins): the dead-letter list, i.e. jobs that failed for good, with queue, id, time, attempts,
 * reason and the payload's ids, and a retry button per job and per queue. Payloads carry ids only; no post text.
 */
import type { DeadLetter } from '../../core/dead-letters.ts';
import { formatters, type Locale } from '../locale.ts';
import { html, type SafeHtml } from './html.ts';
import { renderLayout, type Account } from './layout.ts';

export interface JobsModel {
  locale: Locale;
  path: string;
  account: Account | null;
  failed: DeadLetter[];
  /** Failed jobs per queue (every known queue, zero included). */
  counts: { queue: string; failed: number }[];
  notice?: string;
  samplePosts?: number;
  modelVersion?: string;
}

export const JOBS_TEXT = {
  sv: {
    title: 'Misslyckade jobb',
    intro:
      'Jobb som har misslyckats för gott: alla försök är gjorda, eller felet går inte att rätta genom att försöka igen. ' +
      'Rätta orsaken (till exempel en källa som inte svarar) och skicka sedan tillbaka jobbet till sin kö. ' +
      'Samma lista finns på kommandoraden: npx ryktesradar jobs failed.',
    perQueue: 'Per kö',
    queue: 'Kö',
    count: 'Misslyckade',
    retryAll: (queue: string) => `Försök igen med alla i ${queue}`,
    listHeading: (n: string) => `Misslyckade jobb (${n})`,
    caption: 'Misslyckade jobb, senaste först',
    none: 'Inga misslyckade jobb.',
    col: {
      queue: 'Kö',
      id: 'Jobb-id',
      at: 'Misslyckades',
      attempts: 'Försök',
      reason: 'Orsak',
      data: 'Innehåll (id:n)',
      action: 'Åtgärd',
    },
    retry: 'Försök igen',
    retried: (queue: string, id: string) => `Jobbet ${id} i ${queue} är tillbaka i kön.`,
    retriedAll: (n: string, queue: string) => `${n} jobb i ${queue} är tillbaka i kön.`,
    gone: 'Jobbet finns inte längre bland de misslyckade (redan skickat tillbaka eller borttaget).',
  },
  en: {
    title: 'Failed jobs',
    intro:
      'Jobs that failed for good: every attempt was used, or the error cannot be fixed by trying again. ' +
      'Fix the cause (for instance a source that does not answer), then send the job back to its queue. ' +
      'The same list is on the command line: npx ryktesradar jobs failed.',
    perQueue: 'Per queue',
    queue: 'Queue',
    count: 'Failed',
    retryAll: (queue: string) => `Retry every job in ${queue}`,
    listHeading: (n: string) => `Failed jobs (${n})`,
    caption: 'Failed jobs, newest first',
    none: 'No failed jobs.',
    col: {
      queue: 'Queue',
      id: 'Job id',
      at: 'Failed at',
      attempts: 'Attempts',
      reason: 'Reason',
      data: 'Payload (ids)',
      action: 'Action',
    },
    retry: 'Retry',
    retried: (queue: string, id: string) => `Job ${id} of ${queue} is back in its queue.`,
    retriedAll: (n: string, queue: string) => `${n} job(s) of ${queue} are back in their queue.`,
    gone: 'The job is no longer among the failed ones (already sent back or removed).',
  },
} as const;

export function renderJobs(model: JobsModel): string {
  const t = JOBS_TEXT[model.locale];
  const f = formatters(model.locale);
  const csrf = model.account
    ? html`<input type="hidden" name="_csrf" value="${model.account.csrfToken}" />`
    : '';
  const row = (job: DeadLetter, i: number): SafeHtml =>
    html`<tr>
      <td>${job.queue}</td>
      <th scope="row"><code>${job.id}</code></th>
      <td>
        ${job.failedAt ? html`<time datetime="${job.failedAt.toISOString()}">${f.dateTime(job.failedAt)}</time>` : '–'}
      </td>
      <td>${f.number(job.attempts)}</td>
      <td class="job-reason">${job.reason || '–'}</td>
      <td><code>${job.data || '–'}</code></td>
      <td>
        <form method="post" action="/jobs/retry" class="job-action">
          ${csrf}
          <input type="hidden" name="queue" value="${job.queue}" />
          <input type="hidden" name="id" value="${job.id}" />
          <button type="submit" id="retry-${i}">
            ${t.retry}<span class="visually-hidden"> ${job.queue} ${job.id}</span>
          </button>
        </form>
      </td>
    </tr>`;
  const main = html`
    <p>${t.intro}</p>
    ${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : ''}
    <section aria-labelledby="queues-heading">
      <h2 id="queues-heading">${t.perQueue}</h2>
      <table class="sources">
        <thead>
          <tr>
            <th scope="col">${t.queue}</th>
            <th scope="col">${t.count}</th>
            <th scope="col">${t.col.action}</th>
          </tr>
        </thead>
        <tbody>
          ${model.counts.map(
            (c) =>
              html`<tr>
                <th scope="row">${c.queue}</th>
                <td>${f.number(c.failed)}</td>
                <td>
                  ${
                    c.failed > 0
                      ? html`<form method="post" action="/jobs/retry-all" class="job-action">
                          ${csrf}
                          <input type="hidden" name="queue" value="${c.queue}" />
                          <button type="submit">${t.retryAll(c.queue)}</button>
                        </form>`
                      : '–'
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section aria-labelledby="failed-heading">
      <h2 id="failed-heading">${t.listHeading(f.number(model.failed.length))}</h2>
      ${
        model.failed.length === 0
          ? html`<p>${t.none}</p>`
          : html`<div class="table-scroll" role="region" aria-labelledby="failed-caption" tabindex="0">
              <table class="sources" id="failed-jobs">
                <caption id="failed-caption">
                  ${t.caption}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t.col.queue}</th>
                    <th scope="col">${t.col.id}</th>
                    <th scope="col">${t.col.at}</th>
                    <th scope="col">${t.col.attempts}</th>
                    <th scope="col">${t.col.reason}</th>
                    <th scope="col">${t.col.data}</th>
                    <th scope="col">${t.col.action}</th>
                  </tr>
                </thead>
                <tbody>
                  ${model.failed.map(row)}
                </tbody>
              </table>
            </div>`
      }
    </section>
  `;
  return renderLayout({
    locale: model.locale,
    title: t.title,
    active: 'jobs',
    account: model.account,
    main,
    path: model.path,
    samplePosts: model.samplePosts,
    modelVersion: model.modelVersion,
  });
}
