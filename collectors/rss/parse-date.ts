/** Lenient feed date parsing: RFC 822/1123, ISO 8601/RFC 3339 and common deviations; anything else → null. */

/** Zone names V8's parser does not know, as offsets; V8 itself handles GMT, UT(C), Z and the US zones. */
const ZONES: Record<string, string> = {
  CET: '+0100',
  CEST: '+0200',
  MET: '+0100',
  MEST: '+0200',
  EET: '+0200',
  EEST: '+0300',
  WET: '+0000',
  WEST: '+0100',
  BST: '+0100',
  IST: '+0530',
  JST: '+0900',
  KST: '+0900',
  AEST: '+1000',
  AEDT: '+1100',
};

/** Swedish (and a few other) month names feeds write instead of English ones. */
const MONTHS: Record<string, string> = {
  januari: 'Jan',
  jan: 'Jan',
  februari: 'Feb',
  feb: 'Feb',
  mars: 'Mar',
  mar: 'Mar',
  april: 'Apr',
  apr: 'Apr',
  maj: 'May',
  juni: 'Jun',
  jun: 'Jun',
  juli: 'Jul',
  jul: 'Jul',
  augusti: 'Aug',
  aug: 'Aug',
  september: 'Sep',
  sept: 'Sep',
  sep: 'Sep',
  oktober: 'Oct',
  okt: 'Oct',
  november: 'Nov',
  nov: 'Nov',
  december: 'Dec',
  dec: 'Dec',
};

/** Earliest and latest instants we accept: 1970 and 2100. Outside that a feed's date is a placeholder or a bug. */
const MIN_MS = 0;
const MAX_MS = Date.UTC(2100, 0, 1);

function attempt(text: string): Date | null {
  const ms = Date.parse(text);
  return Number.isFinite(ms) && ms >= MIN_MS && ms < MAX_MS ? new Date(ms) : null;
}

const HAS_ZONE = /(?:[+-]\d{2}:?\d{2}|\dZ|\b(?:GMT|UTC?|[ECMP][SD]T))$/i;
/** A year of four digits or a month name: without one, Date.parse turns stray numbers ("12") into dates. */
const LOOKS_LIKE_DATE = /\d{4}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;

/** Without a zone, ES reads a date-time as local time; a collector must not depend on the server's TZ, so use UTC. */
function withZone(text: string): string {
  if (HAS_ZONE.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return `${text.replace(' ', 'T')}Z`;
  return `${text} GMT`;
}

/** Parses a feed date; invalid, empty or absurd dates (before 1970, after 2100) give null. Zoneless dates are UTC. */
export function parseFeedDate(raw: string | null | undefined): Date | null {
  if (!raw) return null;
  let text = raw.trim().replace(/\s+/g, ' ');
  if (!text || text.length > 100 || !LOOKS_LIKE_DATE.test(text)) return null;
  text = text.replace(/\b([A-Z]{3,4})$/, (zone) => ZONES[zone] ?? zone);
  const direct = attempt(withZone(text));
  if (direct) return direct;
  // "mån, 16 nov. 2026 12:00 CET", "16 maj 2026": drop the weekday and dots, translate the month.
  const translated = text
    .replace(/^[^\d,]{2,12},\s*/, '')
    .replace(/(\p{L}+)\.?/gu, (word, name: string) => MONTHS[name.toLowerCase()] ?? word);
  return attempt(withZone(translated));
}
