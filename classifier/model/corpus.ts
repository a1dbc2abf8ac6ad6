/**
 * The labelled corpus (classifier/data/corpus/*.jsonl, one file per language): loading with every line
 * validated, and training the shipped model from it (`ryktesradar classifier train --from-corpus`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { report, toPrediction, type EvalReport } from './evaluate.ts';
import { trainModel, type LabelledExample, type TrainedModel } from './train.ts';
import { detectLanguage } from '../language.ts';
import type { PostClassifier } from '../post-classifier.ts';
import { taxonomy } from '../taxonomy.ts';
import { STANCES, THEME_IDS } from '../types.ts';

/** The corpus folder of this checkout. */
export const CORPUS_DIR = fileURLToPath(new URL('../data/corpus/', import.meta.url));
/**
 * Hand-written posts never trained on (classifier/data/holdout/*.jsonl, same line format): written apart from the
 * corpus, without seeing it or any model output, so `eval:classifier` can report figures cross-validation on the
 * corpus cannot flatter.
 */
export const HOLDOUT_DIR = fileURLToPath(new URL('../data/holdout/', import.meta.url));
/**
 * A second annotator's labels for a sample of corpus posts (classifier/data/agreement/*.jsonl: id, stance, themes,
 * about), given blind from the labelling rules: how far two readers agree bounds what a model can be asked to match.
 */
export const AGREEMENT_DIR = fileURLToPath(new URL('../data/agreement/', import.meta.url));
/** Seed of the shipped model's training run. */
export const CORPUS_SEED = 1;

export const corpusLineSchema = z
  .object({
    id: z.string().min(1),
    lang: z.string().min(2),
    lang2: z.string().min(2).nullish(),
    text: z.string().trim().min(1),
    stance: z.enum(STANCES),
    themes: z.array(z.enum(THEME_IDS)),
    about: z.array(z.enum(THEME_IDS)),
    group: z.string().min(1),
    kind: z.string().min(1),
  })
  .superRefine((line, ctx) => {
    const issue = (pathName: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [pathName], message });
    if (line.stance === 'rumour' && line.themes.length === 0)
      issue('themes', 'a rumour needs at least one theme');
    if (line.stance !== 'rumour' && line.themes.length > 0) issue('themes', 'only rumours carry themes');
    if ((line.stance === 'rumour' || line.stance === 'unrelated') && line.about.length > 0)
      issue('about', `a ${line.stance} post has no about themes`);
  });
export type CorpusLine = z.infer<typeof corpusLineSchema>;

const labelsOnlySchema = z
  .object({
    id: z.string().min(1),
    stance: z.enum(STANCES),
    themes: z.array(z.enum(THEME_IDS)),
    about: z.array(z.enum(THEME_IDS)),
  })
  .strict();

/** A corpus example: a LabelledExample with the corpus's `kind` (campaign, hard-negative-news, …). */
export type CorpusExample = LabelledExample & { kind: string; group: string };

/** Thrown when corpus lines do not validate; `problems` lists each as `file:line: path: message`. */
export class CorpusError extends Error {
  constructor(readonly problems: string[]) {
    super(`corpus: ${problems.length} bad line(s):\n${problems.slice(0, 50).join('\n')}`);
    this.name = 'CorpusError';
  }
}

/** The `.jsonl` files of `dir`, in name order. */
const jsonlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();

/**
 * All examples of `dir`/*.jsonl (files in name order, blank lines skipped). Throws a CorpusError naming
 * every bad line (file and line number) and every repeated id.
 */
export function loadCorpus(dir: string = CORPUS_DIR): CorpusExample[] {
  const files = jsonlFiles(dir);
  if (files.length === 0) throw new CorpusError([`${dir}: no .jsonl files`]);
  const problems: string[] = [];
  const examples: CorpusExample[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
    lines.forEach((raw, n) => {
      const where = `${file}:${n + 1}`;
      if (raw.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (error) {
        problems.push(`${where}: not JSON (${(error as Error).message})`);
        return;
      }
      const parsed = corpusLineSchema.safeParse(json);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push(`${where}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
        return;
      }
      const line = parsed.data;
      const first = seen.get(line.id);
      if (first) {
        problems.push(`${where}: id ${line.id} repeats ${first}`);
        return;
      }
      seen.set(line.id, where);
      examples.push({
        id: line.id,
        text: line.text,
        lang: line.lang,
        stance: line.stance,
        themes: line.themes,
        about: line.about,
        group: line.group,
        kind: line.kind,
      });
    });
  }
  if (problems.length > 0) throw new CorpusError(problems);
  return examples;
}

/**
 * A trained classifier's figures on labelled posts it was not trained on (language detected as in the
 * pipeline): the same report as cross-validation's, from one model instead of folds.
 */
export function classifierReport(
  classifier: PostClassifier,
  examples: readonly LabelledExample[],
): EvalReport {
  return report(
    examples.map((e) => toPrediction(e, classifier.classify(e.text, detectLanguage(e.text)))),
    { folds: 0, seed: 0, examples: examples.length, nearDuplicatesRemoved: 0 },
  );
}

/**
 * Which held-out set `dir` holds: a digest of its files, stored with a model's held-out figures, so figures
 * measured on a set that was since retired or edited are not compared with today's.
 */
export function heldOutSetId(dir: string = HOLDOUT_DIR): string {
  const hash = createHash('sha1');
  for (const name of jsonlFiles(dir))
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(path.join(dir, name)))
      .update('\0');
  return hash.digest('hex').slice(0, 8);
}

/** A trained classifier's figures on the held-out posts of `dir`. */
export const heldOutReport = (classifier: PostClassifier, dir: string = HOLDOUT_DIR): EvalReport =>
  classifierReport(classifier, loadCorpus(dir));

/** The shipped model: trained on the whole corpus with the fixed seed and the current taxonomy version. */
export function trainFromCorpus(corpusDir: string = CORPUS_DIR): TrainedModel {
  return trainModel(loadCorpus(corpusDir), { seed: CORPUS_SEED, taxonomyVersion: taxonomy.version });
}

/**
 * The second annotator's labels joined to the corpus posts they label: each a corpus example carrying the other
 * reader's stance, themes and about. Throws a CorpusError for a bad line or an id the corpus does not have.
 */
export function loadSecondAnnotation(
  corpus: readonly CorpusExample[],
  dir: string = AGREEMENT_DIR,
): CorpusExample[] {
  const byId = new Map(corpus.map((e) => [e.id, e]));
  const problems: string[] = [];
  const examples: CorpusExample[] = [];
  for (const file of jsonlFiles(dir)) {
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((raw, n) => {
        if (raw.trim() === '') return;
        const where = `${file}:${n + 1}`;
        let parsed;
        try {
          parsed = labelsOnlySchema.safeParse(JSON.parse(raw));
        } catch (error) {
          problems.push(`${where}: not JSON (${(error as Error).message})`);
          return;
        }
        if (!parsed.success) {
          problems.push(`${where}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
          return;
        }
        const post = byId.get(parsed.data.id);
        if (!post) problems.push(`${where}: ${parsed.data.id} is not a corpus post`);
        else examples.push({ ...post, ...parsed.data });
      });
  }
  if (problems.length > 0) throw new CorpusError(problems);
  return examples;
}
