import { describe, expect, it } from 'vitest';
import { queueName, summariseJobData } from './dead-letters.ts';

describe('summariseJobData', () => {
  it.each<[unknown, string]>([
    [{ sourceId: 12 }, 'sourceId=12'],
    [{ postIds: [1, 2, 3] }, 'postIds=[3]'],
    [{ kind: 'send', week: '2026-W47' }, 'kind=send week=2026-W47'],
    [{ force: true, runId: 4 }, 'force=true runId=4'],
    // Text never passes: strings with spaces, long strings and nested objects are left out.
    [{ text: 'Soc tar barn i Angered', postId: 7 }, 'postId=7'],
    [{ token: 'x'.repeat(81) }, ''],
    [{ post: { text: 'hemligt' } }, ''],
    [null, ''],
    ['just a string', ''],
  ])('%j → %j', (data, expected) => {
    expect(summariseJobData(data)).toBe(expected);
  });
});

describe('queueName', () => {
  it('accepts a known queue and names the known ones when refusing', () => {
    expect(queueName('analyse-posts')).toBe('analyse-posts');
    expect(() => queueName('nope')).toThrow(/unknown queue "nope"; expected collect-source, analyse-posts/);
  });
});
