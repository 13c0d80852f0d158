// The figures' style, owned by the page and passed to every draw: line and text scale. Lines follow
// the screen's pixel ratio (sharp and visible on high-DPI screens); text is scaled up where a canvas
// is small for its pixel ratio (a phone), so that it stays readable; projector mode makes lines
// twice as thick and text 1.4 times as large.

import { readableTextScale } from '../core/engine.js';

/** Projector mode's line and text factors. */
const PROJECTOR = { line: 2, text: 1.4 };

const style = { projector: false };

/** Turns the projector style on or off (the projector's button and key P). */
export function setProjectorStyle(on) {
  style.projector = on;
}

/** The style to draw on `canvas` (sized for the screen; none: a canvas off screen) with now: {line, text} scale. */
export function chartStyle(canvas) {
  const on = style.projector;
  const ratio = window.devicePixelRatio || 1;
  // The canvas's own density (its pixels per CSS pixel, as fit() rounded them), not the screen's.
  const shown = canvas?.getBoundingClientRect().width;
  const readable = shown ? readableTextScale(canvas.width, canvas.height, canvas.width / shown) : 1;
  return { line: ratio * (on ? PROJECTOR.line : 1), text: (on ? PROJECTOR.text : 1) * readable };
}

/** The style of a PNG drawn `scale` times the size on screen in CSS pixels: lines to match. */
export function pngStyle(scale) {
  const { line, text } = chartStyle();
  return { line: (line * scale) / (window.devicePixelRatio || 1), text };
}
