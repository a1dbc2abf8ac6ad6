/**
 * The data set as a mixture of streams: each stream is (stance, language, focus theme) with a time profile.
 * Most streams follow the plain daily/weekly rhythm; rising themes follow a ramp over the last weeks; the
 * protest-call wave sits on the burst day; counter-messages and news react to the rising themes later.
 * A stream's share of posts is its weight times the mass of its profile, so a rise adds posts, it does not
 * steal them from the past.
 */
import type { Stance, ThemeId } from '../../classifier/types.ts';
import { COUNTER_BANKS, NEUTRAL_BANKS, RUMOUR_BANKS, UNRELATED_BANKS } from './banks/index.ts';
import { availableThemes, orderThemes } from './compose.ts';
import type { GenLanguage } from './locale.ts';
import {
  BURST_LANGUAGES,
  BURST_SHARE,
  CORE_WITH,
  LANGUAGE_MIX,
  PRIMARY_WEIGHT,
  REACT_PEAK,
  REACT_SHARE,
  RISE_PEAK,
  RISE_SPILL_PEAK,
  RISING_HOME_WEIGHT,
  RISING_LANGUAGES,
} from './mix.ts';
import { weightedPicker, type Rng } from './rng.ts';
import {
  ProfileSampler,
  burstFactor,
  rampBoost,
  risingPosition,
  shapedProfile,
  type Rhythm,
  type TimeGrid,
} from './time-profile.ts';

export interface Stream {
  stance: Stance;
  lang: GenLanguage;
  /** Rumour: the lead theme. Counter/neutral: the rising theme it reacts to. Otherwise null. */
  focus: ThemeId | null;
  /** Part of the burst day's protest-call wave. */
  burst: boolean;
  sampler: ProfileSampler;
  weight: number;
}

export interface StreamPlan {
  streams: readonly Stream[];
  pick: Record<Stance, (rng: Rng) => Stream>;
  /** The language each rising theme rises most in. */
  risingLanguage: ReadonlyMap<ThemeId, GenLanguage>;
  /** Rise factor (≥ 1) of a theme in a language at an instant. */
  boost(theme: ThemeId, lang: GenLanguage, ms: number): number;
}

const entries = <K extends string>(record: Partial<Record<K, number>>): [K, number][] =>
  Object.entries(record) as [K, number][];

const share = (record: Partial<Record<GenLanguage, number>>, lang: GenLanguage): number => {
  const total = entries(record).reduce((sum, [, w]) => sum + w, 0);
  return (record[lang] ?? 0) / total;
};

/** Gives each rising theme a language in which its bank can write it, in RISING_LANGUAGES order. */
function assignRisingLanguages(rising: readonly ThemeId[]): Map<ThemeId, GenLanguage> {
  const assigned = new Map<ThemeId, GenLanguage>();
  rising.forEach((theme, i) => {
    for (let k = 0; k < RISING_LANGUAGES.length; k++) {
      const lang = RISING_LANGUAGES[(i + k) % RISING_LANGUAGES.length] as GenLanguage;
      const bank = RUMOUR_BANKS[lang];
      if (bank && (bank.claims[theme]?.length ?? 0) > 0) {
        assigned.set(theme, lang);
        return;
      }
    }
  });
  return assigned;
}

