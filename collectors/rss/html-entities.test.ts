import { describe, expect, test } from 'vitest';
import { decodeEntities, NAMED_ENTITY_COUNT } from './html-entities.ts';

describe('decodeEntities', () => {
  test.each([
    ['&amp;&lt;&gt;&quot;&apos;', '&<>"\''],
    ['&aring;&auml;&ouml;&Aring;&Auml;&Ouml;', 'åäöÅÄÖ'],
    ['&eacute;&szlig;&yuml;&euro;&trade;&hellip;&rsquo;', 'éßÿ€™…’'],
    ['&alpha;&Omega;&sigmaf;&infin;&ne;&diams;', 'αΩς∞≠♦'],
    ['&lang;&rang;', '\u27e8\u27e9'],
    ['&#228;&#xE4;&#XE4;', 'äää'],
    ['&#146;&#x80;', '\u2019\u20ac'],
    ['&#0;&#xD800;&#1114112;', '\uFFFD\uFFFD\uFFFD'],
    ['&#x1F600;', '\u{1F600}'],
    ['&amp;lt;', '&lt;'],
    ['&bogus; &amp &#; &#x;', '&bogus; &amp &#; &#x;'],
    ['no references', 'no references'],
  ])('%s → %s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });

  test('knows all HTML 4.01 names plus &apos;', () => {
    expect(NAMED_ENTITY_COUNT).toBe(253);
  });
});
