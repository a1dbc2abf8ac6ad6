import { describe, expect, it } from 'vitest';
import { labelValue, renderFamilies } from './metrics.ts';

describe('labelValue', () => {
  it.each([
    ['analyse-posts', 'analyse-posts'],
    ['a"b', 'a\\"b'],
    ['a\\b', 'a\\\\b'],
    ['a\nb', 'a\\nb'],
  ])('%j → %j', (raw, escaped) => {
    expect(labelValue(raw)).toBe(escaped);
  });
});

describe('renderFamilies', () => {
  it('writes HELP, TYPE and one line per sample, labels in order', () => {
    expect(
      renderFamilies([
        {
          name: 'x_total',
          help: 'Things.',
          type: 'counter',
          samples: [
            { labels: { queue: 'q', state: 'w' }, value: 3 },
            { labels: {}, value: 0 },
          ],
        },
      ]),
    ).toBe('# HELP x_total Things.\n# TYPE x_total counter\nx_total{queue="q",state="w"} 3\nx_total 0\n');
  });
});
