/**
 * Turns a stance, a language and (for rumours) a theme set into one post's title and text, from the phrase
 * banks: openers, claims per theme, anecdotes, closers, emoji and hashtags for rumours; intro, facts and a
 * call to action for counter-messages; headline and lead for news; a question or an ad for unrelated posts.
 */
import { THEME_IDS, type ThemeId } from '../../classifier/types.ts';
import type { CounterBank, NeutralBank, RumourBank, Statement, UnrelatedBank } from './banks/index.ts';
import { roughen } from './noise.ts';
import type { Rng } from './rng.ts';
import { fillTemplate } from './template.ts';

export interface Composed {
  title: string | null;
  text: string;
  /** Rumour themes a counter or neutral text rebuts or reports (empty for rumours and unrelated posts). */
  about: ThemeId[];
}

const THEME_ORDER = new Map(THEME_IDS.map((id, i) => [id, i]));

/** Theme ids deduplicated, in the taxonomy's order (core first). */
export function orderThemes(themes: Iterable<ThemeId>): ThemeId[] {
  return [...new Set(themes)].sort((a, b) => (THEME_ORDER.get(a) ?? 0) - (THEME_ORDER.get(b) ?? 0));
}

/** Themes a rumour bank can write about. */
export function availableThemes(bank: RumourBank): ThemeId[] {
  return THEME_IDS.filter((id) => (bank.claims[id]?.length ?? 0) > 0);
}

const ENDS_SENTENCE = /(?:[.!?؟:…‼]|\p{Extended_Pictographic})\uFE0F?\s*$/u;

/** Joins sentences, without doubling punctuation after a sentence that already ends in some. */
function joinParts(parts: readonly string[], joiner: string): string {
  let out = parts[0] ?? '';
  for (const part of parts.slice(1)) {
    out += ENDS_SENTENCE.test(out) && /^[.!،]/u.test(joiner) ? ' ' : joiner;
    out += part;
  }
  return out;
}

const titleFrom = (text: string): string => (text.length <= 90 ? text : `${text.slice(0, 87).trimEnd()}…`);

/** A rumour post carrying exactly `themes` (each theme gets one of its claims). */
export function composeRumour(
  bank: RumourBank,
  themes: readonly ThemeId[],
  rng: Rng,
  options: { long?: boolean; withTitle?: boolean } = {},
): Composed {
  const fill = (template: string) => fillTemplate(template, bank.lang, rng, { words: bank });
  const long = options.long ?? rng.chance(0.25);
  const parts: string[] = [];
  const opener = rng.chance(long ? 0.75 : 0.35);
  if (opener) parts.push(fill(rng.pick(bank.openers)));
  for (const theme of orderThemes(themes)) {
    const claims = bank.claims[theme];
    if (!claims || claims.length === 0) throw new Error(`no ${bank.lang} claims for theme ${theme}`);
    const core = theme === 'soc_takes_children';
    const [claim, second] = rng.sample(claims, 2);
    const story = core && bank.stories.length > 0 && rng.chance(long ? 0.5 : 0.25);
    parts.push(fill(story ? rng.pick(bank.stories) : (claim as string)));
    if (core && long && second !== undefined && rng.chance(0.4)) parts.push(fill(second));
  }
  if (rng.chance(long ? 0.6 : 0.3)) parts.push(fill(rng.pick(bank.closers)));

  const title = options.withTitle ? titleFrom(parts[opener ? 1 : 0] ?? '') : null;
  let text = roughen(joinParts(parts, rng.pick(bank.joiners)), bank.lang, rng);
  if (rng.chance(0.5)) {
    const emoji = Array.from({ length: rng.int(1, 3) }, () => rng.pick(bank.emoji)).join('');
    text = rng.chance(0.7) ? `${text} ${emoji}` : `${emoji} ${text}`;
  }
  const eligible = bank.hashtags.filter((tag) => tag.themes.every((theme) => themes.includes(theme)));
  if (eligible.length > 0 && rng.chance(long ? 0.85 : 0.45)) {
    const tags = rng.sample(eligible, rng.int(1, 3)).map((tag) => tag.tag);
    text += `${rng.chance(0.6) ? '\n' : ' '}${tags.join(' ')}`;
  }
  return { title, text, about: [] };
}

const unionAbout = (statements: readonly Statement[]): ThemeId[] =>
  orderThemes(statements.flatMap((statement) => statement.about));

export interface LocalOptions {
  /** A rising theme to rebut or report first, when the bank has a sentence about it. */
  focus?: ThemeId | null;
  withTitle?: boolean;
  /** The channel's own city (already spelt for the language): {city} then names it. */
  city?: string | null;
}

const localMemo = (city: string | null | undefined) => new Map<string, string>(city ? [['city', city]] : []);

/** An official counter-message; with `focus`, its first fact rebuts that theme when the bank has one. */
export function composeCounter(bank: CounterBank, rng: Rng, options: LocalOptions = {}): Composed {
  const memo = localMemo(options.city);
  const fill = (template: string) => fillTemplate(template, bank.lang, rng, { memo });
  const focused = options.focus
    ? bank.facts.filter((fact) => fact.about.includes(options.focus as ThemeId))
    : [];
  const first = focused.length > 0 ? rng.pick(focused) : rng.pick(bank.facts);
  const others = rng.sample(
    bank.facts.filter((fact) => fact !== first),
    rng.int(0, 2),
  );
  const facts = [first, ...others];
  const parts: string[] = [];
  if (rng.chance(0.6)) parts.push(fill(rng.pick(bank.intros)));
  parts.push(...facts.map((fact) => fact.text));
  if (rng.chance(0.6)) parts.push(fill(rng.pick(bank.ctas)));
  return {
    title: options.withTitle ? fill(rng.pick(bank.titles)) : null,
    text: parts.join(rng.chance(0.75) ? ' ' : '\n\n'),
    about: unionAbout(facts),
  };
}

/** A news item or a reporter's post; with `focus`, an item reporting that theme when the bank has one. */
export function composeNeutral(bank: NeutralBank, rng: Rng, options: LocalOptions = {}): Composed {
  const memo = localMemo(options.city);
  const fill = (template: string) => fillTemplate(template, bank.lang, rng, { memo });
  const focused = options.focus
    ? bank.items.filter((item) => item.about.includes(options.focus as ThemeId))
    : [];
  const item = focused.length > 0 ? rng.pick(focused) : rng.pick(bank.items);
  const context = bank.context.length > 0 && rng.chance(0.5) ? [rng.pick(bank.context)] : [];
  const title = fill(item.title);
  const body = [fill(item.lead), ...context.map((statement) => statement.text)].join(' ');
  return {
    title: options.withTitle ? title : null,
    text: options.withTitle ? body : rng.chance(0.5) ? `${title}: ${body}` : body,
    about: orderThemes([...item.about, ...context.flatMap((statement) => statement.about)]),
  };
}

/** A post that only shares words with the rumours. */
export function composeUnrelated(bank: UnrelatedBank, rng: Rng): Composed {
  const memo = new Map<string, string>();
  const fill = (template: string) => fillTemplate(template, bank.lang, rng, { memo });
  let text = fill(rng.pick(bank.items));
  // Greetings and thanks go with questions, not with job ads or crime news.
  if (/[?؟]$/u.test(text)) {
    if (rng.chance(0.35)) text = fill(rng.pick(bank.prefixes)) + text;
    if (rng.chance(0.4)) text = `${text} ${rng.pick(bank.suffixes)}`;
  }
  return { title: null, text: roughen(text, bank.lang, rng, 0.5), about: [] };
}
