/**
 * natural's own classifiers on the model's features, as cross-validation methods for
 * `npm run eval:classifier -- --compare` (pure; not used at classification time).
 *
 * - Bayes: natural's BayesClassifier for the stance, one yes/no BayesClassifier per theme (trained like
 *   the model's theme outputs: rumours' themes and counter/neutral posts' `about`).
 * - Logistic regression: natural's LogisticRegressionClassifier for the stance only, on the lexicon and v0
 *   signals plus the most frequent words (it trains dense vocabulary-sized matrices by full-batch gradient
 *   descent, so the whole vocabulary or 13 theme models do not fit a CI run); themes from the v0 lexicon.
 */
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier.js';
import { THEME_IDS, type Classification, type Stance, type ThemeId, type ThemeMatch } from '../types.ts';
import type { Trainer } from './evaluate.ts';
import type { PostFeatures } from './features.ts';
import type { PreparedExample } from './train.ts';

/** The feature names of a post as natural's "tokens" (it takes pre-tokenised arrays as they are). */
function tokens(features: PostFeatures, keep?: ReadonlySet<string>): string[] {
  const all = [...features.words, ...features.signals.keys()];
  return keep ? all.filter((t) => keep.has(t)) : all;
}

const evidenceFor = (features: PostFeatures, id: ThemeId): ThemeMatch => ({
  id,
  score: 1,
  evidence: features.lexiconEvidence.get(id) ?? [],
});

function finish(stance: Stance, themes: ThemeId[], features: PostFeatures): Classification {
  const matches = themes.map((id) => evidenceFor(features, id));
  if (stance === 'unrelated') return { stance, themes: [], about: [] };
  if (stance === 'rumour') return { stance, themes: matches, about: [] };
  return { stance, themes: [], about: matches };
}

/** natural BayesClassifier (stance) + one yes/no BayesClassifier per theme. */
export const naturalBayesTrainer: Trainer = (train) => {
  const stance = new BayesClassifier();
  for (const p of train) stance.addDocument(tokens(p.features), p.example.stance);
  stance.train();
  const relevant = train.filter((p) => p.example.stance !== 'unrelated');
  const themeModels = THEME_IDS.map((theme) => {
    const nb = new BayesClassifier();
    let positives = 0;
    for (const p of relevant) {
      const labels = p.example.stance === 'rumour' ? p.example.themes : p.example.about;
      const yes = labels.includes(theme);
      if (yes) positives++;
      nb.addDocument(tokens(p.features), yes ? 'yes' : 'no');
    }
    if (positives === 0) return null;
    nb.train();
    return nb;
  });
  return (p: PreparedExample) => {
    const t = tokens(p.features);
    const s = stance.classify(t) as Stance;
    const themes = THEME_IDS.filter((_, i) => themeModels[i]?.classify(t) === 'yes');
    return finish(s, themes, p.features);
  };
};

/** Words kept for natural's logistic regression: the most frequent ones, besides every signal. */
const LR_WORDS = 150;

/** natural LogisticRegressionClassifier (stance, reduced features) + the v0 lexicon's themes. */
export const naturalLogisticTrainer: Trainer = (train) => {
  const df = new Map<string, number>();
  const keep = new Set<string>();
  for (const p of train) {
    for (const w of p.features.words) df.set(w, (df.get(w) ?? 0) + 1);
    for (const s of p.features.signals.keys()) keep.add(s);
  }
  [...df]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, LR_WORDS)
    .forEach(([w]) => keep.add(w));
  const lr = new LogisticRegressionClassifier();
  for (const p of train) lr.addDocument(tokens(p.features, keep), p.example.stance);
  lr.train();
  return (p: PreparedExample) => {
    const s = lr.classify(tokens(p.features, keep)) as Stance;
    const v0 = p.features.v0;
    const themes = (s === 'rumour' ? v0.themes : [...v0.themes, ...v0.about]).map((m) => m.id);
    return finish(s, [...new Set(themes)] as ThemeId[], p.features);
  };
};
