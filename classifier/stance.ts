/**
 * From lexicon hits to stance and themes (pure).
 *
 * 1. Relevance: a Swedish social-services name (unless an ambiguous word is used in its other sense
 *    nearby); a diaspora name, or a generic one with Sweden named, two strong rumour expressions or a
 *    counter-message fact, unless only another country is named; Sweden (a Swedish place, the flag) plus
 *    children, unless crime-news words appear; a campaign slogan; or the campaign's signature: the core
 *    claim together with a care-specific one.
 * 2. Overlaps and scope: a cue inside a longer theme phrase is void ("utan domstol" is no court-order cue);
 *    an affirmation ("ingen myt") voids the counter cue it overlaps; a theme phrase is rebutted when it
 *    overlaps a counter or neutral cue ("kidnappar inte"), or follows a sentence-scoped one in the same
 *    sentence ("claims that social services kidnap …").
 * 3. Weights: R = distinct strong rumour expressions standing + affirmations; C, N = summed weights of
 *    distinct counter and neutral cue expressions (overlapping matches count once). Counter when C > 0,
 *    C > N and C > R/2; neutral when N > R/2; rumour when a strong theme phrase stands; otherwise
 *    counter/neutral on cues alone, else unrelated.
 * 4. Themes (rumour) or `about` (counter, neutral): score 1 − 0.5^(strong + campaign + weak/2) over the
 *    distinct expressions of the theme; evidence is the matched text as written.
 */
import type { CompiledLexicon, ContextLevel, CueStance, Payload } from './lexicon.ts';
import type { Hit } from './matcher.ts';
import type { TokenSpan } from './normalise.ts';
import { expressions, overlaps, toMatches, type Span, type ThemeHit } from './evidence.ts';
import type { Classification, ThemeId } from './types.ts';

interface CueHit extends Span {
  stance: CueStance;
  weight: number;
  themes: readonly ThemeId[];
  scoped: boolean;
}

const strictlyInside = (inner: Span, outer: Span) =>
  outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start;

function distance(a: Span, b: Span): number {
  if (overlaps(a, b)) return 0;
  return a.end < b.start ? b.start - a.end : a.start - b.end;
}

const SENTENCE_END_RE = /[.!?…\n؟;]/;

/**
 * Sentence number of each token: a new sentence starts after . ! ? … ؟ ; or a line break, and at a
 * scope-break word ("but", "men", "لكن").
 */
function sentences(tokens: readonly TokenSpan[], text: string, breaks: ReadonlySet<number>): number[] {
  let n = 0;
  return tokens.map((t, i) => {
    if (i > 0 && (breaks.has(i) || SENTENCE_END_RE.test(text.slice(tokens[i - 1]?.end ?? 0, t.start)))) n++;
    return n;
  });
}

/** What the hits of one post say, sorted by kind (for the active languages only). */
interface Signals {
  contexts: (Span & { level: ContextLevel })[];
  themeHits: ThemeHit[];
  cues: CueHit[];
  senses: { kind: Payload['kind']; ambiguity: number; span: Span }[];
  sweden: number;
  children: number;
  crime: number;
  elsewhere: number;
  /** Token indexes where a scope-break word starts. */
  breaks: Set<number>;
}

function collect(
  lex: CompiledLexicon,
  tokens: readonly TokenSpan[],
  keys: readonly string[],
  text: string,
  hits: readonly Hit[],
  langMask: number,
): Signals {
  const signals: Signals = {
    contexts: [],
    themeHits: [],
    cues: [],
    senses: [],
    sweden: 0,
    children: 0,
    crime: 0,
    elsewhere: 0,
    breaks: new Set(),
  };
  for (const hit of hits) {
    const phrase = lex.phrases[hit.phrase];
    if (!phrase) continue;
    const span: Span = {
      start: hit.start,
      end: hit.end,
      key: keys.slice(hit.start, hit.end + 1).join(' '),
      surface: text.slice(tokens[hit.start]?.start ?? 0, tokens[hit.end]?.end ?? 0),
    };
    for (const p of phrase.payloads) {
      if ((p.langs & langMask) === 0) continue;
      switch (p.kind) {
        case 'context':
          signals.contexts.push({ ...span, level: p.level });
          break;
        case 'sweden':
        case 'children':
        case 'crime':
        case 'elsewhere':
          signals[p.kind]++;
          break;
        case 'scope_break':
          signals.breaks.add(hit.start);
          break;
        case 'campaign':
          for (const theme of p.themes) {
            signals.themeHits.push({ ...span, theme, weight: 1, strong: true, campaign: true });
          }
          break;
        case 'theme':
          signals.themeHits.push({
            ...span,
            theme: p.theme,
            weight: p.strong ? 1 : 0.5,
            strong: p.strong,
            campaign: false,
          });
          break;
        case 'cue':
          signals.cues.push({
            ...span,
            stance: p.stance,
            weight: p.weight,
            themes: p.themes,
            scoped: p.scoped,
          });
          break;
        default:
          signals.senses.push({ kind: p.kind, ambiguity: p.ambiguity, span });
      }
    }
  }
  return signals;
}

