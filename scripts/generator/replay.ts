/**
 * The event-replay stream of `npm run eval:emerging`: 90 days of steady multilingual background with the daily
 * and weekly rhythm of time-profile.ts, plus injected events whose times and sizes are known (spikes of known
 * themes at several sizes, two new claims with new vocabulary, a copy-paste wave) and decoys that must not alert
 * (a news day where counter-messages spike, a holiday lull, evergreen copy-paste messages). Everything that
 * shapes the stream is fixed in REPLAY below; pure and deterministic like the rest of the generator.
 */
import { type Stance, type ThemeId } from '../../classifier/types.ts';
import { COUNTER_BANKS, NEUTRAL_BANKS, RUMOUR_BANKS, UNRELATED_BANKS } from './banks/index.ts';
import {
  availableThemes,
  composeCounter,
  composeNeutral,
  composeRumour,
  composeUnrelated,
} from './compose.ts';
import type { GenLanguage } from './locale.ts';
import { CORE_WITH, LANGUAGE_MIX, PRIMARY_WEIGHT } from './mix.ts';
import { People } from './people.ts';
import { createRng, hashSeed, type Rng } from './rng.ts';
import { activityAt, type Rhythm } from './time-profile.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface SpikeSpec {
  theme: ThemeId;
  lang: GenLanguage;
  /** Volume of the theme in that language during the event, as a multiple of its usual volume. */
  size: number;
  /** Days after the stream's start, and hours. */
  day: number;
  hour: number;
  durationHours: number;
}

/** The replay's fixed design; the README quotes it. */
export const REPLAY = {
  seed: 20_261_123,
  /** Monday 2026-10-12 00:00 UTC; 90 days, so Christmas falls inside. */
  startMs: Date.UTC(2026, 9, 12),
  days: 90,
  /** Posts per hour at activity 1 (the rhythm's mean is about 1), per stance: about 1,000 posts a day. */
  background: { rumour: 20, counter: 8, neutral: 6, unrelated: 8 } satisfies Record<Stance, number>,
  rhythm: { rumour: 'social', counter: 'official', neutral: 'news', unrelated: 'social' } satisfies Record<
    Stance,
    Rhythm
  >,
  /** Injected spikes: the theme's posts in one language at `size` × their usual volume for a while. */
  spikes: [
    { theme: 'targets_muslims_immigrants', lang: 'ar', size: 2, day: 30, hour: 14, durationHours: 12 },
    { theme: 'soc_takes_children', lang: 'sv', size: 2, day: 40, hour: 9, durationHours: 12 },
    { theme: 'protest_boycott', lang: 'ar', size: 2, day: 54, hour: 17, durationHours: 12 },
    { theme: 'soc_takes_children', lang: 'en', size: 3, day: 28, hour: 16, durationHours: 12 },
    { theme: 'targets_muslims_immigrants', lang: 'ar', size: 3, day: 35, hour: 19, durationHours: 12 },
    { theme: 'soc_takes_children', lang: 'ar', size: 3, day: 47, hour: 10, durationHours: 12 },
    { theme: 'soc_takes_children', lang: 'fa', size: 3, day: 61, hour: 20, durationHours: 12 },
    { theme: 'no_legal_recourse_secrecy', lang: 'ar', size: 5, day: 33, hour: 12, durationHours: 12 },
    { theme: 'soc_takes_children', lang: 'so', size: 5, day: 44, hour: 18, durationHours: 12 },
    { theme: 'protest_boycott', lang: 'ar', size: 5, day: 58, hour: 8, durationHours: 12 },
    { theme: 'soc_takes_children', lang: 'tr', size: 5, day: 66, hour: 19, durationHours: 12 },
    { theme: 'soc_takes_children', lang: 'sv', size: 10, day: 38, hour: 15, durationHours: 8 },
    { theme: 'targets_muslims_immigrants', lang: 'ar', size: 10, day: 51, hour: 21, durationHours: 8 },
    { theme: 'soc_takes_children', lang: 'en', size: 10, day: 63, hour: 11, durationHours: 8 },
    { theme: 'trivial_pretext', lang: 'ar', size: 10, day: 69, hour: 18, durationHours: 8 },
  ] satisfies SpikeSpec[] as SpikeSpec[],
  /** A claim with vocabulary no theme has, in Arabic and Swedish, posts per hour at activity 1. */
  newClaim: {
    day: 56,
    hour: 12,
    durationHours: 60,
    perHour: { ar: 2.5, sv: 1.2 } as Partial<Record<GenLanguage, number>>,
  },
  /** A second, smaller claim in English (its own random stream, so the rest of the stream is unchanged). */
  secondClaim: {
    day: 76,
    hour: 9,
    durationHours: 36,
    perHour: { en: 1.5 } as Partial<Record<GenLanguage, number>>,
  },
  /** One message copied across many channels and accounts within a few hours. */
  wave: { day: 72, hour: 10, copies: 45, durationHours: 4, channels: 30 },
  decoys: {
    /** Counter-messages and news about one theme at 8× for a day (say, after a court ruling). */
    newsDay: { theme: 'soc_takes_children' as ThemeId, day: 49, hour: 7, durationHours: 14, size: 8 },
    /** Christmas Eve to Boxing Day: everything at 35 %. */
    lull: { fromMs: Date.UTC(2026, 11, 24), toMs: Date.UTC(2026, 11, 27), factor: 0.35 },
    /** Evergreen campaign messages copied at a steady pace all along (posts per hour each). */
    evergreen: { messages: 4, perHour: 0.6 },
  },
};

