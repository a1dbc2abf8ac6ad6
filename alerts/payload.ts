/**
 * What an alert says outside the dashboard (pure): the JSON webhook body (a `text` line that Teams/Slack-style
 * incoming webhooks show, plus structured fields) and the email. Counts, kind, theme, language, place, score, the
 * plain reason and a link to the event's evidence page; never a post's text or an author's pseudonym.
 */
import { municipalityName } from '../classifier/places.ts';
import type { Locale } from '../dashboard/locale.ts';
import { langName } from '../dashboard/views/analysis-parts.ts';
import { formatLevel } from '../emerging/reason.ts';
import type { EventKind, EventReason } from '../emerging/types.ts';

/** Everything an alert message is made of, loaded by the delivery job. */
export interface AlertFacts {
  alert: { id: number; level: number; observed: number; createdAt: Date };
  /** null: the security route (ALERT_SECURITY_EMAIL / _WEBHOOK). */
  rule: { id: number; name: string } | null;
  event: {
    id: number;
    kind: EventKind;
    themeId: string | null;
    themeLabel: string | null;
    lang: string | null;
    place: string | null;
    observed: number;
    expected: number;
    spread: number;
    score: number;
    peakObserved: number;
    windowHours: number;
    startedAt: Date;
    firstSeenAt: Date;
    restricted: boolean;
    reason: EventReason;
  };
  /** The dashboard's public address, without a trailing slash. */
  publicUrl: string;
}

const KIND: Record<Locale, Record<EventKind, string>> = {
  sv: { spike: 'Ökning', new_claim: 'Nytt påstående', wave: 'Kopieringsvåg' },
  en: { spike: 'Spike', new_claim: 'New claim', wave: 'Copy-paste wave' },
};

const T = {
  sv: {
    allThemes: 'alla teman',
    allLangs: 'alla språk',
    escalated: (level: number) => `upptrappning ${level}`,
    posts: (o: string, h: number, e: string, s: string) =>
      `${o} inlägg de senaste ${h} timmarna, väntat ${e} ± ${s}`,
    waveFacts: (posts: string, sources: string, accounts: string, h: number) =>
      `${posts} kopior från ${sources} källor och ${accounts} konton de senaste ${h} timmarna`,
    claim: (o: string, h: number, e: string, terms: string) =>
      `${o} inlägg med nya ord de senaste ${h} timmarna, väntat ${e}: ${terms}`,
    score: 'Styrka',
    rule: 'Regel',
    security: 'säkerhetsmottagare',
    evidence: 'Underlag',
    restricted: 'Gäller hot mot anställda: visas bara för säkerhetsrollen.',
    footer: 'Ryktesradar skickar larmet en gång per händelse och regel, och igen bara om volymen fördubblas.',
  },
  en: {
    allThemes: 'all themes',
    allLangs: 'all languages',
    escalated: (level: number) => `escalation ${level}`,
    posts: (o: string, h: number, e: string, s: string) =>
      `${o} posts in the last ${h} h, expected ${e} ± ${s}`,
    waveFacts: (posts: string, sources: string, accounts: string, h: number) =>
      `${posts} copies from ${sources} sources and ${accounts} accounts in the last ${h} h`,
    claim: (o: string, h: number, e: string, terms: string) =>
      `${o} posts with new words in the last ${h} h, expected ${e}: ${terms}`,
    score: 'Score',
    rule: 'Rule',
    security: 'security recipient',
    evidence: 'Evidence',
    restricted: 'Concerns threats against staff: shown to the security role only.',
    footer: 'Ryktesradar alerts once per event and rule, and again only when the volume doubles.',
  },
} as const;

const round = (value: number) => Math.round(value * 10) / 10;

/** The event's evidence page in the dashboard. */
export function eventLink(publicUrl: string, eventId: number): string {
  return `${publicUrl.replace(/\/+$/, '')}/emerging/${eventId}`;
}

