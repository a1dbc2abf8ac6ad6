import { describe, expect, it } from 'vitest';
import { safeNext, sameSecret } from './http-bits.ts';

describe('safeNext', () => {
  it.each([
    ['/', '/'],
    ['/?from=2026-01-01&lang=ar', '/?from=2026-01-01&lang=ar'],
    ['/themes/soc_takes_children', '/themes/soc_takes_children'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['/%5C%5Cevil.example', '/%5C%5Cevil.example'],
    ['javascript:alert(1)', '/'],
    ['/\u0000x', '/'],
    ['/\tx', '/'],
    ['/login?next=/', '/'],
    ['', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
    ['/' + 'a'.repeat(2_001), '/'],
    // Dot segments the URL parser resolves into a protocol-relative `//host` (found by a security review).
    ['/.//evil.example/phish', '/'],
    ['/.//evil.example/x?a=1', '/'],
    ['/%2e//evil.example/x', '/'],
    ['/%2E%2e//evil.example/x', '/'],
    ['/..//evil.example/x', '/'],
    ['/a/..//evil.example/x', '/'],
    ['/a/b/../..//evil.example/x', '/'],
    ['/./themes/x', '/themes/x'],
    ['/a/../themes', '/themes'],
    ['/%2F/evil.example', '/%2F/evil.example'],
  ])('%j → %s', (raw, expected) => {
    expect(safeNext(raw)).toBe(expected);
  });
});

describe('sameSecret', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    [undefined, 'abc', false],
    ['', '', false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameSecret(a, b)).toBe(expected);
  });
});
