/** Posts for report tests: rumours and counter-messages in October 2026 and September, one hostile, one restricted. */
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { activateModel, saveModel } from '../../core/db/classifier-models.ts';
import type { Db } from '../../core/db/client.ts';
import { replacePostThemes } from '../../core/db/post-themes.ts';
import { rebuildRollups } from '../../core/db/rollups.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { seedAnalysedPosts } from './seed.ts';

export const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
export const RESTRICTED_TEXT = 'Hotet mot handläggaren Testperson';
export const REPORT_PERIOD = { from: '2026-10-01', to: '2026-10-31' } as const;

const at = (day: string) => new Date(`${day}T10:00:00Z`);

/** Seeds the posts as results of MODEL_VERSION and makes that version the one in force (for the CLI and worker). */
export async function seedReportPosts(db: Db): Promise<void> {
  await saveModel(db, {
    version: MODEL_VERSION,
    kind: 'lexicon',
    taxonomyVersion: 'test',
    trainedOn: null,
    metrics: null,
    model: {},
  });
  await activateModel(db, MODEL_VERSION);
  const { source } = await upsertSource(db, {
    kind: 'rss',
    name: 'Testflöde',
    url: 'https://example.org/feed',
    pollIntervalSeconds: 900,
  });
  const rumour = (i: number, day: string, lang: string, theme: string, text: string) => ({
    externalId: `r${i}`,
    text,
    publishedAt: at(day),
    lang,
    stance: 'rumour' as const,
    themes: [{ id: theme, evidence: ['tar barn'] }],
    url: `https://example.org/r${i}`,
  });
  await seedAnalysedPosts(db, source.id, [
    rumour(1, '2026-10-03', 'sv', 'soc_takes_children', 'Soc tar barn från familjer utan skäl'),
    rumour(2, '2026-10-04', 'sv', 'soc_takes_children', 'Socialtjänsten kidnappar barn, dela!'),
    rumour(3, '2026-10-10', 'ar', 'soc_takes_children', 'الخدمات الاجتماعية تأخذ الأطفال'),
    {
      ...rumour(4, '2026-10-12', 'sv', 'soc_takes_children', `Soc tar barn ${XSS}`),
      url: 'javascript:alert(1)',
    },
    rumour(5, '2026-09-20', 'sv', 'soc_takes_children', 'Soc tog barnen i september'),
    rumour(6, '2026-10-15', 'sv', 'violence_threats', RESTRICTED_TEXT),
  ]);
  const counters = await seedAnalysedPosts(db, source.id, [
    {
      externalId: 'c1',
      text: 'Socialtjänsten förklarar: barn placeras bara enligt LVU efter beslut i domstol',
      publishedAt: at('2026-10-05'),
      lang: 'sv',
      stance: 'counter',
      themes: [],
      url: 'https://example.org/c1',
    },
  ]);
  await replacePostThemes(db, MODEL_VERSION, counters, [
    { postId: counters[0]!, themeId: 'soc_takes_children', role: 'about', score: 0.8, evidence: ['LVU'] },
  ]);
  // The line above writes themes directly, bypassing the analysis worker's rollup upkeep.
  await rebuildRollups(db);
}
