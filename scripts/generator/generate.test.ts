import { describe, expect, it } from 'vitest';
import { STANCES, THEME_IDS, type Stance, type ThemeId } from '../../classifier/types.ts';
import { DEFAULT_RISING_THEMES, generatePosts, type GeneratedPost } from './generate.ts';
import { stockholmClock } from './time-profile.ts';

const DAY = 86_400_000;
const END = new Date('2025-06-01T12:00:00Z');
const OPTIONS = { seed: 20_211, count: 3_000, days: 90, end: END };
const posts = generatePosts(OPTIONS);

const rumours = posts.filter((post) => post.intended.stance === 'rumour');
const lastWeeks = (post: GeneratedPost) => post.publishedAt.getTime() >= END.getTime() - 14 * DAY;
const shareWith = (items: GeneratedPost[], theme: ThemeId) =>
  items.filter((post) => post.intended.themes.includes(theme)).length / Math.max(1, items.length);
const countBy = <K extends string>(items: GeneratedPost[], key: (post: GeneratedPost) => K) => {
  const counts = new Map<K, number>();
  for (const post of items) counts.set(key(post), (counts.get(key(post)) ?? 0) + 1);
  return counts;
};

describe('generatePosts: determinism and shape', () => {
  it('returns identical posts for identical options and different ones for another seed', () => {
    expect(generatePosts(OPTIONS)).toEqual(posts);
    const other = generatePosts({ ...OPTIONS, seed: 7 });
    expect(other.map((post) => post.text)).not.toEqual(posts.map((post) => post.text));
  });

  it('returns `count` posts sorted by publishedAt with stable, unique external ids', () => {
    expect(posts).toHaveLength(3_000);
    for (let i = 1; i < posts.length; i++) {
      expect(posts[i]!.publishedAt.getTime()).toBeGreaterThanOrEqual(posts[i - 1]!.publishedAt.getTime());
    }
    expect(posts.map((post) => post.externalId)).toEqual(posts.map((_, n) => `sample-20211-${n}`));
    expect(generatePosts({ ...OPTIONS, count: 0 })).toEqual([]);
    expect(generatePosts({ ...OPTIONS, count: 1 })).toHaveLength(1);
  });

  it('keeps every post within [end - days, end]', () => {
    for (const days of [90, 7, 0.5]) {
      const start = END.getTime() - days * DAY;
      for (const post of generatePosts({ ...OPTIONS, count: 500, days })) {
        expect(post.publishedAt.getTime()).toBeGreaterThanOrEqual(start);
        expect(post.publishedAt.getTime()).toBeLessThanOrEqual(END.getTime());
      }
    }
  });

  it('puts every URL on https://example.invalid', () => {
    for (const post of posts) {
      const url = new URL(post.url);
      expect(url.protocol).toBe('https:');
      expect(url.hostname).toBe('example.invalid');
    }
  });

  it('labels consistently: themes only on rumours, about only on counter and neutral posts', () => {
    for (const post of posts) {
      const { stance, themes, about } = post.intended;
      expect(STANCES).toContain(stance);
      if (stance === 'rumour') expect(themes.length).toBeGreaterThan(0);
      else expect(themes).toEqual([]);
      if (stance === 'rumour' || stance === 'unrelated') expect(about).toEqual([]);
      for (const id of [...themes, ...about]) expect(THEME_IDS).toContain(id);
      expect(post.author).toMatch(/^@[a-z0-9_.]+$/);
      expect(post.text.length).toBeGreaterThan(10);
    }
  });

  it('leaves no template slot unfilled', () => {
    for (const post of posts) expect(`${post.title ?? ''} ${post.text}`).not.toMatch(/\{\w+\}/);
  });

  it('rejects invalid options', () => {
    expect(() => generatePosts({ ...OPTIONS, count: -1 })).toThrow(RangeError);
    expect(() => generatePosts({ ...OPTIONS, count: 1.5 })).toThrow(RangeError);
    expect(() => generatePosts({ ...OPTIONS, days: 0 })).toThrow(RangeError);
    expect(() => generatePosts({ ...OPTIONS, end: new Date('nope') })).toThrow(RangeError);
    expect(() => generatePosts({ ...OPTIONS, risingThemes: ['nope' as ThemeId] })).toThrow(RangeError);
  });
});

