/** ISO 8601 weeks (Monday to Sunday) on calendar dates (YYYY-MM-DD), for the weekly report. Pure. */

export interface IsoWeek {
  /** e.g. 2026-W44 */
  week: string;
  /** Monday, YYYY-MM-DD */
  from: string;
  /** Sunday, YYYY-MM-DD */
  to: string;
}

const DAY_MS = 86_400_000;
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** 0 = Monday … 6 = Sunday */
const weekday = (ms: number) => (new Date(ms).getUTCDay() + 6) % 7;

/** The ISO week that contains `date`. */
export function isoWeekOf(date: string): IsoWeek {
  const day = utc(date);
  const monday = day - weekday(day) * DAY_MS;
  // The week belongs to the year of its Thursday.
  const thursday = monday + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const number = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return {
    week: `${year}-W${String(number).padStart(2, '0')}`,
    from: iso(monday),
    to: iso(monday + 6 * DAY_MS),
  };
}

/** The full ISO week before the one that contains `date` (what a Monday report covers). */
export function previousIsoWeek(date: string): IsoWeek {
  const monday = utc(isoWeekOf(date).from);
  return isoWeekOf(iso(monday - 7 * DAY_MS));
}

/** Parses `2026-W44`; undefined for a week that does not exist (W53 of a 52-week year). */
export function parseIsoWeek(week: string): IsoWeek | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return undefined;
  const [year, number] = [Number(match[1]), Number(match[2])];
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - weekday(jan4) * DAY_MS + (number - 1) * 7 * DAY_MS;
  const parsed = isoWeekOf(iso(monday));
  return parsed.week === week ? parsed : undefined;
}
