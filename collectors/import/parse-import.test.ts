import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CollectedItem } from '../source-kind.ts';
import type { ImportColumns } from './import-row.ts';
import {
  createImportParser,
  endsInsideQuotes,
  jsonPath,
  type ImportSettings,
  type ParsedRow,
} from './parse-import.ts';

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../../test/fixtures/import/${name}`, import.meta.url), 'utf8');

const CROWDTANGLE: ImportColumns = {
  text: 'Message',
  time: 'Post Created',
  author: 'User Name',
  url: 'URL',
  views: 'Post Views',
  forwards: 'Shares',
  reactions: 'Total Interactions',
};
const SNSCRAPE: ImportColumns = {
  text: 'rawContent',
  time: 'date',
  author: 'user.username',
  url: 'url',
  id: 'id',
  views: 'viewCount',
  forwards: 'retweetCount',
  reactions: 'likeCount',
};

const csv = (columns: ImportColumns, delimiter = ','): ImportSettings => ({
  format: 'csv',
  delimiter,
  timeZone: 'Europe/Stockholm',
  columns,
});

/** Feeds text as a file reader would: lines without their breaks (`\r\n` or `\n`), BOM already removed. */
function parseAll(text: string, settings: ImportSettings, skipThroughLine = 0): ParsedRow[] {
  const parser = createImportParser(settings, skipThroughLine);
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return [...lines.flatMap((line) => parser.push(line.replace(/\r$/, ''))), ...parser.end()];
}

const items = (rows: ParsedRow[]): (CollectedItem & { line: number })[] =>
  rows.flatMap((row) => ('item' in row ? [{ ...row.item, line: row.line }] : []));
const skips = (rows: ParsedRow[]) =>
  rows.flatMap((row) => ('skipped' in row ? [[row.skipped.externalId, row.skipped.reason]] : []));

describe('CSV in the CrowdTangle shape', () => {
  const rows = parseAll(fixture('crowdtangle-export.csv'), csv(CROWDTANGLE));

  it('reads the good rows with the line each starts on, a multiline cell as one row', () => {
    const good = items(rows);
    expect(good.map((item) => item.line)).toEqual([2, 5, 6, 9]);
    expect(good[0]?.text).toBe(
      'VARNING till alla föräldrar!!\nSoc tog två barn från en familj i Angered igår, direkt från förskolan, ' +
        'utan förklaring.\nDela innan det raderas 😡 #slutakidnappavårabarn',
    );
    expect(good[1]?.text).toMatch(/^السوسيال في السويد/);
    expect(good[2]?.text).toMatch(/^Sosyaalka ayaa/);
    expect(good[3]?.text).toContain('Socialtjänsten "tar" inte barn.');
  });

  it('maps time, author, link and counts', () => {
    const [sv, ar, , counter] = items(rows);
    expect(sv).toMatchObject({
      author: 'foraldrar.angered',
      url: 'https://www.facebook.com/groups/foraldrarangered/posts/1001',
      publishedAt: new Date('2026-11-18T20:14:05Z'),
      metrics: { forwards: 96, reactions: 412 },
    });
    expect(ar?.metrics).toEqual({ forwards: 388, reactions: 1204 });
    expect(counter?.metrics).toEqual({ views: 5412, forwards: 20, reactions: 88 });
    expect(new Set(items(rows).map((item) => item.externalId)).size).toBe(4);
  });

  it('reports the bad date and the empty message by line number', () => {
    expect(skips(rows)).toEqual([
      ['line 7', 'unreadable time in column "Post Created": "igår 14:00"'],
      ['line 8', 'no text in column "Message"'],
    ]);
  });

  it('gives each row the same id on a second read', () => {
    const again = items(parseAll(fixture('crowdtangle-export.csv'), csv(CROWDTANGLE)));
    expect(again.map((item) => item.externalId)).toEqual(items(rows).map((item) => item.externalId));
  });

  it('skips the lines an earlier poll finished, still reading the header', () => {
    const resumed = parseAll(fixture('crowdtangle-export.csv'), csv(CROWDTANGLE), 5);
    expect(resumed.map((row) => row.line)).toEqual([6, 7, 8, 9]);
  });
});

describe('CSV edge cases', () => {
  const columns: ImportColumns = { text: 'text', id: 'id' };

  it.each([
    ['semicolon delimiter', 'id;text\n1;hej på dig\n', ';', [['1', 'hej på dig']]],
    ['tab delimiter', 'id\ttext\n1\thej\n', '\t', [['1', 'hej']]],
    [
      'blank lines pass silently',
      'id,text\n\n1,a\n\n\n2,b\n',
      ',',
      [
        ['1', 'a'],
        ['2', 'b'],
      ],
    ],
    ['short rows (relaxed column count)', 'id,x,text\n1,y,a\n2\n', ',', [['1', 'a']]],
    ['long rows', 'id,text\n1,a,extra,more\n', ',', [['1', 'a']]],
    ['header names matched ignoring case and space', ' ID , Text \n1,a\n', ',', [['1', 'a']]],
    ['a stray quote inside an unquoted cell', 'id,text\n1,a 5" screen\n', ',', [['1', 'a 5" screen']]],
  ])('%s', (_name, text, delimiter, expected) => {
    const rows = parseAll(text, csv(columns, delimiter));
    expect(items(rows).map((item) => [item.externalId, item.text])).toEqual(expected);
  });

  it('refuses the first line of a quote that never closes and reads the lines after it', () => {
    const rows = parseAll('id,text\n1,"never closed\n2,fine\n3,also fine\n', csv(columns));
    expect(skips(rows)).toEqual([['line 2', 'a quote that is never closed']]);
    expect(items(rows).map((item) => [item.line, item.externalId])).toEqual([
      [3, '2'],
      [4, '3'],
    ]);
  });

  it('says which column is missing from the header, and lists the ones there are', () => {
    expect(() => parseAll('id,body\n1,a\n', csv(columns))).toThrow(
      /no column "text" in the header \(columns: "id", "body"\)/,
    );
  });

  it('refuses a file without a header', () => {
    expect(() => parseAll('\n\n', csv(columns))).toThrow(/no header/);
  });
});

describe('JSON lines in the snscrape shape', () => {
  const settings: ImportSettings = { ...csv(SNSCRAPE), format: 'jsonl' };
  const rows = parseAll(fixture('snscrape-tweets.jsonl'), settings);

  it('reads the whole lines with nested fields and 64-bit ids intact', () => {
    expect(items(rows).map((item) => [item.line, item.externalId, item.author])).toEqual([
      [1, '1860000000000000001', 'mamma_i_gbg'],
      [2, '1860000000000000002', 'abu_omar_se'],
      [4, '1860000000000000004', 'faktakoll_se'],
    ]);
    expect(items(rows)[0]).toMatchObject({
      publishedAt: new Date('2026-11-18T20:11:03Z'),
      metrics: { views: 9120, forwards: 57, reactions: 203 },
    });
    expect(items(rows)[2]?.metrics).toEqual({ forwards: 88, reactions: 340 });
  });

  it('reports the cut-off line by number', () => {
    expect(skips(rows)).toEqual([['line 3', expect.stringMatching(/^not JSON: /)]]);
  });

  it.each([
    ['an array', '[1,2]', 'not a JSON object'],
    ['a string', '"text"', 'not a JSON object'],
    ['text missing', '{"date":"2026-01-01"}', 'no text in column "rawContent"'],
  ])('refuses %s', (_name, line, reason) => {
    expect(skips(parseAll(`${line}\n`, settings))).toEqual([['line 1', reason]]);
  });
});

describe('jsonPath', () => {
  it.each([
    [{ user: { name: 'a' } }, 'user.name', 'a'],
    [{ 'user.name': 'flat', user: { name: 'nested' } }, 'user.name', 'flat'],
    [{ user: null }, 'user.name', undefined],
    [{ user: ['a'] }, 'user.0', undefined],
    [{ a: 1 }, 'constructor', undefined],
  ])('%j %s', (record, path, expected) => {
    expect(jsonPath(record, path)).toBe(expected);
  });
});

describe('endsInsideQuotes', () => {
  it.each([
    ['plain', 'a,b', false, false],
    ['opens a cell', 'a,"b', false, true],
    ['opens and closes', 'a,"b,c"', false, false],
    ['escaped quote stays inside', 'a,"b ""x', false, true],
    ['a quote mid-cell is text', 'a,5" screen', false, false],
    ['continues and closes', 'end of cell",x', true, false],
    ['continues with an escaped quote', 'say ""hi""', true, true],
    ['closing then a new quoted cell', 'x",""', true, false],
  ])('%s', (_name, line, before, after) => {
    expect(endsInsideQuotes(line, ',', before)).toBe(after);
  });
});
