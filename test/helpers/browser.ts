/** Debian's Chromium, headless, launched by playwright-core with the flags this machine needs. */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../core/chromium.ts';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 30_000,
    args: [...CHROMIUM_ARGS],
  });
}
