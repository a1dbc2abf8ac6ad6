/**
 * A rule as typed into the form or given on the command line, checked (pure): name, kinds, theme, language, place,
 * sensitivity or minimum score, webhook URL (http(s), no credentials, an IP-literal or listed host must pass the
 * collectors' address guard; a name is checked again on every connection), email addresses. Problems are
 * BadInputErrors whose `reason` names the field (`name`, `kinds`, `theme`, …) for the form to show.
 */
import { z } from 'zod';
import { decideHost, type Allowlist } from '../core/net/address-guard.ts';
import { municipalityName } from '../classifier/places.ts';
import { LANGUAGES, RESTRICTED_THEMES } from '../classifier/types.ts';
import type { AlertRuleInput } from '../core/db/alert-rules.ts';
import { BadInputError } from '../core/errors.ts';
import { EVENT_KINDS, type EventKind } from '../emerging/types.ts';
import { SENSITIVITIES, SENSITIVITY_SCORES, type Sensitivity } from './match.ts';

/** The raw fields (strings, or string lists for repeated checkboxes). */
export interface RuleFields {
  name?: unknown;
  theme?: unknown;
  lang?: unknown;
  place?: unknown;
  kinds?: unknown;
  sensitivity?: unknown;
  minScore?: unknown;
  webhookUrl?: unknown;
  emails?: unknown;
  locale?: unknown;
}

export interface RuleContext {
  /** Theme ids that exist. */
  themes: ReadonlySet<string>;
  /** The owner holds the security role (may watch restricted themes). */
  security: boolean;
  /** FETCH_ALLOWLIST, parsed: what the address guard lets through although not public. */
  allowlist: Allowlist;
}

const MAX_EMAILS = 20;
const email = z.email();

function str(value: unknown, max = 2_000): string {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.trim().slice(0, max + 1) : '';
}

const fail = (field: string, message: string): never => {
  throw new BadInputError(field, message);
};

/** Checks a webhook URL; returns it normalised (URL.href). */
export function checkWebhookUrl(raw: string, allowlist: Allowlist): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('webhookUrl', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('webhookUrl', 'only http and https URLs');
  if (url.username || url.password) fail('webhookUrl', 'URLs with credentials are not accepted');
  if (url.href.length > 2_000) fail('webhookUrl', 'URL longer than 2,000 characters');
  const decision = decideHost(url.hostname, allowlist);
  if (decision && !decision.allowed) fail('webhookUrl', `refused address: ${decision.reason}`);
  return url.href;
}

export function parseRuleFields(fields: RuleFields, context: RuleContext): AlertRuleInput {
  const name = str(fields.name, 200);
  if (name === '' || name.length > 200) fail('name', 'a name of 1 to 200 characters is needed');

  const rawKinds = Array.isArray(fields.kinds)
    ? fields.kinds
    : fields.kinds === undefined
      ? []
      : [fields.kinds];
  const kinds = EVENT_KINDS.filter((kind) => rawKinds.includes(kind));
  if (kinds.length === 0 || kinds.length !== new Set(rawKinds).size)
    fail('kinds', 'choose at least one kind');

  const theme = str(fields.theme, 100);
  if (theme !== '' && !context.themes.has(theme)) fail('theme', 'no such theme');
  if (RESTRICTED_THEMES.includes(theme) && !context.security)
    fail('theme', 'this theme is for the security role only');

  const lang = str(fields.lang, 10);
  if (lang !== '' && !(LANGUAGES as readonly string[]).includes(lang)) fail('lang', 'unknown language');

  const place = str(fields.place, 10);
  if (place !== '' && municipalityName(place) === undefined) fail('place', 'unknown municipality code');

  const sensitivity = str(fields.sensitivity, 10) || 'medium';
  let minScore: number;
  if (sensitivity === 'custom') {
    // A decimal number; Number('') would be 0 and alert on everything.
    const raw = str(fields.minScore, 10).replace(',', '.');
    minScore = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(minScore) || minScore > 1_000)
      fail('minScore', 'a minimum score from 0 to 1000 is needed');
  } else if ((SENSITIVITIES as string[]).includes(sensitivity)) {
    minScore = SENSITIVITY_SCORES[sensitivity as Sensitivity];
  } else {
    return fail('sensitivity', 'unknown sensitivity');
  }

  const rawUrl = str(fields.webhookUrl, 2_000);
  const webhookUrl = rawUrl === '' ? null : checkWebhookUrl(rawUrl, context.allowlist);

  const emails = [
    ...new Set(
      str(fields.emails, 5_000)
        .split(/[\s,;]+/)
        .map((item) => item.trim().toLowerCase())
        .filter((item) => item !== ''),
    ),
  ];
  if (emails.length > MAX_EMAILS) fail('emails', `at most ${MAX_EMAILS} addresses`);
  const bad = emails.find((item) => !email.safeParse(item).success);
  if (bad !== undefined) fail('emails', `not an email address: ${bad.slice(0, 100)}`);

  const locale = str(fields.locale, 2) === 'en' ? 'en' : 'sv';
  return {
    name,
    themeId: theme || null,
    lang: lang || null,
    place: place || null,
    kinds: kinds as EventKind[],
    minScore,
    webhookUrl,
    emails,
    locale,
  };
}
