import { describe, expect, it } from 'vitest';
import { toCollectedItems } from './extract-items.ts';

const raw = { text: 'Hej', author: 'Anna', time: '2026-11-10T08:15:00Z', link: null };

describe('toCollectedItems', () => {
  it('uses the link as id, fragment kept, and reads the time', () => {
    const [item] = toCollectedItems([{ ...raw, link: 'https://forum.example/t/1#post-7' }]);
    expect(item).toEqual({
      externalId: 'https://forum.example/t/1#post-7',
      url: 'https://forum.example/t/1#post-7',
      title: null,
      text: 'Hej',
      author: 'Anna',
      publishedAt: new Date('2026-11-10T08:15:00Z'),
    });
  });

  it('hashes author, time and text when there is no usable link', () => {
    const [a, b, c, d] = toCollectedItems([
      raw,
      { ...raw },
      { ...raw, text: 'Hej då' },
      { ...raw, link: 'javascript:alert(1)' },
    ]);
    expect(a?.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b?.externalId).toBe(a?.externalId);
    expect(c?.externalId).not.toBe(a?.externalId);
    expect(d).toMatchObject({ externalId: a?.externalId, url: null });
  });

  it.each([
    ['igår 14:03', null],
    ['', null],
    ['Mon, 16 Nov 2026 12:00:00 +0100', new Date('2026-11-16T11:00:00Z')],
  ])('time %j → %s', (time, expected) => {
    expect(toCollectedItems([{ ...raw, time }])[0]?.publishedAt).toEqual(expected);
  });

  it('trims and bounds what the page returned', () => {
    const [item] = toCollectedItems([
      { text: `  ${'a'.repeat(30_000)}  `, author: '   ', time: null, link: null },
    ]);
    expect(item?.text).toHaveLength(20_000);
    expect(item?.author).toBeNull();
  });

  it('never cuts inside an emoji, and drops an over-long link instead of cutting it into another', () => {
    const longLink = `https://forum.example/t/1?q=${'x'.repeat(2_100)}`;
    const [item] = toCollectedItems([
      { text: `${'a'.repeat(19_999)}😀`, author: null, time: null, link: longLink },
    ]);
    expect(item?.text).toBe('a'.repeat(19_999));
    expect(item?.url).toBeNull();
    expect(item?.externalId).toMatch(/^sha256:/);
  });
});
