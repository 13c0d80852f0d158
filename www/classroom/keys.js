// Keyboard shortcuts for teaching from one laptop: Space play/pause, S step, R reset, P projector
// mode, F fullscreen, → / ← the tour's next / previous step. They work from anywhere on the page —
// also right after clicking a button, which keeps the focus: Space there plays/pauses instead of
// pressing that button again (Enter still presses the focused button). None fires while typing in
// a text field or with a modifier held (Ctrl+R still reloads), and the arrows keep their meaning on
// a slider or a select.

/** Input types where keys type text or pick values. */
const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date', 'time', 'month', 'week', 'datetime-local']);

/** Whether `target` takes typed letters (and Space). */
function typing(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable || target.closest('textarea')) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

/** Whether the arrow keys already operate `target` (move a slider, pick an option). */
function arrowsOwned(target) {
  return target instanceof Element && Boolean(target.closest('input, select, textarea'));
}

/** The shortcut `e` asks for (a key of `actions`), or null when the key is the target's own. */
function shortcut(e, actions, tour) {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (!actions[key] || typing(e.target)) return null;
  if (key.startsWith('Arrow') && (arrowsOwned(e.target) || !tour.step())) return null; // the page scrolls as usual
  return key;
}

/** Listens for the shortcuts on the window, before the focused control sees the key. */
export function bindKeys({ app, tour, projector }) {
  const actions = {
    ' ': () => (app.status() === 'running' ? app.pause() : app.play()),
    s: () => app.step(1),
    r: () => app.reset(),
    p: () => projector.toggle(),
    f: () => projector.fullscreen(),
    ArrowRight: () => tour.next(),
    ArrowLeft: () => tour.previous(),
  };
  // Capture phase: a focused button would otherwise press itself on Space (on its keyup).
  window.addEventListener('keydown', (e) => {
    if (e.defaultPrevented) return;
    const key = shortcut(e, actions, tour);
    if (!key) return;
    e.preventDefault();
    if (!e.repeat) actions[key]();
  }, { capture: true });
  window.addEventListener('keyup', (e) => {
    if (e.key === ' ' && shortcut(e, actions, tour)) e.preventDefault();
  }, { capture: true });
}
