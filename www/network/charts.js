// The three charts. Rust (plotters) draws them on the canvases; this module sizes each canvas for
// high-DPI screens (width/height attributes = CSS size × devicePixelRatio), redraws at most once
// per animation frame, only when something changed and (while training) at most ~20% of the time,
// and keeps their text descriptions current.

import { draw } from '../core/engine.js';
import { painter } from '../ui/canvas.js';
import { chartStyle } from '../ui/chart-style.js';
import { percent, sig, superscript } from '../core/format.js';

/** Drawing may take at most about 1/DRAW_SHARE of the time: the rest is left to training. */
const DRAW_SHARE = 5;

/** The charts, by the key of their canvas: also the figure kind engine.draw takes (the accuracy canvas: the panel's). */
const CHARTS = ['bars', 'speeds', 'accuracy'];

/** "‖δ¹‖ = 0.00302, ‖δ²‖ = 0.0171" for a list of speeds. */
function speedsText(speeds) {
  return (speeds ?? []).map((v, l) => `‖δ${superscript(l + 1)}‖ = ${sig(v)}`).join(', ');
}

/**
 * Creates the chart drawer for canvases {bars, speeds, accuracy}. onError(error) is told of a
 * failed draw; busy() says whether training runs (only then are redraws spaced out); panel() names
 * the figure the accuracy canvas shows (the panel beside the speeds: 'accuracy', 'factors',
 * 'saturation' or 'gradients'). Returns {attach(), invalidate(), drawn(), describe(snapshot)}.
 */
export function createCharts(canvases, { onError, busy = () => true, panel = () => 'accuracy' }) {
  let attached = false;
  let lastStart = -Infinity;
  let cost = 0; // milliseconds the last drawing pass took, the browser's painting of it included
  // A message posted while drawing arrives once the frame is painted: that measures the full cost.
  const painted = new MessageChannel();
  painted.port1.onmessage = () => {
    cost = performance.now() - lastStart;
  };
  const byCanvas = new Map(CHARTS.map((key) => [canvases[key], key]));
  const paint = (ready) => {
    if (!attached) return;
    lastStart = performance.now();
    for (const canvas of ready) {
      try {
        const key = byCanvas.get(canvas);
        draw(key === 'accuracy' ? panel() : key, canvas, chartStyle(canvas));
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
    /** Draws the session's charts from now on. */
    attach() {
      attached = true;
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
      const latest = typeof snap.accuracyEpoch === 'number' ? `; latest accuracy ${percent(snap.accuracy)} at epoch ${snap.accuracyEpoch}` : '';
      const labels = {
        bars: `Bar chart of the gradient ∂C/∂b of the first six neurons in each of the ${snap.sizes.length - 2} hidden layers at epoch ${snap.epoch}. Learning speeds: ${speedsText(snap.speeds) || 'not measured yet'}.`,
        speeds: `Line chart, logarithmic scale: the learning speed of each hidden layer over ${epochs}. Latest: ${speedsText(snap.speeds) || 'none yet'}.`,
        accuracy: `Line chart: validation accuracy (percent) and cost over ${epochs}${latest}.`,
      };
      if (panel() !== 'accuracy') delete labels.accuracy; // the panel describes its own chart
      for (const key of CHARTS.filter((k) => labels[k])) {
        if (canvases[key].getAttribute('aria-label') !== labels[key]) canvases[key].setAttribute('aria-label', labels[key]);
      }
    },
  };
}
