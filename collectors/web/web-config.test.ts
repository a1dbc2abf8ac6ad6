import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../core/errors.ts';
import { parseWebOptions, selectorsOf, webConfigSchema } from './web-config.ts';

describe('parseWebOptions', () => {
  it('keeps the selectors and fills the limits', () => {
    const config = parseWebOptions({ item: ' article.post ', text: '.body', link: 'a.permalink' });
    expect(config).toEqual({
      item: 'article.post',
      text: '.body',
      link: 'a.permalink',
      scrolls: 3,
      maxItems: 100,
    });
    expect(webConfigSchema.parse(config)).toEqual(config);
    expect(selectorsOf(config)).toEqual([
      ['item', 'article.post'],
      ['text', '.body'],
      ['link', 'a.permalink'],
    ]);
  });

  it.each([
    [{ text: '.body' }, /needs -o item=<css> and -o text=<css>/],
    [{ item: 'article', text: '   ' }, /-o text: empty selector/],
    [{ item: 'a'.repeat(501), text: '.b' }, /-o item: selector longer than 500/],
    [{ item: 'article\n', text: '.b\u0007' }, /-o text: selector contains control characters/],
    [{ item: 'article', text: '.b', scrolls: '51' }, /-o scrolls: expected a whole number from 0 to 50/],
    [{ item: 'article', text: '.b', maxItems: '0' }, /-o maxItems: expected a whole number from 1 to 1000/],
    [{ item: 'article', text: '.b', maxItems: '1e3' }, /-o maxItems/],
    [{ item: 'article', text: '.b', colour: 'red' }, /does not know -o colour/],
  ])('%j is refused', (options, message) => {
    expect(() => parseWebOptions(options)).toThrow(BadInputError);
    expect(() => parseWebOptions(options)).toThrow(message);
  });
});
