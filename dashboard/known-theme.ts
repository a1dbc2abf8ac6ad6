/**
 * A `theme` filter must name a theme the taxonomy has. The schemas only check its shape, and the queries would
 * answer a typo with empty series and 200: "no rumours" where the truth is "no such theme". Themes live in
 * Postgres (analysts add them from new-claim candidates), so the check reads the table, once per request.
 */
import type { RequestHandler } from 'express';
import type { Db } from '../core/db/client.ts';
import { HttpError } from './errors.ts';

export async function isKnownTheme(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('themes').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** 400 `bad_parameter` when the query's `theme` is given but no theme has that id. */
export function knownThemeOnly(db: Db): RequestHandler {
  return (req, _res, next) => {
    const theme = req.query['theme'];
    // Absent, empty (a GET form sends every field) or repeated (the route's schema names that) is not ours.
    if (typeof theme !== 'string' || theme === '') {
      next();
      return;
    }
    isKnownTheme(db, theme).then(
      (known) =>
        next(
          known ? undefined : new HttpError(400, 'bad_parameter', 'theme: no such theme', { field: 'theme' }),
        ),
      next,
    );
  };
}
