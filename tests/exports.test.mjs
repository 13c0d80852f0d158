// Browser tests of the exports and imports: a PNG of a chart at twice its size (a real, non-blank
// PNG), the speed history as CSV, the network as network2 JSON and back (same speeds), a fixture in
// network2's exact layout dropped on the page, and a malformed file refused with the state untouched.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness } from './lib/browser.mjs';
import { decodePng, download, pngSize } from './lib/classroom.mjs';
import { api, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };
const button = (page, name) => page.getByRole('button', { name, exact: true });

/** @type {Harness} */
let h;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gradscope-exports-'));
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes a network2 file with python3's json.dump in network2.py's exact layout: sizes, weights
 * (n_out rows of n_in), biases (n_out rows of [b]), cost; `rows0` changes the first layer's rows.
 */
function network2Fixture(name, sizes, rows0 = sizes[1]) {
  const path = join(dir, name);
  const program = [
    'import json, random, sys',
    'random.seed(5)',
    'sizes = json.loads(sys.argv[1]); rows0 = int(sys.argv[2])',
    'weights = [[[random.gauss(0, 1) / n_in ** 0.5 for _ in range(n_in)] for _ in range(rows0 if l == 0 else n_out)]',
    '           for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]))]',
    'biases = [[[random.gauss(0, 1)] for _ in range(n)] for n in sizes[1:]]',
    'json.dump({"sizes": sizes, "weights": weights, "biases": biases, "cost": "CrossEntropyCost"}, open(sys.argv[3], "w"))',
  ].join('\n');
  execFileSync('python3', ['-c', program, JSON.stringify(sizes), String(rows0), path]);
  return path;
}

/** The network view's message area: {visible, text}. */
async function message(page) {
  const area = page.locator('#message');
  return { visible: await area.isVisible(), text: (await area.textContent()).trim() };
}

test('PNG of a chart: a valid PNG at twice its size on screen, with real drawing', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'step', 5);
  for (const [label, key] of [['Save the learning-speed chart as PNG', 'speeds'], ['Save the gradient bar chart as PNG', 'bars']]) {
    // Measured before each save: the "Saved …" notice above the charts makes them a line shorter.
    const box = await page.locator(`#chart-${key}`).boundingBox();
    const file = await download(page, button(page, label));
    const size = pngSize(file.bytes);
    const decoded = await decodePng(page, file.bytes);
    console.log(`${file.name}: ${file.bytes.length} bytes, ${size.width}×${size.height}, ${decoded.distinct} colours, ${(100 * decoded.drawn).toFixed(1)} % drawn`);
    assert.match(file.name, new RegExp(`^gradscope-${key}-h2-seed1-epoch5\\.png$`));
    assert.equal(size.width, Math.round(2 * box.width), 'twice the CSS width');
    assert.equal(size.height, Math.round(2 * box.height) + 48, 'twice the CSS height, and a 24 CSS px caption strip (png-caption.test.mjs)');
    assert.deepEqual([decoded.width, decoded.height], [size.width, size.height], 'the page decodes it');
    assert.ok(decoded.distinct >= 8 && decoded.drawn >= 0.01, 'not blank');
  }
  await api(page, 'set', { view: 'chain', chain: { preset: 'explode' } });
  for (const label of ['Save the chain figure as PNG', 'Save the identity figure as PNG']) {
    const file = await download(page, button(page, label));
    const decoded = await decodePng(page, file.bytes);
    console.log(`${file.name}: ${decoded.width}×${decoded.height}, ${decoded.distinct} colours`);
    assert.ok(decoded.distinct >= 8 && decoded.drawn >= 0.01, `${file.name} not blank`);
  }
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('CSV of the speed history: epoch and one column per hidden layer, one row per epoch', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { sizes: [784, 30, 30, 30, 10] });
  const s = await api(page, 'step', 4);
  const file = await download(page, button(page, 'CSV'));
  const lines = file.bytes.toString('utf8').trim().split('\n');
  assert.equal(lines[0], 'epoch,layer1,layer2,layer3', 'header');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  assert.equal(rows.length, s.history.length, 'one row per epoch of the history');
  rows.forEach((r, e) => {
    assert.equal(r.length, 4, 'columns: hidden layers + 1');
    assert.equal(r[0], e, 'epoch column');
    assert.deepEqual(r.slice(1), s.history[e], `epoch ${e}: the speeds, exactly`);
  });
});

