import { describe, expect, it } from 'vitest';
import type { AnsweredCell } from '../../core/db/answered-cells.ts';
import { markAnswers, marksOfCell, type MatrixCell } from './targeting-matrix.ts';

const mark = (lang: string, place: string | null, answeredOn = '2026-12-03'): AnsweredCell => ({
  id: 1,
  themeId: 'forced_secularisation',
  lang,
  place,
  answeredOn,
  link: 'https://example.org/svar',
  note: null,
  markedBy: 'analytiker@kommun.se',
  markedAt: new Date('2026-12-03T10:00:00Z'),
});
const cell = (by: 'lang' | 'place', key: string, narrow: Partial<MatrixCell> = {}): MatrixCell => ({
  theme: 'forced_secularisation',
  by,
  key,
  ...narrow,
});

describe('which answered marks cover a matrix cell', () => {
  it('a language cell: the language everywhere, or at the municipality the page is narrowed to', () => {
    expect(markAnswers(mark('ar', null), cell('lang', 'ar'))).toBe(true);
    expect(markAnswers(mark('ar', '1480'), cell('lang', 'ar'))).toBe(false);
    expect(markAnswers(mark('ar', '1480'), cell('lang', 'ar', { place: '1480' }))).toBe(true);
    expect(markAnswers(mark('ar', '1280'), cell('lang', 'ar', { place: '1480' }))).toBe(false);
    expect(markAnswers(mark('so', null), cell('lang', 'ar', { place: '1480' }))).toBe(false);
  });

  it('a municipality cell narrowed to a language: only a mark in that language, there or everywhere', () => {
    expect(markAnswers(mark('so', '1280'), cell('place', '1280', { lang: 'ar' }))).toBe(false);
    expect(markAnswers(mark('ar', '1280'), cell('place', '1280', { lang: 'ar' }))).toBe(true);
    expect(markAnswers(mark('ar', null), cell('place', '1280', { lang: 'ar' }))).toBe(true);
  });

  it('a municipality cell of every language: a mark made there in any language', () => {
    expect(markAnswers(mark('so', '1280'), cell('place', '1280'))).toBe(true);
    expect(markAnswers(mark('so', null), cell('place', '1280'))).toBe(false);
    expect(markAnswers(mark('so', '1480'), cell('place', '1280'))).toBe(false);
  });

  it('another theme never, and marks for days after the period are not in force', () => {
    expect(markAnswers({ ...mark('ar', null), themeId: 'leave_sweden' }, cell('lang', 'ar'))).toBe(false);
    const marks = [mark('ar', null, '2026-12-07'), mark('ar', null, '2026-11-20')];
    expect(marksOfCell(marks, cell('lang', 'ar'), '2026-11-30').map((m) => m.answeredOn)).toEqual([
      '2026-11-20',
    ]);
  });
});