/** Step 1: is the post about (Swedish) social services and children at all? */
function isRelevant(lex: CompiledLexicon, s: Signals): boolean {
  const usedInOtherSense = (c: Span) =>
    s.senses.some((sense) => {
      if (sense.kind !== 'ambiguous' || !overlaps(sense.span, c)) return false;
      const window = lex.ambiguities[sense.ambiguity]?.window ?? 0;
      const near = (kind: Payload['kind']) =>
        s.senses.some(
          (o) =>
            o.kind === kind &&
            o.ambiguity === sense.ambiguity &&
            (window === 0 || distance(o.span, c) <= window),
        );
      return near('other_sense') && !near('this_sense');
    });
  const live = s.contexts.filter((c) => !usedInOtherSense(c));
  const level = (l: ContextLevel) => live.some((c) => c.level === l);
  const onlyElsewhere = s.elsewhere > 0 && s.sweden === 0;
  const strongHits = s.themeHits.filter((t) => t.strong);
  const manyClaims = expressions(strongHits).length >= 2;
  const officialFacts = s.cues.some((c) => c.stance === 'counter' && c.weight >= 1);
  const { core, withAnyOf } = lex.signature;
  const signature =
    s.crime === 0 &&
    !onlyElsewhere &&
    strongHits.some((t) => t.theme === core) &&
    strongHits.some((t) => withAnyOf.includes(t.theme));
  return (
    s.themeHits.some((t) => t.campaign) ||
    signature ||
    level('alone') ||
    (!onlyElsewhere && level('diaspora')) ||
    (!onlyElsewhere && level('needs_sweden') && (s.sweden > 0 || manyClaims || officialFacts)) ||
    (s.sweden > 0 && s.children > 0 && s.crime === 0)
  );
}

/** Classification of one post from its tokens, hits and the active-language mask. */
export function decide(
  lex: CompiledLexicon,
  tokens: readonly TokenSpan[],
  keys: readonly string[],
  text: string,
  hits: readonly Hit[],
  langMask: number,
  hints: { swedishFlag?: boolean } = {},
): Classification {
  const signals = collect(lex, tokens, keys, text, hits, langMask);
  if (hints.swedishFlag) signals.sweden++;
  if (!isRelevant(lex, signals)) return { stance: 'unrelated', themes: [], about: [] };
  const { themeHits, cues, breaks } = signals;

  // 2. Overlaps and scope.
  const strongHits = themeHits.filter((t) => t.strong);
  const affirmations = cues.filter((c) => c.stance === 'affirmation');
  const liveCues = cues.filter((c) => {
    if (strongHits.some((t) => strictlyInside(c, t))) return false;
    if (c.stance === 'counter' && affirmations.some((a) => overlaps(a, c))) return false;
    return true;
  });
  const rebuttals = liveCues.filter((c) => c.stance !== 'affirmation');
  for (const a of affirmations) breaks.add(a.start); // "… säger dom, det är ingen myt, soc tog …"
  const sentenceOf = rebuttals.some((c) => c.scoped) ? sentences(tokens, text, breaks) : [];
  const inScope = (c: CueHit, t: Span) =>
    overlaps(c, t) || (c.scoped && c.end < t.start && sentenceOf[c.end] === sentenceOf[t.start]);
  const standing = themeHits.filter((t) => !rebuttals.some((c) => inScope(c, t)));

  // 3. Weights.
  const sum = (stance: CueStance) =>
    expressions(liveCues.filter((c) => c.stance === stance)).reduce((total, c) => total + c.weight, 0);
  const strongStanding = standing.filter((t) => t.strong);
  const rumour = expressions(strongStanding).length + sum('affirmation');
  const counter = sum('counter');
  const neutral = sum('neutral');

  let stance: Classification['stance'];
  if (counter > 0 && counter > neutral && counter > rumour / 2) stance = 'counter';
  else if (neutral > 0 && neutral > rumour / 2) stance = 'neutral';
  else if (strongStanding.length > 0) stance = 'rumour';
  else if (counter > 0) stance = 'counter';
  else if (neutral > 0) stance = 'neutral';
  else return { stance: 'unrelated', themes: [], about: [] };

  // 4. Themes.
  if (stance === 'rumour') return { stance, themes: toMatches(standing), about: [] };
  const rebutted = rebuttals.flatMap((c) =>
    c.themes.map((theme): ThemeHit => ({ ...c, theme, weight: 1, strong: true, campaign: false })),
  );
  return { stance, themes: [], about: toMatches([...strongHits, ...rebutted]) };
}
