/**
 * How every Chromium of the project starts (web sources, reports, tests): Debian's build, headless, no sandbox of
 * its own (the process runs unprivileged in containers and CI), no GPU, and nothing phoning home.
 */
import { existsSync } from 'node:fs';
import { describeError, TransientError } from './errors.ts';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * A failed launch in one line naming the fix (playwright's own error is a page of call log): a missing browser
 * is a setup matter the operator can mend, so it is transient for the jobs and one line for the CLI.
 */
export function chromiumLaunchError(executablePath: string, error: unknown): TransientError {
  const detail = existsSync(executablePath)
    ? (describeError(error).split('\n')[0] ?? '').slice(0, 300)
    : "no such file; install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH";
  return new TransientError(
    'chromium-unavailable',
    `Chromium did not start from ${executablePath}: ${detail}`,
    {
      cause: error,
    },
  );
}
