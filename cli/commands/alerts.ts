/**
 * `ryktesradar alerts rules list|add|disable|enable`: alert rules for scripted setup. A rule is checked exactly as
 * the /alerts/rules form checks it (alerts/rule-input.ts: the webhook URL through the address guard, the
 * violence_threats theme only for an owner with the security role). Every change is audited as the operator.
 */
import type { Command } from 'commander';
import { parseRuleFields } from '../../alerts/rule-input.ts';
import { sensitivityOf } from '../../alerts/match.ts';
import { parseAllowlist } from '../../core/net/address-guard.ts';
import {
  insertAlertRule,
  listAlertRules,
  setAlertRuleEnabled,
  type AlertRule,
} from '../../core/db/alert-rules.ts';
import { appendAudit } from '../../core/db/audit-log.ts';
import { findUserByEmail } from '../../core/db/users.ts';
import { BadInputError } from '../../core/errors.ts';
import { EVENT_KINDS } from '../../emerging/types.ts';
import { openPrepared } from '../context.ts';
import { positiveId } from '../parse-args.ts';
import { operatorName } from '../read-secret.ts';

interface AddOptions {
  owner: string;
  name: string;
  kinds: string;
  theme?: string;
  lang?: string;
  place?: string;
  sensitivity: string;
  minScore?: string;
  webhook?: string;
  email?: string;
  locale: string;
}

function describe(rule: AlertRule & { owner_email: string }): string {
  const any = (value: string | null) => value ?? '*';
  const channels = [
    'inbox',
    ...(rule.webhook_url ? [`webhook ${new URL(rule.webhook_url).host}`] : []),
    ...rule.emails.map((email) => `email ${email}`),
  ];
  return [
    `#${rule.id}`,
    rule.enabled ? 'on ' : 'off',
    rule.owner_email,
    JSON.stringify(rule.name),
    `kinds=${rule.kinds.join(',')}`,
    `theme=${any(rule.theme_id)}`,
    `lang=${any(rule.lang)}`,
    `place=${any(rule.place)}`,
    `min_score=${rule.min_score}${sensitivityOf(rule.min_score) ? ` (${sensitivityOf(rule.min_score)})` : ''}`,
    `to=${channels.join(', ')}`,
  ].join('  ');
}

