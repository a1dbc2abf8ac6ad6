/** `alerts rules add|list|disable` as an operator runs them (real processes) on a real database. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addUser } from '../helpers/auth.ts';
import { runCli } from '../helpers/cli.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

// Each command is a fresh process that loads the whole CLI: allow for a loaded machine.
vi.setConfig({ testTimeout: 300_000 });

describe('alert rules from the command line', () => {
  let t: TestResources;
  let env: Record<string, string>;
  const run = (args: string[]) => runCli(args, env);

  beforeAll(async () => {
    t = await openTestResources();
    env = {
      DATABASE_URL: t.database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.prefix,
      AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
    };
    await addUser(t.resources.db, 'analyst@kommun.se', ['analyst']);
    await addUser(t.resources.db, 'viewer@kommun.se', ['viewer']);
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it('adds, lists and turns off a rule; refuses a private webhook address', async () => {
    const add = await run([
      'alerts',
      'rules',
      'add',
      '--owner',
      'analyst@kommun.se',
      '--name',
      'Arabiska',
      '--kinds',
      'spike,wave',
      '--theme',
      'soc_takes_children',
      '--lang',
      'ar',
      '--sensitivity',
      'high',
      '--webhook',
      'https://hooks.example.org/services/T0/B0/secret',
      '--email',
      'kommunikation@kommun.se',
    ]);
    expect(add.stderr).toBe('');
    expect(add.stdout).toMatch(/^Added alert rule #1 for analyst@kommun\.se\./);
    const list = await run(['alerts', 'rules', 'list']);
    expect(list.stdout).toContain(
      '#1  on   analyst@kommun.se  "Arabiska"  kinds=spike,wave  theme=soc_takes_children',
    );
    expect(list.stdout).toContain(
      'min_score=3 (high)  to=inbox, webhook hooks.example.org, email kommunikation@kommun.se',
    );
    expect(list.stdout).not.toContain('secret');

    // The form's checks (theme for security only, viewers, addresses) are the same function: one refusal here.
    const refused = await run([
      'alerts',
      'rules',
      'add',
      '--owner',
      'analyst@kommun.se',
      '--name',
      'X',
      '--webhook',
      'http://10.1.2.3/h',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused address: private address');

    // --min-score alone is a custom sensitivity (it was silently dropped for the default medium = 5).
    const custom = await run([
      'alerts',
      'rules',
      'add',
      '--owner',
      'analyst@kommun.se',
      '--name',
      'Egen',
      '--min-score',
      '2',
    ]);
    expect(custom.code, custom.stderr).toBe(0);
    expect((await run(['alerts', 'rules', 'list'])).stdout).toMatch(/"Egen" .*min_score=2 /);
    const both = await run([
      'alerts',
      'rules',
      'add',
      '--owner',
      'analyst@kommun.se',
      '--name',
      'Y',
      '--sensitivity',
      'low',
      '--min-score',
      '2',
    ]);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--min-score: give it with --sensitivity custom, or alone');

    expect((await run(['alerts', 'rules', 'disable', '1'])).stdout).toContain('Alert rule #1 is off.');
    expect((await run(['alerts', 'rules', 'list', '--owner', 'analyst@kommun.se'])).stdout).toContain(
      '#1  off',
    );
    const audit = await t.resources.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'alert_rule%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['alert_rule_add', 'alert_rule_add', 'alert_rule_enable']);
  });
});
