// The figures' style, owned by the page and passed to every draw: line and text scale. Lines follow
// the screen's pixel ratio (sharp and visible on high-DPI screens); projector mode makes lines twice
// as thick and text 1.4 times as large.

/** Projector mode's line and text factors. */
const PROJECTOR = { line: 2, text: 1.4 };

const style = { projector: false };

/** Turns the projector style on or off (the projector's button and key P). */
export function setProjectorStyle(on) {
  style.projector = on;
}

/** The style to draw with now: {line, text} scale. */
export function chartStyle() {
  const on = style.projector;
  return { line: (window.devicePixelRatio || 1) * (on ? PROJECTOR.line : 1), text: on ? PROJECTOR.text : 1 };
}

/** The style of a PNG drawn `scale` times the size on screen in CSS pixels: lines to match. */
export function pngStyle(scale) {
  const { line, text } = chartStyle();
  return { line: (line * scale) / (window.devicePixelRatio || 1), text };
}
