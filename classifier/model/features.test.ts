import { describe, expect, it } from 'vitest';
import type { Language } from '../types.ts';
import { extractFeatures } from './features.ts';

const claims = (text: string, lang: Language) =>
  [...extractFeatures(text, { lang, confidence: 1, lang2: null }).signals.keys()]
    .filter((name) => name.startsWith('r:'))
    .sort();

describe('claim scope', () => {
  it('reads a negated claim as a denial', () => {
    expect(claims('Socialtjänsten kidnappar inte barn.', 'sv')).toContain('r:denied');
    expect(claims('Social services do not kidnap children.', 'en')).toContain('r:denied');
    expect(claims('السوسيال ما بيخطف حدا', 'ar')).toContain('r:denied');
  });

  it('reads a claim without negation as an assertion', () => {
    expect(claims('Socialen snodde barnen från skolan!', 'sv')).toEqual(['r:asserted']);
  });

  it('reads a negated question as asked, not denied', () => {
    // Rhetorical questions of the campaign: "why don't they take Swedish children?"
    expect(claims('لماذا لا يأخذون أطفال السويديين؟ فقط أطفال المسلمين', 'ar')).toContain('r:asked');
    expect(claims('لماذا لا يأخذون أطفال السويديين؟', 'ar')).not.toContain('r:denied');
    expect(claims('Why do they never kidnap Swedish kids?', 'en')).toEqual(['r:asked']);
  });

  it('keeps the sentences apart: a denial after a question is still a denial', () => {
    // The question itself has no negation: it asserts, and the answer denies.
    expect(claims('Kidnappar soc barn? Nej, soc kidnappar inte barn.', 'sv')).toEqual([
      'r:asserted',
      'r:denied',
      'r:denied:take_steal',
    ]);
  });
});
