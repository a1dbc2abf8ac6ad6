/**
 * The lexicon (data/lexicon.json) compiled into word atoms and phrases that the matcher can look up per
 * token. The file's `syntax` field is the editor's guide to the pattern language.
 */
import lexiconJson from './data/lexicon.json' with { type: 'json' };
import { lexiconSchema, type ByLanguage, type TermBlock } from './lexicon-schema.ts';
import { foldText, tokenise } from './normalise.ts';
import { THEME_IDS, type Language, type ThemeId } from './types.ts';

export type CueStance = 'counter' | 'neutral' | 'affirmation';
/** How a social-services name makes context: see `context` in lexicon-schema.ts. */
export type ContextLevel = 'alone' | 'diaspora' | 'needs_sweden';
/** What a matched phrase means; `langs` is a bit mask over `CompiledLexicon.languages`. */
export type Payload =
  | { kind: 'context'; level: ContextLevel; langs: number }
  | { kind: 'sweden' | 'children' | 'crime' | 'elsewhere' | 'scope_break'; langs: number }
  | { kind: 'campaign'; themes: readonly ThemeId[]; langs: number }
  | { kind: 'theme'; theme: ThemeId; strong: boolean; langs: number }
  | {
      kind: 'cue';
      stance: CueStance;
      weight: number;
      themes: readonly ThemeId[];
      scoped: boolean;
      langs: number;
    }
  | { kind: 'ambiguous' | 'other_sense' | 'this_sense'; ambiguity: number; langs: number };

/** A payload before its language bit is known. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type PayloadSpec = DistributiveOmit<Payload, 'langs'>;

export type AtomKind = 'exact' | 'prefix' | 'contains' | 'suffix';

export interface Phrase {
  /** Per word position, the atom ids that satisfy it. */
  slots: number[][];
  /** gapBefore[k]: how many other tokens may precede slot k (0, GAP_TOKENS or LONG_GAP_TOKENS). */
  gapBefore: number[];
  payloads: Payload[];
  /** The first pattern that produced this phrase (for debugging). */
  source: string;
}

export interface CompiledLexicon {
  version: string;
  languages: readonly Language[];
  allLanguages: number;
  atoms: { kind: AtomKind; text: string }[];
  exact: Map<string, number[]>;
  prefix: Map<string, number[]>;
  prefixLengths: number[];
  suffix: Map<string, number[]>;
  suffixLengths: number[];
  contains: { text: string; atom: number }[];
  phrases: Phrase[];
  /** atom id → phrases whose first slot contains it. */
  byFirstAtom: Map<number, number[]>;
  /** Atoms of gap-stop words: a gap ends at a token that has one. */
  stopAtoms: Set<number>;
  ambiguities: { id: string; window: number }[];
  signature: { core: ThemeId; withAnyOf: readonly ThemeId[] };
}

/** `..` in a pattern: up to 3 other tokens; `...`: up to 6 (verb-final languages: fa, tr, so). */
export const GAP_TOKENS = 3;
export const LONG_GAP_TOKENS = 6;

/** Matching key of a token: folded, without ZWNJ (Persian writes می‌ربایند and میربایند alike). */
export function matchKey(token: string): string {
  const folded = foldText(token);
  return folded.includes('\u200c') ? folded.replaceAll('\u200c', '') : folded;
}

/** Languages whose posts are often typed without diacritics: their terms also match the bare spelling. */
const BARE_SPELLING: readonly Language[] = ['tr', 'so', 'fr', 'bs', 'kmr'];

/** `kaçır` → `kacir`, `švedska` → `svedska`, `enlevé` → `enleve` (ı is already i after folding). */
function bareSpelling(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').normalize('NFC');
}

class Compiler {
  private readonly lex: CompiledLexicon;
  private readonly atomIds = new Map<string, number>();
  private readonly phraseIds = new Map<string, number>();

