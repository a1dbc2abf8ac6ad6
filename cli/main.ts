/** The `ryktesradar` command line. Errors print one line (no stack trace) and exit non-zero. */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../core/config.ts';
import { BadInputError, TransientError } from '../core/errors.ts';
import { registerClassifier } from './commands/classifier.ts';
import { registerClassify } from './commands/classify.ts';
import { registerDemo } from './commands/demo.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerProcesses } from './commands/processes.ts';
import { registerSources } from './commands/sources.ts';
import { registerUsers } from './commands/users.ts';
import { registerTokens } from './commands/tokens.ts';
import { registerAudit } from './commands/audit.ts';
import { registerSnapshots } from './commands/snapshots.ts';
import { registerReport } from './commands/report.ts';
import { registerRetention } from './commands/retention.ts';
import { registerHolds } from './commands/holds.ts';
import { registerSubject } from './commands/subject.ts';
import { registerPosts } from './commands/posts.ts';
import { registerJobs } from './commands/jobs.ts';
import { registerAlerts } from './commands/alerts.ts';

// A reader that stops early (`holds list --json | head -2`) closes the pipe: nothing more can be shown, so the
// command ends quietly, with the exit code it had so far (0 unless something already failed).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

const program = new Command('ryktesradar')
  .description('Rumour radar: collects public posts about Swedish social services and charts rumour trends')
  // A usage error is its line and a pointer to the command's help, not the whole help text.
  .showHelpAfterError('(add --help for the options)')
  .exitOverride();

registerMigrate(program);
registerProcesses(program);
registerSources(program);
registerSnapshots(program);
registerClassify(program);
registerClassifier(program);
registerDemo(program);
registerUsers(program);
registerTokens(program);
registerAudit(program);
registerReport(program);
registerRetention(program);
registerHolds(program);
registerSubject(program);
registerPosts(program);
registerJobs(program);
registerAlerts(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    const known =
      error instanceof ConfigError || error instanceof BadInputError || error instanceof TransientError;
    const message =
      error instanceof BadInputError || error instanceof TransientError
        ? `${error.reason}: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`ryktesradar: ${message}\n`);
    // An unexpected error is a bug: its stack helps the report. Known classes are the user's input or setup.
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}
