/** The serialised trained model (zod): what train.ts writes, load.ts validates and Postgres stores. */
import { z } from 'zod';
import { STANCES, THEME_ID_PATTERN } from '../types.ts';

/** The model family this code reads and writes. */
export const MODEL_KIND = 'linear-lexicon';
/** Bumped when training or scoring code changes what a model means: part of every model version. */
export const MODEL_CODE_VERSION = 'lr-v1';

const weightsSchema = z.array(z.number().finite());

/** One linear layer: `weights` row-major, vocabulary × outputs. */
const layerSchema = z.object({ weights: weightsSchema, bias: weightsSchema });

export const modelDataSchema = z
  .object({
    format: z.literal(1),
    /** FEATURES_VERSION and lexicon version the features were read with. */
    features: z.string().min(1),
    lexiconVersion: z.string().min(1),
    /** Feature names; word features (`w:`, `s:`, `p:`) and character n-grams (`c:`) first, then lexicon/v0/language signals. */
    vocab: z.array(z.string().min(1)),
    /** Per vocabulary entry: the word's idf (natural TfIdf) or 1 for a signal. */
    featureWeight: weightsSchema,
    /** Length of the word part of a post's vector (after idf weighting); signals keep their values. */
    wordScale: z.number().positive(),
    /** Length of the character n-gram part (`c:`); absent in models from before n-grams. */
    charScale: z.number().nonnegative().optional(),
    stance: layerSchema.extend({ labels: z.array(z.enum(STANCES)).length(STANCES.length) }),
    themes: layerSchema.extend({
      /** The taxonomy's themes, then any made in the dashboard that analysts' labels taught. */
      ids: z.array(z.string().regex(THEME_ID_PATTERN)).min(1),
      /** Per theme: the probability from which a rumour carries it (tuned on inner folds). */
      thresholds: z.array(z.number().min(0).max(1)),
      /** A strong lexicon phrase or campaign slogan of a theme also gives the theme. */
      lexiconThemes: z.boolean(),
    }),
  })
  .superRefine((d, ctx) => {
    const v = d.vocab.length;
    const check = (ok: boolean, path: (string | number)[], message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path, message });
    };
    check(new Set(d.vocab).size === v, ['vocab'], 'vocabulary has duplicates');
    check(
      d.featureWeight.length === v,
      ['featureWeight'],
      `expected ${v} entries (one per vocabulary entry)`,
    );
    check(
      d.stance.bias.length === d.stance.labels.length,
      ['stance', 'bias'],
      'expected one bias per stance',
    );
    check(
      d.stance.weights.length === v * d.stance.labels.length,
      ['stance', 'weights'],
      `expected ${v * d.stance.labels.length} weights (vocabulary × stances)`,
    );
    const t = d.themes.ids.length;
    check(new Set(d.themes.ids).size === t, ['themes', 'ids'], 'theme ids repeat');
    check(d.themes.bias.length === t, ['themes', 'bias'], 'expected one bias per theme');
    check(d.themes.thresholds.length === t, ['themes', 'thresholds'], 'expected one threshold per theme');
    check(
      d.themes.weights.length === v * t,
      ['themes', 'weights'],
      `expected ${v * t} weights (vocabulary × themes)`,
    );
  });
export type ModelData = z.infer<typeof modelDataSchema>;

export const trainedModelSchema = z.object({
  kind: z.literal(MODEL_KIND),
  version: z.string().min(1),
  taxonomyVersion: z.string().min(1),
  createdAt: z.string().optional(),
  trainedOn: z.object({
    examples: z.number().int().nonnegative(),
    perStance: z.record(z.string(), z.number().int().nonnegative()),
  }),
  data: modelDataSchema,
});
export type TrainedModel = z.infer<typeof trainedModelSchema>;
