// End-to-end test of the minimal browser app (examples/wasm-minimal) in headless Chromium
// (playwright-core, Debian's /usr/bin/chromium: no browser download).
//
//   MINIMAL_URL=http://127.0.0.1:8081/ ES_URL=http://127.0.0.1:9200 ES_PASSWORD=... \
//     node examples/wasm-minimal/e2e/minimal.e2e.mjs
//
// scripts/test-e2e.sh builds the app, serves it (web-demo/serve.py --dir examples/wasm-minimal)
// next to the test server, and runs this after the web demo's test. The page loads its wasm
// module (compressed), `whoami` is refused with a wrong password (Elasticsearch's 401 shown),
// then answers with the user, roles and realm. Output: one `ok N` / `not ok N` / `skip N` line
// per step, as the web demo's test (scripts/test.sh counts them).
//
// Environment: MINIMAL_URL, ES_URL (required); ES_USER (elastic), ES_PASSWORD (changeme);
// CHROMIUM (/usr/bin/chromium); playwright-core from NODE_PATH or /opt/es-security-tools.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectPageErrors, launchChromium, required, stepRunner } from '../../../scripts/e2e/harness.mjs';

const MINIMAL_URL = required('MINIMAL_URL');
const ES_URL = required('ES_URL').replace(/\/+$/, '');
const ES_USER = process.env.ES_USER || 'elastic';
const ES_PASSWORD = process.env.ES_PASSWORD || 'changeme';
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const TIMEOUT = 15_000;
mkdirSync(SHOTS, { recursive: true });

const browser = await launchChromium();
const page = await (await browser.newContext()).newPage();
const pageErrors = collectPageErrors(page);

const steps = stepRunner(async () => {
  const out = await page.textContent('#out').catch(() => '');
  console.log(`  the page shows: ${out}`);
  await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
});
const step = steps.step;

/** Waits until #out shows text matching `pattern` (other than the "Asking…" in between). */
async function answer(pattern) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const text = ((await page.textContent('#out')) ?? '').trim();
    if (text && text !== 'Asking…') {
      assert.match(text, pattern);
      return text;
    }
    if (Date.now() > deadline) throw new Error(`no answer on the page within ${TIMEOUT} ms`);
    await page.waitForTimeout(50);
  }
}

const wasmResponse = page.waitForResponse((r) => new URL(r.url()).pathname === '/pkg/wasm_minimal_bg.wasm');

await step('minimal app: the page loads its wasm module, compressed', async () => {
  const url = new URL(MINIMAL_URL);
  url.searchParams.set('es', ES_URL);
  await page.goto(url.toString());
  await page.waitForSelector('#go:not([disabled])', { timeout: TIMEOUT });
  assert.equal(await page.inputValue('#url'), ES_URL);
  const response = await wasmResponse;
  const headers = await response.allHeaders();
  assert.equal(headers['content-type'], 'application/wasm');
  assert.match(headers['content-encoding'] ?? '(none)', /^(br|gzip)$/, 'Content-Encoding');
  console.log(`# wasm_minimal_bg.wasm: ${headers['content-encoding']}, ${headers['content-length']} bytes on the wire`);
});

await step('minimal app: a wrong password is refused with the Elasticsearch error', async () => {
  await page.fill('#user', ES_USER);
  await page.fill('#password', 'not-the-password');
  await page.click('#go');
  await answer(/^Failed: .*401.*security_exception.*unable to authenticate user \[elastic\]/);
});

await step('minimal app: who am I answers with the user, roles and realm', async () => {
  await page.evaluate(() => { document.getElementById('out').textContent = ''; });
  await page.fill('#password', ES_PASSWORD);
  await page.click('#go');
  await answer(new RegExp(`^You are ${ES_USER}, roles: superuser, realm: reserved \\(reserved\\)\\.$`));
  await page.screenshot({ path: join(SHOTS, 'minimal.png'), fullPage: true });
});

await step('minimal app: no uncaught error in the page', async () => {
  assert.deepEqual(pageErrors, []);
});

await browser.close();
console.log(steps.failed ? `FAILED after ${steps.passed} passing steps` : `all ${steps.passed} steps of the minimal app passed`);
process.exit(steps.failed ? 1 : 0);
