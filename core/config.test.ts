import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.db.url).toBe('postgres://postgres@127.0.0.1:5432/ryktesradar');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.dashboard).toEqual({
      host: '127.0.0.1',
      port: 3000,
      cookieSecure: false,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    });
    expect(config.collector.maxBytes).toBe(16 * 1024 * 1024);
    expect(Object.isFrozen(config.collector)).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).dashboard.port).toBe(3000);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['REDIS_URL', 'not a url'],
    ['AUTHOR_HMAC_KEY', 'short'],
    ['QUEUE_PREFIX', 'has space'],
    ['COOKIE_SECURE', 'yes'],
    ['SESSION_IDLE_MINUTES', '0'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: .*${name}`));
  });
});
