// The page reads every limit from the Rust settings schema (settings_schema()): with the schema
// changed on its way to the page (the learning rate's maximum 10 → 2, hidden layers 10 → 4), the
// sliders' ranges and set()'s clamping follow, with no other change. The default schema's ranges
// are the ones Rust enforces (crate/tests/schema.rs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { openWithGlue, patchedGlue } from './lib/glue.mjs';
import { api, frames } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

/** The value a slider shows after pressing End (its top), once its range input sits at its max. */
async function topOf(page, name) {
  const slider = page.getByRole('slider', { name, exact: true });
  await slider.focus();
  await page.keyboard.press('End');
  const handle = await slider.elementHandle();
  await page.waitForFunction((el) => Number(el.max) - Number(el.value) < Number(el.step || 1), handle); // the top step
  await frames(page, 3); // the coalesced change is applied on the next frame, then the text follows
  return slider.getAttribute('aria-valuetext');
}

test('the page reads its limits from the schema: a changed maximum moves the slider and set() clamping', T, async (t) => {
  const plain = await h.openPageFor(t);
  assert.equal((await api(plain, 'set', { eta: 5 })).eta, 5, 'η = 5 is inside the Rust range (0.001 to 10)');

  const page = await openWithGlue(h, t, (source) => patchedGlue(source, (schema) => {
    schema.settings.find((s) => s.key === 'eta').limit.max = 2;
    schema.hidden.max = 4;
  }));
  let s = await api(page, 'set', { eta: 5 });
  assert.equal(s.eta, 2, 'set({eta: 5}) clamps to the schema’s new maximum');
  const message = await page.locator('#message').textContent();
  assert.match(message, /0\.001 to 2\b/, `the message names the new range: ${message}`);

  await page.getByText('Training', { exact: true }).click().catch(() => {}); // open the panel if folded
  assert.equal(await topOf(page, 'Learning rate'), 'η = 2', 'the learning-rate slider ends at 2');
  assert.equal(await topOf(page, 'Hidden layers'), '4', 'the hidden-layers slider ends at 4');
  await page.waitForFunction(() => window.gradscope.snapshot().sizes.length === 6); // End gave 4 of them
  s = await api(page, 'set', { sizes: [784, 30, 30, 30, 30, 10] });
  assert.equal(s.sizes.length, 6, 'four hidden layers are accepted');
  s = await api(page, 'set', { sizes: [784, 30, 30, 30, 30, 30, 10] });
  assert.equal(s.sizes.length, 6, 'five hidden layers are refused under the changed schema');
});
