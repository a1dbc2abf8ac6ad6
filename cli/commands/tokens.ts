/** `ryktesradar tokens create|list|revoke`: bearer tokens for scripts and BI tools on /api/*. */
import type { Command } from 'commander';
import {
  createApiToken,
  findApiTokenByName,
  listApiTokens,
  revokeApiToken,
  TOKEN_NAME_PATTERN,
  TOKEN_ROLES,
  type TokenRole,
} from '../../core/db/api-tokens.ts';
import { appendAudit } from '../../core/db/audit-log.ts';
import { BadInputError } from '../../core/errors.ts';
import { openPrepared } from '../context.ts';
import { operatorName } from '../read-secret.ts';

function parseRole(raw: string): TokenRole {
  const role = TOKEN_ROLES.find((known) => known === raw);
  if (!role) throw new BadInputError('bad-role', `--role: expected ${TOKEN_ROLES.join(' or ')}`);
  return role;
}

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('API tokens (Authorization: Bearer …) for /api/*');

  tokens
    .command('create')
    .description('create a token; it is printed once, on the last line, and stored only as a hash')
    .requiredOption('--name <name>', 'unique name: letters, digits, . _ - (up to 64)')
    .requiredOption('--role <role>', 'viewer | analyst')
    .action(async (options: { name: string; role: string }) => {
      if (!TOKEN_NAME_PATTERN.test(options.name)) {
        throw new BadInputError('bad-name', '--name: letters, digits, . _ - only, up to 64 characters');
      }
      const role = parseRole(options.role);
      const resources = await openPrepared();
      try {
        const { db } = resources;
        if (await findApiTokenByName(db, options.name)) {
          throw new BadInputError(
            'exists',
            `a token named ${options.name} exists (revoked ones keep their name)`,
          );
        }
        const { token, summary } = await createApiToken(db, {
          name: options.name,
          role,
          createdBy: operatorName(),
        });
        await appendAudit(db, {
          actorKind: 'cli',
          actorLabel: operatorName(),
          action: 'token_create',
          params: { token_id: summary.id, name: summary.name, role },
        });
        console.log(`Created API token ${summary.name} (id ${summary.id}, role ${role}).`);
        console.log(
          'It is shown only now: store it in a secret store. Send it as "Authorization: Bearer <token>".',
        );
        console.log(token);
      } finally {
        await resources.close();
      }
    });

  tokens
    .command('list')
    .description('tokens with role, creation, last use and revocation (never the secret)')
    .option('--json', 'one JSON object per line')
    .action(async (options: { json?: boolean }) => {
      const resources = await openPrepared();
      try {
        const rows = await listApiTokens(resources.db);
        if (options.json) {
          for (const row of rows) console.log(JSON.stringify(row));
          return;
        }
        if (rows.length === 0) {
          console.log('No tokens. Create one with: npx ryktesradar tokens create --name NAME --role viewer');
          return;
        }
        console.log('id\tname\trole\tcreated\tlast used\tstatus');
        for (const row of rows) {
          console.log(
            [
              row.id,
              row.name,
              row.role,
              row.created_at.toISOString(),
              row.last_used_at?.toISOString() ?? 'never',
              row.revoked_at ? `revoked ${row.revoked_at.toISOString()}` : 'active',
            ].join('\t'),
          );
        }
      } finally {
        await resources.close();
      }
    });

  tokens
    .command('revoke <token>')
    .description('revoke a token by id or name; it stops working at once')
    .action(async (idOrName: string) => {
      const key = /^\d+$/.test(idOrName) ? Number(idOrName) : idOrName;
      const resources = await openPrepared();
      try {
        const revoked = await revokeApiToken(resources.db, key);
        if (!revoked) throw new BadInputError('unknown-token', `no active token ${idOrName}`);
        await appendAudit(resources.db, {
          actorKind: 'cli',
          actorLabel: operatorName(),
          action: 'token_revoke',
          params: { token_id: revoked.id, name: revoked.name },
        });
        console.log(`Revoked API token ${revoked.name} (id ${revoked.id}).`);
      } finally {
        await resources.close();
      }
    });
}
