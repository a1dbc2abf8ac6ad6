/** The OCR worker of the collector process, started only when OCR is on and tesseract has the languages asked for. */
import { Worker } from 'bullmq';
import type { Stoppable } from '../../core/lifecycle.ts';
import type { Logger } from '../../core/logger.ts';
import { readMediaTextQueue } from '../../core/queues/read-media-text.ts';
import { warnOncePerOutage, type Redis } from '../../core/redis.ts';
import { workerOptions, type Resources } from '../../core/resources.ts';
import type { HttpClient } from '../http/client.ts';
import { createReadMediaTextProcessor } from './read-media-text.processor.ts';
import { availableLanguages } from './tesseract.ts';

/** OCR is CPU-bound: one image at a time per collector process leaves the other core to the rest. */
const OCR_CONCURRENCY = 1;

/** Returns null (with a logged reason) when OCR is off or tesseract lacks a language; images then wait unread. */
export async function startOcrWorker(
  resources: Resources,
  connection: Redis,
  http: HttpClient,
  log: Logger,
): Promise<Stoppable | null> {
  const { config, db, queues } = resources;
  const ocr = config.collector.ocr;
  if (!ocr) {
    log.info('OCR is off (OCR_LANGUAGES=off)');
    return null;
  }
  const installed = await availableLanguages();
  const missing = ocr.languages.split('+').filter((lang) => !installed?.has(lang));
  if (!installed || missing.length > 0) {
    log.warn(
      { missing: installed ? missing : ['tesseract'] },
      'OCR unavailable: install tesseract-ocr and its language data (scripts/ensure-services.sh does), or set OCR_LANGUAGES=off',
    );
    return null;
  }
  const worker = new Worker(
    readMediaTextQueue.name,
    createReadMediaTextProcessor({
      db,
      http,
      analyseQueue: queues.analyse,
      ocr: { ...ocr, engine: `tesseract ${ocr.languages}` },
      logger: log.child({ subsystem: 'ocr' }),
    }),
    { connection, prefix: config.redis.prefix, concurrency: OCR_CONCURRENCY, ...workerOptions(config) },
  );
  warnOncePerOutage(worker, connection, (error) => log.warn({ err: error.message }, 'OCR worker error'));
  return { close: () => worker.close() };
}
