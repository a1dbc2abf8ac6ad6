/**
 * Text in an image through Debian's tesseract-ocr, run as a child process: the image goes in on stdin, text comes
 * out on stdout. Bounded in time and output; a missing binary or language pack is reported once, clearly, instead
 * of failing every job.
 */
import { spawn } from 'node:child_process';
import { BadInputError, TransientError } from '../../core/errors.ts';

export interface OcrOptions {
  /** tesseract language list, e.g. `swe+ara+fas`. */
  languages: string;
  timeoutMs: number;
  /** Path or name of the tesseract binary. */
  binary?: string;
}

/** Characters of recognised text kept per image: a screenshot of a long post, not a scanned book. */
const MAX_OUTPUT_CHARS = 20_000;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  binary: string,
  args: string[],
  input: Uint8Array | null,
  timeoutMs: number,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // One thread: the collector process runs one OCR at a time and OpenMP's default of every core only adds contention.
    const child = spawn(binary, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT_CHARS * 2) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 4_000) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal)
        reject(new TransientError('ocr-timeout', `tesseract stopped by ${signal} after ${timeoutMs} ms`));
      else resolve({ code, stdout, stderr });
    });
    // EPIPE when tesseract exits early on a bad image: the exit code tells the story.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? undefined);
  });
}

/** Languages tesseract can read here, or null when it is not installed. */
export async function availableLanguages(binary = 'tesseract'): Promise<Set<string> | null> {
  try {
    const result = await run(binary, ['--list-langs'], null, 10_000);
    if (result.code !== 0) return null;
    // The first line is a heading ("List of available languages in …").
    return new Set(
      result.stdout
        .split('\n')
        .slice(1)
        .map((line) => line.trim())
        .filter(Boolean),
    );
  } catch {
    return null;
  }
}

/** The text tesseract reads in the image, whitespace tidied; empty when it finds none. */
export async function recogniseText(image: Uint8Array, options: OcrOptions): Promise<string> {
  const binary = options.binary ?? 'tesseract';
  const result = await run(
    binary,
    ['stdin', 'stdout', '-l', options.languages, '--psm', '3'],
    image,
    options.timeoutMs,
  );
  if (result.code !== 0) {
    const detail = result.stderr.trim().split('\n').slice(-1)[0] ?? '';
    throw new BadInputError(
      'ocr-failed',
      `tesseract exited with ${result.code}${detail ? `: ${detail}` : ''}`,
    );
  }
  return result.stdout
    .replace(/\f/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, MAX_OUTPUT_CHARS);
}