/** "soc_takes_children, Arabic, Göteborg": what the event is about, in words. */
export function subjectLine(facts: AlertFacts, locale: Locale): string {
  const t = T[locale];
  const { event } = facts;
  const theme = event.themeLabel ?? event.themeId ?? t.allThemes;
  const lang = event.lang ? langName(locale, event.lang) : t.allLangs;
  const place = event.place ? (municipalityName(event.place) ?? event.place) : null;
  return [theme, lang, place].filter((part) => part !== null).join(', ');
}

/** The plain-language reason, e.g. "48 posts in the last 6 h, expected 9 ± 4". */
export function plainReason(reason: EventReason, locale: Locale): string {
  const t = T[locale];
  const n = new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
  // Expected levels as the evidence page shows them (emerging/reason.ts), so alert and page say the same.
  const level = (value: number) => formatLevel(locale, value);
  switch (reason.kind) {
    case 'spike':
      return t.posts(
        n.format(reason.observed),
        reason.windowHours,
        level(reason.expected),
        level(reason.spread),
      );
    case 'new_claim':
      return t.claim(
        n.format(reason.observed),
        reason.windowHours,
        level(reason.expected),
        reason.terms.slice(0, 8).join(', '),
      );
    case 'wave':
      return t.waveFacts(
        n.format(reason.posts),
        n.format(reason.sources),
        n.format(reason.accounts),
        reason.windowHours,
      );
  }
}

function headline(facts: AlertFacts, locale: Locale): string {
  const t = T[locale];
  const level = facts.alert.level > 0 ? ` (${t.escalated(facts.alert.level)})` : '';
  return `${KIND[locale][facts.event.kind]}${level}: ${subjectLine(facts, locale)}`;
}

/** The JSON body of a webhook: `text` for chat webhooks, the facts as fields for anything else. */
export function webhookBody(facts: AlertFacts, locale: Locale): Record<string, unknown> {
  const { event, alert } = facts;
  const link = eventLink(facts.publicUrl, event.id);
  const reason = plainReason(event.reason, locale);
  return {
    text: `Ryktesradar – ${headline(facts, locale)}. ${reason}. ${link}`,
    alert: {
      id: alert.id,
      level: alert.level,
      escalation: alert.level > 0,
      observed_at_alert: alert.observed,
      created_at: alert.createdAt.toISOString(),
    },
    rule: facts.rule ? { id: facts.rule.id, name: facts.rule.name } : { id: null, name: 'security' },
    event: {
      id: event.id,
      kind: event.kind,
      theme: event.themeId,
      theme_label: event.themeLabel,
      language: event.lang,
      place: event.place,
      place_name: event.place ? (municipalityName(event.place) ?? null) : null,
      observed: event.observed,
      expected: round(event.expected),
      spread: round(event.spread),
      score: round(event.score),
      peak_observed: event.peakObserved,
      window_hours: event.windowHours,
      started_at: event.startedAt.toISOString(),
      first_seen_at: event.firstSeenAt.toISOString(),
      restricted: event.restricted,
    },
    reason,
    link,
  };
}

/** The email: a subject line and a plain-text body. */
export function alertEmail(facts: AlertFacts, locale: Locale): { subject: string; text: string } {
  const t = T[locale];
  const { event } = facts;
  const lines = [
    headline(facts, locale),
    '',
    `${plainReason(event.reason, locale)}.`,
    `${t.score}: ${round(event.score)}`,
    `${t.rule}: ${facts.rule ? facts.rule.name : t.security}`,
    ...(event.restricted ? ['', t.restricted] : []),
    '',
    `${t.evidence}: ${eventLink(facts.publicUrl, event.id)}`,
    '',
    '-- ',
    t.footer,
  ];
  return { subject: `[Ryktesradar] ${headline(facts, locale)}`, text: `${lines.join('\n')}\n` };
}
