import { describe, expect, it } from 'vitest';
import { THEME_IDS } from '../../classifier/types.ts';
import { COUNTER_BANKS, NEUTRAL_BANKS, RUMOUR_BANKS, UNRELATED_BANKS } from './banks/index.ts';
import {
  availableThemes,
  composeCounter,
  composeNeutral,
  composeRumour,
  composeUnrelated,
} from './compose.ts';
import { GEN_LANGUAGES } from './locale.ts';
import { createRng } from './rng.ts';
import { fillTemplate } from './template.ts';

const rumourBanks = Object.values(RUMOUR_BANKS);

describe('phrase banks', () => {
  it('fill every template without an unknown slot', () => {
    const rng = createRng(1);
    for (const bank of rumourBanks) {
      const templates = [
        ...bank.openers,
        ...bank.stories,
        ...bank.closers,
        ...Object.values(bank.claims).flatMap((claims) => claims ?? []),
      ];
      for (const template of templates)
        expect(fillTemplate(template, bank.lang, rng, { words: bank })).not.toMatch(/[{}]/);
    }
    for (const bank of Object.values(COUNTER_BANKS)) {
      for (const template of [...bank.titles, ...bank.intros, ...bank.ctas]) {
        expect(fillTemplate(template, bank.lang, rng)).not.toMatch(/[{}]/);
      }
    }
    for (const bank of Object.values(NEUTRAL_BANKS)) {
      for (const item of bank.items)
        expect(fillTemplate(`${item.title} ${item.lead}`, bank.lang, rng)).not.toMatch(/[{}]/);
    }
    for (const bank of Object.values(UNRELATED_BANKS)) {
      for (const template of [...bank.items, ...bank.prefixes]) {
        expect(fillTemplate(template, bank.lang, rng)).not.toMatch(/[{}]/);
      }
    }
    expect(() => fillTemplate('{nope}', 'sv', rng)).toThrow(/unknown template slot/);
  });

  it('give every rumour language the core theme and the big languages every theme', () => {
    for (const bank of rumourBanks) expect(availableThemes(bank)).toContain('soc_takes_children');
    for (const lang of ['ar', 'sv', 'en'] as const)
      expect(availableThemes(RUMOUR_BANKS[lang]!)).toEqual([...THEME_IDS]);
  });

  it('tie hashtags to valid themes and cover the generator languages', () => {
    for (const bank of rumourBanks) {
      for (const tag of bank.hashtags) {
        expect(tag.tag.startsWith('#')).toBe(true);
        for (const theme of tag.themes) expect(THEME_IDS).toContain(theme);
      }
    }
    expect(Object.keys(RUMOUR_BANKS).sort()).toEqual([...GEN_LANGUAGES].sort());
  });
});

describe('compose', () => {
  it('writes one claim per theme and only hashtags the themes allow', () => {
    const rng = createRng(4);
    const bank = RUMOUR_BANKS.ar!;
    for (let i = 0; i < 300; i++) {
      const { text } = composeRumour(bank, ['forced_secularisation'], rng);
      expect(text).not.toContain('#أوقفوا_خطف_أطفالنا');
      expect(text).not.toContain('#السويد_دولة_فاشية');
    }
  });

  it('keeps one city per counter or news post and names the channel’s city', () => {
    const rng = createRng(5);
    for (let i = 0; i < 50; i++) {
      const news = composeNeutral(NEUTRAL_BANKS.sv!, rng, { withTitle: true, city: 'Mölndal' });
      if (news.title?.includes('Mölndal')) expect(news.text).not.toMatch(/\bi (Göteborg|Malmö|Stockholm)\b/u);
      const counter = composeCounter(COUNTER_BANKS.sv!, rng, { focus: 'orosanmalan_fear' });
      expect(counter.about).toContain('orosanmalan_fear');
    }
  });

  it('writes unrelated posts without rumour labels', () => {
    const rng = createRng(6);
    for (const bank of Object.values(UNRELATED_BANKS)) expect(composeUnrelated(bank, rng).about).toEqual([]);
  });
});
