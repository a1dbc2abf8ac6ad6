/**
 * Which rules an emerging event alerts, and at which level (pure). A rule matches on kind, theme, language and
 * place (null on the rule: any) and a minimum score; an event about violence_threats (restricted) matches only
 * rules of users holding the security role. A rule alerts an ongoing event once (level 0), and again only on
 * escalation: when the event's count reaches at least double the count of the rule's latest alert for it.
 */
import type { EventKind } from '../emerging/types.ts';

/** The minimum event score a sensitivity asks for: high sensitivity alerts on weaker events. */
export const SENSITIVITY_SCORES = { high: 3, medium: 5, low: 8 } as const;
export type Sensitivity = keyof typeof SENSITIVITY_SCORES;
export const SENSITIVITIES = Object.keys(SENSITIVITY_SCORES) as Sensitivity[];

/** The named sensitivity a minimum score stands for, or null for a custom score. */
export function sensitivityOf(minScore: number): Sensitivity | null {
  return SENSITIVITIES.find((name) => SENSITIVITY_SCORES[name] === minScore) ?? null;
}

/** The parts of an event matching looks at. */
export interface MatchEvent {
  kind: EventKind;
  theme_id: string | null;
  lang: string | null;
  place: string | null;
  score: number;
  observed: number;
  restricted: boolean;
  status: 'ongoing' | 'ended';
}

/** The parts of a rule matching looks at, with what its owner may receive. */
export interface MatchRule {
  theme_id: string | null;
  lang: string | null;
  place: string | null;
  kinds: readonly string[];
  min_score: number;
  enabled: boolean;
  /** The owner holds the security role (may receive restricted events). */
  ownerSecurity: boolean;
  /** The owner's account is disabled. */
  ownerDisabled: boolean;
}

const fits = (wanted: string | null, actual: string | null) => wanted === null || wanted === actual;

/** Whether `rule` wants `event` at all (ended events alert nobody). */
export function ruleMatches(rule: MatchRule, event: MatchEvent): boolean {
  if (!rule.enabled || rule.ownerDisabled || event.status !== 'ongoing') return false;
  if (event.restricted && !rule.ownerSecurity) return false;
  return (
    rule.kinds.includes(event.kind) &&
    fits(rule.theme_id, event.theme_id) &&
    fits(rule.lang, event.lang) &&
    fits(rule.place, event.place) &&
    event.score >= rule.min_score
  );
}

/** The latest alert of one rule (or the security route) for one event. */
export interface PreviousAlert {
  level: number;
  observed: number;
}

/** How many times the count of the previous alert an event must reach to alert again. */
export const ESCALATION_FACTOR = 2;

/**
 * The level of the alert to raise now, or null for none: 0 when there was none, the next level when the event's
 * count is at least ESCALATION_FACTOR times that of the latest alert.
 */
export function nextAlertLevel(observed: number, previous: PreviousAlert | null): number | null {
  if (previous === null) return 0;
  return observed >= ESCALATION_FACTOR * previous.observed ? previous.level + 1 : null;
}

/** An alert to raise: for a rule (null: the security route), an event, at a level. */
export interface PlannedAlert {
  ruleId: number | null;
  eventId: number;
  level: number;
  observed: number;
  score: number;
  restricted: boolean;
}

/**
 * The alerts the given events raise now: each ongoing event × matching rule at its next level, and each restricted
 * event on the security route when there is one (`securityRoute`). `latest` are the alerts raised so far.
 */
export function planAlerts(
  events: readonly (MatchEvent & { id: number })[],
  rules: readonly (MatchRule & { id: number })[],
  latest: readonly { rule_id: number | null; event_id: number; level: number; observed: number }[],
  securityRoute: boolean,
): PlannedAlert[] {
  const previous = new Map(latest.map((row) => [`${row.rule_id ?? 'security'}:${row.event_id}`, row]));
  const planned: PlannedAlert[] = [];
  const consider = (ruleId: number | null, event: MatchEvent & { id: number }) => {
    const level = nextAlertLevel(event.observed, previous.get(`${ruleId ?? 'security'}:${event.id}`) ?? null);
    if (level === null) return;
    planned.push({
      ruleId,
      eventId: event.id,
      level,
      observed: event.observed,
      score: event.score,
      restricted: event.restricted,
    });
  };
  for (const event of events) {
    for (const rule of rules) if (ruleMatches(rule, event)) consider(rule.id, event);
    if (securityRoute && event.restricted && event.status === 'ongoing') consider(null, event);
  }
  return planned;
}
