/**
 * One seeded, deterministic generator of realistic synthetic posts about the "soc takes children" campaign
 * and everything that shares its words: the labelled sample data set of `ryktesradar demo`, benchmark posts
 * and event-replay streams. Pure: no I/O, no clock (the caller passes `end`), no Math.random.
 */
import { STANCES, THEME_IDS, type Language, type Stance, type ThemeId } from '../../classifier/types.ts';
import { COUNTER_BANKS, NEUTRAL_BANKS, RUMOUR_BANKS, UNRELATED_BANKS } from './banks/index.ts';
import { composeCounter, composeNeutral, composeRumour, composeUnrelated, type Composed } from './compose.ts';
import type { GenLanguage } from './locale.ts';
import { COPY_PASTE, LANGUAGE_MIX, POSTS_PER_AUTHOR, STANCE_MIX } from './mix.ts';
import { People, type Channel } from './people.ts';
import { createRng, hashSeed, type Rng } from './rng.ts';
import { chooseThemes, planStreams, type Stream, type StreamPlan } from './streams.ts';
import { buildGrid } from './time-profile.ts';

export { createRng, hashSeed, weightedPicker, type Rng } from './rng.ts';

export interface GeneratedPost {
  /** Stable for the same options: `sample-<seed>-<n>`, n = position in the (time-sorted) output. */
  externalId: string;
  /** On the reserved `.invalid` TLD: never resolvable. */
  url: string;
  title: string | null;
  text: string;
  /** A fake handle, e.g. '@mamma_amal_83' (the app pseudonymises it). */
  author: string;
  publishedAt: Date;
  /** A fake channel, e.g. 'Facebook-grupp: Svenska familjer i Göteborg'. */
  channel: string;
  /**
   * What the generator meant, for evaluation only (never shown as the classifier's answer). `themes` is
   * non-empty only for rumours; `about` lists the rumour themes a counter or neutral text rebuts or reports.
   */
  intended: { stance: Stance; themes: ThemeId[]; lang: Language; about: ThemeId[] };
}

export interface GenerateOptions {
  seed: number;
  /** Number of posts (integer ≥ 0). */
  count: number;
  /** Length of the period in days (> 0), ending at `end`. */
  days: number;
  end: Date;
  /** Themes that rise sharply over the last ~14 days; default forced_secularisation (in Arabic) and orosanmalan_fear (in Swedish). */
  risingThemes?: ThemeId[];
}

export const DEFAULT_RISING_THEMES: readonly ThemeId[] = ['forced_secularisation', 'orosanmalan_fear'];

interface Draft {
  ms: number;
  index: number;
  stance: Stance;
  lang: GenLanguage;
  themes: ThemeId[];
  composed: Composed;
  author: string;
  channel: Channel;
}

function validate(options: GenerateOptions): void {
  const { count, days, end, risingThemes } = options;
  if (!Number.isFinite(options.seed)) throw new RangeError('seed: expected a finite number');
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count: expected an integer ≥ 0');
  if (!Number.isFinite(days) || days <= 0) throw new RangeError('days: expected a number > 0');
  if (!(end instanceof Date) || Number.isNaN(end.getTime()))
    throw new RangeError('end: expected a valid Date');
  for (const theme of risingThemes ?? []) {
    if (!(THEME_IDS as readonly string[]).includes(theme))
      throw new RangeError(`risingThemes: unknown theme ${theme}`);
  }
}

/** Exact stance counts by largest remainder, so even 10 posts follow the mix. */
function allocateStances(count: number): Stance[] {
  const exact = STANCES.map((stance) => ({ stance, value: count * STANCE_MIX[stance] }));
  const counts = new Map(exact.map(({ stance, value }) => [stance, Math.floor(value)]));
  let left = count - [...counts.values()].reduce((sum, n) => sum + n, 0);
  for (const { stance } of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1))) {
    if (left-- <= 0) break;
    counts.set(stance, (counts.get(stance) ?? 0) + 1);
  }
  return STANCES.flatMap((stance) => Array.from({ length: counts.get(stance) ?? 0 }, () => stance));
}

/** Campaign messages copied verbatim across channels, built once per stream from their own seed. */
class CopyPastePools {
  private readonly pools = new Map<string, { themes: ThemeId[]; composed: Composed }[]>();

  constructor(
    private readonly seed: number,
    private readonly plan: StreamPlan,
  ) {}

  get(stream: Stream): { themes: ThemeId[]; composed: Composed }[] {
    const key = `${stream.stance}/${stream.lang}/${stream.focus ?? '-'}/${stream.burst}`;
    const cached = this.pools.get(key);
    if (cached) return cached;
    const rng = createRng(hashSeed(this.seed, 'copy-paste', key));
    const size = stream.burst ? 3 : stream.lang === 'ar' ? 4 : 2;
    const pool = Array.from({ length: size }, () => this.build(stream, rng));
    this.pools.set(key, pool);
    return pool;
  }

