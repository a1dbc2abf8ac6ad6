/**
 * Language-ID evaluation: runs `detectLanguage` on every line of ../shared/eval/langid (19 languages ×
 * sentences / word pairs / single words) and prints accuracy per language and length class, strict and
 * grouped (bs/hr/sr, fa/prs, nb/nn as one), sentences per second on one core and resident memory.
 * `und` counts as wrong. Run: `npm run eval:langid [-- --sample N] [-- --calibrate] [-- --dir PATH]`.
 * `--calibrate` also prints the confidence tables of classifier/language-confidence.ts, measured afresh.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  CONFIDENCE_LETTERS,
  columnOf,
  ELD_GAPS,
  LINGUA_PROBABILITIES,
  rowOf,
} from '../classifier/language-confidence.ts';
import { detectLanguage, guessMainLanguage, warmUpLanguageDetection } from '../classifier/language.ts';
import { cleanText } from '../classifier/normalise.ts';

const CLASSES = [
  ['sentences', 'sentences'],
  ['word-pairs', 'word_pairs'],
  ['single-words', 'single_words'],
] as const;
const GROUP: Record<string, string> = {
  bs: 'bcs',
  hr: 'bcs',
  sr: 'bcs',
  fa: 'fa',
  prs: 'fa',
  nb: 'no',
  nn: 'no',
};
const group = (lang: string) => GROUP[lang] ?? lang;
const WARM_UP_LINES = 3000;

interface Line {
  cls: string;
  gold: string;
  text: string;
}

function readData(dir: string, sample: number): { langs: string[]; lines: Line[] } {
  const first = path.join(dir, CLASSES[0][0]);
  if (!existsSync(first)) {
    throw new Error(
      `eval data not found: ${first} is missing. Expected ../shared/eval/langid/{sentences,word-pairs,single-words}/<lang>.txt beside the repository (see shared/eval/langid/README.md), or pass --dir.`,
    );
  }
  const langs = readdirSync(first)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
  const lines: Line[] = [];
  for (const [cls] of CLASSES) {
    for (const gold of langs) {
      const file = path.join(dir, cls, `${gold}.txt`);
      if (!existsSync(file)) throw new Error(`eval data incomplete: ${file} is missing`);
      const texts = readFileSync(file, 'utf8')
        .split('\n')
        .filter((t) => t.trim() !== '');
      for (const text of texts.slice(0, sample)) lines.push({ cls, gold, text });
    }
  }
  return { langs, lines };
}

/** A full garbage collection, so that resident memory after the run shows what stays, not what waits. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const pct = (x: number) => (100 * x).toFixed(2);

/** Pool-adjacent-violators: the closest non-decreasing sequence, weighted by cell sizes (NaN = empty). */
function monotone(values: number[], weights: number[]): number[] {
  const blocks: { sum: number; weight: number; count: number }[] = [];
  values.forEach((v, i) => {
    const weight = Number.isNaN(v) ? 0 : (weights[i] ?? 0);
    blocks.push({ sum: weight ? v * weight : 0, weight, count: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.weight === 0 || b.weight === 0 || a.sum / a.weight <= b.sum / b.weight) break;
      blocks.splice(-2, 2, { sum: a.sum + b.sum, weight: a.weight + b.weight, count: a.count + b.count });
    }
  });
  return blocks.flatMap((b) => Array<number>(b.count).fill(b.weight ? b.sum / b.weight : NaN));
}

/** Empty cells take the nearest value on their left, else on their right. */
function fill(values: number[]): number[] {
  const left = values.map((v, i) =>
    Number.isNaN(v) ? values.slice(0, i).findLast((x) => !Number.isNaN(x)) : v,
  );
  return left.map((v, i) => v ?? values.slice(i).find((x) => !Number.isNaN(x)) ?? NaN);
}

const transpose = (m: number[][]) => (m[0] ?? []).map((_, c) => m.map((row) => row[c] ?? NaN));

/**
 * Prints one table (rows: letters, columns: the path's score) as TypeScript to paste: cell accuracy made
 * non-decreasing along each row and then down each column (both weighted by cell size), empty cells filled
 * from their neighbours (rows first, then columns), capped at 0.99.
 */
function printTable(name: string, bounds: readonly number[], cells: { right: number; n: number }[][]): void {
  const sizes = cells.map((row) => row.map((c) => c.n));
  let values = cells.map((row) => row.map((c) => (c.n ? c.right / c.n : NaN)));
  values = values.map((row, r) => monotone(row, sizes[r] ?? []));
  values = transpose(transpose(values).map((col, c) => monotone(col, transpose(sizes)[c] ?? [])));
  values = transpose(transpose(values.map(fill)).map(fill));
  console.log(`const ${name}: readonly (readonly number[])[] = [`);
  for (const [r, row] of values.entries()) {
    const bound = CONFIDENCE_LETTERS[r];
    // No answer is certain: cells are capped at 0.99.
    console.log(
      `  [${row.map((v) => Math.min(Number.isNaN(v) ? 0 : v, 0.99).toFixed(2)).join(', ')}], // < ${bound} letters; n = ${sizes[r]?.join(' ')}`,
    );
  }
  console.log(`]; // columns from ${bounds.join(', ')}`);
}

