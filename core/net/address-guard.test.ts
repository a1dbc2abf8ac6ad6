import { describe, expect, test } from 'vitest';
import { ConfigError } from '../config.ts';
import { BadInputError } from '../errors.ts';
import {
  decideAddress,
  decideHost,
  EMPTY_ALLOWLIST,
  forbiddenAddress,
  parseAllowlist,
} from './address-guard.ts';
import { formatIp, parseIp } from './ip-address.ts';

describe('decideAddress without an allowlist', () => {
  test.each([
    // loopback
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['::1', /loopback/],
    ['0:0:0:0:0:0:0:1', /loopback/],
    // RFC 1918
    ['10.0.0.1', /RFC 1918/],
    ['172.16.0.1', /RFC 1918/],
    ['172.31.255.255', /RFC 1918/],
    ['192.168.1.1', /RFC 1918/],
    // link-local
    ['169.254.1.1', /link-local/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['febf::1', /link-local/],
    // cloud metadata
    ['169.254.169.254', /metadata/],
    ['fd00:ec2::254', /metadata/],
    ['100.100.100.200', /metadata/],
    // other special IPv4
    ['100.64.0.1', /CGNAT/],
    ['100.127.255.255', /CGNAT/],
    ['0.0.0.0', /this network/],
    ['0.1.2.3', /this network/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /reserved/],
    ['192.0.0.8', /IETF/],
    ['192.0.2.1', /documentation/],
    ['198.18.0.1', /benchmarking/],
    // IPv6 ULA and other special IPv6
    ['fc00::1', /unique local/],
    ['fd12:3456:789a::1', /unique local/],
    ['::', /unspecified/],
    ['ff02::1', /multicast/],
    ['fec0::1', /site-local/],
    ['2001:db8::1', /documentation/],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', /Teredo/],
    ['100::1', /discard/],
    ['64:ff9b:1::a00:1', /NAT64/],
    ['4000::1', /reserved IPv6/],
    // IPv4-mapped and -compatible IPv6: the IPv4 address decides
    ['::ffff:127.0.0.1', /IPv4-mapped loopback.*127\.0\.0\.1/],
    ['::ffff:7f00:1', /IPv4-mapped loopback/],
    ['::ffff:10.0.0.1', /IPv4-mapped private/],
    ['::ffff:a9fe:a9fe', /IPv4-mapped cloud metadata.*169\.254\.169\.254/],
    ['0:0:0:0:0:ffff:c0a8:0101', /IPv4-mapped private.*192\.168\.1\.1/],
    ['::127.0.0.1', /IPv4-mapped loopback/],
    ['::a00:1', /IPv4-mapped private/],
    // NAT64 and 6to4 carrying a private IPv4 address
    ['64:ff9b::10.0.0.1', /embedding a private.*10\.0\.0\.1/],
    ['64:ff9b::7f00:1', /embedding a loopback/],
    ['2002:a9fe:a9fe::1', /embedding a cloud metadata/],
    ['2002:c0a8:0101::', /embedding a private/],
    // not an address at all
    ['localhost', /not an IP/],
    ['1.2.3', /not an IP/],
    ['0177.0.0.1', /not an IP/],
    ['', /not an IP/],
  ])('%s is refused (%s)', (ip, reason) => {
    const decision = decideAddress(ip);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.reason).toMatch(reason);
  });

  test.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.255.255',
    '192.169.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is allowed', (ip) => {
    expect(decideAddress(ip)).toEqual({ allowed: true });
  });
});

describe('decideAddress with an allowlist', () => {
  const allowlist = parseAllowlist('127.0.0.1/32, ::1/128, 10.1.0.0/16, feeds.example.org');

  test.each([
    ['127.0.0.1', true],
    ['127.0.0.2', false],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:127.0.0.2', false],
    ['10.1.255.255', true],
    ['10.2.0.1', false],
    ['169.254.169.254', false],
    ['8.8.8.8', true],
  ])('%s → allowed %s', (ip, allowed) => {
    expect(decideAddress(ip, allowlist).allowed).toBe(allowed);
  });

  test('an embedded address in NAT64/6to4 is not allowed by an IPv4 range (it is routed elsewhere)', () => {
    expect(decideAddress('64:ff9b::7f00:1', allowlist).allowed).toBe(false);
  });
});

