/**
 * HTML fragment → plain text, without ever interpreting it: tags and comments dropped, script/style (and other
 * non-text elements) dropped with their content, entities decoded once, encoding damage repaired, whitespace
 * collapsed with one newline between blocks. A linear scanner, so hostile input cannot make it backtrack.
 */
import { decodeEntities } from './html-entities.ts';
import { repairText } from './repair-text.ts';

/** Raw-text elements: their content is code or markup, and like a browser we drop it up to the end if they never close. */
const RAW_TEXT = new Set(['script', 'style', 'template', 'textarea', 'title', 'xmp', 'noembed']);

/** Elements whose content is not text for a reader; dropped with their content when closed, else just the tag. */
const CONTAINERS = new Set([
  'applet',
  'audio',
  'canvas',
  'frameset',
  'head',
  'iframe',
  'math',
  'noframes',
  'noscript',
  'object',
  'select',
  'svg',
  'video',
]);

/** Elements that start a new line. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);

const TAG_START = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)/y;

/** Index just past the `>` closing the tag that starts at `from`, honouring quoted attribute values; `html.length` if none. */
function tagEnd(html: string, from: number): number {
  let quote: string | null = null;
  let previous = '';
  for (let i = from; i < html.length; i += 1) {
    const char = html[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if ((char === '"' || char === "'") && previous === '=') {
      // Only a quote right after `=` opens a value; the apostrophe in `title=It's` does not.
      quote = char;
    } else if (char === '>') {
      return i + 1;
    }
    if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') previous = char ?? '';
  }
  return html.length;
}

/** Index just past `</name ...>`, searched case-insensitively from `from`; null when the element never closes. */
function closingTagEnd(html: string, name: string, from: number): number | null {
  const closing = new RegExp(`</${name}(?=[\\s/>]|$)`, 'gi');
  closing.lastIndex = from;
  const match = closing.exec(html);
  return match ? tagEnd(html, match.index + match[0].length) : null;
}

/** Drops markup and returns the text pieces, with `\n` where a block element began or ended. */
function stripMarkup(html: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<![CDATA[', lt)) {
      const end = html.indexOf(']]>', lt + 9);
      out.push(html.slice(lt + 9, end < 0 ? html.length : end));
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    TAG_START.lastIndex = lt;
    const tag = TAG_START.exec(html);
    if (!tag) {
      const next = html[lt + 1];
      // `<!DOCTYPE …>`, `<?php …?>` and the like are markup; a lone `<` as in "a < b" is text.
      if (next === '!' || next === '?') {
        i = tagEnd(html, lt);
      } else {
        out.push('<');
        i = lt + 1;
      }
      continue;
    }
    const closing = tag[1] === '/';
    const name = (tag[2] ?? '').toLowerCase();
    const end = tagEnd(html, lt + tag[0].length);
    const selfClosing = html[end - 2] === '/';
    if (!closing && !selfClosing && (RAW_TEXT.has(name) || CONTAINERS.has(name))) {
      const after = closingTagEnd(html, name, end);
      if (after !== null || RAW_TEXT.has(name)) {
        i = after ?? html.length;
        continue;
      }
    }
    if (BLOCKS.has(name)) out.push('\n');
    else if (name === 'td' || name === 'th') out.push(' ');
    i = end;
  }
  return out.join('');
}

/** One space for any run of horizontal white space, trimmed lines, no empty lines. */
function collapseWhitespace(text: string): string {
  return text
    .split(/[\r\n\u2028\u2029]+/)
    .map((line) => line.replace(/[\s\u00a0\u200b]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Plain text of an HTML (or plain-text) fragment; `''` for empty input. Never executes or fetches anything. */
export function htmlToText(html: string): string {
  if (!html) return '';
  const text = html.includes('<') ? stripMarkup(html) : html;
  return collapseWhitespace(repairText(decodeEntities(text)));
}
