import { describe, expect, test } from 'vitest';
import {
  nextAlertLevel,
  planAlerts,
  ruleMatches,
  sensitivityOf,
  type MatchEvent,
  type MatchRule,
} from './match.ts';

const EVENT: MatchEvent = {
  kind: 'spike',
  theme_id: 'soc_takes_children',
  lang: 'ar',
  place: '1480',
  score: 6,
  observed: 48,
  restricted: false,
  status: 'ongoing',
};
const RULE: MatchRule = {
  theme_id: null,
  lang: null,
  place: null,
  kinds: ['spike', 'new_claim', 'wave'],
  min_score: 5,
  enabled: true,
  ownerSecurity: false,
  ownerDisabled: false,
};

describe('ruleMatches', () => {
  test.each<[string, Partial<MatchRule>, Partial<MatchEvent>, boolean]>([
    ['any rule, strong enough event', {}, {}, true],
    ['same theme', { theme_id: 'soc_takes_children' }, {}, true],
    ['other theme', { theme_id: 'lvu_abuse' }, {}, false],
    ['rule theme, event over all themes', { theme_id: 'soc_takes_children' }, { theme_id: null }, false],
    ['same language', { lang: 'ar' }, {}, true],
    ['other language', { lang: 'sv' }, {}, false],
    ['rule language, event over all languages', { lang: 'ar' }, { lang: null }, false],
    ['same place', { place: '1480' }, {}, true],
    ['other place', { place: '0180' }, {}, false],
    ['kind not chosen', { kinds: ['wave'] }, {}, false],
    ['score exactly at the threshold', { min_score: 6 }, {}, true],
    ['score under the threshold', { min_score: 6.5 }, {}, false],
    ['disabled rule', { enabled: false }, {}, false],
    ['disabled owner', { ownerDisabled: true }, {}, false],
    ['ended event', {}, { status: 'ended' }, false],
    ['restricted event, owner without security', {}, { restricted: true }, false],
    ['restricted event, security owner', { ownerSecurity: true }, { restricted: true }, true],
    [
      'new claim without theme, any-theme rule',
      { kinds: ['new_claim'] },
      { kind: 'new_claim', theme_id: null },
      true,
    ],
  ])('%s', (_name, rule, event, expected) => {
    expect(ruleMatches({ ...RULE, ...rule }, { ...EVENT, ...event })).toBe(expected);
  });
});

describe('nextAlertLevel', () => {
  test.each<[number, { level: number; observed: number } | null, number | null]>([
    [48, null, 0],
    [48, { level: 0, observed: 48 }, null],
    [95, { level: 0, observed: 48 }, null],
    [96, { level: 0, observed: 48 }, 1],
    [150, { level: 1, observed: 96 }, null],
    [192, { level: 1, observed: 96 }, 2],
    [10, { level: 0, observed: 48 }, null],
  ])('observed %i after %j gives %j', (observed, previous, expected) => {
    expect(nextAlertLevel(observed, previous)).toBe(expected);
  });
});

test('sensitivityOf names the preset scores only', () => {
  expect([sensitivityOf(3), sensitivityOf(5), sensitivityOf(8), sensitivityOf(4.5)]).toEqual([
    'high',
    'medium',
    'low',
    null,
  ]);
});

describe('planAlerts', () => {
  const rules = [
    { ...RULE, id: 1 },
    { ...RULE, id: 2, lang: 'sv' },
    { ...RULE, id: 3, ownerSecurity: true },
  ];
  test('first match raises level 0 for each matching rule', () => {
    const plan = planAlerts([{ ...EVENT, id: 10 }], rules, [], false);
    expect(plan.map((p) => [p.ruleId, p.level])).toEqual([
      [1, 0],
      [3, 0],
    ]);
  });
  test('the same event again raises nothing until it doubles', () => {
    const latest = [
      { rule_id: 1, event_id: 10, level: 0, observed: 48 },
      { rule_id: 3, event_id: 10, level: 0, observed: 48 },
    ];
    expect(planAlerts([{ ...EVENT, id: 10, observed: 60 }], rules, latest, false)).toEqual([]);
    const doubled = planAlerts([{ ...EVENT, id: 10, observed: 96 }], rules, latest, false);
    expect(doubled.map((p) => [p.ruleId, p.level, p.observed])).toEqual([
      [1, 1, 96],
      [3, 1, 96],
    ]);
  });
  test('a restricted event goes to security owners and the security route only', () => {
    const event = { ...EVENT, id: 11, theme_id: 'violence_threats', restricted: true };
    expect(planAlerts([event], rules, [], true).map((p) => p.ruleId)).toEqual([3, null]);
    expect(planAlerts([event], rules, [], false).map((p) => p.ruleId)).toEqual([3]);
    expect(planAlerts([{ ...EVENT, id: 12 }], [], [], true)).toEqual([]);
  });
});
