import { describe, expect, it } from 'vitest';
import { rollupDifference, withoutSource, type RollupRow } from './rollups.ts';

const row = (over: Partial<RollupRow>): RollupRow => ({
  model_version: 'm1',
  day: '2026-10-01',
  theme_id: '*',
  kind: 'rumour',
  lang: 'sv',
  place: '*',
  source_id: 1,
  restricted: false,
  posts: 1,
  sightings: 1,
  views_sum: 0,
  views_n: 0,
  forwards_sum: 0,
  forwards_n: 0,
  ...over,
});

describe('rollupDifference', () => {
  it.each([
    ['nothing changed', [row({})], [row({})], []],
    ['a new post', [], [row({ views_sum: 40, views_n: 1 })], [row({ views_sum: 40, views_n: 1 })]],
    ['a post removed', [row({})], [], [row({ posts: -1, sightings: -1 })]],
    ['one more sighting', [row({})], [row({ sightings: 2 })], [row({ posts: 0, sightings: 1 })]],
  ])('%s', (_name, before, after, expected) => {
    expect(rollupDifference(before, after)).toEqual(expected);
  });

  it('moves a post from one language to another', () => {
    const difference = rollupDifference([row({ lang: 'und' })], [row({ lang: 'ar' })]);
    expect(difference).toEqual([row({ lang: 'ar' }), row({ lang: 'und', posts: -1, sightings: -1 })]);
  });

  it('returns rows in the table key order (model, place, theme, day, …) so concurrent upserts lock alike', () => {
    const difference = rollupDifference(
      [],
      [row({ theme_id: 'b', place: '1480' }), row({ theme_id: 'a', place: '1480' }), row({ theme_id: 'z' })],
    );
    expect(difference.map((r) => `${r.place}/${r.theme_id}`)).toEqual(['*/z', '1480/a', '1480/b']);
  });
});

describe('withoutSource', () => {
  it('sums the sources of one cell and orders by the cells key (model, place, day, theme, …)', () => {
    const cells = withoutSource([
      row({ source_id: 1, day: '2026-10-02' }),
      row({ source_id: 2, day: '2026-10-01', views_sum: 5, views_n: 1 }),
      row({ source_id: 3, day: '2026-10-01', views_sum: 7, views_n: 1 }),
    ]);
    expect(cells).toEqual([
      row({ source_id: 0, day: '2026-10-01', posts: 2, sightings: 2, views_sum: 12, views_n: 2 }),
      row({ source_id: 0, day: '2026-10-02' }),
    ]);
  });
});
