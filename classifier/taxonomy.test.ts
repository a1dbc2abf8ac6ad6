import { describe, expect, it } from 'vitest';
import taxonomyJson from './data/taxonomy.json' with { type: 'json' };
import { taxonomy, taxonomySchema, themeById } from './taxonomy.ts';
import { THEME_IDS } from './types.ts';

describe('taxonomy', () => {
  it('has the 13 theme ids in THEME_IDS order, each with Swedish and English label and description', () => {
    expect(taxonomy.version).toBe('2026-11-23.1');
    expect(taxonomy.themes.map((t) => t.id)).toEqual([...THEME_IDS]);
    for (const theme of taxonomy.themes) {
      expect(theme.label_sv.length).toBeGreaterThan(3);
      expect(theme.label_en.length).toBeGreaterThan(3);
      expect(theme.description_sv.length).toBeGreaterThan(40);
      expect(theme.description_en.length).toBeGreaterThan(40);
    }
  });

  it('looks a theme up by id', () => {
    expect(themeById('violence_threats').label_en).toBe('Threats and calls to violence');
  });

  it('rejects a file with themes missing or out of order', () => {
    const reversed = { ...taxonomyJson, themes: [...taxonomyJson.themes].reverse() };
    expect(taxonomySchema.safeParse(reversed).success).toBe(false);
    expect(taxonomySchema.safeParse({ ...taxonomyJson, themes: taxonomyJson.themes.slice(1) }).success).toBe(
      false,
    );
    expect(taxonomySchema.safeParse({ ...taxonomyJson, version: 'v1' }).success).toBe(false);
  });
});
