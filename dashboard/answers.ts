/**
 * The answer loop's facts: official facts and counter-messages per theme from data/answers.json (versioned, each
 * fact with its sources), validated once at import so a bad edit stops start-up instead of rendering half a page.
 */
import { z } from 'zod';
import answersJson from './data/answers.json' with { type: 'json' };

const langCode = z.string().regex(/^[a-z]{2,3}$/);
const factSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    texts: z.record(langCode, z.string().min(1).max(400)).refine((t) => 'sv' in t && 'en' in t, {
      message: 'every fact needs sv and en texts',
    }),
    quoted: z.array(langCode).default([]),
    material: z.array(z.union([langCode, z.literal('many')])),
    sources: z.array(z.string().min(1)).min(1),
    themes: z.array(z.string().regex(/^[a-z][a-z0-9_]{1,62}$/)).min(1),
  })
  .strict();
const answersSchema = z
  .object({
    version: z.string().min(1),
    about: z.array(z.string()),
    sourceTitles: z.record(z.string(), z.string().min(1)),
    facts: z.array(factSchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    for (const fact of file.facts)
      for (const source of fact.sources)
        if (!sourceHref(source) && !(source in file.sourceTitles))
          ctx.addIssue({
            code: 'custom',
            message: `${fact.id}: source ${source} is no URL and has no title`,
          });
  });

export type AnswerFact = z.infer<typeof factSchema>;

export const answers = answersSchema.parse(answersJson);
export const ANSWERS_VERSION = answers.version;

/** The facts that answer a theme, in file order. */
export function factsFor(themeId: string): AnswerFact[] {
  return answers.facts.filter((fact) => fact.themes.includes(themeId));
}

/** Languages in which a theme has an answer: its facts' texts and the source material's own languages. */
export function answerLanguages(themeId: string): string[] {
  const langs = new Set<string>();
  for (const fact of factsFor(themeId)) {
    for (const lang of Object.keys(fact.texts)) langs.add(lang);
    for (const lang of fact.material) langs.add(lang);
  }
  return [...langs].sort();
}

/** A source is a URL or a file of the domain brief; only URLs become links. */
export function sourceHref(source: string): string | null {
  return /^https?:\/\//.test(source) ? source : null;
}

/** What a reader is shown for a source that is a file of the domain brief (its title, never the file path). */
export function sourceTitle(source: string): string {
  return answers.sourceTitles[source] ?? source;
}