/** `--kinds spike,wave`: every item a known kind (the unknown one named), at least one. */
function eventKinds(raw: string): string[] {
  const kinds = [...new Set(raw.split(',').map((kind) => kind.trim()))].filter((kind) => kind !== '');
  const unknown = kinds.find((kind) => !(EVENT_KINDS as readonly string[]).includes(kind));
  if (unknown !== undefined)
    throw new BadInputError(
      'bad-kinds',
      `--kinds: unknown kind ${JSON.stringify(unknown.slice(0, 40))}; expected ${EVENT_KINDS.join(', ')}`,
    );
  if (kinds.length === 0)
    throw new BadInputError('bad-kinds', `--kinds: give at least one of ${EVENT_KINDS.join(', ')}`);
  return kinds;
}

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('alerts on emerging rumours');
  const rules = alerts.command('rules').description('alert rules (what alerts whom, and where)');

  rules
    .command('list')
    .description('every rule (or one owner’s) with its channels; webhook URLs shown by host only')
    .option('--owner <email>', 'only this user’s rules')
    .option('--json', 'one JSON object per line (webhook URL as host only)')
    .action(async (options: { owner?: string; json?: boolean }) => {
      const resources = await openPrepared();
      try {
        const { db } = resources;
        let ownerId: number | null = null;
        if (options.owner) {
          const user = await findUserByEmail(db, options.owner);
          if (!user) throw new BadInputError('no-user', `no user ${options.owner}`);
          ownerId = user.id;
        }
        const rows = await listAlertRules(db, ownerId);
        if (options.json) {
          for (const row of rows)
            console.log(
              JSON.stringify({ ...row, webhook_url: row.webhook_url ? new URL(row.webhook_url).host : null }),
            );
          return;
        }
        if (rows.length === 0)
          console.log('No alert rules. Add one with: npx ryktesradar alerts rules add --help');
        for (const row of rows) console.log(describe(row));
      } finally {
        await resources.close();
      }
    });

  rules
    .command('add')
    .description('add a rule for a user (analyst, security or admin); the inbox always gets its alerts')
    .requiredOption('--owner <email>', 'the user who owns the rule and sees its alerts')
    .requiredOption('--name <name>', 'a name for the rule')
    .option('--kinds <list>', 'spike,new_claim,wave (comma-separated)', 'spike,new_claim,wave')
    .option('--theme <id>', 'one theme id (default: any)')
    .option('--lang <code>', 'one language code (default: any)')
    .option('--place <code>', 'one municipality code, e.g. 1480 (default: any)')
    .option('--sensitivity <level>', 'high | medium | low (min score 3 | 5 | 8), or custom', 'medium')
    .option('--min-score <n>', 'minimum event score (a custom sensitivity)')
    .option('--webhook <url>', 'JSON webhook (Teams/Slack-style incoming webhook or any JSON receiver)')
    .option('--email <list>', 'email addresses, comma-separated')
    .option('--locale <sv|en>', 'language of the messages', 'sv')
    .action(async (options: AddOptions, command: Command) => {
      const kinds = eventKinds(options.kinds);
      if (options.locale !== 'sv' && options.locale !== 'en')
        throw new BadInputError(
          'bad-locale',
          `--locale: expected sv or en, not ${JSON.stringify(options.locale)}`,
        );
      const resources = await openPrepared();
      try {
        const { db, config } = resources;
        const user = await findUserByEmail(db, options.owner);
        if (!user || user.disabled_at) throw new BadInputError('no-user', `no active user ${options.owner}`);
        if (!user.roles.some((role) => role !== 'viewer'))
          throw new BadInputError(
            'bad-role',
            `${options.owner} is a viewer; alerts need analyst, security or admin`,
          );
        const themes = await db.selectFrom('themes').select('id').execute();
        if (options.theme !== undefined && !themes.some((theme) => theme.id === options.theme))
          throw new BadInputError(
            'bad-theme',
            `--theme: no theme ${JSON.stringify(options.theme.slice(0, 64))}; see the dashboard's theme list`,
          );
        // --min-score alone means a custom sensitivity; with a named level it would be silently ignored.
        const defaultLevel = command.getOptionValueSource('sensitivity') === 'default';
        if (options.minScore !== undefined && !defaultLevel && options.sensitivity !== 'custom')
          throw new BadInputError('bad-option', '--min-score: give it with --sensitivity custom, or alone');
        const sensitivity = options.minScore !== undefined ? 'custom' : options.sensitivity;
        const input = parseRuleFields(
          {
            name: options.name,
            kinds,
            theme: options.theme,
            lang: options.lang,
            place: options.place,
            sensitivity,
            minScore: options.minScore,
            webhookUrl: options.webhook,
            emails: options.email,
            locale: options.locale,
          },
          {
            themes: new Set(themes.map((theme) => theme.id)),
            security: user.roles.includes('security'),
            allowlist: parseAllowlist(config.collector.fetchAllowlist),
          },
        );
        const rule = await insertAlertRule(db, user.id, input);
        await appendAudit(db, {
          actorKind: 'cli',
          actorLabel: operatorName(),
          action: 'alert_rule_add',
          params: {
            rule_id: rule.id,
            owner: user.email,
            kinds: rule.kinds,
            theme: rule.theme_id,
            lang: rule.lang,
            place: rule.place,
            min_score: rule.min_score,
            webhook_host: rule.webhook_url ? new URL(rule.webhook_url).host : null,
            emails: rule.emails.length,
          },
        });
        console.log(`Added alert rule #${rule.id} for ${user.email}.`);
      } finally {
        await resources.close();
      }
    });

  for (const [name, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    rules
      .command(`${name} <id>`)
      .description(`turn a rule ${enabled ? 'on' : 'off'} (any owner’s)`)
      .action(async (raw: string) => {
        const id = positiveId('<id>', raw);
        const resources = await openPrepared();
        try {
          if (!(await setAlertRuleEnabled(resources.db, null, id, enabled)))
            throw new BadInputError('no-rule', `no alert rule #${id}`);
          await appendAudit(resources.db, {
            actorKind: 'cli',
            actorLabel: operatorName(),
            action: 'alert_rule_enable',
            params: { rule_id: id, enabled },
          });
          console.log(`Alert rule #${id} is ${enabled ? 'on' : 'off'}.`);
        } finally {
          await resources.close();
        }
      });
  }
}
