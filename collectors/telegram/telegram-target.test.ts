import { describe, expect, test } from 'vitest';
import { BadInputError } from '../../core/errors.ts';
import { parseTelegramTarget } from './telegram-target.ts';

describe('parseTelegramTarget', () => {
  test.each([
    ['kanalnamn', 'kanalnamn', 'https://t.me/s/kanalnamn'],
    ['@kanalnamn', 'kanalnamn', 'https://t.me/s/kanalnamn'],
    [' @Soc_Demo_2 ', 'Soc_Demo_2', 'https://t.me/s/Soc_Demo_2'],
    ['https://t.me/s/kanalnamn', 'kanalnamn', 'https://t.me/s/kanalnamn'],
    ['https://t.me/kanalnamn', 'kanalnamn', 'https://t.me/s/kanalnamn'],
    ['https://t.me/s/kanalnamn/', 'kanalnamn', 'https://t.me/s/kanalnamn'],
    ['http://t.me/kanalnamn?utm_source=x', 'kanalnamn', 'https://t.me/s/kanalnamn'],
    ['t.me/s/kanalnamn', 'kanalnamn', 'https://t.me/s/kanalnamn'],
    ['https://telegram.me/kanalnamn', 'kanalnamn', 'https://t.me/s/kanalnamn'],
    // A stand-in for t.me (a loopback fixture server): only the /s/<channel> path is accepted.
    ['http://127.0.0.1:8080/s/kanalnamn', 'kanalnamn', 'http://127.0.0.1:8080/s/kanalnamn'],
    ['http://127.0.0.1:8080/s/kanalnamn?before=10', 'kanalnamn', 'http://127.0.0.1:8080/s/kanalnamn'],
  ])('%j → %s at %s', (raw, channel, url) => {
    expect(parseTelegramTarget(raw)).toEqual({ channel, url });
  });

  test.each([
    [''],
    ['@'],
    ['ab'],
    ['1kanal'],
    ['kanal-namn'],
    ['https://t.me/joinchat/AAAAAE'],
    ['https://t.me/+AbCdEfGh'],
    ['https://t.me/kanalnamn/123'],
    ['https://t.me/'],
    ['http://127.0.0.1:8080/kanalnamn'],
    ['ftp://t.me/s/kanalnamn'],
    ['https://user:pw@t.me/s/kanalnamn'],
  ])('%j is refused with bad-target or bad-url', (raw) => {
    let error: unknown;
    try {
      parseTelegramTarget(raw);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as BadInputError).reason).toMatch(/^bad-(target|url)$/);
  });
});
