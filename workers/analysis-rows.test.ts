import { describe, expect, it } from 'vitest';
import { toAnalysisRows } from './analysis-rows.ts';

describe('toAnalysisRows', () => {
  it('keeps rumour and about themes apart and clamps scores', () => {
    const rows = toAnalysisRows([
      {
        postId: 7,
        language: { lang: 'ar', confidence: 0.9, lang2: 'sv' },
        classification: {
          stance: 'rumour',
          themes: [{ id: 'soc_takes_children', score: 1.4, evidence: ['يخطف'] }],
          about: [],
        },
        places: [{ code: '1280', name: 'Malmö', district: 'Rosengård', matched: 'روزنغارد' }],
      },
      {
        postId: 8,
        language: { lang: 'sv', confidence: 0.7, lang2: null },
        classification: {
          stance: 'counter',
          themes: [],
          about: [{ id: 'foster_abuse', score: 0.5, evidence: ['övergrepp'] }],
        },
        places: [],
      },
    ]);
    expect(rows.languages).toEqual([
      { id: 7, lang: 'ar', confidence: 0.9 },
      { id: 8, lang: 'sv', confidence: 0.7 },
    ]);
    expect(rows.classifications).toEqual([
      { postId: 7, stance: 'rumour', lang2: 'sv' },
      { postId: 8, stance: 'counter', lang2: null },
    ]);
    expect(rows.themes).toEqual([
      { postId: 7, themeId: 'soc_takes_children', role: 'rumour', score: 1, evidence: ['يخطف'] },
      { postId: 8, themeId: 'foster_abuse', role: 'about', score: 0.5, evidence: ['övergrepp'] },
    ]);
    expect(rows.places).toEqual([{ postId: 7, municipalityCode: '1280', district: 'Rosengård' }]);
  });
});