export type ReplayEventKind = 'spike' | 'new_claim' | 'wave';

/** An injected event: what the evaluation scores the detectors against. */
export interface InjectedEvent {
  kind: ReplayEventKind;
  label: string;
  startMs: number;
  endMs: number;
  theme: ThemeId | null;
  lang: GenLanguage | null;
  size: number | null;
  /** Waves: the copied message's text, as clusters are keyed in the replay. */
  text: string | null;
}

export interface ReplayPost {
  id: number;
  publishedAt: number;
  text: string;
  author: string;
  channel: string;
  /** The generator's intent, for scoring only (the detectors read the classifier's answer). */
  intended: { stance: Stance; themes: ThemeId[]; lang: GenLanguage; event: string | null };
}

const RUMOUR_LANGS = Object.entries(LANGUAGE_MIX.rumour) as [GenLanguage, number][];
const THEMES = Object.keys(PRIMARY_WEIGHT) as ThemeId[];

/** Poisson deviate (Knuth for small means, normal approximation above 30). */
function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Rumour themes of a background post in `lang`: a lead theme, often with the core theme. */
function backgroundThemes(lang: GenLanguage, rng: Rng): ThemeId[] {
  const bank = RUMOUR_BANKS[lang];
  const available = bank ? availableThemes(bank) : ['soc_takes_children' as ThemeId];
  const lead = rng.weighted(
    available,
    available.map((theme) => PRIMARY_WEIGHT[theme]),
  );
  const core: ThemeId = 'soc_takes_children';
  if (lead !== core && available.includes(core) && rng.chance(CORE_WITH[lead] ?? 0.75)) return [core, lead];
  return [lead];
}

/** Sentences of the new claim (RFID chips implanted in children taken into care): vocabulary no theme has. */
const NEW_CLAIM: Partial<Record<GenLanguage, readonly string[]>> = {
  ar: [
    'السوسيال يزرع شرائح إلكترونية في أجساد الأطفال المسحوبين',
    'يزرعون شريحة تتبع إلكترونية تحت جلد أطفالنا في دور الرعاية',
    'شرائح التتبع الإلكترونية تزرع في أطفالنا سرا، انشروا قبل الحذف',
    'طفل مسحوب عاد وفي ذراعه شريحة إلكترونية للتتبع، هذا ما يفعلونه',
  ],
  sv: [
    'Soc opererar in RFID-chip i barnen de omhändertar',
    'De sätter spårningschip under huden på omhändertagna barn',
    'RFID-chip i armen på barnen i familjehem, sprid innan det raderas',
    'Ett omhändertaget barn kom hem med ett spårningschip i armen',
  ],
};

