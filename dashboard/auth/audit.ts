/** Writes an audit row for a request: who (its principal, or anonymous), which route, the client address. */
import type { Request } from 'express';
import { appendAudit, type AuditOutcome } from '../../core/db/audit-log.ts';
import type { Db } from '../../core/db/client.ts';
import { clientIp } from './http-bits.ts';
import { maybePrincipal } from './principal.ts';

export async function auditRequest(
  db: Db,
  req: Request,
  action: string,
  params: Record<string, unknown> = {},
  outcome: AuditOutcome = 'ok',
): Promise<void> {
  const principal = maybePrincipal(req);
  await appendAudit(db, {
    actorKind: principal?.kind ?? 'anonymous',
    actorId: principal?.id ?? null,
    actorLabel: principal?.label ?? null,
    action,
    outcome,
    route: `${req.method} ${req.route?.path ?? req.path}`,
    params,
    ip: clientIp(req),
  });
}
