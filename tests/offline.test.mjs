// The offline builds of scripts/bundle: dist/gradscope.html opened straight from disk (file://)
// becomes ready, trains and draws with no request but the file itself (and data:/blob:); the static
// site dist/ served by a plain file server works the same; the single file stays under 5 MB.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { api, canvasStats, readyProbe, waitReady } from './lib/page.mjs';
import { ROOT, startServer } from './lib/server.mjs';

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
  const seen = { requests: [], errors: [] };
  context.on('request', (r) => seen.requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => seen.errors.push(String(e.message)));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  await page.goto(url);
  await waitReady(page);
  return { page, seen };
}

/** Trains two epochs and checks that every chart canvas has real drawing. */
async function trainsAndDraws(page) {
  const s = await api(page, 'step', 2);
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

test('the static site dist/ served by a plain file server works the same', T, async (t) => {
  const server = await startServer({ command: ['python3', join(ROOT, 'scripts', 'serve.py'), join(ROOT, 'dist')], log: false });
  t.after(() => server.stop());
  const { page, seen } = await open(t, server.url);
  await trainsAndDraws(page);
  const origin = new URL(server.url).origin;
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith(origin)), [], 'same origin only');
  assert.deepEqual(seen.errors, [], 'no page or console error');
});
