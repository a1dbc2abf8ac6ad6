/**
 * Shapes of the phrase banks. Templates may hold slots filled per post: {place} (city or district),
 * {city}, {weekday}, {hour}, {num} (2–5), {age} (1–15), {bignum}, {money}, and in rumour banks {soc}
 * (the local word for social services) and {kids}.
 */
import type { ThemeId } from '../../../classifier/types.ts';
import type { GenLanguage } from '../locale.ts';

/** A hashtag usable only when the post carries every theme in `themes` (empty: any rumour post). */
export interface Hashtag {
  tag: string;
  themes: readonly ThemeId[];
}

export interface RumourBank {
  lang: GenLanguage;
  soc: readonly string[];
  kids: readonly string[];
  /** Attention grabbers that carry no theme of their own. */
  openers: readonly string[];
  /** One or more claims per theme; a post carries a theme exactly when it holds one of its claims. */
  claims: Partial<Record<ThemeId, readonly string[]>>;
  /** First-hand or "a friend of mine" anecdotes carrying only `soc_takes_children`. */
  stories: readonly string[];
  /** Prayers, outrage and sighs that carry no theme. */
  closers: readonly string[];
  hashtags: readonly Hashtag[];
  emoji: readonly string[];
  /** How sentences are glued together in this language's posts. */
  joiners: readonly string[];
}

/** A sentence of counter-messaging or news, with the rumour themes it rebuts or reports. */
export interface Statement {
  text: string;
  about: readonly ThemeId[];
}

export interface CounterBank {
  lang: GenLanguage;
  /** Headlines for web pages and official posts. */
  titles: readonly string[];
  /** Who speaks: "Socialtjänsten i {city} informerar:" */
  intros: readonly string[];
  facts: readonly Statement[];
  /** Where to read more, whom to call, "check the source". */
  ctas: readonly string[];
}

export interface NewsItem {
  title: string;
  lead: string;
  about: readonly ThemeId[];
}

export interface NeutralBank {
  lang: GenLanguage;
  items: readonly NewsItem[];
  /** Optional second paragraph: background, attribution, figures. */
  context: readonly Statement[];
}

export interface UnrelatedBank {
  lang: GenLanguage;
  /** Posts that share a token with the rumours (SOC, soc, السوسيال, kidnapping, boycott, "forced to eat"). */
  items: readonly string[];
  /** Greetings and thanks, added to questions only. */
  prefixes: readonly string[];
  suffixes: readonly string[];
}
