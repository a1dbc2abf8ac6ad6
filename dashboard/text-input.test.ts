import { describe, expect, it } from 'vitest';
import { unstorableField } from './text-input.ts';

describe('unstorableField', () => {
  it.each([
    ['plain text in every script', { q: 'soc tar barn', note: 'السوسيال 🇸🇪 خطف' }, null],
    ['a surrogate pair (emoji) is whole', { note: 'ok 😀' }, null],
    ['numbers, booleans and null are not text', { stance: 'rumour', n: 1, ok: true, none: null }, null],
    ['NUL in a field', { q: 'a\u0000b' }, 'q'],
    ['a lone high surrogate', { note: 'a\ud800b' }, 'note'],
    ['a lone low surrogate', { note: '\udc00' }, 'note'],
    ['a high surrogate at the end', { note: 'a\ud83d' }, 'note'],
    ['NUL deep in a JSON body', { labels: [{ note: 'ok' }, { note: '\u0000' }] }, 'labels.1.note'],
    ['NUL in a repeated query field', { theme: ['a', 'b\u0000'] }, 'theme.1'],
    ['NUL in a field name', { 'a\u0000': 'x' }, 'field name'],
  ])('%s', (_name, value, field) => {
    expect(unstorableField(value)).toBe(field);
  });
});
