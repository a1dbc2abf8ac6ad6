import { describe, expect, it } from 'vitest';
import lexiconJson from './data/lexicon.json' with { type: 'json' };
import { compileLexicon, lexicon, matchKey, type CompiledLexicon } from './lexicon.ts';
import { arabicVariants, findHits } from './matcher.ts';
import { tokenSpans } from './normalise.ts';

/** The smallest valid lexicon file with the given Swedish/Turkish/Arabic theme terms. */
function lexiconWith(terms: { sv?: string[]; tr?: string[]; ar?: string[]; fa?: string[] }): unknown {
  const empty = { terms: {} };
  const themes = Object.fromEntries(
    Object.keys((lexiconJson as { themes: Record<string, unknown> }).themes).map((id) => [id, {}]),
  );
  themes.soc_takes_children = Object.fromEntries(
    Object.entries(terms).map(([lang, list]) => [lang, { strong: list }]),
  );
  return {
    version: '2026-01-01.1',
    about: '',
    syntax: [],
    languages: ['sv', 'tr', 'ar', 'fa'],
    gap_stop: { terms: { sv: { terms: ['inte'] } } },
    scope_break: empty,
    context: {
      social_services: empty,
      social_services_diaspora: empty,
      social_services_needs_sweden: empty,
      sweden: empty,
      children: empty,
      crime_news: empty,
      elsewhere: empty,
    },
    signature: { core: 'soc_takes_children', with_any_of: ['foster_abuse'] },
    campaign: [],
    themes,
    stance: { counter: [], neutral: [], affirmation: [] },
    ambiguous: [],
  };
}

function matches(lex: CompiledLexicon, text: string): string[] {
  const tokens = tokenSpans(text);
  return findHits(lex, tokens).map((h) => text.slice(tokens[h.start]?.start, tokens[h.end]?.end));
}

describe('the project lexicon', () => {
  it('compiles, with a version and its languages', () => {
    expect(lexicon.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(lexicon.languages).toEqual(expect.arrayContaining(['sv', 'en', 'ar', 'fa', 'so', 'tr']));
    expect(lexicon.phrases.length).toBeGreaterThan(500);
  });

  it('has strong terms for the core theme in every lexicon language', () => {
    const core = (lexiconJson as { themes: Record<string, Record<string, { strong?: string[] }>> }).themes
      .soc_takes_children;
    for (const lang of lexicon.languages) expect(core?.[lang]?.strong?.length).toBeGreaterThan(0);
  });
});

describe('pattern syntax', () => {
  it('matches stems, whole words, compounds and word endings', () => {
    const lex = compileLexicon(lexiconWith({ sv: ['kidnapp*', 'soc', '*barnrov*', '*handel'] }));
    expect(matches(lex, 'Soc kidnappade, kidnappning, socialen, barnrovet, barnhandel')).toEqual([
      'Soc',
      'kidnappade',
      'kidnappning',
      'barnrovet',
      'barnhandel',
    ]);
  });

  it('matches phrases with gaps of up to three words, never across a gap-stop word', () => {
    const lex = compileLexicon(lexiconWith({ sv: ['soc tog .. barn*'] }));
    expect(matches(lex, 'soc tog alla tre barnen')).toEqual(['soc tog alla tre barnen']);
    expect(matches(lex, 'soc tog en av de tre barnen')).toEqual([]);
    expect(matches(lex, 'soc tog inte barnen')).toEqual([]);
  });

  it('matches alternatives in one word position', () => {
    const lex = compileLexicon(lexiconWith({ sv: ['stjäl|snor barn*|ungar*'] }));
    expect(matches(lex, 'de snor ungarna och stjäl barn')).toEqual(['snor ungarna', 'stjäl barn']);
  });

  it('matches Turkish terms in ASCII spelling and in capitals', () => {
    const lex = compileLexicon(lexiconWith({ tr: ['kaçır*'] }));
    expect(matches(lex, 'KAÇIRDI kaciriyor kaçırdığı')).toEqual(['KAÇIRDI', 'kaciriyor', 'kaçırdığı']);
  });

  it('matches Arabic stems behind clitic prefixes and across spelling variants', () => {
    const lex = compileLexicon(lexiconWith({ ar: ['خطف*', 'ختطف*', 'سوسيال'] }));
    expect(matches(lex, 'يخطفون وخطفوا سيخطف اختطفوا يختطفون بالسوسيال للسوسيال السوسيال')).toHaveLength(8);
    expect(matches(lex, 'يَخْطِفُونَ خـطـف')).toHaveLength(2);
  });

  it('matches Persian words with or without ZWNJ and behind می/نمی', () => {
    const lex = compileLexicon(lexiconWith({ fa: ['ربای*', 'بچه‌دزدی'] }));
    expect(matches(lex, 'می‌ربایند میربایند بچه‌دزدی بچهدزدی')).toHaveLength(4);
  });

  it.each([
    ['a leading gap', '.. barn'],
    ['a trailing gap', 'barn ..'],
    ['two gaps in a row', 'barn .. .. soc'],
    ['an alternative of two words', "barn|don't soc"],
    ['a word without letters', 'soc !!'],
  ])('rejects %s', (_name, pattern) => {
    expect(() => compileLexicon(lexiconWith({ sv: [pattern] }))).toThrow(/lexicon/);
  });

  it('rejects an unsourced mark for a term that is not in its block', () => {
    const file = lexiconWith({}) as { themes: Record<string, unknown> };
    file.themes.soc_takes_children = { sv: { strong: ['kidnapp*'], unsourced: ['kidnap*'] } };
    expect(() => compileLexicon(file)).toThrow(/unsourced term not in block/);
  });

  it('rejects a language missing from "languages"', () => {
    expect(() => compileLexicon({ ...(lexiconWith({ sv: ['soc'] }) as object), languages: ['tr'] })).toThrow(
      /not in "languages"/,
    );
  });
});

describe('arabicVariants', () => {
  it.each([
    ['وسيخطفون', 'خطفون'],
    ['بالسوسيال', 'سوسيال'],
    ['للسوسيال', 'سوسيال'],
    ['والاطفال', 'اطفال'],
    ['يختطف', 'ختطف'],
    ['می‌ربایند', 'ربایند'],
  ])('%s → %s', (word, stem) => {
    expect(arabicVariants(matchKey(word))).toContain(matchKey(stem));
  });

  it('leaves stems of fewer than two letters alone', () => {
    expect(arabicVariants('بال')).not.toContain('');
  });
});
