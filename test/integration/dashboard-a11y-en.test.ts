/**
 * WCAG 2.1 A/AA in real Chromium, English UI: axe-core on every page of the dashboard (found from the layout's
 * navigation, plus login, report and the accessibility statement; pages not built yet answer 404 and are skipped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEveryPage, startA11yApp, type A11yApp } from '../helpers/a11y.ts';

describe('axe-core on every page (en)', () => {
  let app: A11yApp;
  beforeAll(async () => {
    app = await startA11yApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('finds no violation', async () => {
    const { checked, skipped, found } = await auditEveryPage(app, 'en');
    console.info(`axe (en): checked ${checked.join(', ')}; skipped (404) ${skipped.join(', ') || 'none'}`);
    expect(found).toEqual([]);
    expect(checked.length).toBeGreaterThanOrEqual(5);
  });
});
