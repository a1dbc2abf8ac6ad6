import { describe, expect, it } from 'vitest';
import { tokenSpans } from '../normalise.ts';
import { compileConcepts, conceptMask, conceptThemes, findConcepts, termWords } from './concepts.ts';

const found = (text: string, mask = conceptMask('und', null)) => [
  ...findConcepts(tokenSpans(text), text, mask).keys(),
];

describe('concepts', () => {
  it.each<[string, string]>([
    ['Socialen snodde barnen', 'take_steal'],
    ['السوسيال عم ياخدوا الولاد', 'take_steal'],
    ['وبيخطفوا ولادنا', 'take_steal'],
    ['سوسیال بچه‌ها را می‌دزدد', 'take_steal'],
    ['çocukları KAÇIRIYORLAR', 'take_steal'],
    ['cocuklari kaciriyorlar', 'take_steal'],
    ['Ryktet stämmer inte', 'falsehood'],
    ['هذه شائعات كاذبة', 'falsehood'],
    ['Enligt tidningen', 'attribution'],
    ['lacagta socialka goorma', 'benefits'],
    ['sosyal hizmetler çocukları kaçırmıyor', 'negation'],
    ['Yasa din ayrımı yapmaz', 'negation'],
  ])('%s → %s', (text, concept) => {
    expect(found(text)).toContain(concept);
  });

  it('matches terms written with an apostrophe, which posts split into two tokens', () => {
    expect(termWords("don't know where")).toEqual(['don', 't', 'know', 'where']);
    expect(termWords("su'aal*")).toEqual(['su', 'aal*']);
    expect(termWords('*miyor')).toEqual(['*miyor']);
    expect(found("Social services don't kidnap children", conceptMask('en', null))).toContain('negation');
    expect(found('they doesn’t take kids', conceptMask('en', null))).toContain('negation');
    expect(found("Isveç'ten ayrılın", conceptMask('tr', null))).toContain('leave');
  });

  it('keeps other languages out when the language is known', () => {
    // Turkish "din" (religion) is Swedish "your"; Somali "been" (lie) is English "been".
    expect(found('tro på din mamma', conceptMask('sv', null))).not.toContain('religion');
    expect(found('I have been there', conceptMask('en', null))).not.toContain('falsehood');
    expect(found('hilib doofaar', conceptMask('so', null))).toContain('pork_alcohol');
    // Persian "ما" is "we", not the Arabic dialect negation.
    expect(found('ما به سوسیال اعتماد داریم', conceptMask('fa', null))).not.toContain('negation');
  });

  it('gives each concept its themes for evidence', () => {
    expect(conceptThemes('leave')).toEqual(['leave_sweden']);
    expect(conceptThemes('falsehood')).toEqual([]);
  });

  it('rejects an unknown language and a too-short prefix or suffix', () => {
    expect(() => compileConcepts({ about: '', concepts: { x: { themes: [], xx: ['a'] } } })).toThrow(/xx/);
    expect(() => compileConcepts({ about: '', concepts: { x: { themes: [], sv: ['ab*'] } } })).toThrow(
      /prefix needs 3 letters/,
    );
    expect(() => compileConcepts({ about: '', concepts: { x: { themes: [], tr: ['*ma'] } } })).toThrow(
      /suffix needs 3 letters/,
    );
  });
});
