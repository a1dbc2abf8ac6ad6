/**
 * `npm run eval:classifier [-- --folds 5 --seed 1 --errors 20 --compare --holdout DIR]`: grouped k-fold
 * cross-validation of the trained model on the corpus (groups never split, near-duplicates of a test
 * fold left out of its training part), the lexicon v0 on the same folds, out-of-corpus checks on the sample
 * generator and on the held-out posts of `--holdout` (a model trained on the whole corpus, never on either), and
 * posts per second for language detection + classification on one core. Ends with `key=value` summary lines,
 * the cross-validation one last.
 * `--compare` adds natural's BayesClassifier and LogisticRegressionClassifier and feature ablations.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { naturalBayesTrainer, naturalLogisticTrainer } from '../classifier/model/baselines.ts';
import {
  crossValidatePrepared,
  lexiconTrainer,
  modelTrainer,
  report,
  toPrediction,
  type EvalReport,
  type Figures,
  type Trainer,
} from '../classifier/model/evaluate.ts';
import { loadClassifier } from '../classifier/model/load.ts';
import {
  prepareExamples,
  trainPrepared,
  type HyperOptions,
  type PreparedExample,
} from '../classifier/model/train.ts';
import { detectLanguage } from '../classifier/language.ts';
import { lexiconClassifier, type PostClassifier } from '../classifier/post-classifier.ts';
import { taxonomy } from '../classifier/taxonomy.ts';
import { STANCES, THEME_IDS, type ThemeId } from '../classifier/types.ts';
import {
  CORPUS_DIR,
  CORPUS_SEED,
  classifierReport,
  heldOutReport,
  heldOutSetId,
  HOLDOUT_DIR,
  loadCorpus,
  loadSecondAnnotation,
  type CorpusExample,
} from '../classifier/model/corpus.ts';
import { generatePosts } from './generator/generate.ts';

const { values: args } = parseArgs({
  options: {
    folds: { type: 'string', default: '5' },
    seed: { type: 'string', default: String(CORPUS_SEED) },
    corpus: { type: 'string', default: CORPUS_DIR },
    errors: { type: 'string', default: '0' },
    compare: { type: 'boolean', default: false },
    generator: { type: 'string', default: '2000' },
    holdout: { type: 'string', default: HOLDOUT_DIR },
  },
});
const folds = Number(args.folds);
const seed = Number(args.seed);
/** The languages the issue names; the others are shown but too small for per-theme figures. */
const MAIN_LANGUAGES = ['sv', 'en', 'ar', 'fa', 'so', 'tr'];

const f2 = (v: number) => v.toFixed(2);
const f3 = (v: number) => v.toFixed(3);
const line = (cells: (string | number)[], widths: number[]) =>
  cells.map((c, i) => String(c).padEnd(widths[i] ?? 8)).join(' ');

function printFigures(title: string, figures: Figures): void {
  console.log(`\n${title} (${figures.n} posts)`);
  console.log(
    `  stance accuracy ${f3(figures.stance.accuracy)}  macro-F1 ${f3(figures.stance.macroF1)}   ` +
      `theme macro-F1 ${f3(figures.themes.macroF1)} (micro ${f3(figures.themes.microF1)})   ` +
      `about macro-F1 ${f3(figures.about.macroF1)}`,
  );
  const w = [30, 9, 9, 9, 8];
  console.log(`  ${line(['stance', 'precision', 'recall', 'F1', 'support'], w)}`);
  for (const s of STANCES) {
    const m = figures.stance.perStance[s];
    console.log(`  ${line([s, f3(m.precision), f3(m.recall), f3(m.f1), m.support], w)}`);
  }
  console.log(`  ${line(['theme (rumours, end to end)', 'precision', 'recall', 'F1', 'support'], w)}`);
  for (const t of THEME_IDS) {
    const m = figures.themes.perTheme[t];
    console.log(`  ${line([t, f3(m.precision), f3(m.recall), f3(m.f1), m.support], w)}`);
  }
}

function printLanguages(result: EvalReport): void {
  const w = [6, 6, 11, 10, 10];
  console.log(`  ${line(['lang', 'posts', 'stance-acc', 'stance-F1', 'theme-F1'], w)}`);
  for (const [lang, f] of Object.entries(result.perLanguage)) {
    const note = MAIN_LANGUAGES.includes(lang) ? '' : '  (small set)';
    console.log(
      `  ${line([lang, f.n, f3(f.stance.accuracy), f3(f.stance.macroF1), f3(f.themes.macroF1)], w)}${note}`,
    );
  }
}

function printErrors(result: EvalReport, corpus: readonly CorpusExample[], limit: number): void {
  if (limit <= 0) return;
  const byId = new Map(corpus.map((e) => [e.id, e]));
  const wrong = result.predictions.filter((p) => p.gold.stance !== p.predicted.stance).slice(0, limit);
  console.log(`\nfirst ${wrong.length} stance errors (gold -> predicted):`);
  for (const p of wrong) {
    const e = byId.get(p.id);
    console.log(`  ${p.id} ${p.gold.stance} -> ${p.predicted.stance} [${e?.kind}] ${e?.text.slice(0, 110)}`);
  }
}

