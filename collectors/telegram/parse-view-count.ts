/** Telegram's short view counts (pure): "401", "1.2K", "3,4K", "12.7K", "1M", "1 234" → a whole number, or null. */

const SHORT = /^(\d+)(?:[.,](\d+))?([KMB])?$/;
const MULTIPLIER: Record<string, number> = { K: 1_000, M: 1_000_000, B: 1_000_000_000 };

export function parseViewCount(raw: string): number | null {
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '').toUpperCase();
  // "1,234" without a suffix is a thousands separator, not a decimal comma.
  if (/^\d{1,3}(?:[,.]\d{3})+$/.test(compact)) return Number(compact.replace(/[,.]/g, ''));
  const match = SHORT.exec(compact);
  if (!match) return null;
  const [, whole = '', fraction, suffix] = match;
  const value = Number(fraction ? `${whole}.${fraction}` : whole);
  const count = Math.round(value * (suffix ? (MULTIPLIER[suffix] ?? 1) : 1));
  return Number.isSafeInteger(count) ? count : null;
}
