// The three charts. Rust (plotters) draws them on the canvases; this module sizes each canvas for
// high-DPI screens (width/height attributes = CSS size × devicePixelRatio), redraws at most once
// per animation frame, only when something changed and (while training) at most ~20% of the time,
// and keeps their text descriptions current.

import { painter } from '../ui/canvas.js';
import { percent, sig, superscript } from '../core/format.js';

/** Drawing may take at most about 1/DRAW_SHARE of the time: the rest is left to training. */
const DRAW_SHARE = 5;

/** Each chart: the key of its canvas and the Session method that draws it. */
const DRAWERS = [['bars', 'draw_bars'], ['speeds', 'draw_speeds'], ['accuracy', 'draw_accuracy']];

/** "‖δ¹‖ = 0.00302, ‖δ²‖ = 0.0171" for a list of speeds. */
function speedsText(speeds) {
  return (speeds ?? []).map((v, l) => `‖δ${superscript(l + 1)}‖ = ${sig(v)}`).join(', ');
}

/**
 * Creates the chart drawer for canvases {bars, speeds, accuracy}. onError(error) is told of a
 * failed draw; busy() says whether training runs (only then are redraws spaced out).
 * Returns {attach(session), invalidate(), drawn(), describe(snapshot)}.
 */
export function createCharts(canvases, { onError, busy = () => true }) {
  let session = null;
  let lastStart = -Infinity;
  let cost = 0; // milliseconds the last drawing pass took, the browser's painting of it included
  // A message posted while drawing arrives once the frame is painted: that measures the full cost.
  const painted = new MessageChannel();
  painted.port1.onmessage = () => {
    cost = performance.now() - lastStart;
  };
  const byCanvas = new Map(DRAWERS.map(([key, method]) => [canvases[key], method]));
  const paint = (ready) => {
    if (!session) return;
    lastStart = performance.now();
    for (const canvas of ready) {
      try {
        session[byCanvas.get(canvas)](canvas);
      } catch (e) {
        onError(e);
      }
    }
    painted.port2.postMessage(null);
  };
  // Drew very recently while training: wait a frame or two, so training keeps most of the time.
  const defer = () => busy() && performance.now() - lastStart < DRAW_SHARE * cost;
  const view = painter([...byCanvas.keys()], paint, { onError, defer });

  return {
    /** Draws from `s` (a Session) from now on. */
    attach(s) {
      session = s;
      view.request();
    },
    /** Marks the charts as changed: they are redrawn in the next animation frame. */
    invalidate: view.request,
    /** A Promise resolved after the next drawing pass (or the next frame if nothing changed). */
    drawn: view.drawn,
    /** Updates the screen-reader descriptions of the canvases from a snapshot. */
    describe(snap) {
      const n = snap.history.length;
      const epochs = `${n} measured epoch${n === 1 ? '' : 's'}`;
      const latest = snap.accuracyHistory.length ? `; latest accuracy ${percent(snap.accuracy)}` : '';
      const labels = {
        bars: `Bar chart of the gradient ∂C/∂b of the first six neurons in each of the ${snap.sizes.length - 2} hidden layers at epoch ${snap.epoch}. Learning speeds: ${speedsText(snap.speeds) || 'not measured yet'}.`,
        speeds: `Line chart, logarithmic scale: the learning speed of each hidden layer over ${epochs}. Latest: ${speedsText(snap.speeds) || 'none yet'}.`,
        accuracy: `Line chart: validation accuracy (percent) and cost over ${epochs}${latest}.`,
      };
      for (const [key] of DRAWERS) {
        if (canvases[key].getAttribute('aria-label') !== labels[key]) canvases[key].setAttribute('aria-label', labels[key]);
      }
    },
  };
}
