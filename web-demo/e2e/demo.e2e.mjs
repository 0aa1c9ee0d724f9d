// End-to-end test of the web demo in headless Chromium (Playwright's playwright-core, Debian's
// /usr/bin/chromium: no browser download).
//
//   DEMO_URL=http://127.0.0.1:8080/ ES_URL=http://127.0.0.1:9200 ES_PASSWORD=... \
//     node web-demo/e2e/demo.e2e.mjs
//
// scripts/test-e2e.sh builds the demo, starts the test server and the static server, and runs
// this. It goes connect -> who am I -> create a key with a role descriptor -> the encoded key is
// shown (and copied) -> the list shows it (paging, filters) -> invalidate -> the list shows it
// invalidated -> privileges check, then connects with a limited key to see a partial privileges
// answer and an Elasticsearch 403 shown as a message. It asserts what the page shows at every
// step and saves screenshots to web-demo/e2e/screenshots/.
//
// Environment: DEMO_URL, ES_URL (required); ES_USER (elastic), ES_PASSWORD (changeme);
// CHROMIUM (/usr/bin/chromium); playwright-core from NODE_PATH or /opt/es-security-tools.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectPageErrors, launchChromium, required, stepRunner } from '../../scripts/e2e/harness.mjs';

const DEMO_URL = required('DEMO_URL');
const ES_URL = required('ES_URL').replace(/\/+$/, '');
const ES_USER = process.env.ES_USER || 'elastic';
const ES_PASSWORD = process.env.ES_PASSWORD || 'changeme';
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const TIMEOUT = 15_000;
const RUN = Date.now().toString(36);

mkdirSync(SHOTS, { recursive: true });

const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(DEMO_URL).origin });
const page = await context.newPage();
const pageErrors = collectPageErrors(page);

// Output, one line per step (scripts/test.sh counts these): `ok N - name`, `not ok N - name`,
// and after a failure `skip N - name (an earlier step failed)`: later steps build on earlier ones.
const steps = stepRunner(async () => {
  const msgs = await page.$$eval('.msg, #conn-status', (els) => els.map((el) => `#${el.id}: ${el.textContent.trim()}`)).catch(() => []);
  console.log(`  page messages:\n    ${msgs.filter((m) => !/: $/.test(m)).join('\n    ')}`);
  await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
  console.log(`  screenshot: ${join(SHOTS, 'failure.png')}`);
});
const step = steps.step;

/** Waits until the element's text matches `pattern`; fails with the last text seen. */
async function expectText(selector, pattern, timeout = TIMEOUT) {
  const locator = page.locator(selector).first();
  const deadline = Date.now() + timeout;
  let text = '';
  for (;;) {
    text = ((await locator.textContent({ timeout }).catch(() => null)) ?? '').replace(/\s+/g, ' ').trim();
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
    if (Date.now() > deadline) {
      throw new Error(`${selector}: expected ${pattern}, page shows: "${text}"`);
    }
    await page.waitForTimeout(100);
  }
}

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Creates a key straight through the API (not the page): fills the list for paging. */
async function apiCreateKey(name, expiration, roleDescriptors) {
  const res = await fetch(`${ES_URL}/_security/api_key`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: 'Basic ' + Buffer.from(`${ES_USER}:${ES_PASSWORD}`).toString('base64'),
    },
    body: JSON.stringify({ name, expiration, role_descriptors: roleDescriptors }),
  });
  assert.equal(res.status, 200, `creating ${name}: ${await res.text()}`);
}

const row = (id) => `#keys-body tr[data-key-id="${id}"]`;
let keyId = '';
let keyName = '';
let encoded = '';

// The module's answer, for the check that it came compressed (web-demo/serve.py).
const wasmResponse = page.waitForResponse((r) => new URL(r.url()).pathname === '/pkg/web_demo_bg.wasm');

