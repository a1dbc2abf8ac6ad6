import { describe, expect, test } from 'vitest';
import { htmlToText } from './html-to-text.ts';

describe('htmlToText', () => {
  test.each([
    ['plain text passes through', 'Socialtjänsten svarar', 'Socialtjänsten svarar'],
    ['empty', '', ''],
    ['inline tags vanish, blocks become lines', '<p>Hej <b>världen</b></p><p>Två</p>', 'Hej världen\nTvå'],
    ['br and li start lines', 'a<br>b<br/>c<ul><li>d</li><li>e</li></ul>', 'a\nb\nc\nd\ne'],
    ['table cells are spaced', '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>', 'a b\nc'],
    [
      'script dropped with its content',
      'safe<script type="text/javascript">alert(1)</script> text',
      'safe text',
    ],
    ['style dropped with its content', '<style>p { color: red }</style>synlig', 'synlig'],
    ['upper-case script with spaced end tag', '<SCRIPT src=x>bad()</SCRIPT >ok', 'ok'],
    ['unclosed script drops the rest, as a browser does', 'before<script>document.write(1)', 'before'],
    ['closed iframe content dropped', 'safe<iframe src="x">fallback</iframe> text', 'safe text'],
    ['unclosed object drops only the tag', 'safe<object classid="x"> description', 'safe description'],
    ['comments dropped', 'a<!-- <script>x</script> -->b', 'ab'],
    ['unterminated comment runs to the end (HTML5)', 'sa<!-- -- x >fe<script>alert(1)</script>', 'sa'],
    ['CDATA keeps its text', 'x<![CDATA[ inner ]]>y', 'x inner y'],
    ['doctype and processing instructions dropped', '<!DOCTYPE html><?php echo 1 ?>text', 'text'],
    ['quoted > inside attributes', '<img alt="a>b" src=z>after', 'after'],
    ['apostrophe in an unquoted value is not a quote', "<a title=It's>link</a> more", 'link more'],
    ['lone < is text', 'a < b and c<3', 'a < b and c<3'],
    [
      'entities decoded after tags are gone, so escaped markup stays text',
      '&lt;script&gt;x&lt;/script&gt;',
      '<script>x</script>',
    ],
    ['named, decimal and hex references', 'f&ouml;r&nbsp;&#228;n &#x2013; &hellip;', 'för än – …'],
    ['unknown entity left as written', 'AT&T &bogus; &amp', 'AT&T &bogus; &amp'],
    ['whitespace collapsed, lines trimmed', '  a \t b \n\n\n  c  ', 'a b\nc'],
    ['nbsp counts as space', 'a&nbsp;&nbsp; b', 'a b'],
    ['C1 control from a windows-1252 page repaired', 'don\u0092t', 'don\u2019t'],
    [
      'double-decoded UTF-8 repaired',
      'Socialtj\u00c3\u00a4nsten i G\u00c3\u00b6teborg',
      'Socialtjänsten i Göteborg',
    ],
    ['genuine Latin-1 text left alone', 'Hallå” sa hon', 'Hallå” sa hon'],
    ['control characters dropped', 'a\u0000b\u0007c\u001bd', 'abcd'],
    ['on* attributes are never run, just dropped', '<img src=x onerror="alert(1)">bild', 'bild'],
    ['javascript: links keep only their text', '<a href="javascript:alert(1)">klicka</a>', 'klicka'],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  test('is linear on hostile input (100k unclosed tags and quotes)', () => {
    const hostile = '<a title="'.repeat(20_000) + '<script'.repeat(20_000) + '<!--'.repeat(20_000);
    const started = performance.now();
    htmlToText(hostile);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
