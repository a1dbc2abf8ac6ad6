/**
 * Text from outside (query strings, form fields, JSON bodies) must be text Postgres can store: no NUL character
 * (Postgres refuses it in text, so one `%00` turned a search or a login into a 500) and no lone UTF-16 surrogate
 * (the driver would silently store U+FFFD in its place, changing what the analyst wrote). Checked once at the edge.
 */
import type { RequestHandler } from 'express';
import { hasUnstorableText } from '../core/text.ts';
import { HttpError } from './errors.ts';

/** The path (`note`, `labels.0.note`) of the first string in `value` that Postgres cannot store as written. */
export function unstorableField(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return hasUnstorableText(value) ? at || 'text' : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableField(item, at ? `${at}.${index}` : String(index));
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found =
        unstorableField(key, at || 'field name') ?? unstorableField(item, at ? `${at}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** 400 `bad_parameter` naming the field when `value` holds text that cannot be stored. */
export function assertStorableText(value: unknown): void {
  const field = unstorableField(value);
  if (field)
    throw new HttpError(
      400,
      'bad_parameter',
      `${field}: text must not contain NUL characters or broken Unicode`,
      { field },
    );
}

/** Rejects a request whose query string or parsed form body holds unstorable text (JSON bodies: `jsonBody`). */
export function storableTextOnly(): RequestHandler {
  return (req, _res, next) => {
    assertStorableText(req.query);
    assertStorableText(req.body);
    next();
  };
}
