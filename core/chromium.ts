/**
 * How every Chromium of the project starts (web sources, reports, tests): Debian's build, headless, no sandbox of
 * its own (the process runs unprivileged in containers and CI), no GPU, and nothing phoning home.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
