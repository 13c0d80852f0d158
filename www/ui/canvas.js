// Canvas plumbing shared by every figure: sizing a canvas for high-DPI screens and redrawing it
// at most once per animation frame.

/** Sets a canvas's pixel size to its CSS size × devicePixelRatio; false if it has no area. */
export function fit(canvas) {
  const box = canvas.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(box.width * ratio);
  const height = Math.round(box.height * ratio);
  if (width < 1 || height < 1) return false;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return true;
}

/** Runs `fn` at the next animation frame (hidden tabs get none: a timer then). */
export function nextFrame(fn) {
  if (document.hidden) setTimeout(fn, 50);
  else requestAnimationFrame(fn);
}

/**
 * Coalesces redraws of `canvases` into one per animation frame: request() marks them stale and
 * paint(the canvases that have an area) runs at the next frame, unless defer() asks to wait a
 * frame more. Resizes (and zoom) request a redraw. onError(error) is told of a failed paint.
 * Returns {request(), drawn()}: drawn() resolves after the next frame's painting (or the next
 * frame if nothing was stale).
 */
export function painter(canvases, paint, { onError, defer = () => false }) {
  let stale = false;
  let scheduled = false;
  let waiters = [];
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    nextFrame(run);
  };
  function run() {
    scheduled = false;
    if (stale) {
      if (defer()) {
        schedule();
        return;
      }
      stale = false;
      try {
        paint(canvases.filter(fit));
      } catch (e) {
        onError(e);
      }
    }
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  }
  const request = () => {
    stale = true;
    schedule();
  };
  const observer = new ResizeObserver(request);
  for (const c of canvases) observer.observe(c);
  window.addEventListener('resize', request); // also catches devicePixelRatio changes (zoom)
  return {
    /** Redraws at the next animation frame. */
    request,
    /** Resolves after the next frame's painting. */
    drawn() {
      const p = new Promise((resolve) => waiters.push(resolve));
      schedule();
      return p;
    },
  };
}