export function planStreams(grid: TimeGrid, rising: readonly ThemeId[]): StreamPlan {
  const risingLanguage = assignRisingLanguages(rising);
  const risingSet = new Set(rising);
  const boost = (theme: ThemeId, lang: GenLanguage, ms: number): number =>
    risingSet.has(theme)
      ? rampBoost(risingPosition(grid, ms), risingLanguage.get(theme) === lang ? RISE_PEAK : RISE_SPILL_PEAK)
      : 1;
  const delayed = (ms: number) => Math.max(0, (risingPosition(grid, ms) - 0.3) / 0.7);

  const sampler = (weights: Float64Array) => new ProfileSampler(grid, weights);
  const base: Record<Rhythm, ProfileSampler> = {
    social: sampler(grid.rhythm.social),
    official: sampler(grid.rhythm.official),
    news: sampler(grid.rhythm.news),
  };
  const riseMain = sampler(
    shapedProfile(grid, 'social', (ms) => rampBoost(risingPosition(grid, ms), RISE_PEAK)),
  );
  const riseSpill = sampler(
    shapedProfile(grid, 'social', (ms) => rampBoost(risingPosition(grid, ms), RISE_SPILL_PEAK)),
  );
  const react = (rhythm: Rhythm) =>
    sampler(shapedProfile(grid, rhythm, (ms) => rampBoost(delayed(ms), REACT_PEAK)));
  const burst = sampler(shapedProfile(grid, 'social', (ms) => burstFactor(grid, ms)));

  const streams: Stream[] = [];
  const add = (stream: Omit<Stream, 'weight'>, weight: number) => {
    if (weight > 0 && stream.sampler.total > 0) streams.push({ ...stream, weight });
  };
  const mass = (s: ProfileSampler, rhythm: Rhythm) => s.total / base[rhythm].total;

  // Rumours: one stream per language and lead theme.
  for (const [lang, langWeight] of entries(LANGUAGE_MIX.rumour)) {
    const bank = RUMOUR_BANKS[lang];
    if (!bank) continue;
    const themes = availableThemes(bank);
    const leadWeight = (theme: ThemeId) =>
      PRIMARY_WEIGHT[theme] * (risingLanguage.get(theme) === lang ? RISING_HOME_WEIGHT : 1);
    const total = themes.reduce((sum, theme) => sum + leadWeight(theme), 0);
    for (const theme of themes) {
      const profile = !risingSet.has(theme)
        ? base.social
        : risingLanguage.get(theme) === lang
          ? riseMain
          : riseSpill;
      add(
        { stance: 'rumour', lang, focus: theme, burst: false, sampler: profile },
        ((langWeight * leadWeight(theme)) / total) * mass(profile, 'social'),
      );
    }
  }
  const rumourMass = streams.reduce((sum, stream) => sum + stream.weight, 0);
  for (const [lang] of entries(BURST_LANGUAGES)) {
    if (!RUMOUR_BANKS[lang]?.claims.protest_boycott?.length) continue;
    add(
      { stance: 'rumour', lang, focus: 'protest_boycott', burst: true, sampler: burst },
      BURST_SHARE * rumourMass * share(BURST_LANGUAGES, lang),
    );
  }

  // Counter-messages and news: a plain stream per language plus streams reacting to each rising theme.
  const reacting = [
    {
      stance: 'counter',
      rhythm: 'official',
      covers: (lang: GenLanguage, theme: ThemeId) =>
        COUNTER_BANKS[lang]?.facts.some((fact) => fact.about.includes(theme)) ?? false,
    },
    {
      stance: 'neutral',
      rhythm: 'news',
      covers: (lang: GenLanguage, theme: ThemeId) =>
        NEUTRAL_BANKS[lang]?.items.some((item) => item.about.includes(theme)) ?? false,
    },
  ] as const;
  for (const { stance, rhythm, covers } of reacting) {
    const reactSampler = react(rhythm);
    for (const [lang, langWeight] of entries(LANGUAGE_MIX[stance])) {
      const themes = rising.filter((theme) => covers(lang, theme));
      const reactShare = themes.length > 0 ? REACT_SHARE : 0;
      add({ stance, lang, focus: null, burst: false, sampler: base[rhythm] }, langWeight * (1 - reactShare));
      for (const theme of themes) {
        add(
          { stance, lang, focus: theme, burst: false, sampler: reactSampler },
          ((langWeight * reactShare) / themes.length) * mass(reactSampler, rhythm),
        );
      }
    }
  }

  for (const [lang, langWeight] of entries(LANGUAGE_MIX.unrelated)) {
    if (UNRELATED_BANKS[lang]) {
      add({ stance: 'unrelated', lang, focus: null, burst: false, sampler: base.social }, langWeight);
    }
  }

  const pickerFor = (stance: Stance) => {
    const own = streams.filter((stream) => stream.stance === stance);
    return weightedPicker(
      own,
      own.map((stream) => stream.weight),
    );
  };
  return {
    streams,
    pick: {
      rumour: pickerFor('rumour'),
      counter: pickerFor('counter'),
      neutral: pickerFor('neutral'),
      unrelated: pickerFor('unrelated'),
    },
    risingLanguage,
    boost,
  };
}

/**
 * The theme set of a rumour post led by `stream.focus` at instant `ms`: usually with the core theme, sometimes
 * with one or two more sub-narratives (rising themes more likely while they rise).
 */
export function chooseThemes(plan: StreamPlan, stream: Stream, ms: number, rng: Rng): ThemeId[] {
  const bank = RUMOUR_BANKS[stream.lang];
  const lead = stream.focus ?? 'soc_takes_children';
  if (!bank) return [lead];
  const available = availableThemes(bank);
  const themes = new Set<ThemeId>([lead]);
  const core = 'soc_takes_children';
  const coreChance = stream.burst ? 0.85 : (CORE_WITH[lead] ?? 0.75);
  if (lead !== core && available.includes(core) && rng.chance(coreChance)) themes.add(core);
  const extra =
    lead === core ? rng.weighted([0, 1, 2], [0.45, 0.4, 0.15]) : rng.weighted([0, 1, 2], [0.63, 0.3, 0.07]);
  for (let k = 0; k < extra; k++) {
    const candidates = available.filter((theme) => theme !== core && !themes.has(theme));
    if (candidates.length === 0) break;
    themes.add(
      rng.weighted(
        candidates,
        candidates.map((theme) => PRIMARY_WEIGHT[theme] * plan.boost(theme, stream.lang, ms)),
      ),
    );
  }
  return orderThemes(themes);
}
