/**
 * Processor of `read-media-text`: fetch one image of a stored post through the crawler's HTTP client (same caps,
 * guard and manners as any other request) → check what it claims to be → OCR → store the text labelled as OCR →
 * analyse the post again, now with its image text. An image that cannot be read is recorded with its reason and
 * never blocks the post, which was analysed from its own text already.
 */
import { createHash } from 'node:crypto';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Db } from '../../core/db/client.ts';
import { recordMediaText } from '../../core/db/post-media-text.ts';
import { BadInputError, describeError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { enqueueAnalysis, type AnalysePostsPayload } from '../../core/queues/analyse-posts.ts';
import { readMediaTextQueue } from '../../core/queues/read-media-text.ts';
import type { HttpClient } from '../http/client.ts';
import { readImageHeader } from './image-header.ts';
import { recogniseText, type OcrOptions } from './tesseract.ts';

/** Larger images are refused before decoding: tesseract would need gigabytes for them. */
export const MAX_IMAGE_PIXELS = 40_000_000;
const IMAGE_ACCEPT = 'image/png, image/jpeg, image/webp, image/gif, image/bmp, image/tiff;q=0.8, */*;q=0.1';

export interface ReadMediaTextDeps {
  db: Db;
  http: HttpClient;
  analyseQueue: Queue<AnalysePostsPayload>;
  ocr: OcrOptions & { engine: string };
  logger: Logger;
}

export type ReadMediaTextResult = { outcome: 'done'; chars: number } | { outcome: 'skipped'; reason: string };

function checkImage(body: Uint8Array): void {
  const header = readImageHeader(body);
  if (!header)
    throw new BadInputError(
      'not-an-image',
      'the media link did not return a PNG, JPEG, GIF, WebP, BMP or TIFF image',
    );
  const { width, height } = header;
  if (width !== null && height !== null && width * height > MAX_IMAGE_PIXELS) {
    throw new BadInputError(
      'too-many-pixels',
      `image declares ${width}×${height} pixels (cap ${MAX_IMAGE_PIXELS})`,
    );
  }
}

export function createReadMediaTextProcessor(deps: ReadMediaTextDeps) {
  return async (job: Job): Promise<ReadMediaTextResult> => {
    const { postId, url } = readMediaTextQueue.parse(job.data);
    const log = deps.logger.child({ postId, jobId: job.id });
    try {
      const fetched = await deps.http.get({ url, accept: IMAGE_ACCEPT });
      if (fetched.status !== 'ok')
        throw new BadInputError('not-modified', 'image answered 304 to a plain request');
      checkImage(fetched.body);
      const text = await recogniseText(fetched.body, deps.ocr);
      const stored = await recordMediaText(deps.db, postId, url, {
        status: 'done',
        text,
        engine: deps.ocr.engine,
      });
      if (!stored) return { outcome: 'skipped', reason: 'post deleted' };
      if (text) {
        const imageKey = createHash('sha1').update(url).digest('hex').slice(0, 12);
        await enqueueAnalysis(deps.analyseQueue, [postId], `ocr-${imageKey}`);
      }
      log.info({ chars: text.length }, 'image text read');
      return { outcome: 'done', chars: text.length };
    } catch (error) {
      const reason =
        error instanceof BadInputError ? `${error.reason}: ${error.message}` : describeError(error);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (error instanceof BadInputError || lastAttempt) {
        await recordMediaText(deps.db, postId, url, {
          status: error instanceof BadInputError ? 'skipped' : 'failed',
          reason,
        }).catch((dbError: unknown) =>
          log.warn({ err: describeError(dbError) }, 'could not record OCR outcome'),
        );
        log.info({ reason }, 'image not read');
      }
      if (error instanceof BadInputError) throw new UnrecoverableError(reason);
      throw error;
    }
  };
}