describe('the host of a URL: IPv4 spellings are normalised by WHATWG URL, then decided', () => {
  const loopbackOnly = parseAllowlist('127.0.0.1/32');

  test.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://[::ffff:7f00:1]/', '[::ffff:7f00:1]'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['http://[0:0:0:0:0:0:0:1]/', '[::1]'],
    ['http://0xa9.0xfe.0xa9.0xfe/', '169.254.169.254'],
    ['http://3232235777/', '192.168.1.1'],
    ['http://012.0.0.1/', '10.0.0.1'],
  ])('%s has host %s and is refused', (raw, hostname) => {
    const url = new URL(raw);
    expect(url.hostname).toBe(hostname);
    expect(decideHost(url.hostname)?.allowed).toBe(false);
  });

  test.each([
    ['http://2130706433/', true],
    ['http://0177.0.0.1/', true],
    ['http://0x7f.1/', true],
    ['http://[::ffff:7f00:1]/', true],
    ['http://0x7f.2/', false],
    ['http://[::1]/', false],
    ['http://0xa9fea9fe/', false],
  ])('with allowlist 127.0.0.1/32, %s → allowed %s', (raw, allowed) => {
    expect(decideHost(new URL(raw).hostname, loopbackOnly)?.allowed).toBe(allowed);
  });

  test('a host name is decided when it resolves (null now), unless the allowlist names it', () => {
    expect(decideHost('example.org')).toBeNull();
    expect(decideHost('localhost')).toBeNull();
    expect(decideHost('LOCALHOST.', parseAllowlist('localhost'))).toEqual({ allowed: true });
  });
});

describe('parseAllowlist', () => {
  test('host names and ranges, spaces and empty entries ignored', () => {
    const allowlist = parseAllowlist(' localhost , 127.0.0.1/32,,::1/128, 10.0.0.5, Feeds.Example.org. ');
    expect([...allowlist.hosts]).toEqual(['localhost', 'feeds.example.org']);
    expect(allowlist.ranges.map((r) => `${formatIp(r)}/${r.prefix}`)).toEqual([
      '127.0.0.1/32',
      '::1/128',
      '10.0.0.5/32',
    ]);
  });

  test('empty means nothing allowed beyond public addresses', () => {
    expect(parseAllowlist('')).toEqual(EMPTY_ALLOWLIST);
  });

  test.each([
    '127.0.0.1/33',
    '::1/129',
    '127.0.0.1/',
    '127.0.0.1/8/1',
    '300.0.0.1/32',
    '127.1',
    'localhost:8080',
    'http://localhost',
    '*.example.org',
    'exa mple.org',
    '-bad.example',
    'a'.repeat(64) + '.example',
  ])('%s is refused with the entry named', (entry) => {
    expect(() => parseAllowlist(`localhost,${entry}`)).toThrow(ConfigError);
    expect(() => parseAllowlist(`localhost,${entry}`)).toThrow(JSON.stringify(entry.trim().slice(0, 100)));
  });
});

describe('IP parsing', () => {
  test.each([
    ['::ffff:1.2.3.4', '::ffff:102:304'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1::', '1::'],
    ['::', '::'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['[fe80::1%25eth0]', 'fe80::1'],
  ])('%s → %s', (text, formatted) => {
    const ip = parseIp(text);
    expect(ip && formatIp(ip)).toBe(formatted);
  });

  test.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '01.2.3.4', '1.2.3.256', '::ffff:1.2.3', 'g::1'])(
    '%s is not an address',
    (text) => {
      expect(parseIp(text)).toBeNull();
    },
  );
});

test('a refusal is one line naming host and address', () => {
  const error = forbiddenAddress('feeds.example.org', '10.0.0.1', 'private address (RFC 1918)');
  expect(error).toBeInstanceOf(BadInputError);
  expect(error.reason).toBe('forbidden-address');
  expect(error.message).toBe(
    'refused to fetch feeds.example.org (10.0.0.1): private address (RFC 1918); FETCH_ALLOWLIST can allow it',
  );
  expect(forbiddenAddress('[::1]', '::1', 'loopback address').message).toMatch(/^refused to fetch ::1: /);
});
