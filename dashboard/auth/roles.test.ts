import { describe, expect, it } from 'vitest';
import { capabilitiesOf, parseRoles, type Capability } from './roles.ts';

describe('capabilitiesOf', () => {
  it.each<[Parameters<typeof capabilitiesOf>[0], Capability[], Capability[]]>([
    [['viewer'], ['read'], ['label', 'export', 'see_restricted', 'manage_sources', 'manage_jobs', 'hold']],
    [['analyst'], ['read', 'label', 'export'], ['see_restricted', 'manage_sources', 'manage_users', 'hold']],
    [['security'], ['read', 'see_restricted', 'hold'], ['label', 'export', 'manage_sources']],
    [
      ['admin'],
      ['read', 'label', 'export', 'manage_sources', 'manage_users', 'read_audit', 'manage_jobs', 'hold'],
      ['see_restricted'],
    ],
    [['admin', 'security'], ['see_restricted', 'manage_users'], []],
  ])('%j may %j and may not %j', (roles, allowed, denied) => {
    const caps = capabilitiesOf(roles);
    for (const cap of allowed) expect(caps.has(cap)).toBe(true);
    for (const cap of denied) expect(caps.has(cap)).toBe(false);
  });
});

describe('parseRoles', () => {
  it.each([
    [['admin'], ['admin']],
    [['security,admin'], ['security', 'admin']],
    [
      ['Analyst', 'viewer', 'analyst'],
      ['viewer', 'analyst'],
    ],
  ])('%j → %j', (raw, expected) => {
    expect(parseRoles(raw)).toEqual(expected);
  });

  it.each([[['root']], [['']], [[]]])('refuses %j', (raw) => {
    expect(() => parseRoles(raw)).toThrow(/role/);
  });
});
