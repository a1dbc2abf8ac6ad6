import { describe, expect, it } from 'vitest';
import { analyseText, ANALYSED_CHARS } from './analyse.ts';
import { detectLanguage, LANGUAGE_SAMPLE_CHARS } from './language.ts';
import { shippedClassifier } from './shipped.ts';

const filler = (chars: number) =>
  'Vädret i Göteborg var fint i dag och vi gick en promenad. '.repeat(chars / 58 + 1);

describe('very long posts: the analysis reads their opening only (its cost grew faster than the text)', () => {
  const classifier = shippedClassifier();

  it('what follows the first ANALYSED_CHARS characters changes nothing', () => {
    const head = filler(ANALYSED_CHARS);
    const one = analyseText(
      `${head} Soc kidnappar våra barn i Malmö, sprid innan de raderar det!`,
      classifier,
    );
    const other = analyseText(`${head} السوسيال يخطف أطفالنا في يوتبوري`, classifier);
    expect(one).toEqual(other);
    expect(one.places).toEqual(analyseText(head, classifier).places);
  });

  it('the language is read from the first LANGUAGE_SAMPLE_CHARS characters', () => {
    const text = `${filler(LANGUAGE_SAMPLE_CHARS)}${'السوسيال يخطف أطفالنا ويبيعهم '.repeat(2_000)}`;
    expect(detectLanguage(text).lang).toBe('sv');
  });
});
