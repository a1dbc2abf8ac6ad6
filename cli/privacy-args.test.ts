import { describe, expect, test } from 'vitest';
import { BadInputError } from '../core/errors.ts';
import { actorLabel, caseReference } from './privacy-args.ts';

describe('actorLabel', () => {
  test.each([
    ['Dpo@Kommun.SE', 'dpo@kommun.se'],
    [' analyst@example.se ', 'analyst@example.se'],
  ])('%j is the email, lower case', (raw, label) => expect(actorLabel(raw, true)).toBe(label));

  test('without --actor it names the operator, unless required', () => {
    expect(actorLabel(undefined)).toMatch(/^cli/);
    expect(() => actorLabel(undefined, true)).toThrow(/--actor/);
    expect(() => actorLabel('  ', true)).toThrow(/--actor/);
  });

  test('refuses what is not an email', () => {
    expect(() => actorLabel('someone')).toThrow(BadInputError);
  });

  test('refuses an address longer than the 254 characters the audit log and holds keep', () => {
    const local = 'a'.repeat(60);
    const longest = `${local}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.se`;
    expect(longest.length).toBeLessThanOrEqual(254);
    expect(actorLabel(longest)).toBe(longest);
    const tooLong = `${local}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.se`;
    expect(tooLong.length).toBeGreaterThan(254);
    expect(() => actorLabel(tooLong)).toThrow(/--actor: at most 254 characters/);
  });
});

describe('caseReference', () => {
  test.each([
    [undefined, null],
    ['  ', null],
    [' KS 2026/14 ', 'KS 2026/14'],
  ])('%j is %j', (raw, value) => expect(caseReference(raw)).toBe(value));

  test('refuses more than 200 characters instead of cutting them', () => {
    expect(caseReference('x'.repeat(200))).toHaveLength(200);
    expect(() => caseReference('x'.repeat(201))).toThrow(/--case: at most 200 characters/);
  });
});
