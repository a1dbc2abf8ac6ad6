/** Reads a password without echoing it (from a terminal), or the first line of stdin for scripts. */
import os from 'node:os';
import { BadInputError } from '../core/errors.ts';

/** The operator's login name, recorded as "who" in the audit log for CLI changes (at most 254 characters). */
export function operatorName(): string {
  try {
    return `cli:${os.userInfo().username}`.slice(0, 254);
  } catch {
    return 'cli';
  }
}

export async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > 64 * 1024) throw new BadInputError('bad-password', 'stdin: more than 64 KiB');
  }
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').replace(/\r$/, '');
}

/** Prompts on stderr and reads keystrokes in raw mode so the password never appears on screen. */
export function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(
      new BadInputError('no-tty', 'no terminal to ask for a password: pipe it in with --password-stdin'),
    );
  }
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new BadInputError('cancelled', 'cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    process.stderr.write(prompt);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** A new password: from stdin when asked, else typed twice at a terminal. */
export async function readNewPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdinLine();
  const first = await promptHidden('New password (at least 12 characters): ');
  const second = await promptHidden('Repeat it: ');
  if (first !== second) throw new BadInputError('bad-password', 'the two passwords differ');
  return first;
}