describe('generatePosts: realism', () => {
  it('follows the stance mix 45/20/15/20', () => {
    const counts = countBy(posts, (post) => post.intended.stance);
    const expected: Record<Stance, number> = { rumour: 0.45, counter: 0.2, neutral: 0.15, unrelated: 0.2 };
    for (const stance of STANCES)
      expect((counts.get(stance) ?? 0) / posts.length).toBeCloseTo(expected[stance], 2);
    const small = countBy(generatePosts({ ...OPTIONS, count: 20 }), (post) => post.intended.stance);
    expect(small.get('rumour')).toBe(9);
  });

  it('writes in at least six languages, rumours mostly Arabic, counter-messages and news mostly Swedish', () => {
    const languages = countBy(posts, (post) => post.intended.lang);
    expect(languages.size).toBeGreaterThanOrEqual(6);
    const top = (stance: Stance) =>
      [
        ...countBy(
          posts.filter((post) => post.intended.stance === stance),
          (post) => post.intended.lang,
        ),
      ].sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(top('rumour')).toBe('ar');
    expect(top('counter')).toBe('sv');
    expect(top('neutral')).toBe('sv');
    const arabicShare = (countBy(rumours, (post) => post.intended.lang).get('ar') ?? 0) / rumours.length;
    expect(arabicShare).toBeGreaterThan(0.3);
    expect(arabicShare).toBeLessThan(0.6);
  });

  it('uses every theme, with the core theme in most rumours', () => {
    for (const theme of THEME_IDS) expect(shareWith(rumours, theme)).toBeGreaterThan(0);
    expect(shareWith(rumours, 'soc_takes_children')).toBeGreaterThan(0.6);
    expect(rumours.filter((post) => post.intended.themes.length > 1).length / rumours.length).toBeGreaterThan(
      0.4,
    );
  });

  it('lets the rising themes rise over the last 14 days, most in their home language', () => {
    const late = rumours.filter(lastWeeks);
    const early = rumours.filter((post) => !lastWeeks(post));
    const perDay = (items: GeneratedPost[], days: number, keep: (post: GeneratedPost) => boolean) =>
      items.filter(keep).length / days;
    const home: Partial<Record<ThemeId, string>> = { forced_secularisation: 'ar', orosanmalan_fear: 'sv' };
    for (const theme of DEFAULT_RISING_THEMES) {
      const has = (post: GeneratedPost) => post.intended.themes.includes(theme);
      const inHome = (post: GeneratedPost) => has(post) && post.intended.lang === home[theme];
      expect(shareWith(late, theme)).toBeGreaterThan(1.5 * shareWith(early, theme));
      expect(perDay(late, 14, has)).toBeGreaterThan(2 * perDay(early, 76, has));
      expect(perDay(late, 14, inHome)).toBeGreaterThan(2.5 * perDay(early, 76, inHome));
    }
    const steady = (post: GeneratedPost) =>
      !post.intended.themes.some((theme) => DEFAULT_RISING_THEMES.includes(theme)) &&
      !post.intended.themes.includes('protest_boycott');
    const ratio = perDay(late, 14, steady) / perDay(early, 76, steady);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.5);
  });

  it('takes custom rising themes', () => {
    const custom = generatePosts({ ...OPTIONS, risingThemes: ['leave_sweden'] }).filter(
      (post) => post.intended.stance === 'rumour',
    );
    expect(shareWith(custom.filter(lastWeeks), 'leave_sweden')).toBeGreaterThan(
      1.6 *
        shareWith(
          custom.filter((post) => !lastWeeks(post)),
          'leave_sweden',
        ),
    );
  });

  it('has a daily rhythm and one burst day of protest calls', () => {
    const hours = posts.map((post) => stockholmClock(post.publishedAt.getTime()).hour);
    const within = (from: number, to: number) => hours.filter((h) => h >= from && h < to).length;
    expect(within(19, 23)).toBeGreaterThan(4 * within(2, 6));
    const perDay = countBy(rumours, (post) =>
      String(Math.floor((END.getTime() - post.publishedAt.getTime()) / DAY)),
    );
    const sorted = [...perDay.values()].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const [burstDay, burstCount] = [...perDay].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    expect(burstCount).toBeGreaterThan(2.5 * median);
    expect(Number(burstDay)).toBeGreaterThan(20);
    expect(Number(burstDay)).toBeLessThan(70);
  });

  it('varies its texts yet repeats some campaign messages verbatim across channels', () => {
    expect(new Set(posts.map((post) => post.text)).size).toBeGreaterThanOrEqual(0.6 * posts.length);
    const byText = new Map<string, Set<string>>();
    for (const post of rumours) byText.set(post.text, (byText.get(post.text) ?? new Set()).add(post.channel));
    const copied = [...byText.values()].filter((channels) => channels.size >= 2);
    expect(copied.length).toBeGreaterThanOrEqual(5);
  });

  it('names the campaign places, also in Arabic spelling, and carries hashtags and code-mixing', () => {
    const all = posts.map((post) => post.text).join('\n');
    for (const place of ['Angered', 'Rosengård', 'Rinkeby', 'مالمو']) expect(all).toContain(place);
    expect(all).toMatch(/#(أوقفوا|اوقفوا)_خطف_(أطفالنا|أولادنا)/u);
    expect(all).toContain('#slutakidnappavårabarn');
    const arabic = rumours.filter((post) => post.intended.lang === 'ar').map((post) => post.text);
    expect(arabic.some((text) => /LVU|familjehem|orosanmälan|socialtjänsten/u.test(text))).toBe(true);
  });
});
