import { describe, expect, test } from 'vitest';
import { analyseText } from '../classifier/analyse.ts';
import { lexiconClassifier } from '../classifier/post-classifier.ts';
import { ANALYSIS_SLICE, analyseTexts } from './analyse-texts.ts';

const texts = [
  'Socialtjänsten tar våra barn och placerar dem hos familjer som förbjuder islam!!',
  'Det stämmer inte att socialtjänsten tar barn för att sälja dem.',
  'السوسيال يخطف أطفال المسلمين في السويد',
  'Nice weather in Malmö today, going to the beach',
];

describe('analyseTexts', () => {
  test.each([0, 1, ANALYSIS_SLICE, ANALYSIS_SLICE + 1, 3 * ANALYSIS_SLICE + 2])(
    '%i posts: the same answers as analyseText, in order, documents passed through',
    async (count) => {
      const items = Array.from({ length: count }, (_, i) => ({
        postId: 100 + i,
        text: texts[i % texts.length]!,
        ...(i % 2 === 0 ? { document: `doc ${i}` } : {}),
      }));
      const out = await analyseTexts(items, lexiconClassifier);
      expect(out.map((a) => a.postId)).toEqual(items.map((i) => i.postId));
      out.forEach((analysis, i) => {
        expect(analysis.document).toBe(i % 2 === 0 ? `doc ${i}` : undefined);
        const { postId: _id, document: _doc, ...rest } = analysis;
        expect(rest).toEqual(analyseText(items[i]!.text, lexiconClassifier));
      });
    },
  );

  test('lets other callbacks run between slices (a synchronous loop would finish first)', async () => {
    const items = Array.from({ length: 4 * ANALYSIS_SLICE }, (_, i) => ({ postId: i + 1, text: texts[0]! }));
    const pending = analyseTexts(items, lexiconClassifier);
    let between = 0;
    setImmediate(() => (between = 1));
    await pending;
    expect(between).toBe(1);
  });
});
