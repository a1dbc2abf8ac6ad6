/** Who is making a request (a logged-in user or an API token), attached to the request by `authenticate`. */
import type { Request } from 'express';
import type { TokenRole } from '../../core/db/api-tokens.ts';
import type { Role } from '../../core/db/users.ts';
import { HttpError } from '../errors.ts';
import { capabilitiesOf, type Capability } from './roles.ts';

interface Common {
  id: number;
  /** Email or token name: what the audit log and labels record as "who". */
  label: string;
  capabilities: ReadonlySet<Capability>;
}
export type Principal =
  | (Common & { kind: 'user'; roles: Role[]; sessionId: string; csrfToken: string })
  | (Common & { kind: 'token'; roles: [TokenRole] });

const principals = new WeakMap<Request, Principal>();

export function userPrincipal(
  user: { userId: number; email: string; roles: Role[]; csrfToken: string },
  sessionId: string,
): Principal {
  return {
    kind: 'user',
    id: user.userId,
    label: user.email,
    roles: user.roles,
    capabilities: capabilitiesOf(user.roles),
    sessionId,
    csrfToken: user.csrfToken,
  };
}

export function tokenPrincipal(token: { id: number; name: string; role: TokenRole }): Principal {
  return {
    kind: 'token',
    id: token.id,
    label: `token:${token.name}`,
    roles: [token.role],
    capabilities: capabilitiesOf([token.role]),
  };
}

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

export function maybePrincipal(req: Request): Principal | undefined {
  return principals.get(req);
}

/** The request's principal; a route reached without one is a wiring bug, answered 401 rather than served. */
export function principalOf(req: Request): Principal {
  const principal = principals.get(req);
  if (!principal) throw new HttpError(401, 'unauthenticated', 'log in or send an API token');
  return principal;
}

export function can(principal: Principal, capability: Capability): boolean {
  return principal.capabilities.has(capability);
}
