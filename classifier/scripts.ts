/** Writing systems of a text: letter counts per script and the words of one script (pure). */

export type Script = 'latin' | 'arabic' | 'cyrillic' | 'ethiopic' | 'other';

export interface ScriptCounts {
  latin: number;
  arabic: number;
  cyrillic: number;
  ethiopic: number;
  other: number;
  total: number;
}

const NON_LETTER_RE = /[^\p{L}]/gu;

/** Script of one letter's code point (Latin includes Latin-1, Extended-A/B and Extended Additional). */
export function scriptOf(cp: number): Script {
  if (cp < 0x0250 || (cp >= 0x1e00 && cp <= 0x1eff)) return 'latin';
  if (cp >= 0x0400 && cp <= 0x052f) return 'cyrillic';
  if (
    (cp >= 0x0600 && cp <= 0x06ff) ||
    (cp >= 0x0750 && cp <= 0x077f) ||
    (cp >= 0x08a0 && cp <= 0x08ff) ||
    (cp >= 0xfb50 && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfeff)
  )
    return 'arabic';
  if ((cp >= 0x1200 && cp <= 0x139f) || (cp >= 0x2d80 && cp <= 0x2ddf) || (cp >= 0xab00 && cp <= 0xab2f))
    return 'ethiopic';
  return 'other';
}

/** Letters (\p{L}) per script. */
export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { latin: 0, arabic: 0, cyrillic: 0, ethiopic: 0, other: 0, total: 0 };
  for (const ch of text.replace(NON_LETTER_RE, '')) {
    counts[scriptOf(ch.codePointAt(0) ?? 0)]++;
    counts.total++;
  }
  return counts;
}

const SCRIPT_WORDS: Record<Exclude<Script, 'other'>, RegExp> = {
  latin: /[\p{Script=Latin}\p{M}'’-]+/gu,
  arabic: /[\p{Script=Arabic}\u200c]+/gu,
  cyrillic: /[\p{Script=Cyrillic}\p{M}'’-]+/gu,
  ethiopic: /\p{Script=Ethiopic}+/gu,
};

/** The words of `text` written in one script, space-separated. */
export function scriptPart(text: string, script: Exclude<Script, 'other'>): string {
  return (text.match(SCRIPT_WORDS[script]) ?? []).join(' ');
}

/** The script with the most letters (`other` for none of the four). */
export function mainScript(counts: ScriptCounts): Script {
  return (['latin', 'arabic', 'cyrillic', 'ethiopic', 'other'] as const).reduce((a, b) =>
    counts[b] > counts[a] ? b : a,
  );
}
