/** `ryktesradar demo`: load (or `--remove`) the labelled sample data set, analysed by a real worker. */
import { Option, type Command } from 'commander';
import { TransientError } from '../../core/errors.ts';
import type { Resources } from '../../core/resources.ts';
import { startAnalysisWorker } from '../../workers/main.ts';
import { openPrepared } from '../context.ts';
import { wholeNumberOption } from '../parse-args.ts';
import { loadSampleData, removeSampleData, sampleProgress } from '../sample-data.ts';

export const DEMO_COUNT = 3_000;
export const DEMO_DAYS = 90;
const WAIT_LIMIT_MS = 10 * 60_000;

async function waitForAnalysis(resources: Resources): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let last = -1;
  for (;;) {
    const progress = await sampleProgress(resources);
    if (progress.analysed !== last) {
      process.stderr.write(`analysed ${progress.analysed}/${progress.total} sample posts\n`);
      last = progress.analysed;
    }
    if (progress.analysed >= progress.total) return;
    if (Date.now() > deadline)
      throw new TransientError(
        'timeout',
        'sample analysis did not finish within 10 minutes; is a worker stuck, or Postgres slow?',
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load the labelled sample data set (generated multilingual posts over the last 90 days)')
    .option('--remove', 'delete every sample post and the sample source')
    .addOption(
      new Option('--count <n>', 'how many sample posts, 1 to 200000')
        .default(DEMO_COUNT)
        .argParser(wholeNumberOption('--count', 1, 200_000)),
    )
    .action(async (options: { remove?: boolean; count: number }) => {
      // Loading goes through the analysis queue; removing touches Postgres only.
      const resources = await openPrepared({ redis: options.remove ? 'unused' : 'required' });
      try {
        if (options.remove) {
          const removed = await removeSampleData(resources);
          console.log(
            removed === null
              ? 'No sample data to remove.'
              : `Removed ${removed} sample posts and the sample source.`,
          );
          return;
        }
        const worker = await startAnalysisWorker(resources);
        let generated: number;
        try {
          const loaded = await loadSampleData(resources, { count: options.count, days: DEMO_DAYS });
          generated = loaded.generated;
          console.error(
            `stored ${loaded.inserted} new sample posts (${loaded.generated} generated messages; exact ` +
              `copies are one post with several sightings: ${loaded.posts} posts); analysing…`,
          );
          await waitForAnalysis(resources);
        } finally {
          await worker.close();
        }
        const progress = await sampleProgress(resources);
        console.log(
          `Sample data ready: ${progress.total} posts from ${generated} generated messages, labelled ` +
            '"Exempeldata" (not real). Remove with: npx ryktesradar demo --remove',
        );
      } finally {
        await resources.close();
      }
    });
}
