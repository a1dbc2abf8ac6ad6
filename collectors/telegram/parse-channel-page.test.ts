import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BadInputError } from '../../core/errors.ts';
import {
  FORWARDED_NOT_PUBLIC,
  forwardedChannel,
  parseChannelPage,
  type TelegramMessage,
} from './parse-channel-page.ts';

const CHANNEL = 'soc_granskning_demo';
const PAGE_URL = `https://t.me/s/${CHANNEL}`;
const fixture = (name: string) =>
  fs.readFileSync(new URL(`../../test/fixtures/telegram/${name}`, import.meta.url), 'utf8');

const page1 = parseChannelPage(fixture('channel-page-1.html'), CHANNEL, PAGE_URL);
const byId = (id: number): TelegramMessage => {
  const message = page1.messages.find((m) => m.id === id);
  if (!message) throw new Error(`no message ${id}`);
  return message;
};

/** One message block in the t.me/s markup, for cases the fixtures do not cover. */
const block = (post: string, inner: string, classes = 'text_not_supported_wrap js-widget_message') =>
  `<section class="tgme_channel_history"><div class="tgme_widget_message_wrap js-widget_message_wrap">` +
  `<div class="tgme_widget_message ${classes}" data-post="${post}"><div class="tgme_widget_message_bubble">${inner}` +
  `</div></div></div></section>`;

describe('parseChannelPage on the fixture pages', () => {
  test('reads every message id in page order and the "load more" cursor', () => {
    expect(page1.ids).toEqual([109, 110, 111, 112, 113, 114, 115, 116, 117, 118]);
    expect(page1.before).toBe(109);
    // 118 is a screenshot without a caption: kept for OCR, with its image.
    expect(page1.skipped).toEqual([]);
    expect(page1.messages.find((m) => m.id === 118)).toMatchObject({
      text: '',
      media: [{ url: 'https://cdn4.telesco.pe/file/screenshot-only.jpg', kind: 'image' }],
    });
  });

  test.each<[number, string]>([
    [
      109,
      'Soc tog tre barn från en familj i Rinkeby igår, utan förvarning!\nSprid innan det raderas.\nKälla: example.org/artikel',
    ],
    // Script-looking text the author wrote stays text; a real script element is dropped with its content.
    [
      110,
      'Varning för falska länkar <script>alert(1)</script> i gruppen.\nSocialtjänsten svarar aldrig via Telegram.',
    ],
    [111, 'السوسيال أخذ الأطفال من عائلة في مالمو بدون أي سبب.\nانشروا الخبر قبل أن يحذفوه!'],
    // Broken entities decode as a browser would: legacy ones without `;`, invalid ones stay literal.
    [112, 'Trasiga tecken: Fråga & soc &#xZZ; om LVU &ndash och ال &unknownentity; slut.'],
    [113, '😡🔥'],
    // The reply quotes 111; only the message's own text counts.
    [114, 'Rättelse: familjen i Malmö fick stöd, inga barn omhändertogs enligt kommunen.'],
    // Album captions come in a doubled text div.
    [116, 'Skärmdumpar från gruppen:\n"Soc hämtar barn på förskolan"'],
  ])('message %i text', (id, text) => {
    expect(byId(id).text).toBe(text);
  });

  test('never lets the page title script or the inline script through', () => {
    expect(JSON.stringify(page1.messages)).not.toContain('pwned');
    expect(JSON.stringify(page1.messages)).not.toContain('TME_PAGE');
  });

  test.each<[number, number]>([
    [109, 1_200],
    [110, 842],
    [111, 3_400],
    [113, 1_000_000],
    [115, 12_700],
  ])('message %i has %i views', (id, views) => {
    expect(byId(id).views).toBe(views);
  });

  test('time, link and author of a plain and a signed post', () => {
    expect(byId(109)).toMatchObject({
      url: `https://t.me/${CHANNEL}/109`,
      author: CHANNEL,
      publishedAt: new Date('2026-11-16T08:15:00Z'),
    });
    expect(byId(117).author).toBe('Redaktör Demo');
  });

  test('context: reply link, forward from a public channel, forward from someone not public', () => {
    expect(byId(114).context).toEqual({ replyTo: `https://t.me/${CHANNEL}/111` });
    // The channel as a post author is named (the bare channel), not its link: one pseudonym per channel.
    expect(byId(115).context).toEqual({ forwardedFrom: 'annan_kanal_demo' });
    expect(byId(111).context).toEqual({ forwardedFrom: FORWARDED_NOT_PUBLIC });
    expect(JSON.stringify(page1.messages)).not.toContain('Privat Person Demo');
    expect(byId(109).context).toEqual({});
  });

  test('media: album photos (both quote styles), video and its still, not the reply thumbnail', () => {
    expect(byId(116).media).toEqual([
      { url: 'https://cdn4.telesco.pe/file/album-one.jpg', kind: 'image' },
      { url: 'https://cdn4.telesco.pe/file/album-two.jpg', kind: 'image' },
    ]);
    expect(byId(117).media).toEqual([
      { url: 'https://cdn4.telesco.pe/file/video.mp4?token=demo', kind: 'video' },
      { url: 'https://cdn4.telesco.pe/file/video-thumb.jpg', kind: 'image' },
    ]);
    expect(byId(114).media).toEqual([]);
    // Emoji images are part of the text, not media.
    expect(byId(113).media).toEqual([]);
  });

  test("the channel's first page: service message and sticker skipped, no older page", () => {
    const page = parseChannelPage(fixture('channel-page-2.html'), CHANNEL, PAGE_URL);
    expect(page.before).toBeNull();
    expect(page.ids).toEqual([101, 102, 103, 104, 105, 106, 107, 108]);
    expect(page.messages.map((m) => m.id)).toEqual([102, 103, 104, 106, 107, 108]);
    expect(page.skipped).toEqual([
      { externalId: '101', reason: 'service message' },
      { externalId: '105', reason: expect.stringMatching(/^no text and no image/) },
    ]);
    expect(page.messages.find((m) => m.id === 107)?.text).toBe('أطفالنا ليسوا ملكاً للدولة\n#السوسيال');
  });
});

