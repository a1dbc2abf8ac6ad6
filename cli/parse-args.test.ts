import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BadInputError } from '../core/errors.ts';
import { outputFile, positiveId, wholeNumber, writeFileAtomically } from './parse-args.ts';

describe('positiveId', () => {
  test.each([
    ['1', 1],
    ['42', 42],
  ])('%s', (raw, id) => expect(positiveId('--post', raw)).toBe(id));

  test.each(['0', '-1', '1.5', 'abc', '', '9999999999999999', '0x2', '1e3', ' 2', '2 ', '+2', '0b1'])(
    'refuses %j',
    (raw) => {
      expect(() => positiveId('--post', raw)).toThrow(BadInputError);
    },
  );
});

describe('wholeNumber', () => {
  test.each([
    ['1', 1],
    ['20', 20],
    ['1000', 1000],
  ])('%s', (raw, n) => expect(wholeNumber('--limit', raw, 1, 1_000)).toBe(n));

  test.each(['0', '1001', 'abc', '', '1e2', '0x10', '2.0', '-3', ' 4'])(
    'refuses %j, naming the flag',
    (raw) => {
      expect(() => wholeNumber('--limit', raw, 1, 1_000)).toThrow(
        /^--limit: expected a whole number from 1 to 1000, not /,
      );
      try {
        wholeNumber('--limit', raw, 1, 1_000);
      } catch (error) {
        expect((error as BadInputError).reason).toBe('bad-limit');
      }
    },
  );
});

describe('output files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-parse-args-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('outputFile refuses a missing folder and a folder as the file, before anything is written', () => {
    expect(outputFile('--out', path.join(dir, 'a.json'))).toBe(path.join(dir, 'a.json'));
    expect(() => outputFile('--out', path.join(dir, 'missing', 'a.json'))).toThrow(
      /^--out: no such directory: /,
    );
    expect(() => outputFile('--out', dir)).toThrow(/is a directory; give a file name/);
    const file = path.join(dir, 'plain');
    fs.writeFileSync(file, '');
    expect(() => outputFile('--out', path.join(file, 'a.json'))).toThrow(/^--out: not a directory: /);
  });

  test('writeFileAtomically leaves an existing world-readable file at mode 0600', () => {
    const out = path.join(dir, 'export.json');
    fs.writeFileSync(out, 'old', { mode: 0o644 });
    fs.chmodSync(out, 0o644);
    writeFileAtomically(out, 'new personal data');
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(out, 'utf8')).toBe('new personal data');
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  test('writeFileAtomically reports a missing folder in one line', () => {
    expect(() => writeFileAtomically(path.join(dir, 'missing', 'a.json'), 'x')).toThrow(
      /missing\/a\.json: no such file or directory$/,
    );
  });
});
