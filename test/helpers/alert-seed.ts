/**
 * Alert fixtures: a triggered spike signal, and an alert rule of a user with one alert of it on a stored spike, so
 * the alert pages have rows to show.
 */
import { insertAlertRule } from '../../core/db/alert-rules.ts';
import { raiseAlert } from '../../core/db/alerts.ts';
import type { Db } from '../../core/db/client.ts';
import { upsertEvent } from '../../core/db/emerging-events.ts';
import type { Signal } from '../../emerging/types.ts';

/** A triggered spike of a theme in one language (default soc_takes_children in Arabic, 48 posts against 9 ± 4). */
export function spikeSignal(
  { observed = 48, themeId = 'soc_takes_children', lang = 'ar' } = {},
  extra: Partial<Signal> = {},
): Signal {
  return {
    kind: 'spike',
    eventKey: `spike:${themeId}:${lang}:*`,
    themeId,
    lang,
    place: null,
    clusterId: null,
    candidateId: null,
    windowHours: 6,
    observed,
    expected: 9,
    spread: 4,
    score: (observed - 9) / 4,
    triggered: true,
    overExpected: true,
    restricted: false,
    reason: {
      kind: 'spike',
      themeId,
      lang,
      place: null,
      observed,
      expected: 9,
      spread: 4,
      windowHours: 6,
      baseline: 'hour_of_week',
    },
    examplePostIds: [],
    ...extra,
  };
}

export async function seedAlert(db: Db, ownerId: number): Promise<{ ruleId: number; alertId: number }> {
  const rule = await insertAlertRule(db, ownerId, {
    name: 'Omhändertaganden på arabiska',
    themeId: 'soc_takes_children',
    lang: 'ar',
    place: null,
    kinds: ['spike', 'wave'],
    minScore: 5,
    webhookUrl: 'http://127.0.0.1:9/hook',
    emails: ['kommunikation@kommun.se'],
    locale: 'sv',
  });
  const at = new Date();
  const event = await upsertEvent(db, spikeSignal(), { modelVersion: null, at, startedAt: at });
  const raised = await raiseAlert(
    db,
    { ruleId: rule.id, eventId: event.id, level: 0, observed: 48, score: 9.75, restricted: false },
    [
      { channel: 'webhook', target: 'http://127.0.0.1:9/hook' },
      { channel: 'email', target: 'kommunikation@kommun.se' },
    ],
  );
  if (!raised) throw new Error('seed alert was already raised');
  return { ruleId: rule.id, alertId: raised.alertId };
}
