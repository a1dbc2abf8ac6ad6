import { describe, expect, it } from 'vitest';
import { renderReason } from './reason.ts';
import type { EventReason } from './types.ts';

const spike: EventReason = {
  kind: 'spike',
  themeId: 'soc_takes_children',
  lang: 'ar',
  place: null,
  observed: 48,
  expected: 9.2,
  spread: 4.1,
  windowHours: 6,
  baseline: 'hour_of_week',
};
const names = {
  lang: (c: string) => (c === 'ar' ? 'arabiska' : c),
  theme: (id: string) => id,
  place: (c: string) => c,
};

describe('renderReason', () => {
  it.each([
    {
      reason: spike,
      locale: 'sv' as const,
      text: 'soc_takes_children på arabiska: 48 inlägg senaste 6 h, förväntat 9 ± 4',
    },
    {
      reason: spike,
      locale: 'en' as const,
      text: 'soc_takes_children in ar: 48 posts in the last 6 h, expected 9 ± 4',
    },
    {
      reason: { ...spike, lang: null, place: '1480' },
      locale: 'sv' as const,
      text: 'soc_takes_children i 1480: 48 inlägg senaste 6 h, förväntat 9 ± 4',
    },
    {
      reason: {
        kind: 'wave',
        clusterId: 1,
        sources: 12,
        accounts: 30,
        posts: 41,
        windowHours: 3,
      } as EventReason,
      locale: 'en' as const,
      text: 'The same text in 12 sources by 30 accounts (41 posts) in the last 3 h',
    },
  ])('$locale: $text', ({ reason, locale, text }) => {
    expect(renderReason(reason, locale, locale === 'sv' ? names : undefined)).toBe(text);
  });
});
