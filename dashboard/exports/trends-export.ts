/**
 * Exports of a trend series (the overview's query, `themeTrend`) as CSV, one row per bucket and theme, or JSON
 * (the API's answer). A series is bounded by its buckets × themes, so it is built in one query and written in chunks.
 */
import type { Writable } from 'node:stream';
import type { Db } from '../../core/db/client.ts';
import type { TrendsQuery } from '../params.ts';
import { themeTrend } from '../queries/theme-trend.ts';
import { csvRow, UTF8_BOM } from './csv.ts';
import { write } from './write-stream.ts';

/** `days`: days of the bucket inside the period (a week cut by the period's ends counts only those). */
export const TREND_CSV_COLUMNS = [
  'bucket',
  'interval',
  'theme',
  'label_sv',
  'label_en',
  'posts',
  'days',
] as const;

/** CSV (UTF-8 with BOM): rumour posts per bucket start (Stockholm days or ISO weeks) and theme; does not end `out`. */
export async function streamTrendsCsv(
  db: Db,
  modelVersion: string,
  query: TrendsQuery,
  out: Writable,
  options: { hideRestricted: boolean },
): Promise<{ rows: number }> {
  const trend = await themeTrend(db, modelVersion, query, options);
  await write(out, UTF8_BOM + csvRow(TREND_CSV_COLUMNS));
  let rows = 0;
  for (const series of trend.series) {
    const lines = trend.buckets.map((bucket, i) =>
      csvRow([
        bucket,
        trend.interval,
        series.theme,
        series.label_sv,
        series.label_en,
        series.counts[i] ?? 0,
        trend.bucketDays[i] ?? 0,
      ]),
    );
    rows += lines.length;
    await write(out, lines.join(''));
  }
  return { rows };
}

/** JSON: the trend as /api/trends answers it; does not end `out`. */
export async function streamTrendsJson(
  db: Db,
  modelVersion: string,
  query: TrendsQuery,
  out: Writable,
  options: { hideRestricted: boolean },
): Promise<{ rows: number }> {
  const trend = await themeTrend(db, modelVersion, query, options);
  await write(out, `${JSON.stringify(trend)}\n`);
  return { rows: trend.series.length * trend.buckets.length };
}