test('network JSON: export parses as network2, and importing it reproduces the same speeds', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { sizes: [784, 20, 15, 10], seed: 3 });
  const trained = await api(page, 'step', 3);
  const file = await download(page, button(page, 'Export network'));
  const net = JSON.parse(file.bytes.toString('utf8'));
  assert.deepEqual(net.sizes, [784, 20, 15, 10]);
  assert.equal(net.cost, 'CrossEntropyCost');
  assert.deepEqual(net.weights.map((w) => [w.length, w[0].length]), [[20, 784], [15, 20], [10, 15]], 'weights n_out × n_in');
  assert.deepEqual(net.biases.map((b) => [b.length, b[0].length]), [[20, 1], [15, 1], [10, 1]], 'biases n_out × 1');

  await api(page, 'set', { seed: 9 }); // another network on screen
  const path = join(dir, 'exported.json');
  writeFileSync(path, file.bytes);
  await page.locator('#import-file').setInputFiles(path);
  await page.waitForFunction(() => /Imported exported\.json/.test(document.getElementById('message').textContent));
  const s = await api(page, 'snapshot');
  assert.equal(s.epoch, 0, 'the history starts again');
  assert.deepEqual(s.sizes, [784, 20, 15, 10]);
  assert.deepEqual(s.speeds, trained.speeds, 'the same speeds as the exported net had');
  assert.deepEqual(s.bars, trained.bars, 'the same bars');
  assert.ok(await button(page, 'Import network').isVisible(), 'an Import network button (file picker)');
});

test('a network2 fixture (python3 json.dump, network2’s layout) dropped on the page imports and trains', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { view: 'chain' });
  const path = network2Fixture('network2.json', [784, 20, 10]);
  const text = readFileSync(path, 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'network2.json', { type: 'application/json' }));
    document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction(() => /Imported network2\.json/.test(document.getElementById('message').textContent));
  const s = await api(page, 'snapshot');
  console.log(`imported [784,20,10]: speeds ${JSON.stringify(s.speeds)}`);
  assert.equal(s.view, 'network', 'the network view shows the imported net');
  assert.deepEqual([s.sizes, s.epoch, s.activation], [[784, 20, 10], 0, 'sigmoid']);
  assert.ok(s.speeds.length === 1 && Number.isFinite(s.speeds[0]) && s.speeds[0] > 0, 'measured');
  const stepped = await api(page, 'step', 2);
  assert.equal(stepped.epoch, 2, 'the imported net trains');
  await page.waitForFunction(() => /imported=1/.test(location.hash));

  const copy = await h.openPageFor(t, page.url());
  assert.match(await copy.locator('#link-notice').innerText(), /imported network/, 'its link says it cannot carry the imported net');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('a malformed network file: the error names the key and shape, and nothing changes', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'step', 2);
  const before = await snapshot(page);
  // The link follows a change within a quarter second (www/link.js): wait until it holds the 2 epochs.
  await page.waitForFunction(() => /[#&]run=2$/.test(location.hash));
  const hash = await page.evaluate(() => location.hash);
  const path = network2Fixture('wrong-shape.json', [784, 20, 10], 19);
  await page.locator('#import-file').setInputFiles(path);
  await page.waitForFunction(() => /could not be imported/.test(document.getElementById('message').textContent));
  const m = await message(page);
  console.log(`message: ${m.text}`);
  assert.ok(m.visible, 'the message is shown');
  assert.match(m.text, /wrong-shape\.json could not be imported: .*weights\[0\].*20 × 784.*19/, 'names the key and the shapes');
  assert.equal(await page.locator('#message').getAttribute('data-kind'), 'error');
  assert.deepEqual(await snapshot(page), before, 'snapshot() unchanged');
  assert.equal(await page.evaluate(() => location.hash), hash, 'the link unchanged');

  for (const [bad, why] of [['{"sizes": [784, 10]}', /weights|hidden/], ['not json at all', /not network2 JSON/]]) {
    const after = await api(page, 'importNetwork', bad);
    assert.deepEqual(after, before, `importNetwork(${bad.slice(0, 20)}…) leaves the state`);
    assert.match((await message(page)).text, why);
  }
  assert.deepEqual(h.pageErrors, [], 'no page error');
});
