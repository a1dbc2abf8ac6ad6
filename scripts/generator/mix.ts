/**
 * The generator's tunable proportions in one place: stance mix, language mix per stance, how often each
 * rumour theme leads a post, and the size of the rise and the burst.
 */
import type { Stance, ThemeId } from '../../classifier/types.ts';
import type { GenLanguage } from './locale.ts';

/** Share of posts per stance (sums to 1). */
export const STANCE_MIX: Record<Stance, number> = {
  rumour: 0.45,
  counter: 0.2,
  neutral: 0.15,
  unrelated: 0.2,
};

/**
 * Relative language weights per stance. Rumours are Arabic first; counter-messages Swedish, Arabic and
 * English (municipalities, Socialstyrelsen, embassies, cultural interpreters); news mostly Swedish/English.
 */
export const LANGUAGE_MIX: Record<Stance, Partial<Record<GenLanguage, number>>> = {
  rumour: { ar: 42, sv: 13, en: 12, fa: 7, so: 7, tr: 8, bs: 3, ckb: 2.5, kmr: 1.5, fr: 4 },
  counter: { sv: 44, ar: 25, en: 17, tr: 5, fa: 4, so: 4, bs: 1 },
  neutral: { sv: 52, en: 30, ar: 11, tr: 3, fa: 2.5, so: 1.5 },
  unrelated: { sv: 26, en: 26, ar: 25, fa: 7, so: 5, tr: 8, bs: 3 },
};

/** How often a theme is the lead theme of a rumour post (relative; the core theme dominates). */
export const PRIMARY_WEIGHT: Record<ThemeId, number> = {
  soc_takes_children: 30,
  targets_muslims_immigrants: 9,
  forced_secularisation: 6,
  placed_nonmuslim_lgbt_family: 5,
  foster_abuse: 5,
  profit_trafficking: 5,
  no_legal_recourse_secrecy: 6,
  trivial_pretext: 6,
  orosanmalan_fear: 5,
  sweden_fascist_state: 5,
  protest_boycott: 6,
  leave_sweden: 4,
  violence_threats: 1.2,
};

/** Probability that a post led by a sub-narrative also carries the core theme (default 0.75). */
export const CORE_WITH: Partial<Record<ThemeId, number>> = {
  orosanmalan_fear: 0.5,
  sweden_fascist_state: 0.6,
  leave_sweden: 0.6,
  protest_boycott: 0.8,
  violence_threats: 0.6,
};

/** Rising themes are assigned these languages in turn (the first rises in Arabic, the second in Swedish). */
export const RISING_LANGUAGES: readonly GenLanguage[] = ['ar', 'sv', 'en', 'fa', 'so', 'tr'];
/** A rising theme is already a favourite in its home language: its lead weight there is multiplied by this. */
export const RISING_HOME_WEIGHT = 4;
/** Daily volume of a rising theme at the end of the window, relative to before, in its home language … */
export const RISE_PEAK = 6;
/** … and in the other languages, where it spills over. */
export const RISE_SPILL_PEAK = 3;
/** Counter-messages and news that react to a rising theme rise later and less. */
export const REACT_PEAK = 2.5;
export const REACT_SHARE = 0.12;

/** The burst day's protest-call wave as a share of all rumour posts, and its languages. */
export const BURST_SHARE = 0.06;
export const BURST_LANGUAGES: Partial<Record<GenLanguage, number>> = {
  ar: 55,
  sv: 20,
  en: 10,
  tr: 5,
  so: 5,
  fa: 5,
};

/** Probability that a rumour post is an exact copy of a campaign message (per stream), and in the burst. */
export const COPY_PASTE = { rumour: 0.1, burst: 0.55, counter: 0.12 } as const;

/** Posts per author, roughly, per stance (few official accounts, many people). */
export const POSTS_PER_AUTHOR: Record<Stance, number> = {
  rumour: 3,
  counter: 25,
  neutral: 15,
  unrelated: 1.5,
};
