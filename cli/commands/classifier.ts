/**
 * `ryktesradar classifier train|status`: retrain from the corpus plus analysts' labels, store the model with
 * its version, cross-validated figures and figures on the held-out posts in Postgres, and reclassify stored posts
 * with it in the background.
 * `train --from-corpus` rebuilds the shipped model file instead (no database; reproducible).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { crossValidate, type EvalReport } from '../../classifier/model/evaluate.ts';
import { featureMismatch, loadClassifier } from '../../classifier/model/load.ts';
import { trainModel, type LabelledExample } from '../../classifier/model/train.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { taxonomy } from '../../classifier/taxonomy.ts';
import { THEME_IDS } from '../../classifier/types.ts';
import { activeModelVersion, listModels, saveModel } from '../../core/db/classifier-models.ts';
import { latestLabelsWithText } from '../../core/db/post-labels.ts';
import { createRun, getRun, latestRuns } from '../../core/db/reclassify-runs.ts';
import { reclassifyQueue } from '../../core/queues/reclassify.ts';
import { TransientError } from '../../core/errors.ts';
import type { Resources } from '../../core/resources.ts';
import {
  CORPUS_SEED,
  heldOutReport,
  heldOutSetId,
  loadCorpus,
  trainFromCorpus,
} from '../../classifier/model/corpus.ts';
import { startAnalysisWorker } from '../../workers/main.ts';
import { openPrepared } from '../context.ts';
import { wholeNumberOption } from '../parse-args.ts';

const SHIPPED_MODEL_FILE = fileURLToPath(
  new URL('../../classifier/model/default-model.json', import.meta.url),
);
const WAIT_LIMIT_MS = 30 * 60_000;

const say = (line: string) => process.stderr.write(`${line}\n`);

function summary(report: EvalReport): Record<string, number> {
  return {
    stance_accuracy: report.overall.stance.accuracy,
    stance_macro_f1: report.overall.stance.macroF1,
    theme_macro_f1: report.overall.themes.macroF1,
  };
}

async function trainFromCorpusToFile(): Promise<void> {
  say('training the shipped model on the corpus (classifier/data/corpus)…');
  const model = trainFromCorpus();
  fs.writeFileSync(SHIPPED_MODEL_FILE, `${JSON.stringify(model)}\n`);
  console.log(`Wrote ${SHIPPED_MODEL_FILE}: model ${model.version} (${model.trainedOn.examples} examples).`);
}

async function waitForRun(resources: Resources, runId: number): Promise<void> {
  const worker = await startAnalysisWorker(resources);
  try {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    let last = '';
    for (;;) {
      const run = await getRun(resources.db, runId);
      const line = `reclassify run ${runId}: ${run?.status ?? 'missing'} ${run?.done ?? 0}/${run?.total ?? 0}`;
      if (line !== last) say(line);
      last = line;
      if (!run || run.status === 'done') return;
      if (run.status === 'failed')
        throw new TransientError(
          'reclassify-failed',
          `reclassification failed: ${run.error ?? 'unknown reason'}`,
        );
      if (Date.now() > deadline)
        throw new TransientError('timeout', 'reclassification did not finish within 30 minutes');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await worker.close();
  }
}

async function train(options: {
  fromCorpus?: boolean;
  folds: number;
  eval: boolean;
  wait?: boolean;
}): Promise<void> {
  if (options.fromCorpus) return trainFromCorpusToFile();
  // The model and its run are stored, then the run is queued: Redis must answer before anything is stored.
  const resources = await openPrepared({ redis: 'required' });
  try {
    const corpus = loadCorpus();
    // The model's theme outputs are the taxonomy's (THEME_IDS), then every theme made in the dashboard that the
    // labels carry: those are learned from their labelled posts alone.
    const known = new Set<string>(THEME_IDS);
    const dashboardThemes = new Set<string>();
    const noteThemes = (ids: string[]) => {
      for (const id of ids) if (!known.has(id)) dashboardThemes.add(id);
      return ids;
    };
    const labels: LabelledExample[] = (await latestLabelsWithText(resources.db)).map((label) => ({
      id: `post-${label.postId}`,
      text: label.text,
      lang: label.lang,
      stance: label.stance,
      themes: noteThemes(label.themes),
      about: noteThemes(label.about),
      group: `post-${label.postId}`,
    }));
    const extraThemes = [...dashboardThemes].sort();
    const examples = [...corpus, ...labels];
    say(
      `training on ${examples.length} examples: ${corpus.length} from the corpus, ${labels.length} analyst labels`,
    );
    if (extraThemes.length > 0) {
      const counts = extraThemes.map((id) => {
        const n = labels.filter((l) => l.themes.includes(id) || l.about.includes(id)).length;
        return `${id} (${n} ${n === 1 ? 'post' : 'posts'})`;
      });
      say(`themes made in the dashboard, learned from their labelled posts only: ${counts.join(', ')}`);
    }
    let metrics: Record<string, unknown> = {};
    if (options.eval) {
      say(`cross-validating with ${options.folds} grouped folds…`);
      const report = crossValidate(examples, {
        folds: options.folds,
        seed: CORPUS_SEED,
        taxonomyVersion: taxonomy.version,
        extraThemes,
      });
      // Figures per stance, theme and language; the per-post predictions stay out of the database.
      metrics = {
        folds: options.folds,
        ...summary(report),
        overall: report.overall,
        perLanguage: report.perLanguage,
      };
      say(`cross-validation: ${JSON.stringify(summary(report))}`);
    }
    const model = trainModel(examples, { seed: CORPUS_SEED, taxonomyVersion: taxonomy.version, extraThemes });
    // The held-out posts are never trained on, so analysts can see whether their labels helped or hurt posts
    // outside the training data; cheap (120 posts), so measured even with --no-eval.
    const heldOut = summary(heldOutReport(loadClassifier(model)));
    for (const [key, value] of Object.entries(heldOut)) metrics[`holdout_${key}`] = value;
    const heldOutSet = heldOutSetId();
    metrics['holdout_set'] = heldOutSet;
    say(`held-out posts (classifier/data/holdout, set ${heldOutSet}): ${JSON.stringify(heldOut)}`);
    await saveModel(resources.db, {
      version: model.version,
      kind: model.kind,
      taxonomyVersion: model.taxonomyVersion,
      trainedOn: { ...model.trainedOn, corpus: corpus.length, labels: labels.length },
      metrics,
      model,
    });
    const run = await createRun(resources.db, model.version);
    const queue = reclassifyQueue.open(resources.redis, resources.config.redis.prefix);
    try {
      await queue.add(
        'reclassify',
        { runId: run.id, modelVersion: model.version },
        { jobId: `reclassify-${run.id}` },
      );
    } finally {
      await queue.close();
    }
    console.log(
      `Stored model ${model.version}; reclassify run ${run.id} queued. A running worker reclassifies every stored ` +
        'post and then makes this model active. Follow it with: npx ryktesradar classifier status',
    );
    if (options.wait) await waitForRun(resources, run.id);
  } finally {
    await resources.close();
  }
}

async function status(): Promise<void> {
  const resources = await openPrepared();
  try {
    const active = await activeModelVersion(resources.db);
    console.log(`In force: ${active ?? `${shippedClassifier().version} (shipped with the code)`}`);
    for (const model of await listModels(resources.db)) {
      const m = model.metrics as Partial<Record<string, number | string>>;
      const cv =
        m['stance_macro_f1'] === undefined
          ? 'not cross-validated'
          : `stance macro-F1 ${m['stance_macro_f1']}, theme macro-F1 ${m['theme_macro_f1']}`;
      const heldOut =
        m['holdout_stance_macro_f1'] === undefined
          ? ''
          : `; held out${m['holdout_set'] === undefined ? '' : ` (set ${m['holdout_set']})`}: ` +
            `stance macro-F1 ${m['holdout_stance_macro_f1']}, theme macro-F1 ${m['holdout_theme_macro_f1']}`;
      const figures = `${cv}${heldOut}`;
      console.log(
        `model ${model.version}${model.active ? ' (active)' : ''}\t${model.created_at.toISOString()}\t${figures}`,
      );
      const mismatch =
        model.features && model.lexicon_version
          ? featureMismatch({ features: model.features, lexiconVersion: model.lexicon_version })
          : null;
      if (mismatch) console.log(`  warning: model ${model.version} was ${mismatch}`);
    }
    for (const run of await latestRuns(resources.db)) {
      const pct = run.total > 0 ? ` (${Math.round((100 * run.done) / run.total)}%)` : '';
      console.log(
        `run ${run.id}\t${run.model_version}\t${run.status}\t${run.done}/${run.total}${pct}${run.error ? `\t${run.error}` : ''}`,
      );
    }
  } finally {
    await resources.close();
  }
}

export function registerClassifier(program: Command): void {
  const classifier = program.command('classifier').description('train, store and roll out classifier models');
  classifier
    .command('train')
    .description(
      'retrain from the corpus and analysts’ labels, store the model, reclassify stored posts in the background',
    )
    .option(
      '--from-corpus',
      'rebuild the shipped model file classifier/model/default-model.json from the corpus only (no database)',
    )
    .addOption(
      new Option('--folds <k>', 'cross-validation folds, 2 to 20')
        .default(5)
        .argParser(wholeNumberOption('--folds', 2, 20)),
    )
    .option('--no-eval', 'skip cross-validation (the model is stored with its held-out figures only)')
    .option('--wait', 'run the reclassification in this process and print its progress until done')
    .action(train);
  classifier
    .command('status')
    .description('the model in force, stored models with their figures, reclassify runs')
    .action(status);
}
