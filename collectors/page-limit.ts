/** `-o pages=N`: how many pages a paged source (telegram, mastodon) reads per poll; the same rule for every kind. */
import { BadInputError } from '../core/errors.ts';

export const DEFAULT_PAGES = 3;
export const MAX_PAGES = 20;

/** The page limit from the command line's `-o pages=`; BadInputError `bad-option` outside 1..MAX_PAGES. */
export function parsePages(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGES;
  const pages = Number(raw);
  if (!Number.isInteger(pages) || pages < 1 || pages > MAX_PAGES) {
    throw new BadInputError(
      'bad-option',
      `pages must be a whole number from 1 to ${MAX_PAGES} (got ${raw.slice(0, 20)})`,
    );
  }
  return pages;
}
