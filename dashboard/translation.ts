/**
 * Machine translation on request: a LibreTranslate-compatible service (`POST /translate` with q, source, target,
 * format, api_key → `{ translatedText }`), configured by the operator with TRANSLATION_URL. Nothing is translated
 * unless a user asks for one post, and nothing is called when no service is configured: post text is personal
 * data and leaves the system only this way, audited per request (routes/translation.ts).
 */
import { z } from 'zod';

export interface Translator {
  /** The service's host, shown to users beside the button so they know where the text goes. */
  readonly service: string;
  /** Translates `text` from `source` (a project language code, or `auto`) into Swedish. */
  translate(text: string, source: string): Promise<string>;
}

export class TranslationError extends Error {}

const answerSchema = z.object({ translatedText: z.string().max(100_000) });
const MAX_ANSWER_BYTES = 1_000_000;

async function readCapped(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new TranslationError(`the translation service answered more than ${MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function libreTranslate(options: {
  url: string;
  apiKey?: string | undefined;
  timeoutMs?: number;
}): Translator {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    service: new URL(options.url).host,
    async translate(text, source) {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({
            q: text,
            source,
            target: 'sv',
            format: 'text',
            ...(options.apiKey ? { api_key: options.apiKey } : {}),
          }),
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const reason =
          error instanceof Error && error.name === 'TimeoutError'
            ? `no answer in ${timeoutMs} ms`
            : 'unreachable';
        throw new TranslationError(`the translation service is ${reason}`, { cause: error });
      }
      const body = await readCapped(response);
      if (!response.ok) throw new TranslationError(`the translation service answered ${response.status}`);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new TranslationError('the translation service answered something that is not JSON');
      }
      const parsed = answerSchema.safeParse(json);
      if (!parsed.success)
        throw new TranslationError('the translation service answered without translatedText');
      return parsed.data.translatedText;
    },
  };
}
