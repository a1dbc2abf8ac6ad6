/**
 * Who posts where: fake handles and fake channels per stance and language. A few accounts and channels carry
 * most of the volume (power-law ranks), as on real platforms. Names are derived from (seed, stance, language,
 * rank), so the same account keeps its handle across a data set.
 */
import type { Stance } from '../../classifier/types.ts';
import { CHANNELS, HANDLE_PREFIXES, HANDLE_STEMS, PLATFORM_LABEL, type Platform } from './banks/accounts.ts';
import { CITIES, placeSpellings, type GenLanguage } from './locale.ts';
import { createRng, hashSeed, type Rng } from './rng.ts';

const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '_');

function makeHandle(stance: 'rumour' | 'unrelated', lang: GenLanguage, rng: Rng): string {
  const stem = rng.pick(HANDLE_STEMS[stance][lang] ?? HANDLE_STEMS[stance].sv ?? ['user']);
  const prefix = rng.pick(HANDLE_PREFIXES[lang] ?? ['']);
  const tail = rng.weighted(
    [
      `_${rng.int(70, 99)}`,
      String(rng.int(1, 999)),
      `.${slug(rng.pick(CITIES).sv)}`,
      '',
      `_${rng.int(1, 9)}${rng.int(0, 9)}`,
    ],
    [3, 2, 1.5, 1, 1],
  );
  return `@${prefix}${stem}${tail}`;
}

export type { Platform } from './banks/accounts.ts';

export interface Channel {
  platform: Platform;
  /** Shown to analysts, e.g. 'Facebook-grupp: Svenska familjer i Göteborg'. */
  name: string;
  /** ASCII path segment for the example.invalid URL. */
  slug: string;
  /** The account that owns an official or news channel and writes its posts; null for groups of people. */
  owner: string | null;
  /** The city a local channel belongs to, spelt in the channel's language; null when not local. */
  city: string | null;
}

/** Deterministic pools of authors and channels for one generated data set. */
export class People {
  private readonly authors = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly channels = new Map<string, Channel[]>();

  constructor(private readonly seed: number) {}

  /**
   * The author of a post in `channel`: its owner for official and news channels, otherwise a person at a
   * power-law rank within a pool of about `poolSize` accounts.
   */
  author(stance: Stance, lang: GenLanguage, channel: Channel, poolSize: number, rng: Rng): string {
    if (channel.owner) return channel.owner;
    const kind = stance === 'unrelated' ? 'unrelated' : 'rumour';
    const rank = Math.floor(Math.max(1, poolSize) * rng.next() ** 1.8);
    const key = `${kind}/${lang}/${rank}`;
    const known = this.authors.get(key);
    if (known) return known;
    let handle = makeHandle(kind, lang, createRng(hashSeed(this.seed, 'author', key)));
    if (this.taken.has(handle)) handle = `${handle}${rank}`;
    this.taken.add(handle);
    this.authors.set(key, handle);
    return handle;
  }

  /** The channel of a post, popular channels first. */
  channel(stance: Stance, lang: GenLanguage, rng: Rng): Channel {
    const pool = this.channelPool(stance, lang);
    return pool[Math.floor(pool.length * rng.next() ** 1.6)] ?? (pool[0] as Channel);
  }

  private channelPool(stance: Stance, lang: GenLanguage): Channel[] {
    const key = `${stance}/${lang}`;
    const cached = this.channels.get(key);
    if (cached) return cached;
    const rng = createRng(hashSeed(this.seed, 'channels', key));
    const specs = CHANNELS[stance][lang] ?? CHANNELS[stance].en ?? [];
    const official = stance === 'counter' || stance === 'neutral';
    const pool: Channel[] = [];
    for (const [platform, name, owner] of specs) {
      const places = name.includes('{city}') ? rng.sample(CITIES, 3) : [null];
      for (const place of places) {
        const city = place ? rng.pick(placeSpellings(place, lang)) : null;
        const label = platform === 'facebook' && official ? 'Facebook-sida' : PLATFORM_LABEL[platform];
        pool.push({
          platform,
          name: `${label}: ${name.replace('{city}', city ?? '')}`,
          slug: `${stance}-${lang}-${pool.length}`,
          owner: owner ? `@${owner.replace('{city}', place ? slug(place.sv) : '')}` : null,
          city,
        });
      }
    }
    rng.shuffle(pool);
    this.channels.set(key, pool);
    return pool;
  }
}
