import { describe, expect, test } from 'vitest';
import { EMPTY_ALLOWLIST, parseAllowlist } from './address-guard.ts';
import { BadInputError } from '../errors.ts';
import { checkSourceAddress } from './source-address.ts';

// Decisions only: nothing here (or anywhere in the tests) connects to these addresses.
describe('checkSourceAddress', () => {
  test.each([
    ['http://10.0.0.1/feed', /refused to fetch 10\.0\.0\.1: private address/],
    ['https://192.168.1.20/rss.xml', /private address/],
    ['http://127.0.0.1:8080/feed', /loopback address/],
    ['http://169.254.169.254/latest/meta-data', /cloud metadata address/],
    ['http://[::1]/feed', /refused to fetch ::1: loopback address/],
    ['http://[fd00::5]/feed', /unique local address/],
    ['http://[::ffff:10.0.0.1]/feed', /IPv4-mapped private address/],
    ['http://0x7f000001/feed', /loopback address/],
  ])('refuses %s', (url, message) => {
    expect(() => checkSourceAddress(url, EMPTY_ALLOWLIST)).toThrow(message);
    expect(() => checkSourceAddress(url, EMPTY_ALLOWLIST)).toThrow(BadInputError);
  });

  test.each([
    'https://example.org/feed.xml',
    'http://localhost/feed', // a name: decided by the guard on each resolved address when polling
    'https://93.184.215.14/feed',
    'https://t.me/s/kanal',
    'file:///srv/import/posts.csv',
  ])('lets %s through', (url) => {
    expect(() => checkSourceAddress(url, EMPTY_ALLOWLIST)).not.toThrow();
  });

  test('FETCH_ALLOWLIST allows a listed range or host', () => {
    expect(() => checkSourceAddress('http://10.0.0.1/feed', parseAllowlist('10.0.0.0/8'))).not.toThrow();
    expect(() => checkSourceAddress('http://10.0.0.1/feed', parseAllowlist('10.0.0.2/32'))).toThrow(
      /private address/,
    );
    expect(() => checkSourceAddress('http://[::1]/feed', parseAllowlist('::1/128'))).not.toThrow();
  });
});
