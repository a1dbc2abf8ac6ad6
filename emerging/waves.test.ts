import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './baseline.ts';
import { detectWaves, waveKey } from './waves.ts';

const now = Date.UTC(2026, 10, 20, 12);
/** `copies` sightings spread over `hours` before now, by `accounts` distinct accounts in `sources` sources. */
function sightings(copies: number, hours: number, accounts: number, sources: number, offsetHours = 0) {
  return Array.from({ length: copies }, (_, i) => ({
    at: now - offsetHours * HOUR_MS - 1 - Math.floor((i * hours * HOUR_MS) / copies),
    postId: i + 1 + offsetHours * 1000,
    sourceId: (i % sources) + 1,
    account: `@a${i % accounts}`,
  }));
}

describe('detectWaves', () => {
  it.each([
    {
      why: 'many accounts and sources in an hour',
      recent: sightings(20, 1, 20, 8),
      before: [],
      triggered: true,
    },
    { why: 'few accounts', recent: sightings(20, 1, 5, 5), before: [], triggered: false },
    { why: 'one source only', recent: sightings(20, 1, 20, 1), before: [], triggered: false },
    {
      why: 'an evergreen text at its usual pace',
      recent: sightings(14, 3, 14, 6),
      before: sightings(7 * 8 * 14, 7 * 24, 500, 50, 3),
      triggered: false,
    },
  ])('$why', ({ recent, before, triggered }) => {
    const [signal] = detectWaves({
      now,
      clusters: [
        { clusterId: 7, sightings: [...before, ...recent], themes: ['soc_takes_children'], lang: 'ar' },
      ],
    });
    expect(signal?.triggered).toBe(triggered);
    expect(signal?.eventKey).toBe(waveKey(7));
  });

  it('reports sources, accounts and posts of the window', () => {
    const [signal] = detectWaves({
      now,
      clusters: [
        { clusterId: 3, sightings: sightings(20, 1, 15, 6), themes: ['violence_threats'], lang: 'ar' },
      ],
    });
    expect(signal).toMatchObject({
      observed: 15,
      restricted: true,
      reason: { kind: 'wave', clusterId: 3, sources: 6, accounts: 15, posts: 20, windowHours: 3 },
    });
  });
});