await step('the page loads, starts its wasm module and says what browser access needs', async () => {
  const url = new URL(DEMO_URL);
  url.searchParams.set('es', ES_URL);
  url.searchParams.set('user', ES_USER);
  await page.goto(url.toString());
  // The module fills in the page's origin: it has started.
  await expectText('code.page-origin', new URL(DEMO_URL).origin);
  await expectText('.notice', 'http.cors.enabled: true');
  await expectText('.notice', 'Prefer short-lived API keys to passwords');
  await expectText('#conn-status', 'Not connected');
  assert.equal(await page.inputValue('#es-url'), ES_URL);
  assert.equal(await page.inputValue('#es-user'), ES_USER);
  assert.ok(await page.isDisabled('#create-btn'), 'create is disabled before connecting');
});

await step('the wasm module came compressed, as application/wasm', async () => {
  const response = await wasmResponse;
  const headers = await response.allHeaders();
  assert.equal(response.status(), 200);
  assert.equal(headers['content-type'], 'application/wasm');
  // brotli when the browser offers it (Chromium does, also to http://127.0.0.1), else gzip.
  assert.match(headers['content-encoding'] ?? '(none)', /^(br|gzip)$/, 'Content-Encoding');
  assert.match(headers.vary ?? '', /accept-encoding/i, 'Vary');
  const sent = Number(headers['content-length']);
  const sizes = await response.request().sizes();
  console.log(`# web_demo_bg.wasm: ${headers['content-encoding']}, ${sent} bytes on the wire, ${sizes.responseBodySize} received`);
  assert.ok(sent > 0 && sent < 400_000, `compressed size ${sent}`);
});

await step('a wrong password shows the Elasticsearch error on the page', async () => {
  await page.fill('#es-password', 'not-the-password');
  await page.click('#connect-btn');
  await expectText('#connect-msg', /Elasticsearch answered 401 security_exception: unable to authenticate user \[elastic\]/);
  await expectText('#connect-msg', 'Check the username and password');
  assert.equal(await page.getAttribute('#connect-msg', 'role'), 'alert');
  await expectText('#conn-status', 'Not connected');
  await shot('01-wrong-password');
});

await step('connect with username and password', async () => {
  await page.fill('#es-password', ES_PASSWORD);
  await page.click('#connect-btn');
  await expectText('#conn-status', `Connected: ${ES_USER} at ${ES_URL}`);
  await expectText('#connect-msg', `Connected to ${ES_URL} as ${ES_USER}.`);
  // The password does not stay in the page, nor in any storage.
  assert.equal(await page.inputValue('#es-password'), '');
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length);
  assert.equal(stored, 0, 'nothing is stored');
});

await step('who am I', async () => {
  await page.click('#whoami-btn');
  await expectText('#whoami-msg', `Authenticated as ${ES_USER}.`);
  await expectText('#whoami-out', `User${ES_USER}`);
  await expectText('#whoami-out', 'Rolessuperuser');
  await expectText('#whoami-out', 'Authenticated byreserved (reserved)');
  await expectText('#whoami-out', 'Credentialsrealm');
  await shot('02-who-am-i');
});

await step('the create form names a missing field instead of sending', async () => {
  await page.fill('#key-name', '');
  await page.fill('#role-index-privileges', '');
  await page.click('#create-btn');
  await expectText('#create-msg', 'Give the key a name.');
  assert.equal(await page.getAttribute('#key-name', 'aria-invalid'), 'true');
  await page.fill('#key-name', 'x');
  await page.click('#create-btn');
  await expectText('#create-msg', 'Name the index privileges to grant on logs-*');
  assert.equal(await page.getAttribute('#role-index-privileges', 'aria-invalid'), 'true');
  await expectText('#create-preview', 'Not ready to send');
});

