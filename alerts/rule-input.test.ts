import { describe, expect, test } from 'vitest';
import { parseAllowlist } from '../core/net/address-guard.ts';
import { BadInputError } from '../core/errors.ts';
import { parseRuleFields, type RuleFields } from './rule-input.ts';

const CONTEXT = {
  themes: new Set(['soc_takes_children', 'violence_threats']),
  security: false,
  allowlist: parseAllowlist(''),
};
const OK: RuleFields = {
  name: ' Arabiska ',
  kinds: ['spike', 'wave'],
  theme: 'soc_takes_children',
  lang: 'ar',
};

const reasonOf = (fields: RuleFields, context = CONTEXT): string => {
  try {
    parseRuleFields(fields, context);
    return 'ok';
  } catch (error) {
    return error instanceof BadInputError ? error.reason : 'other';
  }
};

test('a good rule comes back normalised', () => {
  expect(
    parseRuleFields({ ...OK, emails: 'A@Kommun.se; b@kommun.se a@kommun.se', place: '1480' }, CONTEXT),
  ).toEqual({
    name: 'Arabiska',
    themeId: 'soc_takes_children',
    lang: 'ar',
    place: '1480',
    kinds: ['spike', 'wave'],
    minScore: 5,
    webhookUrl: null,
    emails: ['a@kommun.se', 'b@kommun.se'],
    locale: 'sv',
  });
});

describe('refusals name the field', () => {
  test.each<[string, RuleFields, string]>([
    ['no name', { ...OK, name: '  ' }, 'name'],
    ['no kind', { ...OK, kinds: [] }, 'kinds'],
    ['unknown kind', { ...OK, kinds: ['spike', 'rumour'] }, 'kinds'],
    ['unknown theme', { ...OK, theme: 'nope' }, 'theme'],
    ['restricted theme without security', { ...OK, theme: 'violence_threats' }, 'theme'],
    ['unknown language', { ...OK, lang: 'xx' }, 'lang'],
    ['unknown place', { ...OK, place: '9999' }, 'place'],
    ['unknown sensitivity', { ...OK, sensitivity: 'max' }, 'sensitivity'],
    ['custom score not a number', { ...OK, sensitivity: 'custom', minScore: 'x' }, 'minScore'],
    ['custom score left empty (not 0)', { ...OK, sensitivity: 'custom', minScore: '' }, 'minScore'],
    ['custom score negative', { ...OK, sensitivity: 'custom', minScore: '-1' }, 'minScore'],
    ['custom score in hex', { ...OK, sensitivity: 'custom', minScore: '0x10' }, 'minScore'],
    ['private webhook', { ...OK, webhookUrl: 'http://192.168.1.10/hook' }, 'webhookUrl'],
    ['loopback webhook', { ...OK, webhookUrl: 'http://127.0.0.1:8080/hook' }, 'webhookUrl'],
    ['metadata webhook', { ...OK, webhookUrl: 'http://[fd00:ec2::254]/' }, 'webhookUrl'],
    ['webhook with credentials', { ...OK, webhookUrl: 'https://u:p@hooks.example.org/' }, 'webhookUrl'],
    ['not http', { ...OK, webhookUrl: 'file:///etc/passwd' }, 'webhookUrl'],
    ['bad email', { ...OK, emails: 'a@kommun.se, nope' }, 'emails'],
  ])('%s', (_name, fields, reason) => {
    expect(reasonOf(fields)).toBe(reason);
  });
});

test('allowed: a public name, an allowlisted loopback address, restricted theme for security', () => {
  expect(parseRuleFields({ ...OK, webhookUrl: 'https://hooks.example.org/x' }, CONTEXT).webhookUrl).toBe(
    'https://hooks.example.org/x',
  );
  const loopback = { ...CONTEXT, allowlist: parseAllowlist('127.0.0.1/32') };
  expect(reasonOf({ ...OK, webhookUrl: 'http://127.0.0.1:8080/hook' }, loopback)).toBe('ok');
  expect(reasonOf({ ...OK, theme: 'violence_threats' }, { ...CONTEXT, security: true })).toBe('ok');
  expect(parseRuleFields({ ...OK, sensitivity: 'custom', minScore: '4,5' }, CONTEXT).minScore).toBe(4.5);
  expect(parseRuleFields({ ...OK, sensitivity: 'custom', minScore: '0' }, CONTEXT).minScore).toBe(0);
});
