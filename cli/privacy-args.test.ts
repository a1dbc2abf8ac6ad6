import { describe, expect, test } from 'vitest';
import { BadInputError } from '../core/errors.ts';
import { actorLabel, positiveId } from './privacy-args.ts';

describe('positiveId', () => {
  test.each([
    ['1', 1],
    ['42', 42],
  ])('%s', (raw, id) => expect(positiveId('--post', raw)).toBe(id));

  test.each(['0', '-1', '1.5', 'abc', '', '9999999999999999'])('refuses %j', (raw) => {
    expect(() => positiveId('--post', raw)).toThrow(BadInputError);
  });
});

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
});
