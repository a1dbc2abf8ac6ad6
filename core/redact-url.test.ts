import { expect, test } from 'vitest';
import { redactUrl } from './redact-url.ts';

test.each([
  ['no credentials', 'postgres://127.0.0.1:5432/ryktesradar', 'postgres://127.0.0.1:5432/ryktesradar'],
  ['a user only', 'postgres://postgres@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'],
  ['user and password', 'postgres://app:s3cret@db:5432/rr', 'postgres://app:***@db:5432/rr'],
  ['a password only', 'redis://:s3cret@127.0.0.1:6379', 'redis://:***@127.0.0.1:6379'],
  ['a cluster address', 'redis-cluster://u:pw@a:6379,b:6379', 'redis-cluster://u:***@a:6379,b:6379'],
])('%s', (_name, url, expected) => {
  expect(redactUrl(url)).toBe(expected);
});
