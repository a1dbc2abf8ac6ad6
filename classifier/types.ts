/** The classifier's vocabulary: stances, theme ids and the shapes its pure functions return. */

export const STANCES = ['rumour', 'counter', 'neutral', 'unrelated'] as const;
export type Stance = (typeof STANCES)[number];

/** The 13 stable theme ids of the domain brief (shared/domain/themes.md). */
export const THEME_IDS = [
  'soc_takes_children',
  'targets_muslims_immigrants',
  'forced_secularisation',
  'placed_nonmuslim_lgbt_family',
  'foster_abuse',
  'profit_trafficking',
  'no_legal_recourse_secrecy',
  'trivial_pretext',
  'orosanmalan_fear',
  'sweden_fascist_state',
  'protest_boycott',
  'leave_sweden',
  'violence_threats',
] as const;
export type ThemeId = (typeof THEME_IDS)[number];

/** Sort key of a theme id: the taxonomy's order, themes made in the dashboard after them. */
export function themeOrder(id: string): number {
  const index = (THEME_IDS as readonly string[]).indexOf(id);
  return index === -1 ? THEME_IDS.length : index;
}

/** Any theme id: the taxonomy's and those made in the dashboard (the themes table's ids). */
export const THEME_ID_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;

/** Themes whose posts only the security role may see: they can name or threaten individual staff. */
export const RESTRICTED_THEMES: readonly string[] = ['violence_threats'];

export const isRestrictedTheme = (id: string): boolean => RESTRICTED_THEMES.includes(id);

/** Project language codes (ISO 639-1 where one exists, else 639-3), or `und` when the text cannot tell. */
export const LANGUAGES = [
  'sv',
  'en',
  'ar',
  'fa',
  'prs',
  'so',
  'ti',
  'ckb',
  'kmr',
  'tr',
  'bs',
  'hr',
  'sr',
  'pl',
  'ru',
  'uk',
  'fi',
  'nb',
  'nn',
  'da',
  'de',
  'es',
  'fr',
] as const;
export type Language = (typeof LANGUAGES)[number];
export type LanguageOrUnd = Language | 'und';

export interface LanguageResult {
  /** Main language, `und` when the text is too short or too mixed to tell. */
  lang: LanguageOrUnd;
  /** 0..1, how sure the detector is of `lang` (0 for `und`). */
  confidence: number;
  /** A second language that makes up a real share of the text (code-mixing), else null. */
  lang2: Language | null;
}

export interface ThemeMatch {
  /** A taxonomy theme (ThemeId) or, from a model retrained on analysts' labels, one made in the dashboard. */
  id: string;
  /** 0..1 */
  score: number;
  /** The terms in the text that matched, as written in the text (for "why" in the dashboard). */
  evidence: string[];
}

export interface Classification {
  stance: Stance;
  /** Rumour themes a post spreads: non-empty only when stance is `rumour`. */
  themes: ThemeMatch[];
  /** Rumour themes a counter or neutral post rebuts or reports: empty when stance is `rumour` or `unrelated`. */
  about: ThemeMatch[];
}