await step('create an API key with a role descriptor: the encoded key is shown once, with a copy button', async () => {
  keyName = `e2e-reader-${RUN}`;
  await page.fill('#key-name', keyName);
  await page.selectOption('#key-expiration', '7d');
  await page.fill('#role-name', 'logs-reader');
  await page.fill('#role-cluster', 'monitor');
  await page.fill('#role-indices', 'logs-*');
  await page.fill('#role-index-privileges', 'read, view_index_metadata');
  const preview = await expectText('#create-preview', 'PUT /_security/api_key');
  const body = JSON.parse(preview.slice(preview.indexOf('{')));
  assert.deepEqual(body, {
    expiration: '7d',
    name: keyName,
    role_descriptors: {
      'logs-reader': { cluster: ['monitor'], indices: [{ names: ['logs-*'], privileges: ['read', 'view_index_metadata'] }] },
    },
  });
  await page.click('#create-btn');
  await page.locator('#create-result').waitFor({ state: 'visible', timeout: TIMEOUT });
  await expectText('#create-result', `Key ${keyName} created`);
  await expectText('#create-result', 'Elasticsearch shows the key only this once');
  keyId = (await page.textContent('#created-id')).trim();
  encoded = (await page.textContent('#created-encoded')).trim();
  assert.ok(keyId.length > 0, 'an id is shown');
  const decoded = Buffer.from(encoded, 'base64').toString();
  assert.ok(decoded.startsWith(`${keyId}:`) && decoded.length > keyId.length + 10, `encoded is base64 of id:key, got "${decoded}"`);
  await expectText('#created-expires', /in (6|7) days/);

  await page.click('#copy-key');
  await expectText('#copy-status', 'Copied to the clipboard.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), encoded);
  await shot('03-key-created');
});

await step('the list shows the new key', async () => {
  await page.locator(row(keyId)).waitFor({ timeout: TIMEOUT });
  await expectText(row(keyId), keyName);
  await expectText(`${row(keyId)} .badge`, 'Active');
  await expectText(row(keyId), `${ES_USER} (reserved)`);
  await expectText(row(keyId), 'logs-reader: cluster monitor; read, view_index_metadata on logs-*');
  await expectText(row(keyId), 'in 7 days');
  assert.equal(await page.getAttribute(row(keyId), 'class'), 'just-created');
});

await step('paging and filters', async () => {
  // Eleven more keys, some limited, with different lifetimes.
  const kinds = [
    ['ingest', '30d', { 'metrics-writer': { indices: [{ names: ['metrics-*'], privileges: ['create_doc'] }] } }],
    ['backup', '1d', {}],
    ['dashboard', '8h', { viewer: { cluster: ['monitor'] } }],
  ];
  for (let i = 1; i <= 11; i += 1) {
    const [kind, expiration, roles] = kinds[i % 3];
    await apiCreateKey(`${kind}-${RUN}-${String(i).padStart(2, '0')}`, expiration, roles);
  }
  await page.fill('#filter-name', RUN);
  await page.click('#filter-btn');
  await expectText('#page-label', '1–10 of 12 keys');
  assert.equal(await page.locator('#keys-body tr').count(), 10);
  // Newest first: one of the eleven leads; the key made in the page, the oldest, ends page two.
  await expectText('#keys-body tr:first-child .key-name', new RegExp(`^[a-z]+-${RUN}-\\d\\d$`));
  assert.ok(await page.isDisabled('#page-prev'));
  await page.click('#page-next');
  await expectText('#page-label', '11–12 of 12 keys');
  await expectText('#keys-body tr:last-child .key-name', keyName);
  assert.ok(await page.isDisabled('#page-next'));
  await page.click('#page-prev');
  await expectText('#page-label', '1–10 of 12 keys');

  await page.fill('#filter-name', 'E2E-READER');  // case-insensitive "contains"
  await page.click('#filter-btn');
  await expectText('#page-label', /^1–\d+ of \d+ keys?$/);
  await page.locator(row(keyId)).waitFor({ timeout: TIMEOUT });
  const names = await page.$$eval('#keys-body .key-name', (els) => els.map((e) => e.textContent));
  assert.ok(names.every((n) => n.startsWith('e2e-reader-')), `only e2e-reader keys: ${names}`);

  await page.fill('#filter-name', keyName);
  await page.fill('#filter-user', 'nobody');
  await page.click('#filter-btn');
  await expectText('#page-label', 'No keys match');
  await expectText('#keys-body', 'No API key matches these filters.');
  await page.fill('#filter-user', ES_USER);
  await page.click('#filter-btn');
  await expectText('#page-label', '1–1 of 1 key');
  await shot('04-list');
});

await step('invalidate the key (with a confirmation click)', async () => {
  const button = `${row(keyId)} button`;
  await expectText(button, 'Invalidate');
  await page.click(button);
  await expectText(button, 'Confirm');
  assert.match(await page.getAttribute(button, 'aria-label'), /Confirm: invalidate/);
  await page.click(button);
  await expectText('#keys-msg', `Invalidated the key ${keyName} (${keyId})`);
});

await step('the list shows it invalidated', async () => {
  await expectText(`${row(keyId)} .badge`, 'Invalidated');
  assert.equal(await page.locator(`${row(keyId)} button`).count(), 0, 'no invalidate button any more');
  await page.selectOption('#filter-status', 'active');
  await page.click('#filter-btn');
  await expectText('#page-label', 'No keys match');
  await page.selectOption('#filter-status', 'invalidated');
  await page.click('#filter-btn');
  await expectText('#page-label', '1–1 of 1 key');
  await expectText(`${row(keyId)} .badge`, 'Invalidated');
  await shot('05-invalidated');
});

await step('privileges check shows a result', async () => {
  await page.fill('#priv-cluster', 'monitor, manage_api_key, manage_security');
  await page.fill('#priv-indices', 'logs-*');
  await page.fill('#priv-index-privileges', 'read, write');
  await page.click('#priv-btn');
  await expectText('#priv-summary', `${ES_USER} has all 5 requested privileges`);
  const cells = await page.$$eval('#priv-body tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(cells, [
    ['Cluster', 'manage_api_key', 'Granted'],
    ['Cluster', 'manage_security', 'Granted'],
    ['Cluster', 'monitor', 'Granted'],
    ['Index logs-*', 'read', 'Granted'],
    ['Index logs-*', 'write', 'Granted'],
  ]);
  // The README's picture: the whole flow on one page, every key of this run, the new key's
  // secret hidden again.
  await page.click('#dismiss-key');
  await page.fill('#filter-name', RUN);
  await page.fill('#filter-user', '');
  await page.selectOption('#filter-status', 'all');
  await page.selectOption('#filter-size', '25');
  await page.click('#filter-btn');
  await expectText('#page-label', '1–12 of 12 keys');
  await expectText(`${row(keyId)} .badge`, 'Invalidated');
  await shot('06-privileges');
});

