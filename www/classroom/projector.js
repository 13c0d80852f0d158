// Presenting: projector mode (large type, high contrast, secondary controls hidden, chart lines
// twice as thick and text larger) and fullscreen. The figures' style (ui/chart-style.js) follows
// the screen's pixel ratio at all times, so lines stay sharp and visible on high-DPI screens.

import { setProjectorStyle } from '../ui/chart-style.js';

/** Redraws every figure (each painter listens for resize). */
const redraw = () => window.dispatchEvent(new Event('resize'));

/** Redraws every figure whenever the pixel ratio changes (zoom, another monitor). */
function watchRatio() {
  let media = null;
  const watch = () => {
    media?.removeEventListener('change', onRatio);
    media = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    media.addEventListener('change', onRatio);
  };
  function onRatio() {
    watch();
    redraw();
  }
  watch();
}

/**
 * Binds projector mode to `button` (aria-pressed); `onChange()` is called when it is switched.
 * Returns {toggle(on?), active(), fullscreen()}.
 */
export function createProjector(button, onChange = () => {}) {
  let on = false;
  watchRatio();
  const toggle = (force) => {
    on = typeof force === 'boolean' ? force : !on;
    document.documentElement.classList.toggle('projector', on);
    button.setAttribute('aria-pressed', String(on));
    setProjectorStyle(on);
    redraw(); // every figure redraws with the new style
    onChange();
  };
  button.addEventListener('click', () => toggle());

  return {
    toggle,
    /** Whether projector mode is on. */
    active: () => on,
    /** Enters or leaves fullscreen; a browser that refuses is left as it is, quietly. */
    fullscreen() {
      try {
        const done = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
        done?.catch?.(() => {});
      } catch {
        /* no fullscreen here */
      }
    },
  };
}
