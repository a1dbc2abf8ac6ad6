/** Every source kind the collector polls, by name: the one registry the processor and the CLI read. */
import type { SourceKind } from '../core/db/sources.ts';
import { BadInputError } from '../core/errors.ts';
import { importKind } from './import/import.kind.ts';
import { mastodonKind } from './mastodon/mastodon.kind.ts';
import { rssKind } from './rss/rss.kind.ts';
import type { SourceKindModule } from './source-kind.ts';
import { telegramKind } from './telegram/telegram.kind.ts';
import { webKind } from './web/web.kind.ts';

const KINDS: readonly SourceKindModule[] = [rssKind, importKind, webKind, telegramKind, mastodonKind];

export const collectedKinds: ReadonlyMap<string, SourceKindModule> = new Map(
  KINDS.map((kind) => [kind.kind, kind]),
);

/** The module of a kind; BadInputError `bad-kind` naming the supported ones otherwise. */
export function kindModule(kind: string): SourceKindModule {
  const module = collectedKinds.get(kind);
  if (!module) {
    throw new BadInputError(
      'bad-kind',
      `unknown source kind "${kind}" (supported: ${[...collectedKinds.keys()].join(', ')})`,
    );
  }
  return module;
}

export const isCollectedKind = (kind: SourceKind): boolean => collectedKinds.has(kind);
