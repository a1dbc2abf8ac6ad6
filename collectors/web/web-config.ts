/**
 * Settings of a `web` source (pure): the CSS selectors that find items on the rendered page and the limits of
 * scrolling and "load more". Whether a selector is valid CSS is only known in the browser (checked per poll).
 */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';

const MAX_SELECTOR = 500;
export const MAX_SCROLLS = 50;
export const MAX_ITEMS = 1_000;
const DEFAULT_SCROLLS = 3;
const DEFAULT_MAX_ITEMS = 100;

const selector = z
  .string()
  .trim()
  .min(1, 'empty selector')
  .max(MAX_SELECTOR, `selector longer than ${MAX_SELECTOR} characters`)
  // Control characters never belong in CSS and would make the error messages unreadable.
  .regex(/^[^\p{Cc}]*$/u, 'selector contains control characters');

export const webConfigSchema = z
  .object({
    /** One element per post. */
    item: selector,
    /** Inside an item: the post's text (innerText). */
    text: selector,
    author: selector.optional(),
    /** Inside an item: `datetime` attribute if present, else the element's text. */
    time: selector.optional(),
    /** Inside an item: an element with `href`, resolved to an absolute URL (the post's id when present). */
    link: selector.optional(),
    /** A "load more" button, clicked up to `scrolls` times; without it the page is scrolled. */
    more: selector.optional(),
    /** Waited for before anything is read (default: `item`). */
    wait: selector.optional(),
    scrolls: z.number().int().min(0).max(MAX_SCROLLS),
    maxItems: z.number().int().min(1).max(MAX_ITEMS),
  })
  .strict();
export type WebConfig = z.infer<typeof webConfigSchema>;

const SELECTOR_KEYS = ['item', 'text', 'author', 'time', 'link', 'more', 'wait'] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];
const KNOWN = new Set<string>([...SELECTOR_KEYS, 'scrolls', 'maxItems']);

function wholeNumber(key: string, raw: string | undefined, fallback: number, max: number, min: number) {
  if (raw === undefined) return fallback;
  if (!/^\d{1,6}$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max)
    throw new BadInputError('bad-option', `-o ${key}: expected a whole number from ${min} to ${max}`);
  return Number(raw);
}

/** From `-o key=value` options; throws BadInputError `bad-option` naming the first problem. */
export function parseWebOptions(options: Readonly<Record<string, string>>): WebConfig {
  const unknown = Object.keys(options).filter((key) => !KNOWN.has(key));
  if (unknown.length > 0) {
    throw new BadInputError(
      'bad-option',
      `web does not know -o ${unknown.join(', ')} (known: ${[...KNOWN].join(', ')})`,
    );
  }
  const selectors: Partial<Record<SelectorKey, string>> = {};
  for (const key of SELECTOR_KEYS) {
    const raw = options[key];
    if (raw === undefined) continue;
    const checked = selector.safeParse(raw);
    if (!checked.success)
      throw new BadInputError(
        'bad-option',
        `-o ${key}: ${checked.error.issues[0]?.message ?? 'bad selector'}`,
      );
    selectors[key] = checked.data;
  }
  if (!selectors.item || !selectors.text)
    throw new BadInputError('bad-option', 'web needs -o item=<css> and -o text=<css>');
  return webConfigSchema.parse({
    ...selectors,
    scrolls: wholeNumber('scrolls', options['scrolls'], DEFAULT_SCROLLS, MAX_SCROLLS, 0),
    maxItems: wholeNumber('maxItems', options['maxItems'], DEFAULT_MAX_ITEMS, MAX_ITEMS, 1),
  });
}

/** The selectors a config uses, by option name, for checking them in the page. */
export function selectorsOf(config: WebConfig): [SelectorKey, string][] {
  return SELECTOR_KEYS.flatMap((key) => {
    const value = config[key];
    return value === undefined ? [] : [[key, value] as [SelectorKey, string]];
  });
}
