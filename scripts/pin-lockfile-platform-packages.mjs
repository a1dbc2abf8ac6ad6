#!/usr/bin/env node
// The registry this project installs from lacks some platform builds of optional native packages
// (e.g. @msgpackr-extract/msgpackr-extract-darwin-arm64 answers 404). `npm install` then writes a lock file
// without them and `npm ci` refuses it as out of sync. This adds a stub entry (version, os, cpu, optional)
// for every missing optional dependency so that `npm ci` accepts the lock; npm skips them on other platforms.
// Run after any `npm install` that changes package-lock.json: `node scripts/pin-lockfile-platform-packages.mjs`.
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android'];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x'];
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const path = `node_modules/${name}`;
    if (lock.packages[path] || lock.packages[`${key}/${path}`]) continue;
    const parts = name.split(/[-/]/);
    const os = OS.find((o) => parts.includes(o));
    const cpu = CPU.find((c) => parts.includes(c));
    lock.packages[path] = {
      version,
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
    };
    added += 1;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} stub entries`);
