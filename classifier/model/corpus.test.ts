import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jaccard, NEAR_DUPLICATE_JACCARD, wordSet } from './folds.ts';
import { heldOutSetId, HOLDOUT_DIR, loadCorpus, loadSecondAnnotation } from './corpus.ts';

describe('held-out posts', () => {
  const corpus = loadCorpus();
  const heldOut = loadCorpus(HOLDOUT_DIR);

  it('load with the corpus line format, in each main language and stance', () => {
    for (const lang of ['sv', 'en', 'ar', 'fa', 'so', 'tr']) {
      const mine = heldOut.filter((e) => e.lang === lang);
      expect(new Set(mine.map((e) => e.stance)), lang).toEqual(
        new Set(['rumour', 'counter', 'neutral', 'unrelated']),
      );
    }
  });

  it('share no id and no near-duplicate text with the corpus (they would flatter the figures)', () => {
    const ids = new Set(corpus.map((e) => e.id));
    expect(heldOut.filter((e) => ids.has(e.id))).toEqual([]);
    const corpusSets = corpus.map((e) => ({ id: e.id, words: wordSet(e.text) }));
    const near = heldOut.flatMap((e) => {
      const words = wordSet(e.text);
      return corpusSets
        .filter((c) => jaccard(words, c.words) >= NEAR_DUPLICATE_JACCARD)
        .map((c) => `${e.id} ~ ${c.id}`);
    });
    expect(near).toEqual([]);
  });

  it('are named by a digest of their files, so figures on a retired set are told apart', () => {
    const retired = (set: string) =>
      heldOutSetId(fileURLToPath(new URL(`../data/holdout-retired/${set}/`, import.meta.url)));
    expect(heldOutSetId()).toMatch(/^[0-9a-f]{8}$/);
    expect(heldOutSetId()).toBe(heldOutSetId(HOLDOUT_DIR));
    expect(new Set([heldOutSetId(), retired('set1'), retired('set2')]).size).toBe(3);
  });
});

describe('second annotator (label agreement)', () => {
  it('labels 40 existing corpus posts in each main language, each once', () => {
    const corpus = loadCorpus();
    const annotated = loadSecondAnnotation(corpus);
    expect(new Set(annotated.map((e) => e.id)).size).toBe(annotated.length);
    const perLanguage = new Map<string, number>();
    for (const e of annotated) perLanguage.set(e.lang ?? 'und', (perLanguage.get(e.lang ?? 'und') ?? 0) + 1);
    expect(Object.fromEntries(perLanguage)).toEqual({ sv: 40, en: 40, ar: 40, fa: 40, so: 40, tr: 40 });
    // Labels follow the corpus line rules: themes only on rumours, about never on rumour or unrelated posts.
    for (const e of annotated) {
      expect(e.themes.length > 0, e.id).toBe(e.stance === 'rumour');
      if (e.stance === 'rumour' || e.stance === 'unrelated') expect(e.about, e.id).toEqual([]);
    }
  });

  it('refuses a line naming a post the corpus does not have', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agreement-'));
    writeFileSync(path.join(dir, 'x.jsonl'), '{"id":"sv-99999","stance":"neutral","themes":[],"about":[]}\n');
    expect(() => loadSecondAnnotation(loadCorpus(), dir)).toThrow(/sv-99999 is not a corpus post/);
  });
});
