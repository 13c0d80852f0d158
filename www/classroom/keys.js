// Keyboard shortcuts for teaching from one laptop: Space play/pause, S step, R reset, P projector
// mode, F fullscreen, → / ← the tour's next / previous step. None fires while typing in a field or
// with a modifier held (Ctrl+R still reloads), and Space or the arrows on a control keep their own
// meaning there (pressing a focused button, moving a slider).

/** Input types where keys type text or pick values. */
const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date', 'time', 'month', 'week', 'datetime-local']);

/** Whether `target` takes typed letters. */
function typing(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable || target.closest('textarea, select')) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

/** Whether `key` already operates `target` (Space presses a button, arrows move a slider). */
function operated(target, key) {
  const own = key === ' ' ? 'button, input, select, textarea, summary, a[href], [role="button"]' : 'input, select, textarea';
  return target instanceof Element && Boolean(target.closest(own));
}

/** Listens for the shortcuts on the document. app, tour and projector are the page's. */
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
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const action = actions[key];
    if (!action || typing(e.target)) return;
    if ((key === ' ' || key.startsWith('Arrow')) && operated(e.target, key)) return;
    if (key.startsWith('Arrow') && !tour.step()) return; // the page scrolls as usual
    e.preventDefault();
    action();
  });
}
