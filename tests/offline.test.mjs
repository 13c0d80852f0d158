// The offline builds of scripts/bundle: dist/gradscope.html opened straight from disk (file://)
// becomes ready, trains and draws with no request but the file itself (and data:/blob:), and trains
// the book's three networks in Web Workers started from blob: URLs (the worker inlined); the static
// site dist/ served by a plain file server works the same; the single file stays under 5 MB. Both
// run under their Content-Security-Policy with no violation, and the single file's policy (hashes of
// its inline script and styles, no 'self') refuses an injected off-origin request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { cspRecorder, directives, metaPolicy, probeOffOrigin, PROBE_HOST, violations } from './lib/csp.mjs';
import { api, canvasStats, readyProbe, waitReady } from './lib/page.mjs';
import { ROOT, startServer } from './lib/server.mjs';
import { countWorkers } from './lib/workers.mjs';

const T = { timeout: 5 * 60 * 1000 };
const SINGLE = join(ROOT, 'dist', 'gradscope.html');
const LIMIT = 5 * 1000 * 1000;

let browser;
before(() => {
  const r = spawnSync(join(ROOT, 'scripts', 'bundle'), { cwd: ROOT, stdio: ['ignore', 'pipe', 2], encoding: 'utf8' });
  process.stderr.write(r.stdout);
  assert.equal(r.status, 0, 'scripts/bundle succeeded');
  assert.match(r.stdout, /gradscope\.html: \d+\.\d\d MB/, 'it prints the size');
}, { timeout: 15 * 60 * 1000 });
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A fresh context and tab recording every request and page error; the page opened at `url`, ready. */
async function open(t, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  await context.addInitScript(readyProbe);
  await context.addInitScript(cspRecorder);
  await context.addInitScript(countWorkers);
  const seen = { requests: [], errors: [] };
  context.on('request', (r) => seen.requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => seen.errors.push(String(e.message)));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  await page.goto(url);
  await waitReady(page);
  return { page, seen };
}

/** Trains two epochs and checks that every chart canvas has real drawing, with no CSP violation. */
async function trainsAndDraws(page) {
  const s = await api(page, 'step', 2);
  assert.deepEqual(await violations(page), [], 'no securitypolicyviolation event');
  assert.equal(s.epoch, 2, 'trains');
  assert.equal(s.history.length, 3, 'epochs 0, 1, 2 measured');
  const stats = await canvasStats(page);
  assert.equal(stats.length, 3, 'three charts');
  for (const c of stats) assert.ok(c.distinct >= 3 && c.nonBackground >= 0.01, `${c.label.split(' | ')[0]} drawn`);
  return s;
}

test('scripts/bundle writes the static site and one file under 5 MB', T, () => {
  for (const f of ['index.html', 'www/main.js', 'www/core/loader.js', 'www/pkg/gradscope.js', 'www/pkg/gradscope_bg.wasm', 'www/data/train-images-idx3-ubyte.gz']) {
    assert.ok(existsSync(join(ROOT, 'dist', f)), `dist/${f}`);
  }
  const bytes = statSync(SINGLE).size;
  console.log(`dist/gradscope.html: ${(bytes / 1e6).toFixed(2)} MB`);
  assert.ok(bytes <= LIMIT, `${bytes} bytes ≤ 5 MB`);
});

test('dist/gradscope.html from file:// becomes ready, trains and draws, with no request leaving the page', T, async (t) => {
  const url = pathToFileURL(SINGLE).href;
  const { page, seen } = await open(t, `${url}#seed=4`);
  const s = await trainsAndDraws(page);
  assert.equal(s.seed, 4, 'its link works too');
  await page.waitForFunction(() => /seed=4.*run=2/.test(location.hash));
  const other = seen.requests.filter((u) => !(u.startsWith(url) || u.startsWith('data:') || u.startsWith('blob:')));
  console.log(`requests: ${seen.requests.map((u) => u.slice(0, 60)).join(', ')}`);
  assert.deepEqual(other, [], 'no request but the file itself, data: and blob:');
  assert.deepEqual(seen.errors, [], 'no page or console error');
});

