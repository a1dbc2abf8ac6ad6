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
      accessibilityContact: undefined,
      translation: null,
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
    ['PUBLIC_URL', 'ftp://radar.kommun.se'],
    ['ALERT_SECURITY_EMAIL', 'not-an-address'],
    ['ALERT_SECURITY_WEBHOOK', 'radar'],
    ['DATABASE_READ_URL', 'redis://replica'],
    ['REDIS_CLUSTER_NODES', 'redis-a,redis-b'],
    ['WORKER_LOCK_SECONDS', '1'],
    ['METRICS_PORT', '0'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: .*${name}`));
  });

  it('derives alert links and the alert sender from the dashboard and report settings', () => {
    expect(loadConfig({ PORT: '8080', REPORT_FROM: 'rapport@kommun.se' }).alerts).toEqual({
      publicUrl: 'http://127.0.0.1:8080',
      smtpUrl: undefined,
      from: 'rapport@kommun.se',
      securityEmail: undefined,
      securityWebhook: undefined,
    });
    const set = loadConfig({
      PUBLIC_URL: 'https://radar.kommun.se/',
      REPORT_FROM: 'rapport@kommun.se',
      ALERT_FROM: 'larm@kommun.se',
    }).alerts;
    expect([set.publicUrl, set.from]).toEqual(['https://radar.kommun.se', 'larm@kommun.se']);
  });

  it('scale-out and reliability settings: defaults, then a read replica, a cluster, a lock and a metrics port', () => {
    const plain = loadConfig({});
    expect(plain.db.readUrl).toBeUndefined();
    expect(plain.redis.clusterNodes).toBeNull();
    expect(plain.worker.lockMs).toBe(60_000);
    expect(plain.metrics).toBeNull();
    const scaled = loadConfig({
      DATABASE_READ_URL: 'postgres://reader@replica:5432/ryktesradar',
      REDIS_CLUSTER_NODES: 'redis-a:7000,10.0.0.2:7001,[::1]:7002',
      QUEUE_PREFIX: '{ryktesradar}',
      WORKER_LOCK_SECONDS: '30',
      METRICS_PORT: '9464',
    });
    expect(scaled.db.readUrl).toBe('postgres://reader@replica:5432/ryktesradar');
    expect(scaled.redis.clusterNodes).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    expect(scaled.redis.url).toBe('redis-cluster://redis-a:7000,10.0.0.2:7001,[::1]:7002');
    expect(scaled.worker.lockMs).toBe(30_000);
    expect(scaled.metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000' })).toThrow(/QUEUE_PREFIX: .*hash tag/);
  });
});
