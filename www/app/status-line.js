// The status line above the charts (a live region): the status and epoch, what is being measured or
// the latest learning speeds, the Play/Pause label, the charts' descriptions and the edit sliders,
// all from the page's snapshot; it changes at most twice a second while training. The large epoch
// counter of the top bar (not a live region) follows every new record.

import { epoch as sessionEpoch, snapshot as sessionSnapshot } from '../core/engine.js';
import { int, sig } from '../core/format.js';

/** While training, the status line (a live region) changes at most this often (ms). */
const STATUS_EVERY_MS = 500;

const $ = (id) => document.getElementById(id);

/** Shows epoch `n` in the top bar's large counter ("epoch 1,006"). */
function showEpoch(n) {
  const text = `epoch ${int(n)}`;
  const counter = $('epoch-counter');
  if (counter.textContent !== text) counter.textContent = text;
}

/** The status line's two texts for the page's snapshot `snap`; measuring: the net awaits its record. */
function statusTexts(snap, measuring) {
  const state = `Status: ${snap.status} — epoch ${int(snap.epoch)}`;
  const detail = measuring
    ? `measuring the ${snap.edits.length ? 'edited' : 'fresh'} network of ${snap.sizes.length - 2} hidden layers…`
    : `learning speeds ‖δˡ‖ by layer: ${snap.speeds.map((v) => sig(v)).join(', ')}`;
  return [state, detail];
}

/**
 * The status line of `page` ({snapshot(), player, charts, editControls, onChange}).
 * Returns {render() now, onRecords() after new records: rendered now, or later while training}.
 */
export function createStatusLine(page) {
  let timer = 0;
  const render = () => {
    timer = 0;
    const snap = page.snapshot();
    const [state, detail] = statusTexts(snap, page.player.measuring());
    $('status-state').textContent = state;
    $('status-detail').textContent = detail;
    showEpoch(snap.epoch);
    const play = $('play');
    play.textContent = snap.status === 'running' ? 'Pause' : 'Play';
    play.classList.toggle('running', snap.status === 'running');
    const stopped = snap.status === 'overflow'; // Play only repeats why: it looks disabled
    play.setAttribute('aria-disabled', String(stopped));
    page.charts.describe(snap);
    page.why?.describe(snap);
    page.editControls.sync(sessionSnapshot());
    page.accuracyNote?.sync(snap);
    page.onChange();
  };
  const onRecords = () => {
    page.charts.invalidate();
    showEpoch(sessionEpoch());
    if (!page.player.busy()) render();
    else if (!timer) timer = setTimeout(render, STATUS_EVERY_MS);
  };
  return { render, onRecords };
}
