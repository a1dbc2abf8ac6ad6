/** Everything a report shows, read once for a period and filters: the page, the PDF and the weekly email share it. */
import type { Db } from '../../core/db/client.ts';
import type { ReportQuery } from '../params.ts';
import { notablePosts, type NotablePost } from '../queries/notable-posts.ts';
import { reportMethod, type ReportMethod } from '../queries/report-method.ts';
import { reportSeries, type ReportSeries } from '../queries/report-series.ts';
import { targetingMatrix } from '../queries/targeting-matrix.ts';
import { previousPeriod, topThemesChange, type ThemeChange } from '../queries/top-themes-change.ts';
import type { Period } from '../queries/report-filter.ts';
import { countSamplePosts } from '../../core/db/posts.ts';

export interface ReportData {
  query: ReportQuery;
  previous: Period;
  modelVersion: string;
  generatedAt: Date;
  series: ReportSeries;
  top: ThemeChange[];
  notable: NotablePost[];
  method: ReportMethod;
  matrix: Awaited<ReturnType<typeof targetingMatrix>>;
  themes: Map<string, { sv: string; en: string }>;
  /** Generated sample posts in the database (the page's banner says so). */
  samplePosts: number;
}

export async function loadReport(db: Db, modelVersion: string, query: ReportQuery): Promise<ReportData> {
  const period = { from: query.from, to: query.to };
  const filters = { theme: query.theme, language: query.language, place: query.place };
  const [series, top, notable, method, matrix, themes, samples] = await Promise.all([
    reportSeries(db, modelVersion, period, filters),
    topThemesChange(db, modelVersion, period, filters),
    notablePosts(db, modelVersion, period, filters),
    reportMethod(db, modelVersion, period, filters),
    targetingMatrix(db, modelVersion, {
      ...period,
      by: query.matrix,
      lang: query.language,
      place: query.place,
      theme: query.theme,
      hideRestricted: true,
    }),
    db.selectFrom('themes').select(['id', 'label_sv', 'label_en']).execute(),
    countSamplePosts(db),
  ]);
  return {
    query,
    previous: previousPeriod(period),
    modelVersion,
    generatedAt: new Date(),
    series,
    top,
    notable,
    method,
    matrix,
    themes: new Map(themes.map((t) => [t.id, { sv: t.label_sv, en: t.label_en }])),
    samplePosts: samples,
  };
}
