/**
 * Types for the natural subpaths the model imports. Importing natural's root pulls database drivers and
 * takes 1.3–2 s (shared/LIBRARIES.md), so the model imports single CommonJS files and borrows the root's
 * type declarations here.
 */
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';
  const stemmer: Stemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_sv.js' {
  import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';
  const stemmer: Stemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_no.js' {
  import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';
  const stemmer: Stemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_de.js' {
  import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';
  const stemmer: Stemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr.js' {
  import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';
  const stemmer: Stemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_es.js' {
  import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';
  const stemmer: Stemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_ru.js' {
  import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';
  const stemmer: Stemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_uk.js' {
  import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';
  const stemmer: Stemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/tfidf/tfidf.js' {
  import type { TfIdf } from 'natural/lib/natural/tfidf/index.js';
  const value: typeof TfIdf;
  export default value;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  import type { BayesClassifier } from 'natural/lib/natural/classifiers/index.js';
  const value: typeof BayesClassifier;
  export default value;
}
declare module 'natural/lib/natural/classifiers/logistic_regression_classifier.js' {
  import type { LogisticRegressionClassifier } from 'natural/lib/natural/classifiers/index.js';
  const value: typeof LogisticRegressionClassifier;
  export default value;
}