test('dist/gradscope.html from file:// trains the book’s three networks in Web Workers from blob: URLs', T, async (t) => {
  const url = pathToFileURL(SINGLE).href;
  const { page, seen } = await open(t, url);
  await api(page, 'set', { speed: 'max' });
  const s = await api(page, 'compareBook');
  const workers = await page.evaluate(() => window.__workers);
  console.log(`workers: ${workers.map((u) => u.slice(0, 12)).join(', ')}`);
  assert.ok(workers.length >= 1 && workers.every((u) => u.startsWith('blob:')), 'workers from blob: URLs');
  assert.deepEqual(s.runs.map((r) => r.sizes.length - 2), [2, 3, 4], 'the three nets');
  assert.deepEqual(s.runs.map((r) => r.history.length), [501, 501, 501], 'each trained to epoch 500');
  assert.equal(s.status, 'done');
  assert.deepEqual(await violations(page), [], 'no securitypolicyviolation event');
  const other = seen.requests.filter((u) => !(u.startsWith(url) || u.startsWith('data:') || u.startsWith('blob:')));
  assert.deepEqual(other, [], 'no request but the file itself, data: and blob:');
  assert.deepEqual(seen.errors, [], 'no page or console error');
});

test('the static site dist/ served by a plain file server works the same', T, async (t) => {
  const server = await startServer({ command: ['python3', join(ROOT, 'scripts', 'serve.py'), join(ROOT, 'dist')], log: false });
  t.after(() => server.stop());
  const { page, seen } = await open(t, server.url);
  await trainsAndDraws(page);
  const origin = new URL(server.url).origin;
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith(origin)), [], 'same origin only');
  assert.deepEqual(seen.errors, [], 'no page or console error');
});

test("the single file's policy: its inline script and styles by their hashes, nothing by URL", T, () => {
  const html = readFileSync(SINGLE, 'utf8');
  const d = directives(metaPolicy(html));
  console.log(`dist/gradscope.html policy: ${metaPolicy(html).replace(/'sha256-[^']+'/g, "'sha256-…'")}`);
  const inlineStyles = html.replace(/<!--[\s\S]*?-->/g, '').match(/<style>/g).length;
  assert.deepEqual(d.get('script-src').filter((x) => !x.startsWith("'sha256-")), ["'wasm-unsafe-eval'"], 'script-src: one hash and wasm');
  assert.equal(d.get('script-src').length, 2, 'script-src: exactly one hash (the one inline module script)');
  assert.equal(d.get('style-src').length, inlineStyles, `style-src: one hash per inline <style> (${inlineStyles})`);
  assert.ok(d.get('style-src').every((x) => x.startsWith("'sha256-")), 'style-src: hashes only');
  for (const [name, sources] of d) {
    assert.ok(!sources.includes("'self'") && !sources.includes("'unsafe-inline'") || name === 'style-src-attr', `${name}: ${sources.join(' ')}`);
  }
  assert.deepEqual(d.get('connect-src'), ["'none'"], 'connect-src: nothing (the data are inlined)');
});

test('dist/gradscope.html from file:// refuses an injected off-origin request, inline script and <style>', T, async (t) => {
  const { page, seen } = await open(t, pathToFileURL(SINGLE).href);
  const r = await probeOffOrigin(page);
  assert.equal(r.fetch, 'rejected: TypeError', 'fetch() off the file fails');
  assert.equal(r.img, 'error', 'the off-origin image does not load');
  assert.equal(r.scriptRan, false, 'the inline script did not run');
  assert.equal(r.styled, false, 'the inline <style> was ignored');
  const blocked = [...new Set(r.violations.map((v) => `${v.directive} ${v.blocked}`))].sort();
  assert.deepEqual(blocked, [`connect-src http://${PROBE_HOST}/x`, `img-src http://${PROBE_HOST}/y.png`, 'script-src-elem inline', 'style-src-elem inline']);
  assert.ok(!seen.requests.some((u) => u.endsWith(`${PROBE_HOST}/x`)), 'the fetch never became a request');
  assert.ok(seen.errors.every((e) => /Content Security Policy/.test(e)), 'the only console errors are the refusals');
  assert.equal((await api(page, 'step', 1)).epoch, 1, 'the page still trains');
});

test('dist/gradscope.html served over http (header = its own meta policy) works too', T, async (t) => {
  const server = await startServer({ command: ['python3', join(ROOT, 'scripts', 'serve.py'), join(ROOT, 'dist')], log: false });
  t.after(() => server.stop());
  const url = new URL('gradscope.html', server.url).href;
  const res = await fetch(url);
  const html = await res.text();
  assert.equal(res.headers.get('content-security-policy'), metaPolicy(html), 'the header repeats the file\'s own policy');
  const { page, seen } = await open(t, url);
  await trainsAndDraws(page);
  assert.deepEqual(seen.errors, [], 'no page or console error');
});