/**
 * The second annotator's labels and this cross-validation's predictions, each scored against the corpus labels on
 * the posts the annotator labelled: how far a careful reader agrees with the labels, beside how far the model does.
 */
function labelAgreement(
  corpus: readonly CorpusExample[],
  model: EvalReport,
): { annotator: EvalReport; model: EvalReport } {
  const annotated = loadSecondAnnotation(corpus);
  const gold = new Map(corpus.map((e) => [e.id, e]));
  const matches = (ids: readonly ThemeId[]) => ids.map((id) => ({ id, score: 1, evidence: [] }));
  const annotator = annotated.map((a) =>
    toPrediction(gold.get(a.id) as CorpusExample, {
      stance: a.stance,
      themes: matches(a.themes as ThemeId[]),
      about: matches(a.about as ThemeId[]),
    }),
  );
  const ids = new Set(annotated.map((a) => a.id));
  const meta = { folds: 0, seed: 0, examples: annotated.length, nearDuplicatesRemoved: 0 };
  return {
    annotator: report(annotator, meta),
    model: report(
      model.predictions.filter((p) => ids.has(p.id)),
      meta,
    ),
  };
}

/** Posts per second for detectLanguage + classify over `texts`, after a warm-up pass. */
function postsPerSecond(classifier: PostClassifier, texts: readonly string[]): number {
  const run = () => {
    for (const text of texts) classifier.classify(text, detectLanguage(text));
  };
  run();
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 3000 || n < texts.length) {
    run();
    n += texts.length;
  }
  return Math.round(n / ((performance.now() - started) / 1000));
}

function crossValidation(prepared: readonly PreparedExample[], trainer: Trainer): EvalReport {
  return crossValidatePrepared(prepared, { folds, seed, trainer });
}

function compare(prepared: readonly PreparedExample[]): void {
  console.log('\n== method comparison (same folds) ==');
  const methods: [string, Trainer][] = [
    ['lexicon v0', lexiconTrainer],
    ['natural BayesClassifier (stance + 13 yes/no)', naturalBayesTrainer],
    ['natural LogisticRegression (stance, reduced) + v0 themes', naturalLogisticTrainer],
  ];
  const ablations: [string, HyperOptions][] = [
    ['linear: all features (shipped)', {}],
    [
      'linear: words + stems only',
      {
        use: {
          chars: false,
          lexicon: false,
          concepts: false,
          claims: false,
          v0: false,
          style: false,
        },
      },
    ],
    ['linear: without character n-grams', { use: { chars: false } }],
    ['linear: without concepts (and claim scope)', { use: { concepts: false, claims: false } }],
    ['linear: without claim scope', { use: { claims: false } }],
    ['linear: without lexicon + v0', { use: { lexicon: false, v0: false } }],
    ['linear: without style', { use: { style: false } }],
    ['linear: with a language-prior feature', { use: { language: true } }],
    ['linear: themes by model only (no lexicon union)', { lexiconThemes: false }],
    ['linear: rumour-only theme training', { themeTraining: 'rumour' }],
  ];
  for (const [name, hyper] of ablations) methods.push([name, modelTrainer(hyper)]);
  const w = [58, 10, 10, 10];
  console.log(line(['method', 'stance-F1', 'theme-F1', 'seconds'], w));
  for (const [name, trainer] of methods) {
    const started = performance.now();
    const r = crossValidation(prepared, trainer);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(line([name, f3(r.overall.stance.macroF1), f3(r.overall.themes.macroF1), seconds], w));
  }
}

function generatorCheck(
  model: PostClassifier,
  count: number,
): { model: EvalReport; lexicon: EvalReport } | null {
  if (count <= 0) return null;
  const posts = generatePosts({ seed: 20_211, count, days: 90, end: new Date('2025-06-01T00:00:00Z') });
  const examples = posts.map((p) => ({
    id: p.externalId,
    text: p.text,
    lang: p.intended.lang,
    stance: p.intended.stance,
    themes: p.intended.themes,
    about: p.intended.about,
  }));
  return {
    model: classifierReport(model, examples),
    lexicon: classifierReport(lexiconClassifier, examples),
  };
}

