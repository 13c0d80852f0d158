// Browser tests of the classroom tools: exact shareable links (round trip, tampered hash), the
// guided tour, the keyboard shortcuts and projector mode (hidden secondary controls, focus ring,
// WCAG AA text contrast, 1024 × 768). Screenshots: target/screenshots/classroom.png, projector.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { contrastFailures } from './lib/classroom.mjs';
import { api, frames, screenshotPath, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };
const button = (page, name) => page.getByRole('button', { name, exact: true });

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

/** Waits until the page's URL hash matches `re` (it follows changes within a quarter second). */
async function hashMatches(page, re) {
  await page.waitForFunction((src) => new RegExp(src).test(decodeURIComponent(location.hash)), re.source, { timeout: 30_000 });
  return page.evaluate(() => location.hash);
}

/** Scrolls the page and the settings panel back to the top (for a screenshot). */
async function toTop(page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelector('.panel').scrollTop = 0;
  });
  await frames(page, 2);
}

/** The tour's title once the step is set up (Next enabled again, or the last step). */
async function tourTitle(page, n) {
  await page.waitForFunction((n) => {
    const title = document.getElementById('tour-title')?.textContent ?? '';
    const facts = document.querySelector('.tour-facts')?.textContent ?? '';
    return title.includes(`step ${n} of`) && facts && !facts.startsWith('Setting up');
  }, n, { timeout: 60_000 });
  return page.locator('#tour-title').textContent();
}

