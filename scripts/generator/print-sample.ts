/**
 * Prints generated posts as JSON lines, e.g. `npx tsx scripts/generator/print-sample.ts 5`.
 * Options: --seed N (default 20211), --days N (90), --end ISO-date (now), --lang xx, --stance s.
 * With --lang or --stance, posts are drawn from a larger generated set and the first N that match are printed.
 */
import { parseArgs } from 'node:util';
import { generatePosts } from './generate.ts';

const USAGE = 'usage: print-sample.ts [count] [--seed N] [--days N] [--end ISO] [--lang xx] [--stance s]';

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string', default: '20211' },
      days: { type: 'string', default: '90' },
      end: { type: 'string' },
      lang: { type: 'string' },
      stance: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const count = Number(positionals[0] ?? '5');
  const seed = Number(values.seed);
  const days = Number(values.days);
  const end = values.end ? new Date(values.end) : new Date();
  if (
    !Number.isInteger(count) ||
    count < 0 ||
    !Number.isFinite(seed) ||
    !(days > 0) ||
    Number.isNaN(end.getTime())
  ) {
    throw new Error(USAGE);
  }
  const filtered = values.lang !== undefined || values.stance !== undefined;
  const posts = generatePosts({ seed, count: filtered ? Math.max(3_000, count * 40) : count, days, end })
    .filter((post) => values.lang === undefined || post.intended.lang === values.lang)
    .filter((post) => values.stance === undefined || post.intended.stance === values.stance)
    .slice(0, count);
  for (const post of posts) process.stdout.write(`${JSON.stringify(post)}\n`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
