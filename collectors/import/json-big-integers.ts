/**
 * Post ids in JSON exports are often 64-bit integers (tweet and Facebook ids: 1860000000000000001), which
 * JSON.parse rounds to the nearest double, so two posts would share an id. Node 20 has no JSON source-text access,
 * so integers past Number.MAX_SAFE_INTEGER are turned into strings first, outside string literals only.
 */

/** A JSON number token, read whole so a long fraction is never mistaken for an integer. */
const NUMBER = /(-?\d+)(\.\d+)?([eE][+-]?\d+)?/y;

/** The JSON text with every integer literal beyond ±2^53 − 1 quoted; everything else byte for byte the same. */
export function quoteBigIntegers(json: string): string {
  // Fast path: without a run of 16+ digits there is nothing to quote.
  if (!/\d{16}/.test(json)) return json;
  let out = '';
  let copiedTo = 0;
  let inString = false;
  for (let i = 0; i < json.length; i += 1) {
    const char = json[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(json);
    if (!match) continue;
    const [token, , fraction, exponent] = match;
    const end = i + token.length;
    if (!fraction && !exponent && !Number.isSafeInteger(Number(token)) && /\d{16}/.test(token)) {
      out += `${json.slice(copiedTo, i)}"${token}"`;
      copiedTo = end;
    }
    i = end - 1;
  }
  return copiedTo === 0 ? json : out + json.slice(copiedTo);
}
