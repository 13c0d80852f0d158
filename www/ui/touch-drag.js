// Touch drags on a range input move it by the finger's distance, from where it was. Chromium's own
// touch handling puts the thumb under the finger the moment it lands (a short drag that starts a
// little off the thumb jumps the value: on a symmetric-log slider from −1.41 to 152); here the
// finger's horizontal travel × positions per pixel of track is added to the position it had when
// the finger landed, as a mouse dragging the thumb would. A drag that starts mostly vertical
// scrolls the page instead. Each move fires `input`, the end `change`, as the browser's would.

/** Width in CSS px of the browser's range thumb (Chromium's default; the page does not restyle it). */
const THUMB = 16;

/** Pixels a finger travels before its drag is taken as sideways (the slider) or upright (a scroll). */
const SLOP = 4;

/** Positions of `input` per CSS pixel of finger travel along its track. */
function perPixel(input) {
  const track = Math.max(1, input.getBoundingClientRect().width - THUMB);
  return (Number(input.max) - Number(input.min)) / track;
}

/** Sets `input` to position `x` (clamped, on its step) and fires `input` if that changed it. */
function moveTo(input, x) {
  const before = input.value;
  input.value = String(x); // the browser clamps to [min, max] and rounds to the step
  if (input.value !== before) input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Makes touch drags on range `input` relative (see above); mouse and keys are left to the browser. */
export function touchDrag(input) {
  let drag = null; // {id, x, y, from, mode: 'undecided' | 'slide' | 'scroll', moved}
  const finger = (e) => [...e.changedTouches].find((t) => t.identifier === drag?.id);
  input.addEventListener('touchstart', (e) => {
    if (e.touches.length !== 1 || input.matches(':disabled')) return;
    e.preventDefault(); // no jump to the finger (nor a tap's emulated click, which would jump too)
    const t = e.touches[0];
    drag = { id: t.identifier, x: t.clientX, y: t.clientY, from: Number(input.value), mode: 'undecided', moved: false };
    input.focus({ preventScroll: true });
  }, { passive: false });
  input.addEventListener('touchmove', (e) => {
    const t = finger(e);
    if (!t) return;
    e.preventDefault();
    const [dx, dy] = [t.clientX - drag.x, t.clientY - drag.y];
    if (drag.mode === 'undecided' && Math.hypot(dx, dy) >= SLOP) drag.mode = Math.abs(dx) >= Math.abs(dy) ? 'slide' : 'scroll';
    if (drag.mode === 'slide') {
      moveTo(input, drag.from + dx * perPixel(input));
      drag.moved = true;
    } else if (drag.mode === 'scroll') {
      window.scrollBy(0, drag.y - t.clientY);
      drag.y = t.clientY;
    }
  }, { passive: false });
  const end = (e) => {
    if (!finger(e)) return;
    if (drag.moved) input.dispatchEvent(new Event('change', { bubbles: true }));
    drag = null;
  };
  input.addEventListener('touchend', end);
  input.addEventListener('touchcancel', end);
}
