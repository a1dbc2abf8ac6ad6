/**
 * The import file on disk: one streamed pass for its size, sha256 and encoding, then a streamed pass of decoded
 * lines. UTF-8 (BOM or not) and UTF-16 with a BOM are read as such; a file that is not valid UTF-8 as a whole is
 * read as windows-1252 (the other encoding spreadsheet exports come in).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { BadInputError, TransientError } from '../../core/errors.ts';
import { fixCp1252C1 } from '../rss/cp1252.ts';

export type ImportEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface ImportFileInfo {
  size: number;
  sha256: string;
  encoding: ImportEncoding;
}

const CHUNK_BYTES = 64 * 1024;

function bomEncoding(head: Uint8Array): ImportEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** Size check without reading: a missing, unreadable or oversize file is bad input, recorded on the source. */
export function checkImportFile(path: string, maxBytes: number): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
    fs.accessSync(path, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new BadInputError('bad-file', `cannot read ${path} (${code})`);
  }
  if (!stat.isFile()) throw new BadInputError('bad-file', `${path} is not a regular file`);
  if (stat.size > maxBytes)
    throw new BadInputError('too-large', `${path} has ${stat.size} bytes, more than the cap of ${maxBytes}`);
  return stat.size;
}

function aborted(): never {
  throw new TransientError('timeout', 'the poll ran out of time while reading the file');
}

/** Streams the file once: sha256, and whether it is valid UTF-8 throughout (decides the encoding). */
export async function inspectImportFile(
  path: string,
  options: { maxBytes: number; signal: AbortSignal },
): Promise<ImportFileInfo> {
  checkImportFile(path, options.maxBytes);
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  let size = 0;
  let bom: ImportEncoding | null = null;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    if (options.signal.aborted) aborted();
    const bytes = chunk as Buffer;
    if (size === 0) bom = bomEncoding(bytes);
    size += bytes.length;
    // The file may have grown since the stat; the cap holds for what is read.
    if (size > options.maxBytes)
      throw new BadInputError('too-large', `${path} grew past the cap of ${options.maxBytes} bytes`);
    hash.update(bytes);
    if (validUtf8 && bom === null) {
      try {
        utf8.decode(bytes, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
  }
  if (validUtf8 && bom === null) {
    try {
      utf8.decode();
    } catch {
      validUtf8 = false;
    }
  }
  const encoding = bom ?? (validUtf8 ? 'utf-8' : 'windows-1252');
  return { size, sha256: hash.digest('hex'), encoding };
}

function decoder(encoding: ImportEncoding): (bytes?: Buffer) => string {
  // TextDecoder drops a leading BOM of its own encoding.
  const text = new TextDecoder(encoding);
  if (encoding !== 'windows-1252') return (bytes) => text.decode(bytes, { stream: bytes !== undefined });
  return (bytes) => fixCp1252C1(text.decode(bytes, { stream: bytes !== undefined }));
}

/**
 * Lines of decoded chunks, without line breaks (`\n` or `\r\n`); `decode()` without bytes flushes the decoder.
 * `beforeChunk` may throw to stop (a time limit).
 */
export async function* decodedLines(
  chunks: AsyncIterable<unknown>,
  decode: (bytes?: Buffer) => string,
  beforeChunk: () => void = () => {},
): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of chunks) {
    beforeChunk();
    const lines = (rest + decode(chunk as Buffer)).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  rest += decode();
  if (rest) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/** The file's lines, decoded, without line breaks (`\n` or `\r\n`); stops with TransientError when time is up. */
export async function* readImportLines(
  path: string,
  encoding: ImportEncoding,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const stream = fs.createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    yield* decodedLines(stream, decoder(encoding), () => {
      if (signal.aborted) aborted();
    });
  } finally {
    stream.destroy();
  }
}

/** The first bytes of the file as text (for the header check at registration), in the file's likely encoding. */
export function readImportHead(path: string, bytes = CHUNK_BYTES): string {
  const fd = fs.openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const head = buffer.subarray(0, fs.readSync(fd, buffer, 0, bytes, 0));
    const bom = bomEncoding(head);
    if (bom) return new TextDecoder(bom).decode(head);
    try {
      // `stream` tolerates a character cut at the end of the head.
      return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      return fixCp1252C1(new TextDecoder('windows-1252').decode(head));
    }
  } finally {
    fs.closeSync(fd);
  }
}
