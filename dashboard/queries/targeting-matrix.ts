/**
 * Table: the targeting matrix. Themes × languages or themes × municipalities, each cell with rumour posts (by
 * their rumour themes) and counter-messages (by their `about` themes) in the period and the previous period of
 * the same length, the team's latest "answered" mark, and a flag where a rumour is rising with no answer there.
 * Plain rows, one per non-empty cell: the dashboard pivots them, the PDF report (D3) prints them.
 */
import type { Db } from '../../core/db/client.ts';
import { municipalityName } from '../../classifier/places.ts';
import { latestAnsweredCells, type AnsweredCell } from '../../core/db/answered-cells.ts';
import { cellCounts } from './cell-counts.ts';

export interface TargetingMatrixOptions {
  /** YYYY-MM-DD, Stockholm days, inclusive. */
  from: string;
  to: string;
  by: 'lang' | 'place';
  /** Narrow the cells to one post language, one municipality or one theme (the page's and API's filters). */
  lang?: string | undefined;
  place?: string | undefined;
  theme?: string | undefined;
  /** Leave out posts only the security role may see (violence_threats). */
  hideRestricted: boolean;
}

export interface TargetingMatrixRow {
  theme: string;
  label_sv: string;
  label_en: string;
  /** Language code (`und` = undetermined) or four-digit municipality code. */
  key: string;
  /** The municipality's name for `by: 'place'`; the code itself for a language. */
  keyLabel: string;
  rumours: number;
  rumoursPrevious: number;
  rumourSightings: number;
  counters: number;
  countersPrevious: number;
  /** rumours > rumoursPrevious and at least RISING_MIN_POSTS rumours now. */
  rising: boolean;
  /** The cell's latest answered mark made for a day up to `to`, if any. */
  answered: { on: string; link: string; by: string } | null;
  /** Rising, no counter-message seen in the cell this period, and not marked answered. */
  unanswered: boolean;
}

/** Below this many rumour posts in the period a rise is noise, not a signal to act on. */
export const RISING_MIN_POSTS = 2;

export function isRising(current: number, previous: number): boolean {
  return current >= RISING_MIN_POSTS && current > previous;
}

/** A cell of the matrix as the page narrows it: `lang` / `place` are the page's filters, if any. */
export interface MatrixCell {
  theme: string;
  by: 'lang' | 'place';
  key: string;
  lang?: string | undefined;
  place?: string | undefined;
}

/**
 * Whether an answered mark (theme × language, at one municipality or every place) covers a cell. A language
 * cell is answered by a mark for that language everywhere, or at the municipality the page is narrowed to. A
 * municipality cell narrowed to a language is answered by a mark for that language there or everywhere; one
 * counting every language is answered by a mark made there in any language.
 */
export function markAnswers(mark: AnsweredCell, cell: MatrixCell): boolean {
  if (mark.themeId !== cell.theme) return false;
  if (cell.by === 'lang')
    return mark.lang === cell.key && (mark.place === null || mark.place === (cell.place ?? null));
  if (cell.lang === undefined) return mark.place === cell.key;
  return mark.lang === cell.lang && (mark.place === cell.key || mark.place === null);
}

/** The marks in force for a cell on day `to` (answered by then), newest answer first. */
export function marksOfCell(marks: readonly AnsweredCell[], cell: MatrixCell, to: string): AnsweredCell[] {
  return marks.filter((m) => m.answeredOn <= to && markAnswers(m, cell));
}

/** Cells with any rumour or counter-message in the period or the previous one, by theme then key. */
export async function targetingMatrix(
  db: Db,
  modelVersion: string,
  options: TargetingMatrixOptions,
): Promise<TargetingMatrixRow[]> {
  const [cells, themes, marks] = await Promise.all([
    cellCounts(
      db,
      modelVersion,
      {
        from: options.from,
        to: options.to,
        lang: options.lang,
        place: options.place,
        hideRestricted: options.hideRestricted,
      },
      options.by,
      options.theme,
    ),
    db.selectFrom('themes').select(['id', 'label_sv', 'label_en']).orderBy('id').execute(),
    // The latest mark answered by `to`: a later mark of the cell must not hide one that was in force then.
    latestAnsweredCells(db, { answeredBy: options.to }),
  ]);
  const labels = new Map(themes.map((t) => [t.id, t]));
  return cells.map((cell) => {
    const rising = isRising(cell.rumours, cell.rumoursPrevious);
    const [mark] = marksOfCell(
      marks,
      { theme: cell.theme, by: options.by, key: cell.key, lang: options.lang, place: options.place },
      options.to,
    );
    return {
      theme: cell.theme,
      label_sv: labels.get(cell.theme)?.label_sv ?? cell.theme,
      label_en: labels.get(cell.theme)?.label_en ?? cell.theme,
      key: cell.key,
      keyLabel: options.by === 'place' ? (municipalityName(cell.key) ?? cell.key) : cell.key,
      rumours: cell.rumours,
      rumoursPrevious: cell.rumoursPrevious,
      rumourSightings: cell.rumourSightings,
      counters: cell.counters,
      countersPrevious: cell.countersPrevious,
      rising,
      answered: mark ? { on: mark.answeredOn, link: mark.link, by: mark.markedBy } : null,
      unanswered: rising && cell.counters === 0 && !mark,
    };
  });
}
