import { describe, expect, it } from 'vitest';
import type { ReportData } from '../dashboard/report/report-data.ts';
import { weeklyMail } from './weekly-report-mail.ts';

const WEEK = { week: '2026-W49', from: '2026-11-30', to: '2026-12-06' };
/** The parts of a report the summary reads. */
const report = (samplePosts: number) =>
  ({
    series: { interval: 'day', buckets: [], themes: [], stances: { rumour: [127], counter: [47] } },
    top: [],
    matrix: [],
    method: { posts: 217, sources: [], moreSources: 0, kinds: [], languages: [] },
    modelVersion: 'lr-v1+test',
    samplePosts,
  }) as unknown as ReportData;

describe('weeklyMail', () => {
  it('says in the summary when the database holds generated sample posts (only the PDF said so)', () => {
    const mail = weeklyMail(report(2383), WEEK);
    expect(mail.text).toContain('217 inlägg, varav 127 rykten och 47 motbudskap.');
    expect(mail.text).toMatch(/OBS: databasen innehåller 2\s383 genererade exempelinlägg \(Exempeldata/);
    expect(weeklyMail(report(0), WEEK).text).not.toContain('Exempeldata');
  });
});
