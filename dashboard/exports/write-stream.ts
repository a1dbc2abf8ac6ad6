/** Writing an export to any Node writable with backpressure; a closed destination stops the export. */
import type { Writable } from 'node:stream';

export class DestinationClosedError extends Error {
  override readonly name = 'DestinationClosedError';
}

/** Writes a chunk and waits for `drain` when the destination's buffer is full. */
export async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new DestinationClosedError('the export destination closed');
  if (out.write(chunk, 'utf8')) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new DestinationClosedError('the export destination closed'));
    const onError = (error: Error) => done(error);
    out.once('drain', onDrain);
    out.once('close', onClose);
    out.once('error', onError);
  });
}