  private build(stream: Stream, rng: Rng): { themes: ThemeId[]; composed: Composed } {
    if (stream.stance === 'counter') {
      const bank = COUNTER_BANKS[stream.lang];
      if (!bank) throw new Error(`no counter bank for ${stream.lang}`);
      return { themes: [], composed: composeCounter(bank, rng, { focus: stream.focus, withTitle: true }) };
    }
    const bank = RUMOUR_BANKS[stream.lang];
    if (!bank) throw new Error(`no rumour bank for ${stream.lang}`);
    const themes = chooseThemes(this.plan, stream, stream.sampler.sample(rng), rng);
    return { themes, composed: composeRumour(bank, themes, rng, { long: true, withTitle: true }) };
  }
}

/** Generates `count` posts over `days` days ending at `end`, sorted by publishedAt; same options → same posts. */
export function generatePosts(options: GenerateOptions): GeneratedPost[] {
  validate(options);
  const { seed, count } = options;
  const rng = createRng(seed);
  const grid = buildGrid(options.end, options.days, rng);
  const plan = planStreams(grid, options.risingThemes ?? DEFAULT_RISING_THEMES);
  const people = new People(seed);
  const copies = new CopyPastePools(seed, plan);
  const authorPools = new Map<string, number>();
  const authorPool = (stance: Stance, lang: GenLanguage): number => {
    const key = `${stance}/${lang}`;
    let size = authorPools.get(key);
    if (size === undefined) {
      const mix = LANGUAGE_MIX[stance];
      const total = Object.values(mix).reduce((sum, w) => sum + (w ?? 0), 0);
      const expected = (count * STANCE_MIX[stance] * (mix[lang] ?? 0)) / total;
      size = Math.max(3, Math.round(expected / POSTS_PER_AUTHOR[stance]));
      authorPools.set(key, size);
    }
    return size;
  };

  const stances = rng.shuffle(allocateStances(count));
  const drafts = stances.map((stance, index): Draft => {
    const stream = plan.pick[stance](rng);
    const lang = stream.lang;
    const ms = stream.sampler.sample(rng);
    const channel = people.channel(stance, lang, rng);
    const author = people.author(stance, lang, channel, authorPool(stance, lang), rng);
    let themes: ThemeId[] = [];
    let composed: Composed;
    switch (stance) {
      case 'rumour': {
        const copy = rng.chance(stream.burst ? COPY_PASTE.burst : COPY_PASTE.rumour);
        if (copy) {
          ({ themes, composed } = rng.pick(copies.get(stream)));
        } else {
          themes = chooseThemes(plan, stream, ms, rng);
          composed = composeRumour(
            RUMOUR_BANKS[lang] as NonNullable<(typeof RUMOUR_BANKS)[GenLanguage]>,
            themes,
            rng,
            {
              withTitle: true,
            },
          );
        }
        if (channel.platform !== 'youtube') composed = { ...composed, title: null };
        break;
      }
      case 'counter': {
        const bank = COUNTER_BANKS[lang] as NonNullable<(typeof COUNTER_BANKS)[GenLanguage]>;
        composed = rng.chance(COPY_PASTE.counter)
          ? rng.pick(copies.get(stream)).composed
          : composeCounter(bank, rng, { focus: stream.focus, withTitle: true, city: channel.city });
        if (channel.platform !== 'web') composed = { ...composed, title: null };
        break;
      }
      case 'neutral': {
        const bank = NEUTRAL_BANKS[lang] as NonNullable<(typeof NEUTRAL_BANKS)[GenLanguage]>;
        composed = composeNeutral(bank, rng, {
          focus: stream.focus,
          withTitle: channel.platform === 'news',
          city: channel.city,
        });
        break;
      }
      case 'unrelated': {
        const bank = UNRELATED_BANKS[lang] as NonNullable<(typeof UNRELATED_BANKS)[GenLanguage]>;
        composed = composeUnrelated(bank, rng);
        break;
      }
    }
    return { ms, index, stance, lang, themes, composed, author, channel };
  });

  drafts.sort((a, b) => a.ms - b.ms || a.index - b.index);
  return drafts.map((draft, n): GeneratedPost => {
    const externalId = `sample-${seed}-${n}`;
    return {
      externalId,
      url: `https://example.invalid/${draft.channel.platform}/${draft.channel.slug}/${externalId}`,
      title: draft.composed.title,
      text: draft.composed.text,
      author: draft.author,
      publishedAt: new Date(draft.ms),
      channel: draft.channel.name,
      intended: {
        stance: draft.stance,
        themes: [...draft.themes],
        lang: draft.lang,
        about: [...draft.composed.about],
      },
    };
  });
}
