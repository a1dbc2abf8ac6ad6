/** Matched spans of a post: distinct expressions, and theme matches with scores and evidence (pure). */
import { themeOrder, type ThemeId, type ThemeMatch } from './types.ts';

/** A lexicon hit over tokens start..end (inclusive). */
export interface Span {
  start: number;
  end: number;
  /** The matched text in the matching form, to count distinct expressions. */
  key: string;
  surface: string;
}
export interface ThemeHit extends Span {
  theme: ThemeId;
  weight: number;
  strong: boolean;
  campaign: boolean;
}

const MAX_EVIDENCE = 6;

export const overlaps = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

/**
 * Distinct expressions: hits whose spans overlap are one expression ("Soc tog" inside "Soc tog barnen");
 * the same words repeated count once. Each is represented by its widest, heaviest hit.
 */
export function expressions<T extends Span & { weight?: number }>(hits: readonly T[]): T[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const groups: T[][] = [];
  let end = -1;
  for (const hit of sorted) {
    if (hit.start <= end) groups.at(-1)?.push(hit);
    else groups.push([hit]);
    end = Math.max(end, hit.end);
  }
  const seen = new Map<string, T>();
  for (const group of groups) {
    const best = group.reduce((a, b) =>
      (b.weight ?? 0) > (a.weight ?? 0) ||
      ((b.weight ?? 0) === (a.weight ?? 0) && b.end - b.start > a.end - a.start)
        ? b
        : a,
    );
    const key = best.key;
    const known = seen.get(key);
    if (!known || (best.weight ?? 0) > (known.weight ?? 0)) seen.set(key, best);
  }
  return [...seen.values()];
}

/** Theme matches, highest score first: 1 − 0.5^(sum of distinct expression weights), evidence as written. */
export function toMatches(hits: readonly ThemeHit[]): ThemeMatch[] {
  const byTheme = new Map<ThemeId, ThemeHit[]>();
  for (const hit of hits) byTheme.set(hit.theme, [...(byTheme.get(hit.theme) ?? []), hit]);
  const matches: ThemeMatch[] = [];
  for (const [id, list] of byTheme) {
    const found = expressions(list).sort((a, b) => a.start - b.start);
    const total = found.reduce((sum, h) => sum + h.weight, 0);
    const evidence = [...new Set(found.map((h) => h.surface))].slice(0, MAX_EVIDENCE);
    matches.push({ id, score: Math.round((1 - 0.5 ** total) * 1000) / 1000, evidence });
  }
  return matches.sort((a, b) => b.score - a.score || themeOrder(a.id) - themeOrder(b.id));
}
