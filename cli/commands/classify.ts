/**
 * `ryktesradar classify [file]`: JSON lines {"id","text"} in (file or stdin), one classification line out;
 * `--text` classifies one text given on the command line.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { analyseText } from '../../classifier/analyse.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { quoteBigIntegers } from '../../collectors/import/json-big-integers.ts';
import {
  decodedLines,
  inspectImportFile,
  readImportLines,
} from '../../collectors/import/read-import-file.ts';
import { BadInputError } from '../../core/errors.ts';
import { toClassifyLine } from '../classify-output.ts';
import { fileProblem } from '../parse-args.ts';

const inputSchema = z.object({
  id: z.union([z.string(), z.number()]).nullable().optional(),
  text: z.string().max(1_000_000, 'text longer than 1,000,000 characters'),
});

/** Beyond any text `classify` accepts (1,000,000 characters a line), with room for many lines. */
const MAX_FILE_BYTES = 8 * 1024 ** 3;

/**
 * The input file's lines, decoded as the import source kind reads files (UTF-8 with or without a BOM, UTF-16
 * with a BOM, else windows-1252, said on stderr), or one line saying why the file cannot be read.
 */
async function fileLines(file: string): Promise<AsyncGenerator<string>> {
  const stat = await fs.promises.stat(file).catch((error: unknown) => {
    throw fileProblem(file, error);
  });
  if (stat.isDirectory()) throw new BadInputError('file', `${file}: is a directory, not a JSON-lines file`);
  await fs.promises.access(file, fs.constants.R_OK).catch((error: unknown) => {
    throw fileProblem(file, error);
  });
  const signal = new AbortController().signal;
  const { encoding } = await inspectImportFile(file, { maxBytes: MAX_FILE_BYTES, signal });
  if (encoding === 'windows-1252') process.stderr.write(`${file}: not valid UTF-8; read as windows-1252\n`);
  return readImportLines(file, encoding, signal);
}

/** Standard input's lines as UTF-8 (a leading BOM dropped); bytes that are not UTF-8 stop with one line. */
async function* stdinLines(): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lineNo = 0;
  const decode = (bytes?: Buffer): string => {
    try {
      return decoder.decode(bytes, { stream: bytes !== undefined });
    } catch {
      throw new BadInputError(
        'encoding',
        `standard input is not valid UTF-8 (after line ${lineNo}); pass the file's path instead: a file in ` +
          'windows-1252 is read as such',
      );
    }
  };
  for await (const line of decodedLines(process.stdin, decode)) {
    lineNo += 1;
    yield line;
  }
}

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .argument('[file]', 'JSON-lines file of {"id","text"}; stdin when omitted or "-"')
    .option('-t, --text <text>', 'classify this one text (id null) instead of reading JSON lines')
    .description(
      'classify posts offline with the shipped model (no database; a model trained later with `classifier train` ' +
        'is not used): language, stance, themes, scores, evidence',
    )
    .action(async (file: string | undefined, options: { text?: string }) => {
      const classifier = shippedClassifier();
      if (options.text !== undefined) {
        if (file) throw new BadInputError('text', '--text: give either --text or a file, not both');
        const text = inputSchema.shape.text.safeParse(options.text);
        if (!text.success)
          throw new BadInputError('text', `--text: ${text.error.issues[0]?.message ?? 'not a text'}`);
        process.stdout.write(`${JSON.stringify(toClassifyLine(null, analyseText(text.data, classifier)))}\n`);
        return;
      }
      const lines = !file || file === '-' ? stdinLines() : await fileLines(file);
      let lineNo = 0;
      let rejected = 0;
      for await (const line of lines) {
        lineNo += 1;
        if (!line.trim()) continue;
        let parsed;
        try {
          // Ids past 2^53 (64-bit platform ids) are kept as strings instead of being rounded to another id.
          parsed = inputSchema.safeParse(JSON.parse(quoteBigIntegers(line)));
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
