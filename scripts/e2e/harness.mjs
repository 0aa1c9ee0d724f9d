// What the browser end-to-end tests share (web-demo/e2e/demo.e2e.mjs,
// examples/wasm-minimal/e2e/minimal.e2e.mjs): playwright-core (from NODE_PATH or the folder
// scripts/setup.sh --browser installs it into), headless Debian Chromium with the flags this
// machine's closed network needs, the required environment, and the step runner whose output
// scripts/test.sh counts: `ok N - name`, `not ok N - name`, and after a failure
// `skip N - name (an earlier step failed)` (later steps build on earlier ones).

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** An environment variable the test cannot run without: exit 2 naming it. */
export function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set (see the header of the test file)`);
    process.exit(2);
  }
  return value;
}

/** Headless Chromium (CHROMIUM, default /usr/bin/chromium) through playwright-core. */
export async function launchChromium() {
  const searchPaths = [
    ...(process.env.NODE_PATH || '').split(':').filter(Boolean),
    '/opt/es-security-tools/node_modules',
  ];
  let chromium;
  try {
    ({ chromium } = require(require.resolve('playwright-core', { paths: searchPaths })));
  } catch (e) {
    console.error(`playwright-core not found in ${searchPaths.join(', ')}: run 'bash scripts/setup.sh --browser'\n${e.message}`);
    process.exit(2);
  }
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collects the page's uncaught errors and console errors (but failed resource loads). */
export function collectPageErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * A step runner: `await steps.step(name, async () => { ... })`. After the first failure the
 * remaining steps are skipped; `onFailure()` runs once then (page messages, a screenshot).
 * `steps.passed` and `steps.failed` tell the outcome.
 */
export function stepRunner(onFailure) {
  const steps = {
    number: 0,
    passed: 0,
    failed: false,
    async step(name, body) {
      steps.number += 1;
      if (steps.failed) {
        console.log(`skip ${steps.number} - ${name} (an earlier step failed)`);
        return;
      }
      try {
        await body();
        steps.passed += 1;
        console.log(`ok ${steps.number} - ${name}`);
      } catch (e) {
        steps.failed = true;
        console.log(`not ok ${steps.number} - ${name}\n  ${String(e.stack || e).split('\n').join('\n  ')}`);
        await onFailure().catch(() => {});
      }
    },
  };
  return steps;
}
