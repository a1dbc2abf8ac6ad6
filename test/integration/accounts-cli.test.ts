/** `users`, `tokens` and `audit` as an operator runs them (real processes), checked against the real dashboard. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { createApp } from '../../dashboard/app.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../dashboard/auth/settings.ts';
import { postLogin } from '../helpers/auth.ts';
import { runCli } from '../helpers/cli.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

// Each command is a fresh process that loads the whole CLI: allow for a loaded machine.
vi.setConfig({ testTimeout: 300_000 });

const PASSWORD = 'Ett-Långt-Lösen-För-Chefen';

describe('accounts from the command line', () => {
  let t: TestResources;
  let server: Listening;
  let env: Record<string, string>;
  const run = (args: string[], stdin = '') => runCli(args, env, stdin);

  beforeAll(async () => {
    t = await openTestResources();
    env = {
      DATABASE_URL: t.database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.prefix,
      AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
    };
    server = await listen(
      createApp({
        db: t.resources.db,
        redis: t.resources.redis,
        logger: t.resources.logger,
        modelVersion: async () => MODEL_VERSION,
        auth: { ...DEFAULT_AUTH_SETTINGS, keyPrefix: t.prefix },
      }),
    );
  });
  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it('users add: refuses weak passwords and a missing terminal, creates the first admin, who can log in', async () => {
    const weak = await run(
      ['users', 'add', 'admin@kommun.se', '--role', 'admin', '--password-stdin'],
      'Password1234\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('weak-password');
    const noTty = await run(['users', 'add', 'admin@kommun.se', '--role', 'admin']);
    expect(noTty.code).toBe(1);
    expect(noTty.stderr).toContain('--password-stdin');
    const added = await run(
      ['users', 'add', 'Admin@Kommun.se', '--role', 'admin', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Created admin@kommun\.se \(id \d+\) with role admin\.$/m);
    const again = await run(
      ['users', 'add', 'admin@kommun.se', '--role', 'viewer', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has an account');

    const stored = await t.resources.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=47104,t=1,p=1\$/);
    expect(stored.password_hash).not.toContain(PASSWORD);
    expect((await postLogin(server.url, 'admin@kommun.se', PASSWORD)).status).toBe(303);
  });

  it('users set-role, list and disable', async () => {
    expect((await run(['users', 'set-role', 'admin@kommun.se', 'admin', 'security'])).code).toBe(0);
    const listed = await run(['users', 'list', '--json']);
    const rows = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toEqual([
      expect.objectContaining({ email: 'admin@kommun.se', roles: ['security', 'admin'] }),
    ]);
    expect(listed.stdout).not.toContain('argon2');

    expect(
      (await run(['users', 'add', 'bo@kommun.se', '--role', 'viewer', '--password-stdin'], `${PASSWORD}\n`))
        .code,
    ).toBe(0);
    expect((await postLogin(server.url, 'bo@kommun.se', PASSWORD)).status).toBe(303);
    const disabled = await run(['users', 'disable', 'bo@kommun.se']);
    expect(disabled.stdout).toContain('Disabled bo@kommun.se; ended 1 session(s).');
    expect((await postLogin(server.url, 'bo@kommun.se', PASSWORD)).status).toBe(401);
  });

  it('tokens create prints the bearer token on its last line; revoke stops it; audit shows it all', async () => {
    const created = await run(['tokens', 'create', '--name', 'powerbi', '--role', 'viewer']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^rr_[A-Za-z0-9_-]{43}$/);
    const ok = await fetch(`${server.url}/api/trends`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const list = await run(['tokens', 'list']);
    expect(list.stdout).toMatch(/\tpowerbi\tviewer\t\S+\t20\d\d-\S+\tactive/);
    expect(list.stdout).not.toContain(token);
    expect((await run(['tokens', 'revoke', 'powerbi'])).stdout).toMatch(/^Revoked API token powerbi/);
    const refused = await fetch(`${server.url}/api/trends`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);

    const audit = await run(['audit', '--since', '1h', '--json']);
    expect(audit.code).toBe(0);
    const actions = audit.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { action: string; outcome: string }).action);
    for (const action of [
      'user_add',
      'user_set_role',
      'user_disable',
      'login',
      'token_create',
      'token_used',
      'token_revoke',
    ]) {
      expect(actions).toContain(action);
    }
    expect(audit.stdout).not.toContain(token);
    expect(audit.stdout).not.toContain(PASSWORD);
  });
});
