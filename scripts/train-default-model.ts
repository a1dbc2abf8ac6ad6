/**
 * Writes classifier/model/default-model.json, the shipped model, from the corpus alone:
 * `npx tsx scripts/train-default-model.ts [corpusDir]`. Deterministic: the same corpus and code give the
 * same file and version. The file is written prettier-formatted (the formatter checks the repository).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { CORPUS_DIR, trainFromCorpus } from '../classifier/model/corpus.ts';

const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../classifier/model/default-model.json', import.meta.url));

const corpusDir = process.argv[2] ?? CORPUS_DIR;
const started = performance.now();
const model = trainFromCorpus(corpusDir);
// Written as the repository's formatter would write it, so `prettier --check` passes on a fresh build.
const json = await format(JSON.stringify(model), {
  ...(await resolveConfig(DEFAULT_MODEL_FILE)),
  filepath: DEFAULT_MODEL_FILE,
});
writeFileSync(DEFAULT_MODEL_FILE, json);
console.log(
  `wrote ${DEFAULT_MODEL_FILE}: ${model.version}, ${model.trainedOn.examples} examples, ` +
    `${model.data.vocab.length} features, ${(json.length / 1024).toFixed(0)} KiB, ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s`,
);
