/** `ryktesradar classify [file]`: JSON lines {"id","text"} in (file or stdin), one classification line out. */
import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import { analyseText } from '../../classifier/analyse.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { BadInputError } from '../../core/errors.ts';
import { toClassifyLine } from '../classify-output.ts';
import { fileProblem } from '../parse-args.ts';

const inputSchema = z.object({
  id: z.union([z.string(), z.number()]).nullable().optional(),
  text: z.string().max(1_000_000, 'text longer than 1,000,000 characters'),
});

/** Opens the input file, or one line saying why not (missing, a directory, not readable). */
async function openInput(file: string): Promise<fs.ReadStream> {
  const stat = await fs.promises.stat(file).catch((error: unknown) => {
    throw fileProblem(file, error);
  });
  if (stat.isDirectory()) throw new BadInputError('file', `${file}: is a directory, not a JSON-lines file`);
  const stream = fs.createReadStream(file);
  try {
    await once(stream, 'open');
  } catch (error) {
    throw fileProblem(file, error);
  }
  return stream;
}

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .argument('[file]', 'JSON-lines file of {"id","text"}; stdin when omitted or "-"')
    .description('classify posts offline (no database): language, stance, themes, scores, evidence')
    .action(async (file?: string) => {
      const input = !file || file === '-' ? process.stdin : await openInput(file);
      const lines = readline.createInterface({ input, crlfDelay: Infinity });
      const classifier = shippedClassifier();
      let lineNo = 0;
      let rejected = 0;
      for await (const line of lines) {
        lineNo += 1;
        if (!line.trim()) continue;
        let parsed;
        try {
          parsed = inputSchema.safeParse(JSON.parse(line));
        } catch {
          parsed = null;
        }
        if (!parsed?.success) {
          rejected += 1;
          const why = parsed
            ? parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ')
            : 'not JSON';
          process.stderr.write(`line ${lineNo}: skipped (${why})\n`);
          continue;
        }
        const analysis = analyseText(parsed.data.text, classifier);
        process.stdout.write(`${JSON.stringify(toClassifyLine(parsed.data.id ?? null, analysis))}\n`);
      }
      if (rejected > 0) {
        process.stderr.write(`${rejected} of ${lineNo} lines rejected\n`);
        process.exitCode = 1;
      }
    });
}
