/**
 * What each role may do. A user holds a set of roles; rights add up. `security` is deliberately not implied by
 * `admin`: posts that threaten named staff are shown only to people given that role, so an administrator who needs
 * them is given `security` as well (`users set-role ADDR admin security`).
 */
import { ROLES, type Role } from '../../core/db/users.ts';

export type Capability =
  | 'read'
  | 'label'
  | 'export'
  | 'see_restricted'
  | 'manage_sources'
  | 'manage_users'
  | 'read_audit'
  | 'manage_jobs'
  /** Own alert rules and the alert inbox (viewers have neither). */
  | 'alerts'
  /** Place and release legal holds on posts (a threat reported to the police is kept as evidence). */
  | 'hold';

const GRANTS: Record<Role, readonly Capability[]> = {
  viewer: ['read'],
  analyst: ['read', 'label', 'export', 'alerts'],
  security: ['read', 'see_restricted', 'alerts', 'hold'],
  admin: [
    'read',
    'label',
    'export',
    'manage_sources',
    'manage_users',
    'read_audit',
    'manage_jobs',
    'alerts',
    'hold',
  ],
};

/** Posts of these themes need `see_restricted` (declared with the themes). */
export { RESTRICTED_THEMES } from '../../classifier/types.ts';

export function capabilitiesOf(roles: readonly Role[]): ReadonlySet<Capability> {
  return new Set(roles.flatMap((role) => GRANTS[role]));
}

/** Parses `admin,security` or several arguments into a sorted, de-duplicated role set; throws naming the bad one. */
export function parseRoles(raw: readonly string[]): Role[] {
  const names = raw.flatMap((item) => item.split(',')).map((item) => item.trim().toLowerCase());
  const roles = new Set<Role>();
  for (const name of names) {
    if (name === '') continue;
    const role = ROLES.find((known) => known === name);
    if (!role) throw new Error(`unknown role "${name}"; expected ${ROLES.join(', ')}`);
    roles.add(role);
  }
  if (roles.size === 0) throw new Error(`no role given; expected ${ROLES.join(', ')}`);
  return ROLES.filter((role) => roles.has(role));
}