test('a link reproduces exactly: settings, seed, run with edits, chain view → identical snapshot()', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { sizes: [784, 20, 25, 15, 10], seed: 7, eta: 0.3, lambda: 2, images: 500, batch: 50 });
  await api(page, 'step', 3);
  await api(page, 'set', { layerScale: [1, 2.5] });
  await api(page, 'step', 2);
  await api(page, 'explode');
  await api(page, 'step', 1);
  await api(page, 'set', { view: 'chain', chain: { depth: 6, preset: 'explode', a0: 0.3 } });
  await api(page, 'set', { chain: { w: [null, 3.7] } });
  // The hash follows within 250 ms: wait for the last change (w₂ = 3.7) too, not an earlier hash.
  const hash = await hashMatches(page, /seed=7&.*chain\.depth=6.*chain\.w=100,3\.7,.*run=3,L2\*2\.5,2,x,1$/);
  console.log(`link: ${hash}`);
  const want = await snapshot(page);
  assert.equal(want.seed, 7);
  assert.equal(want.view, 'chain');
  assert.equal(want.epoch, 6);
  assert.equal(want.chain.w[1], 3.7);

  const copy = await h.openPageFor(t, page.url());
  const got = await snapshot(copy);
  assert.deepEqual(got, want, 'the same snapshot() in a new tab opened on the link');
  assert.equal(await copy.locator('#link-notice').isVisible(), false, 'no notice for a good link');
  assert.equal(await copy.evaluate(() => location.hash), hash, 'the new tab keeps the same link');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('a tampered hash: a notice names each bad value, the defaults are used, nothing runs', T, async (t) => {
  const dialogs = [];
  const page = await h.openPageFor(t, '#seed=abc&sizes=1,2&view=<script>alert(1)</script>&eta=-5&chain.w=1,x&run=2,L9*2&tour=0&foo=<img src=x onerror=alert(2)>');
  page.on('dialog', (d) => dialogs.push(d.message()));
  const notice = page.locator('#link-notice');
  assert.ok(await notice.isVisible(), 'the notice is visible');
  const text = await notice.innerText();
  console.log(`notice:\n${text}`);
  for (const bit of ['seed=“abc”', 'the default 1 is used', 'sizes=“1,2”', 'view=“<script>alert(1)</script>”', 'the default network is used', 'eta=“-5”', 'the default 0.1 is used', 'chain.w', 'L9*2', 'tour=“0”', '“foo”']) {
    assert.ok(text.includes(bit), `the notice says ${bit}`);
  }
  assert.equal(await page.locator('#link-notice script, #link-notice img').count(), 0, 'the hash is shown as text, never as HTML');
  const s = await snapshot(page);
  assert.deepEqual([s.seed, s.sizes, s.view, s.eta, s.epoch], [1, [784, 30, 30, 10], 'network', 0.1, 2], 'defaults used; the run before the bad token replayed');
  const hash = await hashMatches(page, /^#view=network&sizes=784,30,30,10&.*seed=1&.*run=2$/);
  assert.ok(!/abc|script|foo/.test(hash), `the hash is rewritten without the bad values: ${hash}`);
  await button(page, 'Dismiss').click();
  assert.equal(await notice.isVisible(), false, 'Dismiss hides the notice');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('the tour: Next / Previous and → / ← change the preset and the URL; the step opens from a link', T, async (t) => {
  const page = await h.openPageFor(t);
  await button(page, 'Tour').click();
  assert.match(await tourTitle(page, 1), /step 1 of 10/);
  assert.match(await page.locator('.tour-cite').textContent(), /NNDL ch\. 5, section “The vanishing gradient problem”/);
  await hashMatches(page, /^#tour=1&/);
  assert.deepEqual((await snapshot(page)).sizes, [784, 30, 30, 10]);

  await button(page, 'Next').click();
  await tourTitle(page, 2);
  await hashMatches(page, /^#tour=2&.*sizes=784,30,30,30,30,10/);
  const rows = await page.locator('.tour-table tbody tr').allInnerTexts();
  console.log(`step 2 table:\n${rows.join('\n')}`);
  assert.equal(rows.length, 5, 'a row for each of ‖δ¹‖ … ‖δ⁴‖, then last ÷ first');
  const heads = await page.locator('.tour-table thead th').allInnerTexts();
  assert.deepEqual(heads, ['2 hidden', '3 hidden', '4 hidden'], 'a column for each of 2, 3 and 4 hidden layers');
  const s2 = await snapshot(page);
  const first = rows[0].split('\t');
  assert.equal(first[3], String(Number(s2.speeds[0].toPrecision(3))), 'the 4-layer column is the measured net on screen');

  await page.keyboard.press('ArrowRight');
  await tourTitle(page, 3);
  await hashMatches(page, /^#tour=3&.*sizes=784,30,30,10&/);
  assert.ok(await page.locator('#tour-train').isVisible(), 'step 3 offers the 500-epoch training');

  await button(page, 'Previous').click();
  await tourTitle(page, 2);
  await hashMatches(page, /^#tour=2&/);
  await page.keyboard.press('ArrowRight');
  await tourTitle(page, 3);
  await page.keyboard.press('ArrowLeft');
  await tourTitle(page, 2);

  await page.getByRole('button', { name: /^Step 5:/ }).click();
  await tourTitle(page, 5);
  await hashMatches(page, /^#tour=5&view=chain&/);
  assert.equal((await snapshot(page)).view, 'chain', 'step 5 shows the chain');
  assert.match(await page.locator('.tour-facts').textContent(), /w₂σ′\(z₂\) = /);

  const copy = await h.openPageFor(t, page.url());
  assert.match(await tourTitle(copy, 5), /step 5 of 10/, 'a link opens the tour at its step');
  assert.equal((await snapshot(copy)).view, 'chain');
  await button(page, 'End tour').click();
  await hashMatches(page, /^#view=/);
  const bare = await h.openPageFor(t, '#tour=4');
  await tourTitle(bare, 4);
  assert.deepEqual((await snapshot(bare)).sizes, [784, 30, 30, 30, 30, 10], 'a link with only a tour step gets that step’s preset');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('keys: Space plays and pauses, S steps, R resets, P projector mode hides secondary controls', T, async (t) => {
  const page = await h.openPageFor(t);
  await page.locator('h1').click(); // focus on the page, not on a control
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'running');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'paused');
  await page.keyboard.press('r');
  await page.waitForFunction(() => window.gradscope.snapshot().epoch === 0 && window.gradscope.snapshot().status === 'idle');
  await page.keyboard.press('s');
  await page.waitForFunction(() => window.gradscope.snapshot().epoch === 1, null, { timeout: 30_000 });

  // Typing in a field is typing: S does not step there.
  await page.locator('#gs-seed-number').focus();
  await page.keyboard.press('s');
  await frames(page, 3);
  assert.equal((await snapshot(page)).epoch, 1, 'S in the seed box does not step');

  await page.locator('h1').click();
  const secondary = ['#gs-seed', '#gs-eta', '#export-csv', '#gs-init'];
  for (const sel of secondary) assert.ok(await page.locator(sel).isVisible(), `${sel} visible normally`);
  await toTop(page);
  await page.screenshot({ path: screenshotPath('classroom.png') });
  await page.keyboard.press('p');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('projector')), true);
  assert.equal(await button(page, 'Projector').getAttribute('aria-pressed'), 'true');
  for (const sel of secondary) assert.equal(await page.locator(sel).isVisible(), false, `${sel} hidden in projector mode`);
  for (const name of ['Play', 'Step', 'Reset', 'Tour', 'Projector', 'Explode']) assert.ok(await button(page, name).isVisible(), `${name} stays`);
  assert.ok(await page.locator('#edits').isVisible(), 'the per-layer edits stay');
  assert.ok(await page.getByRole('slider', { name: 'Hidden layers', exact: true }).isVisible(), 'Hidden layers stays');
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(size >= 22, `large type: ${size}px`);
  await page.keyboard.press('p');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('projector')), false, 'P again leaves it');
  await page.keyboard.press('f'); // fullscreen, or a quiet refusal
  await frames(page, 2);
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('keyboard reach, focus ring and WCAG AA contrast, normal and projector mode at 1024 × 768', T, async (t) => {
  const page = await h.openPageFor(t);
  await page.setViewportSize({ width: 1024, height: 768 });
  await frames(page, 3);
  assert.deepEqual(await contrastFailures(page), [], 'normal mode: every text ≥ 4.5:1');

  // Tab through the page: every visible button, input and select gets the focus, with a ring.
  const want = await page.evaluate(() => [...document.querySelectorAll('button, input, select, summary')]
    .filter((e) => e.checkVisibility() && !e.disabled).length);
  const reached = new Set();
  let ringless = [];
  for (let i = 0; i < want + 40 && reached.size < want; i += 1) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      const st = getComputedStyle(e);
      return { key: `${e.tagName}#${e.id}|${e.getAttribute('aria-label') ?? e.textContent.trim().slice(0, 20)}`, ring: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2 };
    });
    reached.add(f.key);
    if (!f.ring) ringless.push(f.key);
  }
  ringless = ringless.filter((k) => !k.startsWith('BODY'));
  console.log(`Tab reached ${reached.size} of ${want} controls`);
  assert.ok(reached.size >= want, `every control reachable by Tab (${reached.size} of ${want})`);
  assert.deepEqual(ringless, [], 'a visible focus ring on each');

  await page.locator('h1').click();
  await page.keyboard.press('p');
  await frames(page, 4);
  assert.deepEqual(await contrastFailures(page), [], 'projector mode: every text ≥ 4.5:1');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 1024 px (${overflow} px too wide)`);
  const play = await page.getByRole('button', { name: 'Play', exact: true }).boundingBox();
  const chart = await page.locator('#chart-speeds').boundingBox();
  assert.ok(play.y < 768 && chart.width > 450, `Play on the first screen, charts wide enough (${Math.round(chart.width)} px)`);
  await toTop(page);
  await page.screenshot({ path: screenshotPath('projector.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await frames(page, 4);
  await page.screenshot({ path: screenshotPath('projector-1920.png') });

  // The tour and the chain view too, in both modes.
  const chain = await h.openPageFor(t, '#tour=5');
  await tourTitle(chain, 5);
  await frames(chain, 3);
  assert.deepEqual(await contrastFailures(chain), [], 'tour and chain view: every text ≥ 4.5:1');
  await chain.locator('h1').click();
  await chain.keyboard.press('p');
  await frames(chain, 4);
  assert.deepEqual(await contrastFailures(chain), [], 'tour and chain view in projector mode: every text ≥ 4.5:1');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});
