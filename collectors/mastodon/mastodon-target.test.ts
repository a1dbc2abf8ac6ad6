import { describe, expect, test } from 'vitest';
import { BadInputError } from '../../core/errors.ts';
import {
  accountLookupUrl,
  accountStatusesUrl,
  parseMastodonTarget,
  tagTimelineUrl,
} from './mastodon-target.ts';

describe('parseMastodonTarget', () => {
  test.each([
    [
      'https://mastodon.example/tags/soc',
      { mode: 'tag', tag: 'soc', url: 'https://mastodon.example/tags/soc' },
    ],
    [
      'https://mastodon.example/tags/socialtj%C3%A4nsten',
      { mode: 'tag', tag: 'socialtjänsten', url: 'https://mastodon.example/tags/socialtj%C3%A4nsten' },
    ],
    [
      'https://mastodon.example/tags/السوسيال/',
      {
        mode: 'tag',
        tag: 'السوسيال',
        url: `https://mastodon.example/tags/${encodeURIComponent('السوسيال')}`,
      },
    ],
    [
      'https://mastodon.example/@soc_vakt',
      { mode: 'account', acct: 'soc_vakt', url: 'https://mastodon.example/@soc_vakt' },
    ],
    [
      'https://mastodon.example/@granskare@annan.example',
      {
        mode: 'account',
        acct: 'granskare@annan.example',
        url: 'https://mastodon.example/@granskare@annan.example',
      },
    ],
    ['http://127.0.0.1:4000/tags/soc', { mode: 'tag', origin: 'http://127.0.0.1:4000', tag: 'soc' }],
  ])('%s', (raw, expected) => {
    expect(parseMastodonTarget(raw)).toMatchObject(expected);
  });

  test.each([
    ['mastodon.example/tags/soc'],
    ['https://mastodon.example/'],
    ['https://mastodon.example/tags/'],
    ['https://mastodon.example/tags/so c'],
    ['https://mastodon.example/tags/%E0%A4%A'],
    ['https://mastodon.example/tags/a/b'],
    ['https://mastodon.example/@'],
    ['https://mastodon.example/@bad-name!'],
    ['https://mastodon.example/@user/113500000000000101'],
    ['https://mastodon.example/users/soc_vakt'],
    ['ftp://mastodon.example/tags/soc'],
  ])('%s is refused', (raw) => {
    expect(() => parseMastodonTarget(raw)).toThrow(BadInputError);
  });
});

describe('API URLs', () => {
  const origin = 'https://mastodon.example';
  test.each([
    [tagTimelineUrl({ origin, tag: 'soc' }), `${origin}/api/v1/timelines/tag/soc?limit=40`],
    [
      tagTimelineUrl({ origin, tag: 'السوسيال' }, '113500000000000105'),
      `${origin}/api/v1/timelines/tag/${encodeURIComponent('السوسيال')}?limit=40&min_id=113500000000000105`,
    ],
    [
      accountLookupUrl({ origin, acct: 'granskare@annan.example' }),
      `${origin}/api/v1/accounts/lookup?acct=granskare%40annan.example`,
    ],
    [
      accountStatusesUrl(origin, '109000000000000001', '7'),
      `${origin}/api/v1/accounts/109000000000000001/statuses?limit=40&exclude_reblogs=false&min_id=7`,
    ],
    [accountStatusesUrl(origin, '1'), `${origin}/api/v1/accounts/1/statuses?limit=40&exclude_reblogs=false`],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