await step('a limited key: who am I, a partial privileges answer, and a 403 shown as a message', async () => {
  await page.fill('#key-name', `e2e-limited-${RUN}`);
  await page.selectOption('#key-expiration', '1h');
  await page.click('#create-btn');
  await expectText('#create-result', `Key e2e-limited-${RUN} created`);
  await page.click('#use-key');
  await expectText('#conn-status', `Connected: key e2e-limited-${RUN} of ${ES_USER}`);
  await expectText('#whoami-out', `CredentialsAPI key e2e-limited-${RUN}`);
  // The key may not list keys: Elasticsearch's 403 is on the page.
  await expectText('#keys-msg', /Elasticsearch answered 403 security_exception: .*unauthorized/);
  await expectText('#keys-body', 'The keys could not be loaded');
  await expectText('#connect-msg', `with the API key e2e-limited-${RUN}`);
  await page.click('#priv-btn');
  await expectText('#priv-summary', `${ES_USER} lacks 3 of 5 requested privileges`);
  const missing = await page.$$eval('#priv-body tr', (rows) => rows
    .filter((r) => r.cells[2].textContent === 'Missing').map((r) => `${r.cells[0].textContent} ${r.cells[1].textContent}`));
  assert.deepEqual(missing, ['Cluster manage_api_key', 'Cluster manage_security', 'Index logs-* write']);
  await shot('07-limited-key');
});

await step('disconnect forgets everything', async () => {
  await page.click('#disconnect-btn');
  await expectText('#conn-status', 'Not connected');
  await expectText('#connect-msg', 'Disconnected');
  assert.ok(await page.isHidden('#create-result'));
  assert.equal((await page.textContent('#created-encoded')).trim(), '');
  assert.ok(await page.isDisabled('#priv-btn'));
});

await step('no uncaught error in the page', async () => {
  assert.deepEqual(pageErrors, []);
});

await browser.close();
console.log(steps.failed ? `FAILED after ${steps.passed} passing steps` : `all ${steps.passed} steps passed; screenshots in ${SHOTS}`);
process.exit(steps.failed ? 1 : 0);