  constructor(version: string, languages: readonly Language[]) {
    this.lex = {
      version,
      languages,
      allLanguages: (1 << languages.length) - 1,
      atoms: [],
      exact: new Map(),
      prefix: new Map(),
      prefixLengths: [],
      suffix: new Map(),
      suffixLengths: [],
      contains: [],
      phrases: [],
      byFirstAtom: new Map(),
      stopAtoms: new Set(),
      ambiguities: [],
      signature: { core: 'soc_takes_children', withAnyOf: [] },
    };
  }

  private atom(kind: AtomKind, text: string): number {
    const key = `${kind}:${text}`;
    const known = this.atomIds.get(key);
    if (known !== undefined) return known;
    const id = this.lex.atoms.length;
    this.lex.atoms.push({ kind, text });
    this.atomIds.set(key, id);
    const push = (map: Map<string, number[]>) => map.set(text, [...(map.get(text) ?? []), id]);
    if (kind === 'exact') push(this.lex.exact);
    else if (kind === 'prefix') push(this.lex.prefix);
    else if (kind === 'suffix') push(this.lex.suffix);
    else this.lex.contains.push({ text, atom: id });
    return id;
  }

  /** Atom ids for one alternative of one word position (several when it spells more than one token). */
  private wordAtoms(word: string, lang: Language, pattern: string): number[][] {
    const leading = word.startsWith('*');
    const trailing = word.endsWith('*');
    const core = word.replace(/^\*|\*$/g, '');
    const tokens = tokenise(core).map(matchKey);
    if (tokens.length === 0) throw new Error(`lexicon: "${pattern}": "${word}" has no letters`);
    return tokens.map((text, i) => {
      const lead = leading && i === 0;
      const trail = trailing && i === tokens.length - 1;
      const kind: AtomKind = lead && trail ? 'contains' : trail ? 'prefix' : lead ? 'suffix' : 'exact';
      const ids = [this.atom(kind, text)];
      if (BARE_SPELLING.includes(lang)) {
        const bare = bareSpelling(text);
        if (bare !== text) ids.push(this.atom(kind, bare));
      }
      return ids;
    });
  }

  add(pattern: string, lang: Language, payload: PayloadSpec): void {
    const slots: number[][] = [];
    const gapBefore: number[] = [];
    let gap = 0;
    for (const word of pattern.trim().split(/\s+/)) {
      if (word === '..' || word === '...') {
        if (slots.length === 0 || gap) throw new Error(`lexicon: "${pattern}": misplaced "${word}"`);
        gap = word === '..' ? GAP_TOKENS : LONG_GAP_TOKENS;
        continue;
      }
      const alternatives = word.split('|').filter((a) => a !== '');
      const expanded = alternatives.map((alt) => this.wordAtoms(alt, lang, pattern));
      if (expanded.length > 1 && expanded.some((e) => e.length !== 1)) {
        throw new Error(`lexicon: "${pattern}": an alternative in "${word}" is more than one word`);
      }
      const positions = expanded.length > 1 ? [expanded.flatMap((e) => e[0] ?? [])] : (expanded[0] ?? []);
      positions.forEach((atoms, i) => {
        slots.push([...new Set(atoms)]);
        gapBefore.push(i === 0 ? gap : 0);
      });
      gap = 0;
    }
    if (gap || slots.length === 0) throw new Error(`lexicon: "${pattern}": misplaced ".."`);
    const key = JSON.stringify([slots, gapBefore]);
    let id = this.phraseIds.get(key);
    if (id === undefined) {
      id = this.lex.phrases.length;
      this.lex.phrases.push({ slots, gapBefore, payloads: [], source: pattern });
      this.phraseIds.set(key, id);
      for (const atom of slots[0] ?? [])
        this.lex.byFirstAtom.set(atom, [...(this.lex.byFirstAtom.get(atom) ?? []), id]);
    }
    const bit = 1 << this.lex.languages.indexOf(lang);
    const phrase = this.lex.phrases[id];
    const same = phrase?.payloads.find(
      (p) => JSON.stringify({ ...p, langs: 0 }) === JSON.stringify({ ...payload, langs: 0 }),
    );
    if (same) same.langs |= bit;
    else phrase?.payloads.push({ ...payload, langs: bit } as Payload);
  }

