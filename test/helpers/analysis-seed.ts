/**
 * A known scenario for the overview, theme page and targeting matrix, stored through the real table modules:
 * period 2026-10-15..28 (14 days) against 2026-10-01..14. Counts are listed where the posts are made.
 */
import { MODEL_VERSION } from '../../classifier/classify.ts';
import type { Db } from '../../core/db/client.ts';
import { replacePostPlaces } from '../../core/db/post-places.ts';
import { replacePostThemes } from '../../core/db/post-themes.ts';
import { rebuildRollups } from '../../core/db/rollups.ts';
import { storePosts } from '../../core/db/posts.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { contentHash } from '../../core/content.ts';
import { seedAnalysedPosts, type SeedPost } from './seed.ts';

export const PERIOD = { from: '2026-10-15', to: '2026-10-28' } as const;
export const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'><svg onload="window.__xss=3">`;
const CORE = 'soc_takes_children';

const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

export interface AnalysisScenario {
  sourceId: number;
  otherSourceId: number;
  /** Post ids by name. */
  ids: Record<string, number>;
}

export async function seedAnalysisScenario(db: Db): Promise<AnalysisScenario> {
  const { source } = await upsertSource(db, {
    kind: 'rss',
    name: `Flöde ${XSS}`,
    url: 'https://example.org/feed',
    pollIntervalSeconds: 900,
  });
  const { source: other } = await upsertSource(db, {
    kind: 'rss',
    name: 'Andra flödet',
    url: 'https://example.org/other',
    pollIntervalSeconds: 900,
  });
  const rumour = (name: string, day: string, lang: string, themes = [CORE], text?: string): SeedPost => ({
    externalId: name,
    text: text ?? `rykte ${name}`,
    publishedAt: at(day),
    lang,
    stance: 'rumour',
    url: `https://example.org/p/${name}`,
    themes: themes.map((id) => ({ id, evidence: id === CORE ? ['السوسيال', 'خطف'] : ['term'] })),
  });
  const posts: SeedPost[] = [
    // ar: previous 1, current 3 (rising), no Arabic counter-message: flagged. ar1, ar2 name Göteborg (1480).
    rumour('ar0', '2026-10-05', 'ar'),
    rumour('ar1', '2026-10-16', 'ar', [CORE], `السوسيال يخطف الأطفال ${XSS}`),
    rumour('ar2', '2026-10-20', 'ar', [CORE, 'targets_muslims_immigrants']),
    rumour('ar3', '2026-10-27', 'ar'),
    // sv: previous 0, current 2 (rising) but a Swedish counter-message exists: not flagged.
    rumour('sv1', '2026-10-18', 'sv'),
    rumour('sv2', '2026-10-22', 'sv'),
    // so: 1 now, 0 before: below the rising minimum.
    rumour('so1', '2026-10-21', 'so'),
    // und: previous 3, current 2: falling.
    rumour('und0', '2026-10-02', 'und'),
    rumour('und1', '2026-10-03', 'und'),
    rumour('und2', '2026-10-04', 'und'),
    rumour('und3', '2026-10-17', 'und'),
    rumour('und4', '2026-10-19', 'und'),
    // Restricted: only the security role sees it, in lists and in counts.
    rumour('threat', '2026-10-23', 'ar', ['violence_threats']),
  ];
  const ids = await seedAnalysedPosts(db, source.id, posts);
  const byName: Record<string, number> = Object.fromEntries(posts.map((p, i) => [p.externalId, ids[i]!]));

  // Counter-messages: one Swedish about the core theme (in the period), one English in the previous period.
  const counters = await seedAnalysedPosts(db, source.id, [
    {
      externalId: 'c-sv',
      text: 'Socialtjänsten kidnappar inte barn',
      publishedAt: at('2026-10-24'),
      lang: 'sv',
      stance: 'counter',
      themes: [],
    },
    {
      externalId: 'c-en',
      text: 'Social services do not kidnap children',
      publishedAt: at('2026-10-10'),
      lang: 'en',
      stance: 'counter',
      themes: [],
    },
  ]);
  await replacePostThemes(
    db,
    MODEL_VERSION,
    counters,
    counters.map((postId) => ({
      postId,
      themeId: CORE,
      role: 'about' as const,
      score: 0.7,
      evidence: ['kidnappar inte'],
    })),
  );
  byName['c-sv'] = counters[0]!;
  byName['c-en'] = counters[1]!;

  // Reach: the Swedish counter-message reports 500 views, one Arabic rumour 1200.
  await db
    .updateTable('posts')
    .set({ metrics: JSON.stringify({ views: 500 }) })
    .where('id', '=', counters[0]!)
    .execute();
  await db
    .updateTable('posts')
    .set({ metrics: JSON.stringify({ views: 1200, forwards: 30 }) })
    .where('id', '=', byName['ar1']!)
    .execute();

  await replacePostPlaces(
    db,
    [byName['ar1']!, byName['ar2']!],
    [
      { postId: byName['ar1']!, municipalityCode: '1480', district: 'Angered' },
      { postId: byName['ar1']!, municipalityCode: '1480', district: null },
      { postId: byName['ar2']!, municipalityCode: '1480', district: null },
    ],
  );

  // Themes, places and metrics above were written directly, bypassing the analysis worker's rollup upkeep.
  await rebuildRollups(db);
  // The first Arabic rumour is copied word for word into another source: one post, two sightings.
  await storePosts(db, other.id, [
    {
      externalId: 'copy-ar1',
      url: null,
      title: null,
      text: `السوسيال يخطف الأطفال ${XSS}`,
      authorPseudonym: null,
      publishedAt: at('2026-10-16', 14),
      contentHash: contentHash(`السوسيال يخطف الأطفال ${XSS}`),
    },
  ]);
  return { sourceId: source.id, otherSourceId: other.id, ids: byName };
}
