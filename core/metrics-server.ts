/**
 * The /metrics listener: its own port (METRICS_PORT) on loopback by default (METRICS_HOST), apart from the
 * dashboard and its logins, for a Prometheus on the same host or network. GET /metrics only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Stoppable } from './lifecycle.ts';
import type { Logger } from './logger.ts';
import { createMetrics, type MetricsDeps } from './metrics.ts';

export async function startMetricsServer(
  deps: MetricsDeps & { logger: Logger },
  listen: { host: string; port: number },
): Promise<Stoppable & { url: string }> {
  const metrics = createMetrics(deps);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '/').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.collect().then(
      (body) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(body),
      (error: Error) => {
        deps.logger.warn({ err: error.message }, 'metrics collection failed');
        res.writeHead(503, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${port}/metrics`;
  deps.logger.info({ url }, 'metrics listening');
  return {
    url,
    async close() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await metrics.close();
    },
  };
}
