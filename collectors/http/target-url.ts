/** The URL a source is registered with (pure): http(s), bounded, no credentials. */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';

const httpUrl = z
  .url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL' })
  .max(2_000, 'URL longer than 2,000 characters');

/** Returns the URL as given; throws BadInputError `bad-url` with the reason. */
export function parseTargetUrl(raw: string): URL {
  const checked = httpUrl.safeParse(raw);
  if (!checked.success)
    throw new BadInputError(
      'bad-url',
      `${raw.slice(0, 200)}: ${checked.error.issues[0]?.message ?? 'bad URL'}`,
    );
  const url = new URL(checked.data);
  if (url.username || url.password)
    throw new BadInputError('bad-url', 'URLs with credentials are not accepted');
  return url;
}
