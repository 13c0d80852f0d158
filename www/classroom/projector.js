// Presenting: projector mode (large type, high contrast, secondary controls hidden, chart lines
// twice as thick) and fullscreen. The charts' lines follow the screen's pixel ratio at all times,
// so they stay sharp and visible on high-DPI screens.

/**
 * Binds projector mode to `button` (aria-pressed); setLineScale(k) is the wasm module's
 * set_line_scale (setTextScale its set_text_scale). Returns {toggle(on?), active(), lineScale(), fullscreen()}.
 */
export function createProjector(setLineScale, button, setTextScale = () => {}) {
  let on = false;
  const lineScale = () => (window.devicePixelRatio || 1) * (on ? 2 : 1);
  const apply = () => {
    setLineScale(lineScale());
    setTextScale(on ? 1.4 : 1);
  };
  let media = null;
  // A new pixel ratio (zoom, another monitor): a new line scale, and every chart redrawn.
  const watchRatio = () => {
    media?.removeEventListener('change', onRatio);
    media = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    media.addEventListener('change', onRatio);
  };
  function onRatio() {
    apply();
    watchRatio();
    window.dispatchEvent(new Event('resize'));
  }
  watchRatio();
  window.addEventListener('resize', apply); // runs before the charts' own resize handlers redraw
  apply();

  const toggle = (force) => {
    on = typeof force === 'boolean' ? force : !on;
    document.documentElement.classList.toggle('projector', on);
    button.setAttribute('aria-pressed', String(on));
    apply();
    window.dispatchEvent(new Event('resize')); // every figure redraws with the new line width
  };
  button.addEventListener('click', () => toggle());

  return {
    toggle,
    /** Whether projector mode is on. */
    active: () => on,
    /** The charts' line scale now (pixel ratio, ×2 in projector mode). */
    lineScale,
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
