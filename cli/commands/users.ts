/** `ryktesradar users add|list|disable|enable|set-role|set-password`: dashboard accounts (first admin included). */
import type { Command } from 'commander';
import { z } from 'zod';
import { appendAudit } from '../../core/db/audit-log.ts';
import type { Db } from '../../core/db/client.ts';
import { deleteSessionsOfUser } from '../../core/db/sessions.ts';
import {
  findUserByEmail,
  insertUser,
  listUsers,
  normaliseEmail,
  setUserDisabled,
  setUserPassword,
  setUserRoles,
  type Role,
} from '../../core/db/users.ts';
import { BadInputError } from '../../core/errors.ts';
import { hashPassword, passwordProblem } from '../../dashboard/auth/passwords.ts';
import { parseRoles } from '../../dashboard/auth/roles.ts';
import { openPrepared } from '../context.ts';
import { operatorName, readNewPassword } from '../read-secret.ts';

const emailSchema = z.email().max(254);

function parseEmail(raw: string): string {
  const email = normaliseEmail(raw);
  if (!emailSchema.safeParse(email).success)
    throw new BadInputError('bad-email', `not an email address: ${raw}`);
  return email;
}

function rolesOf(raw: readonly string[]): Role[] {
  try {
    return parseRoles(raw);
  } catch (error) {
    throw new BadInputError('bad-role', error instanceof Error ? error.message : String(error));
  }
}

async function newPasswordHash(email: string, fromStdin: boolean): Promise<string> {
  const password = await readNewPassword(fromStdin);
  const problem = passwordProblem(password, email);
  if (problem) throw new BadInputError('weak-password', `password ${problem}`);
  return hashPassword(password);
}

async function withDb<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const resources = await openPrepared();
  try {
    return await run(resources.db);
  } finally {
    await resources.close();
  }
}

function audit(db: Db, action: string, params: Record<string, unknown>): Promise<void> {
  return appendAudit(db, { actorKind: 'cli', actorLabel: operatorName(), action, params });
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('dashboard accounts: roles viewer, analyst, security, admin');

  users
    .command('add <email>')
    .description('create an account; the password is asked at the terminal (or read from stdin)')
    .requiredOption(
      '-r, --role <role>',
      'viewer | analyst | security | admin (repeat or comma-separate)',
      collect,
    )
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (rawEmail: string, options: { role: string[]; passwordStdin?: boolean }) => {
      const email = parseEmail(rawEmail);
      const roles = rolesOf(options.role);
      const passwordHash = await newPasswordHash(email, options.passwordStdin ?? false);
      await withDb(async (db) => {
        if (await findUserByEmail(db, email))
          throw new BadInputError('exists', `${email} already has an account`);
        const user = await insertUser(db, { email, passwordHash, roles });
        await audit(db, 'user_add', { user_id: user.id, email, roles });
        console.log(
          `Created ${email} (id ${user.id}) with role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}.`,
        );
      });
    });

  users
    .command('list')
    .description('accounts with their roles, status and last login')
    .option('--json', 'one JSON object per line')
    .action(async (options: { json?: boolean }) => {
      await withDb(async (db) => {
        const rows = await listUsers(db);
        if (options.json) {
          for (const row of rows) console.log(JSON.stringify(row));
          return;
        }
        if (rows.length === 0) {
          console.log(
            'No accounts yet. Create the first admin with: npx ryktesradar users add <email> --role admin',
          );
          return;
        }
        console.log('id\temail\troles\tstatus\tlast login');
        for (const row of rows) {
          const status = row.disabled_at ? `disabled ${row.disabled_at.toISOString()}` : 'active';
          console.log(
            `${row.id}\t${row.email}\t${row.roles.join(',')}\t${status}\t${row.last_login_at?.toISOString() ?? 'never'}`,
          );
        }
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(`${name} <email>`)
      .description(disabled ? 'block an account and end its sessions' : 'let a disabled account log in again')
      .action(async (rawEmail: string) => {
        const email = parseEmail(rawEmail);
        await withDb(async (db) => {
          const id = await setUserDisabled(db, email, disabled);
          if (id === undefined) throw new BadInputError('unknown-user', `no account ${email}`);
          const ended = disabled ? await deleteSessionsOfUser(db, id) : 0;
          await audit(db, disabled ? 'user_disable' : 'user_enable', { user_id: id, email });
          console.log(
            `${disabled ? 'Disabled' : 'Enabled'} ${email}${disabled ? `; ended ${ended} session(s)` : ''}.`,
          );
        });
      });
  }

  users
    .command('set-role <email> <roles...>')
    .description('replace the roles of an account (e.g. `set-role a@b.se admin security`); ends its sessions')
    .action(async (rawEmail: string, rawRoles: string[]) => {
      const email = parseEmail(rawEmail);
      const roles = rolesOf(rawRoles);
      await withDb(async (db) => {
        const user = await findUserByEmail(db, email);
        if (!user || !(await setUserRoles(db, email, roles))) {
          throw new BadInputError('unknown-user', `no account ${email}`);
        }
        // Rights are re-read on every request; ending sessions also makes the person log in under the new set.
        await deleteSessionsOfUser(db, user.id);
        await audit(db, 'user_set_role', { user_id: user.id, email, from: user.roles, to: roles });
        console.log(`${email} now has role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}.`);
      });
    });

  users
    .command('set-password <email>')
    .description(
      'set a new password (asked at the terminal, or --password-stdin); ends the account’s sessions',
    )
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (rawEmail: string, options: { passwordStdin?: boolean }) => {
      const email = parseEmail(rawEmail);
      const passwordHash = await newPasswordHash(email, options.passwordStdin ?? false);
      await withDb(async (db) => {
        const id = await setUserPassword(db, email, passwordHash);
        if (id === undefined) throw new BadInputError('unknown-user', `no account ${email}`);
        await deleteSessionsOfUser(db, id);
        await audit(db, 'user_set_password', { user_id: id, email });
        console.log(`New password set for ${email}.`);
      });
    });
}
