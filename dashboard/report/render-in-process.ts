/**
 * The report PDF without a running dashboard (the `report` command, the weekly worker): the dashboard app is
 * built in this process from its resources, served on an ephemeral loopback port for the render only, then closed.
 */
import { shippedClassifier } from '../../classifier/shipped.ts';
import { cachedActiveVersion } from '../../core/active-model.ts';
import type { Resources } from '../../core/resources.ts';
import { createApp } from '../app.ts';
import { authSettings } from '../auth/settings.ts';
import type { Locale } from '../locale.ts';
import type { ReportQuery } from '../params.ts';
import { renderReportPdf } from './render-pdf.ts';

export async function renderReportPdfInProcess(
  resources: Pick<Resources, 'config' | 'db' | 'redis' | 'logger'>,
  query: ReportQuery,
  options: { locale: Locale; requester: string },
): Promise<Buffer> {
  const { config } = resources;
  const auth = authSettings(config);
  const app = createApp({
    db: resources.db,
    redis: resources.redis,
    logger: resources.logger.child({ subsystem: 'report-render' }),
    modelVersion: cachedActiveVersion(resources.db, shippedClassifier().version),
    auth,
    chromiumPath: config.collector.chromiumPath,
  });
  return renderReportPdf({
    app,
    redis: resources.redis,
    keyPrefix: auth.keyPrefix,
    chromiumPath: config.collector.chromiumPath,
    query,
    locale: options.locale,
    requester: options.requester,
  });
}
