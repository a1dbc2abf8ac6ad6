/**
 * Failure classes shared by every stage. A processor decides retry policy from the class alone:
 * BadInputError is recorded and never retried; anything else is treated as transient and retried with backoff.
 */

/** Input that will never succeed however often it is retried (malformed feed, oversize body, bad URL, bad payload). */
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
  /** Short machine-readable reason, e.g. `too-large`, `malformed-feed`, `http-404`. */
  readonly reason: string;

  constructor(reason: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** A failure worth retrying later (network error, timeout, 5xx, lock held). */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  readonly reason: string;

  constructor(reason: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** One line a person can read, with no stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EEXIST: 'already exists',
};

/** A file system error in words (`EACCES` → permission denied); null when it is not one of the common ones. */
export function fileErrorText(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && FILE_ERRORS[code]) ?? null;
}
