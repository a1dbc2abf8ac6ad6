/**
 * `start --demo` on a fresh install: the dashboard needs a login, so when no account exists and the dashboard
 * listens only on loopback, a local demo admin is created and its one-time password printed to this terminal.
 */
import { randomBytes } from 'node:crypto';
import { appendAudit } from '../core/db/audit-log.ts';
import type { Db } from '../core/db/client.ts';
import { countUsers, insertUser } from '../core/db/users.ts';
import { hashPassword, passwordProblem } from '../dashboard/auth/passwords.ts';

export const DEMO_ADMIN_EMAIL = 'demo-admin@ryktesradar.local';

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Returns the credentials when an account was created, null when accounts exist or the host is not loopback. */
export async function ensureDemoAdmin(
  db: Db,
  dashboardHost: string,
): Promise<{ email: string; password: string } | null> {
  if (!isLoopbackHost(dashboardHost) || (await countUsers(db)) > 0) return null;
  let password = randomBytes(15).toString('base64url');
  while (passwordProblem(password, DEMO_ADMIN_EMAIL)) password = randomBytes(15).toString('base64url');
  const user = await insertUser(db, {
    email: DEMO_ADMIN_EMAIL,
    passwordHash: await hashPassword(password),
    roles: ['admin'],
  });
  await appendAudit(db, {
    actorKind: 'cli',
    actorLabel: 'start --demo',
    action: 'user_add',
    params: { user_id: user.id, email: DEMO_ADMIN_EMAIL, roles: ['admin'], demo: true },
  });
  return { email: DEMO_ADMIN_EMAIL, password };
}
