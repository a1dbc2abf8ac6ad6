/** The `users` table: local dashboard accounts with a set of roles; passwords only as Argon2id hashes. */
import { sql, type Generated, type Selectable } from 'kysely';
import type { Db } from './client.ts';

export const ROLES = ['viewer', 'analyst', 'security', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased; the login name. */
  email: string;
  /** PHC string (`$argon2id$v=19$m=…`); never logged or shown. */
  password_hash: string;
  roles: Role[];
  disabled_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  last_login_at: Date | null;
}
export type User = Selectable<UsersTable>;
/** A user as listed to operators: everything but the hash. */
export type UserSummary = Omit<User, 'password_hash'>;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function insertUser(
  db: Db,
  user: { email: string; passwordHash: string; roles: Role[] },
): Promise<UserSummary> {
  return db
    .insertInto('users')
    .values({ email: normaliseEmail(user.email), password_hash: user.passwordHash, roles: user.roles })
    .returning(['id', 'email', 'roles', 'disabled_at', 'created_at', 'updated_at', 'last_login_at'])
    .executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'roles', 'disabled_at', 'created_at', 'updated_at', 'last_login_at'])
    .orderBy('email')
    .execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Returns false when no such user exists. */
export async function setUserRoles(db: Db, email: string, roles: Role[]): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ roles, updated_at: sql<Date>`now()` })
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Disables (or re-enables) an account; returns its id, or undefined when no such user exists. */
export async function setUserDisabled(db: Db, email: string, disabled: boolean): Promise<number | undefined> {
  const row = await db
    .updateTable('users')
    .set({ disabled_at: disabled ? sql<Date>`now()` : null, updated_at: sql<Date>`now()` })
    .where('email', '=', normaliseEmail(email))
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function setUserPassword(
  db: Db,
  email: string,
  passwordHash: string,
): Promise<number | undefined> {
  const row = await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: sql<Date>`now()` })
    .where('email', '=', normaliseEmail(email))
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function markLoggedIn(db: Db, userId: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ last_login_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .execute();
}
