/**
 * Just enough PDF reading to check what Chromium printed: the text of every page (through each font's ToUnicode
 * map) and the document's /Title. Handles Chromium's (Skia's) output: plain objects, Flate streams, CID fonts with
 * 2-byte codes. Not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const pattern = /(\d+) 0 obj\b([\s\S]*?)\bendobj/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const body = match[2] ?? '';
    const at = body.search(/\bstream\r?\n/);
    let stream: Buffer | null = null;
    let dict = body;
    if (at >= 0) {
      dict = body.slice(0, at);
      const start = body.indexOf('\n', at) + 1;
      const raw = Buffer.from(
        body.slice(start, body.lastIndexOf('endstream')).replace(/\r?\n$/, ''),
        'latin1',
      );
      stream = /\/FlateDecode/.test(dict) ? safeInflate(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
  }
  return objects;
}

function safeInflate(raw: Buffer): Buffer | null {
  try {
    return inflateSync(raw);
  } catch {
    return null;
  }
}

const codePoints = (hex: string) => {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
};

/** code (hex, as in the content stream) → Unicode text. */
function readCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(parseInt(pair[1] ?? '0', 16), codePoints(pair[2] ?? ''));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
    )) {
      const lo = parseInt(range[1] ?? '0', 16);
      const hi = parseInt(range[2] ?? '0', 16);
      const first = parseInt(range[3] ?? '0', 16);
      for (let code = lo; code <= hi && code - lo < 65_536; code += 1) {
        map.set(code, String.fromCodePoint(first + code - lo));
      }
    }
  }
  return map;
}

export interface PdfText {
  title: string | null;
  /**
   * All shown text, in content-stream order, whitespace collapsed to single spaces. Chromium places glyphs one by
   * one (`Td`), so only a new text matrix or block counts as a break: a wrapped line may lose its space.
   */
  text: string;
}

export function readPdfText(pdf: Buffer): PdfText {
  const objects = readObjects(pdf);
  const fontMaps = new Map<string, Map<number, string>>();
  const cmapOfFont = (id: number) => {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(id)?.dict ?? '')?.[1];
    const stream = ref ? objects.get(Number(ref))?.stream : null;
    return stream ? readCmap(stream.toString('latin1')) : new Map<number, string>();
  };
  for (const { dict } of objects.values()) {
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(dict)?.[1];
    for (const entry of fonts?.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g) ?? []) {
      if (entry[1] && !fontMaps.has(entry[1])) fontMaps.set(entry[1], cmapOfFont(Number(entry[2])));
    }
  }
  let out = '';
  for (const { stream } of objects.values()) {
    if (!stream) continue;
    const content = stream.toString('latin1');
    if (!/\bTf\b/.test(content) || !/\bT[jJ]\b/.test(content)) continue;
    let font = new Map<number, string>();
    const tokens = /\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|(-?\d+(?:\.\d+)?)|\b(T\*|Tm|ET)\b/g;
    for (let token = tokens.exec(content); token; token = tokens.exec(content)) {
      if (token[1]) font = fontMaps.get(token[1]) ?? new Map();
      else if (token[2] !== undefined) {
        for (let i = 0; i + 4 <= token[2].length; i += 4)
          out += font.get(parseInt(token[2].slice(i, i + 4), 16)) ?? '';
      } else if (token[3] !== undefined) {
        // Inside TJ a large negative adjustment is a word gap.
        if (Number(token[3]) < -200) out += ' ';
      } else if (token[4]) out += ' ';
    }
  }
  const titleHex = /\/Title\s*<FEFF([0-9A-Fa-f]*)>/.exec(pdf.toString('latin1'))?.[1];
  return {
    title: titleHex !== undefined ? codePoints(titleHex) : null,
    text: out.replace(/\s+/g, ' ').trim(),
  };
}
