/**
 * The two outside channels of an alert: a JSON POST to a webhook through the collectors' guarded agent (only to
 * addresses the address guard allows, no redirects followed, bounded time) and an email over SMTP (nodemailer).
 * Failures come back classified: `permanent` ones (refused address, 4xx, SMTP 5xx, no mail settings) are not
 * retried; a 408, 429 or 5xx carries the receiver's Retry-After, if any. Both sends end within their `timeoutMs`
 * whatever the other side does (the SMTP socket is destroyed at the deadline), so a hung receiver can neither
 * hold a worker slot nor outlive the delivery's lease.
 */
import net from 'node:net';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { fetch, type Agent } from 'undici';
import { BadInputError } from '../core/errors.ts';
import { parseRetryAfter } from '../core/retry-after.ts';

export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** A failure worth another try; `retryAfterMs` is when the receiver asked to be tried again, if it did. */
export class RetryableDeliveryError extends Error {
  override readonly name = 'RetryableDeliveryError';
  readonly retryAfterMs: number | null;

  constructor(message: string, retryAfterMs: number | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Longest wait a Retry-After header can ask for: one hour. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

export interface WebhookOptions {
  agent: Agent;
  userAgent: string;
  timeoutMs: number;
  /** Same for every attempt of one delivery, so a receiver can drop a repeat after a lost answer. */
  idempotencyKey: string;
}

/** The guard's refusal hides in the cause chain of fetch's TypeError. */
function refusal(error: unknown): BadInputError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof BadInputError) return current;
    current = current.cause;
  }
  return null;
}

/** POSTs `body` as JSON; resolves on 2xx. Only the URL's host is ever logged or stored, never its path. */
export async function postWebhook(url: string, body: unknown, options: WebhookOptions): Promise<number> {
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      dispatcher: options.agent,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': options.userAgent,
        'idempotency-key': options.idempotencyKey,
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    const refused = refusal(error);
    if (refused) throw new PermanentDeliveryError(refused.message, { cause: error });
    throw new Error(
      `webhook ${new URL(url).host} unreachable: ${error instanceof Error ? error.message : 'error'}`,
      { cause: error },
    );
  }
  // The answer is not needed: drop its body.
  await response.body?.cancel().catch(() => undefined);
  const status = response.status;
  if (status >= 200 && status < 300) return status;
  const message = `webhook ${new URL(url).host} answered ${status}`;
  if (status === 408 || status === 429 || status >= 500)
    throw new RetryableDeliveryError(
      message,
      parseRetryAfter(response.headers.get('retry-after'), Date.now(), MAX_RETRY_AFTER_MS),
    );
  throw new PermanentDeliveryError(
    status >= 300 && status < 400 ? `${message} (redirects are not followed)` : message,
  );
}

export interface AlertMailSettings {
  smtpUrl: string | undefined;
  from: string | undefined;
}

/**
 * Sends one alert email, giving up after `timeoutMs` in all (connect, greeting, every command and the data); SMTP
 * 5xx answers and missing settings are permanent.
 */
export async function sendAlertMail(
  settings: AlertMailSettings,
  to: string,
  mail: { subject: string; text: string },
  messageId: string,
  timeoutMs: number,
): Promise<void> {
  if (!settings.smtpUrl || !settings.from)
    throw new PermanentDeliveryError('email is not configured (SMTP_URL and ALERT_FROM or REPORT_FROM)');
  // nodemailer's own timeouts restart on every byte; our socket lets the deadline end the whole exchange.
  const sockets: net.Socket[] = [];
  const options: SMTPTransport.Options = {
    url: settings.smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    getSocket(target, callback) {
      const socket = net.connect({
        host: target.host ?? 'localhost',
        port: Number(target.port) || (target.secure ? 465 : 587),
      });
      sockets.push(socket);
      const failed = (error: Error) => callback(error, undefined);
      socket.once('error', failed);
      socket.once('connect', () => {
        socket.off('error', failed);
        callback(null, { connection: socket });
      });
    },
  };
  const transport = nodemailer.createTransport(options);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
      reject(new RetryableDeliveryError(`the mail server did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([
      transport.sendMail({ from: settings.from, to, subject: mail.subject, text: mail.text, messageId }),
      deadline,
    ]);
  } catch (error) {
    const code = (error as { responseCode?: unknown }).responseCode;
    if (typeof code === 'number' && code >= 500 && code < 600)
      throw new PermanentDeliveryError(`the mail server refused the alert: ${(error as Error).message}`, {
        cause: error,
      });
    throw error;
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
