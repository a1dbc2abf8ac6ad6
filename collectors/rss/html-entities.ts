/** Decodes HTML character references (numeric and the HTML 4 named set) in text that has already lost its tags. */

import { cp1252C1 } from './cp1252.ts';

/** HTML 4.01 names in code-point order, grouped where the code points run on without gaps. */
const RUNS: [number, string][] = [
  [
    160,
    'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
      'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde ' +
      'Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc ' +
      'Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml ' +
      'aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc ' +
      'otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml',
  ],
  [913, 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho'],
  [931, 'Sigma Tau Upsilon Phi Chi Psi Omega'],
  [
    945,
    'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau ' +
      'upsilon phi chi psi omega',
  ],
  [977, 'thetasym upsih'],
  [8194, 'ensp emsp'],
  [8204, 'zwnj zwj lrm rlm'],
  [8211, 'ndash mdash'],
  [8216, 'lsquo rsquo sbquo'],
  [8220, 'ldquo rdquo bdquo'],
  [8224, 'dagger Dagger bull'],
  [8592, 'larr uarr rarr darr harr'],
  [8656, 'lArr uArr rArr dArr hArr'],
  [8706, 'part exist'],
  [8711, 'nabla isin notin'],
  [8743, 'and or cap cup int'],
  [8804, 'le ge'],
  [8834, 'sub sup nsub'],
  [8838, 'sube supe'],
  [8968, 'lceil rceil lfloor rfloor'],
];

const SINGLES: Record<string, number> = {
  quot: 34,
  amp: 38,
  apos: 39,
  lt: 60,
  gt: 62,
  OElig: 338,
  oelig: 339,
  Scaron: 352,
  scaron: 353,
  Yuml: 376,
  fnof: 402,
  circ: 710,
  tilde: 732,
  piv: 982,
  thinsp: 8201,
  hellip: 8230,
  permil: 8240,
  prime: 8242,
  Prime: 8243,
  lsaquo: 8249,
  rsaquo: 8250,
  oline: 8254,
  frasl: 8260,
  euro: 8364,
  image: 8465,
  weierp: 8472,
  real: 8476,
  trade: 8482,
  alefsym: 8501,
  crarr: 8629,
  forall: 8704,
  empty: 8709,
  ni: 8715,
  prod: 8719,
  sum: 8721,
  minus: 8722,
  lowast: 8727,
  radic: 8730,
  prop: 8733,
  infin: 8734,
  ang: 8736,
  there4: 8756,
  sim: 8764,
  cong: 8773,
  asymp: 8776,
  ne: 8800,
  equiv: 8801,
  oplus: 8853,
  otimes: 8855,
  perp: 8869,
  sdot: 8901,
  // HTML5 moved these two from U+2329/U+232A, which Unicode deprecated.
  lang: 0x27e8,
  rang: 0x27e9,
  loz: 9674,
  spades: 9824,
  clubs: 9827,
  hearts: 9829,
  diams: 9830,
};

const NAMED: ReadonlyMap<string, string> = new Map([
  ...RUNS.flatMap(([start, names]) =>
    names.split(' ').map((name, offset): [string, string] => [name, String.fromCodePoint(start + offset)]),
  ),
  ...Object.entries(SINGLES).map(([name, code]): [string, string] => [name, String.fromCodePoint(code)]),
]);

/** Number of named references known (HTML 4.01's 252 plus XML's `&apos;`). */
export const NAMED_ENTITY_COUNT = NAMED.size;

/** Numeric reference → text, following the HTML rules (C1 range read as windows-1252, invalid → U+FFFD). */
function fromCodePoint(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return cp1252C1(code);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(code);
}

const REFERENCE = /&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/** Replaces `&name;`, `&#NNN;` and `&#xHH;`; unknown names are left as written. One pass, so `&amp;lt;` → `&lt;`. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name?: string) => {
    if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    return (name !== undefined && NAMED.get(name)) || whole;
  });
}
