/**
 * Password hashing with Argon2id at OWASP's first recommended setting (m = 47104 KiB = 46 MiB, t = 1, p = 1;
 * about 70 ms here). Verification compares in constant time inside the library; an unknown account still pays one
 * verification against a dummy hash, so response time does not tell which addresses have accounts.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

const ARGON2ID = 2 as Algorithm.Argon2id; // a const enum: its value, since isolated modules cannot inline it

export const ARGON2_OPTIONS: Options = {
  algorithm: ARGON2ID,
  memoryCost: 47_104,
  timeCost: 1,
  parallelism: 1,
};

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1_024;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/** True when `password` matches `storedHash`; with no stored hash, spends the same work and answers false. */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  const target = storedHash ?? (await dummyHash);
  try {
    const ok = await verify(target, password);
    return ok && storedHash !== undefined;
  } catch {
    // A malformed stored hash must not open the door or crash the request.
    return false;
  }
}

/** Starts computing the dummy hash ahead of the first login that needs it. */
export function warmUpPasswordCheck(): void {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
}

const COMMON_WORDS = new Set([
  'password',
  'passw',
  'passwd',
  'losenord',
  'lösenord',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'admin',
  'administrator',
  'welcome',
  'valkommen',
  'välkommen',
  'letmein',
  'sommar',
  'vinter',
  'hosten',
  'hösten',
  'varen',
  'våren',
  'sverige',
  'stockholm',
  'ryktesradar',
  'socialtjanst',
  'socialtjänsten',
  'changeme',
  'secret',
  'hemligt',
  'iloveyou',
  'monkey',
  'dragon',
  'abc',
]);
const SEQUENCES = ['abcdefghijklmnopqrstuvwxyzåäö', '01234567890', 'qwertyuiopåasdfghjklöäzxcvbnm'];

/** Why a new password is refused, in English for the CLI; null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return `too short: use at least ${PASSWORD_MIN_LENGTH} characters (a passphrase of several words is best)`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) return `too long: at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 5) return 'too weak: it repeats too few different characters';
  const letters = lower.replace(/[^\p{L}]/gu, '');
  if (letters === '' || COMMON_WORDS.has(letters)) {
    return 'too weak: a common word or only digits and symbols';
  }
  if (SEQUENCES.some((seq) => seq.includes(lower) || [...seq].reverse().join('').includes(lower))) {
    return 'too weak: a keyboard or alphabet sequence';
  }
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 3 && lower.includes(local)) return 'too weak: it contains the account name';
  return null;
}