  private blocks(byLanguage: ByLanguage): [Language, TermBlock][] {
    const entries = Object.entries(byLanguage) as [Language, TermBlock][];
    for (const [lang] of entries) {
      if (!this.lex.languages.includes(lang))
        throw new Error(`lexicon: language ${lang} is not in "languages"`);
    }
    return entries;
  }

  addGroup(byLanguage: ByLanguage, payload: PayloadSpec, which: 'terms' | 'strong' | 'weak' = 'terms'): void {
    for (const [lang, block] of this.blocks(byLanguage)) {
      for (const pattern of block[which] ?? []) this.add(pattern, lang, payload);
    }
  }

  addStopWords(byLanguage: ByLanguage): void {
    for (const [, block] of this.blocks(byLanguage)) {
      for (const word of block.terms ?? []) {
        for (const token of tokenise(word)) this.lex.stopAtoms.add(this.atom('exact', matchKey(token)));
      }
    }
  }

  addAmbiguity(id: string, window: number): number {
    this.lex.ambiguities.push({ id, window });
    return this.lex.ambiguities.length - 1;
  }

  setSignature(core: ThemeId, withAnyOf: readonly ThemeId[]): void {
    this.lex.signature = { core, withAnyOf };
  }

  finish(): CompiledLexicon {
    const lengths = (map: Map<string, number[]>) =>
      [...new Set([...map.keys()].map((k) => k.length))].sort((a, b) => a - b);
    this.lex.prefixLengths = lengths(this.lex.prefix);
    this.lex.suffixLengths = lengths(this.lex.suffix);
    return this.lex;
  }
}

/** Validates and compiles a lexicon file; throws with the offending pattern on a syntax error. */
export function compileLexicon(input: unknown): CompiledLexicon {
  const file = lexiconSchema.parse(input);
  const c = new Compiler(file.version, file.languages);
  c.addStopWords(file.gap_stop.terms);
  c.addGroup(file.scope_break.terms, { kind: 'scope_break' });
  c.setSignature(file.signature.core, file.signature.with_any_of);
  c.addGroup(file.context.social_services.terms, { kind: 'context', level: 'alone' });
  c.addGroup(file.context.social_services_diaspora.terms, { kind: 'context', level: 'diaspora' });
  c.addGroup(file.context.social_services_needs_sweden.terms, { kind: 'context', level: 'needs_sweden' });
  c.addGroup(file.context.sweden.terms, { kind: 'sweden' });
  c.addGroup(file.context.children.terms, { kind: 'children' });
  c.addGroup(file.context.crime_news.terms, { kind: 'crime' });
  c.addGroup(file.context.elsewhere.terms, { kind: 'elsewhere' });
  for (const campaign of file.campaign)
    c.addGroup(campaign.terms, { kind: 'campaign', themes: campaign.themes });
  for (const theme of THEME_IDS) {
    c.addGroup(file.themes[theme], { kind: 'theme', theme, strong: true }, 'strong');
    c.addGroup(file.themes[theme], { kind: 'theme', theme, strong: false }, 'weak');
  }
  for (const stance of ['counter', 'neutral', 'affirmation'] as const) {
    for (const group of file.stance[stance]) {
      const payload = {
        stance,
        weight: group.weight,
        themes: group.themes ?? [],
        scoped: group.scope === 'sentence',
      };
      c.addGroup(group.terms, { kind: 'cue', ...payload });
    }
  }
  for (const entry of file.ambiguous) {
    const ambiguity = c.addAmbiguity(entry.id, entry.window);
    c.addGroup(entry.terms, { kind: 'ambiguous', ambiguity });
    c.addGroup(entry.other_sense, { kind: 'other_sense', ambiguity });
    c.addGroup(entry.this_sense, { kind: 'this_sense', ambiguity });
  }
  return c.finish();
}

/** The project lexicon, compiled once at import. */
export const lexicon: CompiledLexicon = compileLexicon(lexiconJson);