describe('parseChannelPage on edge cases', () => {
  test.each([
    ['an empty string', ''],
    ['an error page', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['JSON', '{"ok":false}'],
    ['binary garbage', '\u0000\u0001\uFFFD<<<>>>'],
    [
      'the landing page of a channel without preview',
      '<div class="tgme_page"><div class="tgme_page_title">X</div></div>',
    ],
  ])('%s is not a channel page', (_name, html) => {
    expect(() => parseChannelPage(html, CHANNEL, PAGE_URL)).toThrow(BadInputError);
    try {
      parseChannelPage(html, CHANNEL, PAGE_URL);
    } catch (error) {
      expect((error as BadInputError).reason).toBe('not-a-channel-page');
    }
  });

  test('a channel without messages yet is an empty page, not an error', () => {
    const page = parseChannelPage(
      '<section class="tgme_channel_history js-message_history"></section>',
      CHANNEL,
      PAGE_URL,
    );
    expect(page).toEqual({ messages: [], skipped: [], ids: [], before: null });
  });

  test('messages of another channel or with a broken data-post are skipped, not trusted', () => {
    const text = '<div class="tgme_widget_message_text js-message_text">x y z</div>';
    const page = parseChannelPage(
      block('annan_kanal/5', text) +
        block(`${CHANNEL}/abc`, text) +
        block(`${CHANNEL.toUpperCase()}/7`, text),
      CHANNEL,
      PAGE_URL,
    );
    expect(page.ids).toEqual([7]);
    expect(page.skipped.map((s) => s.externalId)).toEqual(['annan_kanal/5', `${CHANNEL}/abc`]);
  });

  test('a missing or unreadable time is null, unreadable views are null', () => {
    const page = parseChannelPage(
      block(
        `${CHANNEL}/9`,
        '<div class="tgme_widget_message_text js-message_text">x</div><span class="tgme_widget_message_views">many</span>' +
          '<a class="tgme_widget_message_date"><time datetime="not a date">?</time></a>',
      ),
      CHANNEL,
      PAGE_URL,
    );
    expect(page.messages[0]).toMatchObject({ id: 9, publishedAt: null, views: null });
  });

  test('relative and protocol-relative media resolve against the page; other schemes are dropped', () => {
    const page = parseChannelPage(
      block(
        `${CHANNEL}/9`,
        `<a class="tgme_widget_message_photo_wrap" style="background-image:url('//cdn.example/a.jpg')"></a>` +
          `<a class="tgme_widget_message_photo_wrap" style="background-image:url(/file/b.jpg)"></a>` +
          `<a class="tgme_widget_message_photo_wrap" style="background-image:url('javascript:alert(1)')"></a>` +
          '<div class="tgme_widget_message_text js-message_text">x</div>',
      ),
      CHANNEL,
      'http://127.0.0.1:9/s/soc_granskning_demo?before=10',
    );
    expect(page.messages[0]?.media).toEqual([
      { url: 'http://cdn.example/a.jpg', kind: 'image' },
      { url: 'http://127.0.0.1:9/file/b.jpg', kind: 'image' },
    ]);
  });

  test('the cursor also comes from the link when data-before is missing', () => {
    const html =
      '<section class="tgme_channel_history"><a class="tme_messages_more" data-before="" href="/s/x?before=42"></a></section>';
    expect(parseChannelPage(html, CHANNEL, PAGE_URL).before).toBe(42);
  });
});

describe('forwardedChannel', () => {
  test.each([
    ['https://t.me/annan_kanal/77', 'annan_kanal'],
    ['https://t.me/s/annan_kanal', 'annan_kanal'],
    ['http://127.0.0.1:8080/Annan_Kanal/5', 'Annan_Kanal'],
    ['https://t.me/c/1234567/8', null],
    ['https://t.me/joinchat/AbCdEf', null],
    ['https://t.me/+AbCdEf', null],
    ['not a link', null],
  ])('%s → %s', (link, channel) => {
    expect(forwardedChannel(link)).toBe(channel);
  });
});
