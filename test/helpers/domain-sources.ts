/** The five real counter-messaging texts of shared/domain/sources/, read in place as [file name, text] pairs. */
import { readdirSync, readFileSync } from 'node:fs';

export function readDomainSources(): (readonly [string, string])[] {
  const dir = new URL('../../../shared/domain/sources/', import.meta.url);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => [name, readFileSync(new URL(name, dir), 'utf8')] as const);
}
