/**
 * Strict parsing of numbers, ids and output files given on the command line. Numbers are decimal digits only:
 * `0x2`, `1e3`, `1.0`, ` 5` and `abc` are errors, never another number or a silent default. Problems are
 * BadInputErrors, which the CLI prints as one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, describeError, fileErrorText } from '../core/errors.ts';

const shown = (raw: string) => JSON.stringify(raw.slice(0, 50));

/** A positive integer id given on the command line. */
export function positiveId(flag: string, raw: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id <= 0)
    throw new BadInputError('bad-id', `${flag}: not an id: ${raw.slice(0, 50)}`);
  return id;
}

/** A whole number from `min` to `max`; the reason is `bad-<flag>` (`--limit` gives `bad-limit`). */
export function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || value < min || value > max)
    throw new BadInputError(
      `bad-${flag.replace(/^-+/, '')}`,
      `${flag}: expected a whole number from ${min} to ${max}, not ${shown(raw)}`,
    );
  return value;
}

/** `wholeNumber` as a commander option parser (`.argParser(wholeNumberOption('--count', 1, 100))`). */
export function wholeNumberOption(flag: string, min: number, max: number): (raw: string) => number {
  return (raw) => wholeNumber(flag, raw, min, max);
}

/**
 * Checks before any work is done that `out` can be written: its folder exists and it is not itself a folder.
 * Returns it unchanged.
 */
export function outputFile(flag: string, out: string): string {
  if (out.trim() === '') throw new BadInputError('bad-out', `${flag}: give a file name`);
  const dir = path.dirname(path.resolve(out));
  const folder = fs.statSync(dir, { throwIfNoEntry: false });
  if (!folder) throw new BadInputError('bad-out', `${flag}: no such directory: ${dir}`);
  if (!folder.isDirectory()) throw new BadInputError('bad-out', `${flag}: not a directory: ${dir}`);
  if (fs.statSync(out, { throwIfNoEntry: false })?.isDirectory())
    throw new BadInputError('bad-out', `${flag}: ${out} is a directory; give a file name`);
  return out;
}

/** A file system error as one line naming the file (`EACCES` → permission denied), for a BadInputError. */
export function fileProblem(file: string, error: unknown): BadInputError {
  const message = fileErrorText(error) ?? describeError(error);
  return new BadInputError('file', `${file}: ${message}`, { cause: error });
}

/** The temporary file an output is written to before it is renamed into place: hidden, beside it, per process. */
export function partFileBeside(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.part`);
}

/**
 * Writes `data` to `out` through a temporary file beside it (created with `mode`) and a rename, so the file is
 * complete when it appears and has `mode` even when it replaces an existing file (writeFile's mode applies only
 * to a new file). Errors are one-line BadInputErrors naming the file.
 */
export function writeFileAtomically(out: string, data: string | Uint8Array, mode = 0o600): void {
  const temporary = partFileBeside(out);
  try {
    fs.writeFileSync(temporary, data, { mode, flag: 'wx' });
    // The umask may have narrowed it further, never widened: set exactly what was asked.
    fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, out);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw fileProblem(out, error);
  }
}
