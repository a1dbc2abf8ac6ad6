import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './baseline.ts';
import { anscombeScore, detectSpikes, spikeKey, SPIKE_RULES, type SpikeSeries } from './spikes.ts';

const DAY_HOURS = 24;
/** 21 days of history at `perHour` posts each hour, then `recent` posts spread over the last `spanHours`. */
function input(perHour: number, recent: number, spanHours: number, place: string | null = null) {
  const now = Date.UTC(2026, 10, 20, 12);
  const hours = 21 * DAY_HOURS;
  const historyStartHour = now / HOUR_MS - hours;
  const history = new Array<number>(hours).fill(perHour);
  return {
    now,
    historyStartHour,
    overall: new Array<number>(hours).fill(Math.max(1, perHour) * 10),
    series: [
      {
        themeId: 'soc_takes_children',
        lang: place === null ? 'ar' : null,
        place,
        history,
        recent: Array.from({ length: recent }, (_, i) => ({
          at: now - 1 - Math.floor((i * spanHours * HOUR_MS) / Math.max(1, recent)),
          id: i + 1,
        })),
      },
    ],
  };
}

describe('detectSpikes', () => {
  it.each([
    // perHour, recent posts, over hours, triggered
    { perHour: 0, recent: 3, span: 6, triggered: false, why: '1 → 3 posts is not a spike (minimum volume)' },
    { perHour: 1, recent: 7, span: 6, triggered: false, why: 'at the usual level' },
    {
      perHour: 1,
      recent: 12,
      span: 6,
      triggered: false,
      why: 'twice the usual level is within chance at this volume',
    },
    { perHour: 1, recent: 30, span: 6, triggered: true, why: '5× over the long window' },
    { perHour: 1, recent: 15, span: 1, triggered: true, why: 'a sharp start in the short window' },
    {
      perHour: 1,
      recent: 9,
      span: 1,
      triggered: true,
      why: 'a one-hour burst the 2 h and 6 h windows dilute',
    },
    {
      perHour: 0.05,
      recent: 5,
      span: 1,
      triggered: false,
      why: 'five posts out of nowhere (minimum volume)',
    },
    { perHour: 10, recent: 80, span: 6, triggered: false, why: 'large cell at its usual level' },
    { perHour: 10, recent: 150, span: 6, triggered: true, why: 'large cell at 2.5×' },
  ])('$why', ({ perHour, recent, span, triggered }) => {
    const [signal] = detectSpikes(input(perHour, recent, span));
    expect(signal?.triggered).toBe(triggered);
    expect(signal?.observed).toBe(recent);
  });

  it('gives the reason as facts (observed, expected ± spread, window) and the event key', () => {
    const [signal] = detectSpikes(input(1, 30, 6));
    expect(signal).toMatchObject({
      eventKey: spikeKey('soc_takes_children', 'ar', null),
      restricted: false,
      reason: { kind: 'spike', themeId: 'soc_takes_children', lang: 'ar', observed: 30, windowHours: 6 },
    });
    expect(signal?.expected).toBeCloseTo(6, 0);
    expect(signal?.examplePostIds.length).toBe(10);
    expect(signal?.overExpected).toBe(true);
  });

  it('skips a place whose level is below the minimum per day', () => {
    expect(detectSpikes(input(0.05, 12, 6, '1480'))).toHaveLength(0);
    expect(detectSpikes(input(1, 12, 6, '1480'))).toHaveLength(1);
  });

  it('marks violence_threats events restricted', () => {
    const data = input(1, 30, 6);
    data.series[0]!.themeId = 'violence_threats';
    expect(detectSpikes(data)[0]?.restricted).toBe(true);
  });
});

describe('a theme rising in one language', () => {
  const now = Date.UTC(2026, 10, 20, 12);
  const hours = 21 * DAY_HOURS;
  const historyStartHour = now / HOUR_MS - hours;
  /** `count` posts spread over the last `spanHours`, ids from `firstId`. */
  const posts = (count: number, spanHours: number, firstId: number) =>
    Array.from({ length: count }, (_, i) => ({
      at: now - 1 - Math.floor((i * spanHours * HOUR_MS) / count),
      id: firstId + i,
    }));
  /** The theme in all languages (20 posts an hour as usual) and in two languages with their own levels. */
  function rise(arPosts: number, faPosts: number, langPhi: number) {
    const background = posts(120, 6, 1);
    const ar = posts(arPosts, 2, 1000);
    const fa = posts(faPosts, 2, 2000);
    const series = (lang: string | null, recent: SpikeSeries['recent'], level: number, phi: number) => ({
      themeId: 'soc_takes_children',
      lang,
      place: null,
      history: [],
      recent,
      baseline: { level, phi },
    });
    return {
      now,
      historyStartHour,
      overall: new Array<number>(hours).fill(100),
      series: [
        series(null, [...background, ...ar, ...fa], 20, 1),
        series('ar', ar, 2, langPhi),
        series('fa', fa, 1, langPhi),
      ],
    };
  }
  const triggered = (signals: ReturnType<typeof detectSpikes>) =>
    Object.fromEntries(signals.map((s) => [s.lang ?? '*', s.triggered]));

  it('opens the language that holds most of the excess on the all-languages evidence, once', () => {
    // Arabic alone is not conclusive (a noisy series, φ 16); all languages together are.
    const data = rise(40, 0, 16);
    expect(triggered(detectSpikes(data))).toEqual({ '*': false, ar: true, fa: false });
    expect(triggered(detectSpikes(data, { ...SPIKE_RULES, attributeShare: 1, echoes: true }))).toEqual({
      '*': true,
      ar: false,
      fa: false,
    });
  });

  it('keeps a rise split over languages as the theme’s', () => {
    expect(triggered(detectSpikes(rise(22, 22, 16)))).toEqual({ '*': true, ar: false, fa: false });
  });
});

describe('anscombeScore', () => {
  it.each([
    { observed: 5, expected: 1, phi: 1, above: 2, below: 3 },
    { observed: 100, expected: 100, phi: 1, above: -0.1, below: 0.1 },
    { observed: 60, expected: 30, phi: 4, above: 2, below: 3 },
  ])('$observed vs $expected (φ $phi)', ({ observed, expected, phi, above, below }) => {
    const score = anscombeScore(observed, expected, phi);
    expect(score).toBeGreaterThan(above);
    expect(score).toBeLessThan(below);
  });
});
