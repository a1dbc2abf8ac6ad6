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

  test('batches take turns: a batch started while another is analysed waits for it, first come first served', async () => {
    const seen: string[] = [];
    const recording = {
      version: lexiconClassifier.version,
      classify: (text: string, language: Parameters<typeof lexiconClassifier.classify>[1]) => {
        seen.push(text);
        return lexiconClassifier.classify(text, language);
      },
    };
    const batch = (name: string) =>
      Array.from({ length: 3 * ANALYSIS_SLICE }, (_, i) => ({ postId: i, text: `${name} ${texts[i % 4]!}` }));
    const [first, second, third] = await Promise.all(
      ['first', 'second', 'third'].map((name) => analyseTexts(batch(name), recording)),
    );
    expect([first, second, third].map((out) => out!.length)).toEqual([24, 24, 24]);
    const order = seen.map((text) => text.split(' ')[0]);
    expect(order).toEqual([
      ...Array(24).fill('first'),
      ...Array(24).fill('second'),
      ...Array(24).fill('third'),
    ]);
  });

  test('a batch that fails does not hold up the next', async () => {
    const failing = {
      version: 'failing',
      classify: () => {
        throw new Error('model broke');
      },
    };
    const broken = analyseTexts([{ postId: 1, text: texts[0]! }], failing);
    const next = analyseTexts([{ postId: 2, text: texts[1]! }], lexiconClassifier);
    await expect(broken).rejects.toThrow('model broke');
    expect((await next).map((a) => a.postId)).toEqual([2]);
  });
});
