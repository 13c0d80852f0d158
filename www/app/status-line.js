// The status line under the transport buttons (a live region): the status and epoch, what is being
// measured or the latest learning speeds, the Play/Pause label, the charts' descriptions and the
// edit sliders, all from the page's snapshot. While training it changes at most twice a second.

import { snapshot as sessionSnapshot } from '../core/engine.js';
import { int, sig } from '../core/format.js';

/** While training, the status line (a live region) changes at most this often (ms). */
const STATUS_EVERY_MS = 500;

const $ = (id) => document.getElementById(id);

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
    const play = $('play');
    play.textContent = snap.status === 'running' ? 'Pause' : 'Play';
    play.classList.toggle('running', snap.status === 'running');
    page.charts.describe(snap);
    page.editControls.sync(sessionSnapshot());
    page.accuracyNote?.sync(snap);
    page.onChange();
  };
  const onRecords = () => {
    page.charts.invalidate();
    if (!page.player.busy()) render();
    else if (!timer) timer = setTimeout(render, STATUS_EVERY_MS);
  };
  return { render, onRecords };
}
