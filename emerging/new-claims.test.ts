import { describe, expect, it, test } from 'vitest';
import { HOUR_MS } from './baseline.ts';
import { postTerms } from './claim-terms.ts';
import {
  claimKey,
  claimSignal,
  CLAIM_RULES,
  detectNewClaims,
  gSquared,
  keyTerms,
  type ClaimPost,
  type TermBaseline,
} from './new-claims.ts';

const NOW = Date.UTC(2026, 10, 20, 12);

/** Background sentences: the baseline's vocabulary. */
const BACKGROUND = [
  'Socialtjänsten tog barnen från familjen i går',
  'Kommunen svarar inte på frågor om placeringen',
  'Föräldrar protesterar mot beslutet i rätten',
  'Ingen vet vart barnen flyttades efter mötet',
];
const CLAIM = [
  'De opererar in RFID-chip i barnen',
  'RFID-chip i armen på barnen i familjehem',
  'Ett barn kom hem med RFID-chip i armen',
  'Sprid: RFID-chip i armen på omhändertagna',
];

let nextId = 1;
function post(text: string, at: number, author: string | null, source = 'src-1'): ClaimPost {
  const { terms, surfaces } = postTerms(text, 'sv');
  return { id: nextId++, at, author, source, terms, surfaces };
}

function baselineOf(texts: readonly string[]): TermBaseline {
  const df = new Map<string, number>();
  for (const text of texts)
    for (const term of postTerms(text, 'sv').terms) df.set(term, (df.get(term) ?? 0) + 1);
  return { docs: texts.length, df };
}

/** 2,000 baseline posts of the background sentences; recent: 40 background posts plus the given extra posts. */
function run(extra: ClaimPost[], known: Parameters<typeof detectNewClaims>[0]['known'] = []) {
  const baseline = baselineOf(Array.from({ length: 2000 }, (_, i) => BACKGROUND[i % 4] as string));
  const recent = Array.from({ length: 40 }, (_, i) =>
    post(BACKGROUND[i % 4] as string, NOW - (i + 1) * 10 * 60_000, `bg${i % 7}`),
  );
  return detectNewClaims({ lang: 'sv', now: NOW, posts: [...recent, ...extra], baseline, known });
}

describe('postTerms', () => {
  test.each([
    ['stems and bigrams', 'RFID-chip i armen', ['rfid', 'chip', 'rfid chip', 'chip i', 'arm', 'i arm']],
    ['numbers end a bigram and are no term', 'chip 123 armen', ['chip', 'arm']],
  ])('%s', (_name, text, expected) => {
    expect(postTerms(text, 'sv').terms).toEqual(expected);
  });

  it('leaves out words of the theme lexicons but keeps them in bigrams with a new word', () => {
    const { terms } = postTerms('socialtjänsten chippar', 'sv');
    expect(terms.some((t) => t.startsWith('socialtjän') && !t.includes(' '))).toBe(false);
    expect(terms.some((t) => t.includes(' '))).toBe(true);
  });

  it('keeps the surface form of each term', () => {
    expect(postTerms('RFID-chip i armen', 'sv').surfaces.get('arm')).toBe('armen');
  });
});

describe('detectNewClaims', () => {
  test.each([
    {
      name: 'a new claim by four authors from two sources',
      posts: () => CLAIM.map((text, i) => post(text, NOW - (i + 1) * 20 * 60_000, `a${i}`, `s${i % 2}`)),
      triggered: true,
    },
    {
      name: 'two posts are never a claim',
      posts: () => CLAIM.slice(0, 2).map((text, i) => post(text, NOW - (i + 1) * 20 * 60_000, `a${i}`)),
      triggered: null,
    },
    {
      name: 'one author repeating it is not a claim',
      posts: () => CLAIM.map((text, i) => post(text, NOW - (i + 1) * 20 * 60_000, 'same', `s${i % 2}`)),
      triggered: null,
    },
    {
      name: 'posts before the window do not count',
      posts: () => CLAIM.map((text, i) => post(text, NOW - 13 * HOUR_MS - i * 60_000, `a${i}`, `s${i}`)),
      triggered: null,
    },
    {
      name: 'more of the usual vocabulary is no claim',
      posts: () => BACKGROUND.map((text, i) => post(text, NOW - (i + 1) * 60_000, `x${i}`, `s${i}`)),
      triggered: null,
    },
  ])('$name', ({ posts, triggered }) => {
    const found = run(posts());
    if (triggered === null) expect(found.filter((c) => c.triggered)).toEqual([]);
    else {
      expect(found).toHaveLength(1);
      expect(found[0]!.triggered).toBe(triggered);
    }
  });

  it('groups the co-occurring terms into one candidate with display terms, examples and counts', () => {
    const extra = CLAIM.map((text, i) => post(text, NOW - (i + 1) * 20 * 60_000, `a${i}`, `s${i % 2}`));
    const [claim] = run(extra);
    expect(claim!.terms).toContain('rfid');
    expect(claim!.terms).toContain('chip');
    expect(claim!.displayTerms[claim!.terms.indexOf('chip')]).toBe('chip');
    expect(claim!.key).toBe(claimKey(claim!.terms.slice(0, CLAIM_RULES.keyTerms)));
    expect(claim!.observed).toBe(4);
    expect(claim!.authors).toBe(4);
    expect(claim!.sources).toBe(2);
    expect(claim!.expected).toBeLessThan(1);
    expect(claim!.score).toBeGreaterThan(CLAIM_RULES.minG2 / 2);
    expect(new Set(claim!.examplePostIds)).toEqual(new Set(extra.map((p) => p.id)));
    expect(claim!.startedAt).toBe(Math.min(...extra.map((p) => p.at)));
  });

  it('keeps the key of a stored candidate it overlaps, and skips a decided one', () => {
    const extra = () => CLAIM.map((text, i) => post(text, NOW - (i + 1) * 20 * 60_000, `a${i}`, `s${i % 2}`));
    const stored = { key: 'chip|old', terms: ['chip', 'rfid', 'old'], decided: false };
    expect(run(extra(), [stored])[0]!.key).toBe('chip|old');
    expect(run(extra(), [{ ...stored, decided: true }])).toEqual([]);
  });

  it('makes an event signal keyed by the candidate id', () => {
    const [claim] = run(CLAIM.map((text, i) => post(text, NOW - (i + 1) * 60_000, `a${i}`, `s${i % 2}`)));
    const signal = claimSignal(claim!, 42);
    expect(signal).toMatchObject({
      kind: 'new_claim',
      eventKey: 'claim:42',
      candidateId: 42,
      lang: 'sv',
      themeId: null,
      triggered: true,
      observed: 4,
      reason: { kind: 'new_claim', lang: 'sv', observed: 4, windowHours: CLAIM_RULES.windowHours },
    });
  });
});

describe('helpers', () => {
  test.each([
    [0, 1, 0],
    [1, 1, 0],
    [4, 0.02, 2 * (4 * Math.log(200) - 3.98)],
  ])('gSquared(%d, %d)', (observed, expected, g2) => {
    expect(gSquared(observed, expected)).toBeCloseTo(g2, 6);
  });

  it('round-trips key terms', () => {
    expect(keyTerms(claimKey(['rfid chip', 'arm', 'chip']))).toEqual(['arm', 'chip', 'rfid chip']);
  });
});
