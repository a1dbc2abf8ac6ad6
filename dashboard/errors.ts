/** Typed HTTP errors and the one middleware that turns any error into a JSON answer without leaking internals. */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../core/logger.ts';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof HttpError) {
      res
        .status(error.status)
        .json({ error: { code: error.code, message: error.message, ...error.details } });
      return;
    }
    // Express's own body/URL errors carry a status; anything else is ours and is logged, not shown.
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: clientErrorMessage(error, status) } });
      return;
    }
    logger.error(
      { err: error instanceof Error ? error.message : String(error), path: req.path },
      'request failed',
    );
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}

/** What a client did wrong, from body-parser's `type` or the router's URIError: never the internal message. */
function clientErrorMessage(error: unknown, status: number): string {
  if (error instanceof URIError) return 'malformed URL: a %-escape does not decode';
  switch ((error as { type?: unknown }).type) {
    case 'parameters.too.many':
      return 'too many form fields';
    case 'entity.too.large':
      return 'request body too large';
    case 'entity.parse.failed':
      return 'malformed request body';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'unsupported request body encoding';
    default:
      return status === 413 ? 'request body too large' : status === 400 ? 'malformed request' : 'bad request';
  }
}
