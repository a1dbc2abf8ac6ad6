import { describe, expect, test } from 'vitest';
import { renderReason } from '../emerging/reason.ts';
import { alertEmail, eventLink, plainReason, webhookBody, type AlertFacts } from './payload.ts';

const FACTS: AlertFacts = {
  alert: { id: 7, level: 0, observed: 48, createdAt: new Date('2026-11-23T10:00:00Z') },
  rule: { id: 3, name: 'Arabiska' },
  event: {
    id: 12,
    kind: 'spike',
    themeId: 'soc_takes_children',
    themeLabel: 'Soc tar barn',
    lang: 'ar',
    place: '1480',
    observed: 48,
    expected: 9.04,
    spread: 3.96,
    score: 9.849,
    peakObserved: 48,
    windowHours: 6,
    startedAt: new Date('2026-11-23T06:00:00Z'),
    firstSeenAt: new Date('2026-11-23T09:00:00Z'),
    restricted: false,
    reason: {
      kind: 'spike',
      themeId: 'soc_takes_children',
      lang: 'ar',
      place: '1480',
      observed: 48,
      expected: 9.04,
      spread: 3.96,
      windowHours: 6,
      baseline: 'hour_of_week',
    },
  },
  publicUrl: 'https://radar.kommun.se/',
};

describe('plainReason', () => {
  test.each([
    ['sv', FACTS.event.reason, '48 inlägg de senaste 6 timmarna, väntat 9 ± 4'],
    ['en', FACTS.event.reason, '48 posts in the last 6 h, expected 9 ± 4'],
    [
      'en',
      { kind: 'wave', clusterId: 5, sources: 7, accounts: 19, posts: 31, windowHours: 3 },
      '31 copies from 7 sources and 19 accounts in the last 3 h',
    ],
    [
      'sv',
      {
        kind: 'new_claim',
        lang: 'sv',
        terms: ['chip', 'vaccin'],
        observed: 12,
        expected: 0.5,
        windowHours: 24,
      },
      '12 inlägg med nya ord de senaste 24 timmarna, väntat 0,5: chip, vaccin',
    ],
  ] as const)('%s %j', (locale, reason, expected) => {
    expect(plainReason(reason, locale)).toBe(expected);
  });

  test('says the expected level as the evidence page does (the alert said 0.7 ± 1 where the page said 1 ± 1)', () => {
    const reason = { ...FACTS.event.reason, expected: 0.7, spread: 1, observed: 39 } as const;
    expect(plainReason(reason, 'en')).toBe('39 posts in the last 6 h, expected 0.7 ± 1');
    expect(renderReason(reason, 'en')).toContain('expected 0.7 ± 1');
  });
});

test('the webhook body has a chat text line, the facts and the link, and nothing about posts or authors', () => {
  const body = webhookBody(FACTS, 'en');
  expect(body['text']).toBe(
    'Ryktesradar – Spike: Soc tar barn, Arabic (ar), Göteborg. 48 posts in the last 6 h, expected 9 ± 4. ' +
      'https://radar.kommun.se/emerging/12',
  );
  expect(body['link']).toBe('https://radar.kommun.se/emerging/12');
  expect(body['event']).toMatchObject({
    observed: 48,
    expected: 9,
    spread: 4,
    score: 9.8,
    place_name: 'Göteborg',
  });
  expect(Object.keys(body).sort()).toEqual(['alert', 'event', 'link', 'reason', 'rule', 'text']);
  expect(JSON.stringify(body)).not.toMatch(/pseudonym|author|post_text|"posts"/);
});

test('an escalation says so; the security route names itself', () => {
  const facts = { ...FACTS, alert: { ...FACTS.alert, level: 1 }, rule: null };
  const mail = alertEmail(facts, 'sv');
  expect(mail.subject).toBe('[Ryktesradar] Ökning (upptrappning 1): Soc tar barn, arabiska (ar), Göteborg');
  expect(mail.text).toContain('Regel: säkerhetsmottagare');
  expect(mail.text).toContain('Underlag: https://radar.kommun.se/emerging/12');
  expect(webhookBody(facts, 'en')['rule']).toEqual({ id: null, name: 'security' });
});

test('eventLink drops trailing slashes of the base', () => {
  expect(eventLink('http://127.0.0.1:3000//', 5)).toBe('http://127.0.0.1:3000/emerging/5');
});
