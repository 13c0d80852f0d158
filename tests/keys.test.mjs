// Browser tests of the keyboard shortcuts after real clicks: the clicked button keeps the focus,
// and Space must play/pause rather than press that button again (a preset, Explode, Step, a view
// button, the tour's Next); Enter still presses the focused button; a slider keeps its arrow keys.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { tourStep } from './lib/classroom.mjs';
import { measured, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };
const button = (page, name) => page.getByRole('button', { name, exact: true });
const status = (page, want) => page.waitForFunction((w) => window.gradscope.snapshot().status === w, want, { timeout: 30_000 });

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

/**
 * Clicks `target` (a locator), waits until the page has done what it asked, checks the button kept
 * the focus, then Space plays and Space again pauses; returns the epoch reached.
 */
async function spaceAfterClick(page, target, what, done = () => measured(page)) {
  await target.click();
  await done();
  assert.equal(await target.evaluate((b) => b === document.activeElement), true, `${what} keeps the focus after its click`);
  const before = await snapshot(page);
  assert.notEqual(before.status, 'running', `not running after ${what}`);
  await page.keyboard.press('Space');
  await status(page, 'running');
  await page.waitForFunction((e) => window.gradscope.snapshot().epoch > e, before.epoch, { timeout: 60_000 });
  await page.keyboard.press('Space');
  await status(page, 'paused');
  assert.equal(await target.evaluate((b) => b === document.activeElement), true, `${what} still has the focus`);
  const after = await snapshot(page);
  assert.ok(after.epoch > before.epoch, `Space after ${what} trained (epoch ${before.epoch} → ${after.epoch}), it did not press ${what} again`);
  return after;
}

test('Space plays and pauses after clicking a preset, Explode, Step, a view button', T, async (t) => {
  const page = await h.openPageFor(t);
  // The book's network with three hidden layers: its button's name is its sizes.
  const preset = page.getByRole('button', { name: '[784,30,30,30,10]', exact: true });
  const s1 = await spaceAfterClick(page, preset, 'a preset');
  assert.deepEqual(s1.sizes, [784, 30, 30, 30, 10], 'the preset applied once');

  await spaceAfterClick(page, button(page, 'Explode'), 'Explode');

  const step = button(page, 'Step');
  await step.click();
  await measured(page);
  const e0 = (await snapshot(page)).epoch;
  await page.keyboard.press('Enter'); // Enter still presses the focused button: one more epoch
  await page.waitForFunction((e) => window.gradscope.snapshot().epoch === e + 1, e0, { timeout: 60_000 });
  await spaceAfterClick(page, step, 'Step');

  const chain = await spaceAfterClick(page, button(page, 'Chain'), 'the Chain view button');
  assert.equal(chain.view, 'chain', 'Space did not switch the view back');
  await spaceAfterClick(page, button(page, 'Network'), 'the Network view button');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('Space after the tour’s Next plays and pauses and stays on the step; a slider keeps its arrows', T, async (t) => {
  const page = await h.openPageFor(t);
  await button(page, 'Tour').click();
  const [, steps] = /step 1 of (\d+)/.exec(await tourStep(page, 1));
  const next = button(page, 'Next');
  for (const n of [2, 3]) {
    await spaceAfterClick(page, next, `the tour’s Next (to step ${n})`, async () => {
      await tourStep(page, n);
      await measured(page);
      await next.focus(); // Next was disabled while the step was set up, which took its focus away
    });
    assert.match(await tourStep(page, n), new RegExp(`step ${n} of ${steps}`), 'Space did not press Next again');
  }

  // On a slider the arrows move the slider, not the tour; → elsewhere is the tour's next step.
  // (The tour's panel takes the settings' place at the left edge: the Settings button opens them.)
  await button(page, 'Settings').click();
  const layers = page.getByRole('slider', { name: 'Hidden layers', exact: true });
  await layers.focus();
  const was = await layers.inputValue();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((w) => document.activeElement.value !== w, was);
  await measured(page);
  assert.match(await page.locator('#tour-title').textContent(), /step 3 of/, '→ on the slider is not the tour’s Next');
  await next.focus();
  await page.keyboard.press('ArrowRight');
  await tourStep(page, 4);
  assert.deepEqual(h.pageErrors, [], 'no page error');
});