function main(): void {
  const started = performance.now();
  const corpus = loadCorpus(args.corpus);
  const langs = new Map<string, number>();
  for (const e of corpus) langs.set(e.lang ?? 'und', (langs.get(e.lang ?? 'und') ?? 0) + 1);
  console.log(
    `corpus: ${corpus.length} posts, ${new Set(corpus.map((e) => e.group)).size} groups, ` +
      [...langs].map(([l, n]) => `${l} ${n}`).join(', '),
  );
  const prepared = prepareExamples(corpus);

  const model = crossValidation(prepared, modelTrainer());
  console.log(
    `\n== trained model: ${folds}-fold grouped cross-validation (seed ${seed}); ` +
      `${model.nearDuplicatesRemoved} near-duplicate training items left out ==`,
  );
  printFigures('overall', model.overall);
  console.log('\nper language');
  printLanguages(model);
  printErrors(model, corpus, Number(args.errors));

  const lexicon = crossValidation(prepared, lexiconTrainer);
  console.log('\n== lexicon v0 on the same folds ==');
  printFigures('overall', lexicon.overall);
  console.log('\nper language');
  printLanguages(lexicon);

  if (args.compare) compare(prepared);

  const trained = trainPrepared(prepared, { seed: CORPUS_SEED, taxonomyVersion: taxonomy.version });
  const classifier = loadClassifier(trained);
  const generated = generatorCheck(classifier, Number(args.generator));
  if (generated) {
    console.log(
      `\n== out of corpus: ${generated.model.examples} generator posts (scripts/generator, seed 20211), ` +
        `model trained on the whole corpus ==`,
    );
    const w = [16, 10, 10, 10, 10];
    console.log(line(['', 'stance-acc', 'stance-F1', 'theme-F1', 'about-F1'], w));
    for (const [name, r] of [
      ['trained model', generated.model],
      ['lexicon v0', generated.lexicon],
    ] as const) {
      const o = r.overall;
      console.log(
        line(
          [name, f3(o.stance.accuracy), f3(o.stance.macroF1), f3(o.themes.macroF1), f3(o.about.macroF1)],
          w,
        ),
      );
    }
    console.log(
      '  per language (model stance-F1/theme-F1): ' +
        Object.entries(generated.model.perLanguage)
          .map(([l, f]) => `${l} ${f2(f.stance.macroF1)}/${f2(f.themes.macroF1)}`)
          .join(', '),
    );
  }

  const heldOut = heldOutReport(classifier, args.holdout);
  console.log(
    `\n== held out: ${heldOut.examples} hand-written posts never trained on ` +
      `(${path.relative(process.cwd(), args.holdout) || '.'}, set ${heldOutSetId(args.holdout)}), ` +
      `model trained on the whole corpus ==`,
  );
  printFigures('overall', heldOut.overall);
  console.log('\nper language');
  printLanguages(heldOut);

  // The annotator labelled posts of the shipped corpus; another --corpus has other posts.
  const agreement =
    path.resolve(args.corpus) === path.resolve(CORPUS_DIR) ? labelAgreement(corpus, model) : null;
  if (agreement) {
    console.log(
      `\n== label agreement: ${agreement.annotator.examples} corpus posts (40 per main language) labelled again ` +
        `by a second annotator, blind, from the labelling rules (classifier/data/agreement) ==`,
    );
    const aw = [34, 10, 10, 10, 10];
    console.log(line(['against the corpus labels', 'stance-acc', 'stance-F1', 'theme-F1', 'about-F1'], aw));
    for (const [name, r] of [
      ['second annotator', agreement.annotator],
      ['model, this cross-validation', agreement.model],
    ] as const) {
      const o = r.overall;
      console.log(
        line(
          [name, f3(o.stance.accuracy), f3(o.stance.macroF1), f3(o.themes.macroF1), f3(o.about.macroF1)],
          aw,
        ),
      );
    }
  }

  const texts = corpus.map((e) => e.text);
  const modelSpeed = postsPerSecond(classifier, texts);
  const lexiconSpeed = postsPerSecond(lexiconClassifier, texts);
  console.log(
    `\n== speed: detectLanguage + classify, one core, corpus texts after warm-up ==\n` +
      `  trained model ${modelSpeed} posts/s   lexicon v0 ${lexiconSpeed} posts/s`,
  );
  console.log(
    `\nmodel ${trained.version} (${trained.data.vocab.length} features, ` +
      `${(JSON.stringify(trained).length / 1024).toFixed(0)} KiB); finished in ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(
    `lexicon_stance_macro_f1=${f3(lexicon.overall.stance.macroF1)} ` +
      `lexicon_theme_macro_f1=${f3(lexicon.overall.themes.macroF1)} lexicon_posts_per_s=${lexiconSpeed}`,
  );
  console.log(
    `holdout_stance_accuracy=${f3(heldOut.overall.stance.accuracy)} ` +
      `holdout_stance_macro_f1=${f3(heldOut.overall.stance.macroF1)} ` +
      `holdout_theme_macro_f1=${f3(heldOut.overall.themes.macroF1)}`,
  );
  if (agreement)
    console.log(
      `agreement_stance_macro_f1=${f3(agreement.annotator.overall.stance.macroF1)} ` +
        `agreement_theme_macro_f1=${f3(agreement.annotator.overall.themes.macroF1)}`,
    );
  console.log(
    `stance_accuracy=${f3(model.overall.stance.accuracy)} stance_macro_f1=${f3(model.overall.stance.macroF1)} ` +
      `theme_macro_f1=${f3(model.overall.themes.macroF1)} posts_per_s=${modelSpeed}`,
  );
}

main();
