import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPseudonymiser, loadAuthorKey } from './pseudonym.ts';

describe('pseudonyms', () => {
  const pseudonymise = createPseudonymiser('k'.repeat(32));

  it('is stable, case- and @-insensitive, and never contains the handle', () => {
    const a = pseudonymise('@Mamma_Amal');
    expect(a).toBe(pseudonymise('mamma_amal'));
    expect(a).toMatch(/^a_[0-9a-f]{24}$/);
    expect(a).not.toContain('amal');
  });

  it('differs by key and gives null for no author', () => {
    expect(createPseudonymiser('x'.repeat(32))('someone')).not.toBe(pseudonymise('someone'));
    expect(pseudonymise('  ')).toBeNull();
    expect(pseudonymise(null)).toBeNull();
  });

  it('creates a key file once with mode 0600 and then reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-key-'));
    const file = path.join(dir, 'nested', 'author.key');
    const first = loadAuthorKey(undefined, file);
    expect(first).toHaveLength(64);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadAuthorKey(undefined, file)).toBe(first);
    expect(loadAuthorKey('e'.repeat(40), file)).toBe('e'.repeat(40));
    fs.rmSync(dir, { recursive: true });
  });
});