function calibrate(lines: Line[]): void {
  const empty = (cols: number) =>
    CONFIDENCE_LETTERS.map(() => Array.from({ length: cols }, () => ({ right: 0, n: 0 })));
  const eld = empty(ELD_GAPS.length);
  const lingua = empty(LINGUA_PROBABILITIES.length);
  const paths = new Map<string, { right: number; n: number }>();
  for (const line of lines) {
    const guess = guessMainLanguage(cleanText(line.text));
    if (!guess) continue;
    const right = group(guess.lang) === group(line.gold) ? 1 : 0;
    const key = `${line.cls} ${guess.path}`;
    const p = paths.get(key) ?? { right: 0, n: 0 };
    paths.set(key, { right: p.right + right, n: p.n + 1 });
    const table = guess.path === 'eld' ? eld : guess.path === 'lingua' ? lingua : null;
    if (!table) continue;
    const cell =
      table[rowOf(guess.letters)]?.[
        columnOf(guess.path === 'eld' ? ELD_GAPS : LINGUA_PROBABILITIES, guess.score)
      ];
    if (cell) {
      cell.right += right;
      cell.n += 1;
    }
  }
  console.log('\ncalibration (grouped accuracy of guesses before the und cut)');
  for (const [key, { right, n }] of paths) console.log(`  ${key}: n=${n} right=${pct(right / n)}%`);
  printTable('ELD_TABLE', ELD_GAPS, eld);
  printTable('LINGUA_TABLE', LINGUA_PROBABILITIES, lingua);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sample: { type: 'string' },
      dir: { type: 'string' },
      calibrate: { type: 'boolean', default: false },
    },
  });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.resolve(root, values.dir ?? '../shared/eval/langid');
  const sample = values.sample === undefined ? Infinity : Number(values.sample);
  if (!(sample > 0)) throw new Error('--sample takes a positive number of lines per file');
  const { langs, lines } = readData(dir, sample);

  const rssBefore = process.memoryUsage().rss;
  const loadMs = warmUpLanguageDetection();
  const rssLoaded = process.memoryUsage().rss;
  const sentences = lines.filter((l) => l.cls === 'sentences');
  for (const line of sentences.slice(0, WARM_UP_LINES)) detectLanguage(line.text);

  const found: string[] = [];
  const seconds = new Map<string, { wall: number; cpu: number }>();
  for (const [cls] of CLASSES) {
    const batch = lines.filter((l) => l.cls === cls);
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (const line of batch) found.push(detectLanguage(line.text).lang);
    const used = process.cpuUsage(cpu);
    seconds.set(cls, { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 });
  }
  const rssAfter = process.memoryUsage().rss;
  collectGarbage();
  const rssAfterGc = process.memoryUsage().rss;

  console.log(`language-ID eval: ${lines.length} lines from ${dir}`);
  console.log(`${langs.length} languages: ${langs.join(' ')}; und counts as wrong\n`);
  console.log(
    `${'lang'.padEnd(6)}${CLASSES.map(([, name]) => `${name} strict/grouped`.padStart(30)).join('')}`,
  );
  const sums = CLASSES.map(() => ({ strict: 0, grouped: 0, und: 0, n: 0 }));
  const results = lines.map((line, i) => ({ ...line, lang: found[i] ?? 'und' }));
  for (const gold of langs) {
    const cells = CLASSES.map(([cls], c) => {
      const mine = results.filter((r) => r.cls === cls && r.gold === gold);
      const strict = mine.filter((r) => r.lang === gold).length / mine.length;
      const grouped = mine.filter((r) => group(r.lang) === group(gold)).length / mine.length;
      const sum = sums[c]!;
      sum.strict += strict;
      sum.grouped += grouped;
      sum.und += mine.filter((r) => r.lang === 'und').length;
      sum.n += mine.length;
      return `${pct(strict)} / ${pct(grouped)}`.padStart(30);
    });
    console.log(`${gold.padEnd(6)}${cells.join('')}`);
  }
  console.log(
    `${'mean'.padEnd(6)}${sums.map((s) => `${pct(s.strict / langs.length)} / ${pct(s.grouped / langs.length)}`.padStart(30)).join('')}`,
  );
  console.log(`${'und'.padEnd(6)}${sums.map((s) => `${pct(s.und / s.n)} %`.padStart(30)).join('')}\n`);

  for (const [c, [cls, name]] of CLASSES.entries()) {
    const s = sums[c]!;
    const n = results.filter((r) => r.cls === cls).length;
    const time = seconds.get(cls) ?? { wall: 1, cpu: 1 };
    console.log(
      `class=${name} strict=${pct(s.strict / langs.length)}% grouped=${pct(s.grouped / langs.length)}% und=${pct(s.und / s.n)}% lines=${n} lines_per_s=${(n / time.wall).toFixed(0)}`,
    );
  }
  const time = seconds.get('sentences') ?? { wall: 1, cpu: 1 };
  console.log(
    `load load_s=${(loadMs / 1000).toFixed(2)} rss_mb_before_load=${mb(rssBefore)} rss_mb_loaded=${mb(rssLoaded)} rss_mb_after_run_gc=${mb(rssAfterGc)}`,
  );
  // What language identification itself keeps resident: the process before loading holds Node, tsx and this
  // eval's own data, which a worker does not pay for language identification.
  console.log(`memory language_id_rss_mb=${mb(rssAfterGc - rssBefore)} process_rss_mb=${mb(rssAfterGc)}`);
  // Wall clock on one thread; per CPU-second too, which other processes on a busy machine disturb less.
  console.log(
    `speed sentences_per_s=${(sentences.length / time.wall).toFixed(0)} sentences_per_cpu_s=${(sentences.length / time.cpu).toFixed(0)} rss_mb=${mb(rssAfter)}`,
  );
  if (values.calibrate) calibrate(lines);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
