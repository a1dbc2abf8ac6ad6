import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords.ts';

describe('passwordProblem', () => {
  it.each([
    ['kort', /too short/],
    ['aaaaaaaaaaaaaaaa', /too few different/],
    ['Password1234!', /common word/],
    ['Lösenord2026!!', /common word/],
    ['Sommar2025!!', /common word/],
    ['1234567890123', /common word|too few/],
    ['!!!???###$$$%%%', /common word/],
    ['abcdefghijklm', /sequence/],
    ['qwertyuiopåas', /sequence/],
    ['anna.svensson-2026', /account name/],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password, 'anna.svensson@kommun.se')).toMatch(reason);
  });

  it.each(['korrekt häst batteri häftklammer', 'Blå-Tåg-Vid-Fjället-9', 'x'.repeat(3) + 'Tr4ns-Hav-Ek'])(
    'accepts %s',
    (password) => {
      expect(passwordProblem(password, 'anna.svensson@kommun.se')).toBeNull();
    },
  );
});
