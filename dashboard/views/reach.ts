/**
 * "Reach" as the issue defines it: views where the sources give them, otherwise post counts. A chart compares
 * rumours and counter-messages in one measure and says which, and how many posts report it.
 */
import type { Formatters, Locale } from '../locale.ts';
import type { BucketChart } from '../queries/bucket-series.ts';

export interface Reach {
  measure: 'views' | 'posts';
  /** Axis title and table unit. */
  axis: string;
  postsWithViews: number;
  posts: number;
}

export function reachOf(chart: BucketChart, locale: Locale = 'sv'): Reach {
  const posts = chart.series.reduce((sum, s) => sum + s.total, 0);
  const postsWithViews = chart.series.reduce((sum, s) => sum + s.postsWithViews, 0);
  const measure = postsWithViews > 0 ? 'views' : 'posts';
  const axis =
    measure === 'views'
      ? locale === 'sv'
        ? 'Visningar enligt källan'
        : 'Views reported by the source'
      : locale === 'sv'
        ? 'Antal inlägg'
        : 'Number of posts';
  return { measure, axis, postsWithViews, posts };
}

export function reachNote(locale: Locale, fmt: Formatters, reach: Reach): string {
  if (reach.measure === 'views') {
    return locale === 'sv'
      ? `Räckvidd = visningar som källan anger. ${fmt.number(reach.postsWithViews)} av ${fmt.number(reach.posts)} inlägg anger visningar; övriga räknas inte med.`
      : `Reach = views reported by the source. ${fmt.number(reach.postsWithViews)} of ${fmt.number(reach.posts)} posts report views; the others are not counted.`;
  }
  return locale === 'sv'
    ? 'Räckvidd = antal inlägg: inga av källorna anger visningar för dessa inlägg.'
    : 'Reach = number of posts: none of the sources report views for these posts.';
}