/** The second claim (children in care used in secret vaccine trials): again vocabulary no theme has. */
const SECOND_CLAIM: Partial<Record<GenLanguage, readonly string[]>> = {
  en: [
    'Children in foster care are being used as test subjects in secret vaccine trials',
    'They inject kids in care with an experimental vaccine without asking the parents',
    'Leaked papers: foster kids enrolled in a pharma vaccine trial, share before it is deleted',
    'My nephew in care got three experimental injections for a vaccine trial',
  ],
};

const CLAIM_OPENERS: Partial<Record<GenLanguage, readonly string[]>> = {
  ar: ['عاجل!', 'يا أهلنا في السويد', 'احذروا', ''],
  sv: ['VARNING!', 'Läs detta', 'Till alla föräldrar:', ''],
  en: ['WAKE UP!', 'Please read', 'Parents in Sweden:', ''],
};

export interface Replay {
  posts: ReplayPost[];
  events: InjectedEvent[];
  startMs: number;
  endMs: number;
}

/** Generates the replay stream (about 100,000 posts), sorted by time; the same REPLAY gives the same stream. */
export function generateReplay(design = REPLAY): Replay {
  const rng = createRng(design.seed);
  const people = new People(design.seed);
  const startMs = design.startMs;
  const endMs = startMs + design.days * DAY_MS;
  const drafts: Omit<ReplayPost, 'id'>[] = [];
  const at = (day: number, hour: number) => startMs + day * DAY_MS + hour * HOUR_MS;
  const lull = (ms: number) =>
    ms >= design.decoys.lull.fromMs && ms < design.decoys.lull.toMs ? design.decoys.lull.factor : 1;
  const wave = (ms: number) => 1 + 0.15 * Math.sin((2 * Math.PI * (ms - startMs)) / (23 * DAY_MS));
  const within = (ms: number, spec: { day: number; hour: number; durationHours: number }) =>
    ms >= at(spec.day, spec.hour) && ms < at(spec.day, spec.hour) + spec.durationHours * HOUR_MS;
  const post = (
    ms: number,
    stance: Stance,
    lang: GenLanguage,
    themes: ThemeId[],
    text: string,
    event: string | null,
    channelOverride?: { name: string; author: string },
    r: Rng = rng,
  ) => {
    const channel = people.channel(stance, lang, r);
    const author = channelOverride?.author ?? people.author(stance, lang, channel, 400, r);
    drafts.push({
      publishedAt: ms,
      text,
      author,
      channel: channelOverride?.name ?? channel.name,
      intended: { stance, themes, lang, event },
    });
  };

  const evergreen = Array.from({ length: design.decoys.evergreen.messages }, (_, i) => {
    const lang: GenLanguage = i % 2 === 0 ? 'ar' : 'sv';
    const local = createRng(hashSeed(design.seed, 'evergreen', i));
    const themes = backgroundThemes(lang, local);
    const bank = RUMOUR_BANKS[lang];
    if (!bank) throw new Error(`no rumour bank for ${lang}`);
    return { lang, themes, text: composeRumour(bank, themes, local, { long: true }).text };
  });

  for (let hourMs = startMs; hourMs < endMs; hourMs += HOUR_MS) {
    const mid = hourMs + HOUR_MS / 2;
    const scale = lull(mid) * wave(mid);
    const when = () => hourMs + Math.floor(rng.next() * HOUR_MS);
    for (const stance of ['rumour', 'counter', 'neutral', 'unrelated'] as const) {
      const n = poisson(rng, design.background[stance] * activityAt(design.rhythm[stance], mid) * scale);
      for (let k = 0; k < n; k++) {
        const lang = rng.weighted(
          Object.keys(LANGUAGE_MIX[stance]) as GenLanguage[],
          Object.values(LANGUAGE_MIX[stance]),
        );
        if (stance === 'rumour') {
          const themes = backgroundThemes(lang, rng);
          post(
            when(),
            stance,
            lang,
            themes,
            composeRumour(RUMOUR_BANKS[lang] as never, themes, rng).text,
            null,
          );
        } else if (stance === 'counter') {
          post(when(), stance, lang, [], composeCounter(COUNTER_BANKS[lang] as never, rng).text, null);
        } else if (stance === 'neutral') {
          post(when(), stance, lang, [], composeNeutral(NEUTRAL_BANKS[lang] as never, rng).text, null);
        } else {
          post(when(), stance, lang, [], composeUnrelated(UNRELATED_BANKS[lang] as never, rng).text, null);
        }
      }
    }
    // Evergreen copy-paste: a decoy for the wave detector (steady, never a burst).
    for (const message of evergreen) {
      const n = poisson(rng, design.decoys.evergreen.perHour * activityAt('social', mid) * scale);
      for (let k = 0; k < n; k++) post(when(), 'rumour', message.lang, message.themes, message.text, null);
    }
  }

  // The usual hourly volume of each theme in each language at activity 1, from the background just made: the
  // yardstick of a spike's size.
  let activityTotal = 0;
  for (let hourMs = startMs; hourMs < endMs; hourMs += HOUR_MS) {
    const mid = hourMs + HOUR_MS / 2;
    activityTotal += activityAt('social', mid) * lull(mid) * wave(mid);
  }
  const usualCounts = new Map<string, number>();
  for (const draft of drafts) {
    if (draft.intended.stance !== 'rumour') continue;
    for (const theme of draft.intended.themes) {
      const key = `${theme}:${draft.intended.lang}`;
      usualCounts.set(key, (usualCounts.get(key) ?? 0) + 1);
    }
  }
  const usualRate = (theme: ThemeId, lang: GenLanguage) =>
    (usualCounts.get(`${theme}:${lang}`) ?? 0) / activityTotal;

  for (let hourMs = startMs; hourMs < endMs; hourMs += HOUR_MS) {
    const mid = hourMs + HOUR_MS / 2;
    const scale = lull(mid) * wave(mid);
    const when = () => hourMs + Math.floor(rng.next() * HOUR_MS);
    // Spikes: extra posts of the theme in the language, so the cell runs at `size` × its usual volume.
    for (const spec of design.spikes) {
      if (!within(mid, spec)) continue;
      const usual = usualRate(spec.theme, spec.lang);
      const n = poisson(rng, (spec.size - 1) * usual * activityAt('social', mid) * scale);
      const bank = RUMOUR_BANKS[spec.lang];
      if (!bank) throw new Error(`no rumour bank for ${spec.lang}`);
      for (let k = 0; k < n; k++) {
        post(
          when(),
          'rumour',
          spec.lang,
          [spec.theme],
          composeRumour(bank, [spec.theme], rng).text,
          `spike:${spec.theme}:${spec.lang}`,
        );
      }
    }
    // The new claim.
    if (within(mid, design.newClaim)) {
      for (const [lang, perHour] of Object.entries(design.newClaim.perHour) as [GenLanguage, number][]) {
        const n = poisson(rng, perHour * activityAt('social', mid) * scale);
        const sentences = NEW_CLAIM[lang] ?? [];
        for (let k = 0; k < n; k++) {
          const opener = rng.pick(CLAIM_OPENERS[lang] ?? ['']);
          const text = `${opener} ${rng.pick(sentences)}${rng.chance(0.5) ? ' !!' : '.'}`.trim();
          post(when(), 'rumour', lang, [], text, 'new_claim');
        }
      }
    }
    // The news-day decoy: counter-messages and news about one theme.
    const news = design.decoys.newsDay;
    if (within(mid, news)) {
      for (const stance of ['counter', 'neutral'] as const) {
        const n = poisson(
          rng,
          (news.size - 1) * design.background[stance] * activityAt(design.rhythm[stance], mid),
        );
        for (let k = 0; k < n; k++) {
          const lang = rng.weighted(['sv', 'ar', 'en'] as GenLanguage[], [5, 3, 2]);
          const composed =
            stance === 'counter'
              ? composeCounter(COUNTER_BANKS[lang] as never, rng, { focus: news.theme })
              : composeNeutral(NEUTRAL_BANKS[lang] as never, rng, { focus: news.theme });
          post(when(), stance, lang, [], composed.text, 'decoy:news_day');
        }
      }
    }
  }

  // The second claim, drawn from its own random stream.
  const claimRng = createRng(hashSeed(design.seed, 'second-claim'));
  for (let hourMs = startMs; hourMs < endMs; hourMs += HOUR_MS) {
    const mid = hourMs + HOUR_MS / 2;
    if (!within(mid, design.secondClaim)) continue;
    for (const [lang, perHour] of Object.entries(design.secondClaim.perHour) as [GenLanguage, number][]) {
      const n = poisson(claimRng, perHour * activityAt('social', mid) * lull(mid) * wave(mid));
      for (let k = 0; k < n; k++) {
        const opener = claimRng.pick(CLAIM_OPENERS[lang] ?? ['']);
        const text = `${opener} ${claimRng.pick(SECOND_CLAIM[lang] ?? [])}${claimRng.chance(0.5) ? ' !!' : '.'}`;
        const ms = hourMs + Math.floor(claimRng.next() * HOUR_MS);
        post(ms, 'rumour', lang, [], text.trim(), 'new_claim', undefined, claimRng);
      }
    }
  }

  // The copy-paste wave: one message, many channels and accounts, within a few hours.
  const waveSpec = design.wave;
  const waveRng = createRng(hashSeed(design.seed, 'wave'));
  const waveThemes: ThemeId[] = ['soc_takes_children', 'protest_boycott'];
  const waveText = composeRumour(RUMOUR_BANKS.ar as never, waveThemes, waveRng, { long: true }).text;
  const waveStart = at(waveSpec.day, waveSpec.hour);
  for (let k = 0; k < waveSpec.copies; k++) {
    const ms = waveStart + Math.floor(waveRng.next() ** 1.3 * waveSpec.durationHours * HOUR_MS);
    const channel = waveRng.int(0, waveSpec.channels - 1);
    post(ms, 'rumour', 'ar', waveThemes, waveText, 'wave', {
      name: `Telegram: kanal ${channel}`,
      author: `@wave_account_${waveRng.int(0, 400)}`,
    });
  }

  drafts.sort((a, b) => a.publishedAt - b.publishedAt);
  const posts = drafts.map((draft, i) => ({ ...draft, id: i + 1 }));
  const events: InjectedEvent[] = [
    ...design.spikes.map((spec) => ({
      kind: 'spike' as const,
      label: `spike ${spec.theme}/${spec.lang} ${spec.size}x`,
      startMs: at(spec.day, spec.hour),
      endMs: at(spec.day, spec.hour) + spec.durationHours * HOUR_MS,
      theme: spec.theme,
      lang: spec.lang,
      size: spec.size,
      text: null,
    })),
    {
      kind: 'new_claim',
      label: 'new claim: RFID chips (ar, sv)',
      startMs: at(design.newClaim.day, design.newClaim.hour),
      endMs: at(design.newClaim.day, design.newClaim.hour) + design.newClaim.durationHours * HOUR_MS,
      theme: null,
      lang: null,
      size: null,
      text: null,
    },
    {
      kind: 'new_claim',
      label: 'new claim: vaccine trials (en)',
      startMs: at(design.secondClaim.day, design.secondClaim.hour),
      endMs: at(design.secondClaim.day, design.secondClaim.hour) + design.secondClaim.durationHours * HOUR_MS,
      theme: null,
      lang: 'en',
      size: null,
      text: null,
    },
    {
      kind: 'wave',
      label: `wave: ${waveSpec.copies} copies in ${waveSpec.channels} channels`,
      startMs: waveStart,
      endMs: waveStart + waveSpec.durationHours * HOUR_MS,
      theme: null,
      lang: 'ar',
      size: null,
      text: waveText,
    },
  ];
  return { posts, events, startMs, endMs };
}

export { THEMES as REPLAY_THEMES, RUMOUR_LANGS as REPLAY_RUMOUR_LANGS };
