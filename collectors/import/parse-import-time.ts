/**
 * Times as exports write them: ISO 8601 with a zone, `YYYY-MM-DD[ HH:mm[:ss]]` without one (read as local time in
 * the source's time zone, Europe/Stockholm unless set), the same with a zone suffix (`UTC`, `CET`, `EST`, `+01:00`,
 * as CrowdTangle writes it), and Unix seconds or milliseconds. Anything else is null: the row is reported, not guessed.
 */

/** Earliest and latest instants accepted (1970, 2100): outside that an export's time is a placeholder or a bug. */
const MIN_MS = 0;
const MAX_MS = Date.UTC(2100, 0, 1);

/** Zone abbreviations exports append; US ones as CrowdTangle used them (its CST is Central, not China). */
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  Z: 0,
  UTC: 0,
  GMT: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const LOCAL =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{3,4}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when the runtime knows the IANA zone name (e.g. `Europe/Stockholm`). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (Stockholm in summer: +7,200,000). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts['year'] ?? 1970,
    (parts['month'] ?? 1) - 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
    parts['second'] ?? 0,
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * Wall-clock time in a zone → UTC ms: the instants, under the offsets in force a day either side, that the zone
 * shows as that wall time. In the autumn overlap the earlier of the two wins; a time in the spring gap, which no
 * instant shows, is read with the offset before the change. (Reading the offset at the wall time taken as UTC put
 * 01:00–01:59 of the spring day an hour early in Stockholm, where the change is at 01:00 UTC.)
 */
function zonedToUtc(wallMs: number, timeZone: string): number {
  const before = zoneOffsetMs(wallMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(wallMs + DAY_MS, timeZone);
  const shown = [wallMs - before, wallMs - after].filter(
    (utc) => utc + zoneOffsetMs(utc, timeZone) === wallMs,
  );
  return shown.length > 0 ? Math.min(...shown) : wallMs - before;
}

function zoneSuffixMinutes(zone: string): number | null {
  if (zone in ZONE_OFFSETS) return ZONE_OFFSETS[zone] ?? null;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return minutes > 14 * 60 ? null : (match[1] === '-' ? -1 : 1) * minutes;
}

function inRange(ms: number): Date | null {
  return Number.isFinite(ms) && ms >= MIN_MS && ms < MAX_MS ? new Date(ms) : null;
}

function parseCalendar(text: string, timeZone: string): Date | null {
  const match = LOCAL.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = match[7] ? Number(`0.${match[7]}`) * 1000 : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February into March; a real export never means that.
  if (new Date(wall).getUTCDate() !== day) return null;
  const zone = match[8];
  if (zone === undefined) return inRange(zonedToUtc(wall, timeZone) + fraction);
  const offset = zoneSuffixMinutes(zone);
  return offset === null ? null : inRange(wall - offset * 60_000 + fraction);
}

/**
 * Parses an export's time value; null when empty is not an error (the caller decides), and for anything it cannot
 * read. Unix times: 9–11 digits are seconds (optionally with a fraction), 12–14 digits are milliseconds.
 */
export function parseImportTime(raw: unknown, timeZone: string): Date | null {
  if (typeof raw === 'number') return parseImportTime(String(raw), timeZone);
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!text || text.length > 64) return null;
  if (/^\d{9,11}(\.\d+)?$/.test(text)) return inRange(Math.round(Number(text) * 1000));
  if (/^\d{12,14}$/.test(text)) return inRange(Number(text));
  return parseCalendar(text.replace(/\s+/g, ' '), timeZone);
}
