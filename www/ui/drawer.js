// The settings panel as a drawer: a column beside the charts on wide screens, an overlay over the
// charts' left edge on narrower ones (the style sheet decides which, and whether it starts open:
// open as a column, closed as an overlay). The toggle button says what is shown (aria-expanded);
// Escape closes the overlay. A change of screen width returns to that width's default.

/** The media query of the style sheet's column layout (www/css/layout.css, "wide"). */
const WIDE = '(min-width: 80em)';

/**
 * Binds `button` to show and hide `panel`; the state lives in `data-settings` ("open"/"closed") on
 * the panel's layout, absent for the width's default. Returns {open()} (whether it is shown) and
 * sync() (the button follows the panel after the layout changed otherwise, e.g. the tour's dock).
 */
export function bindDrawer(button, panel) {
  const layout = panel.parentElement;
  const open = () => getComputedStyle(panel).display !== 'none';
  const sync = () => button.setAttribute('aria-expanded', String(open()));
  const media = window.matchMedia(WIDE);
  media.addEventListener('change', () => {
    delete layout.dataset.settings;
    sync();
  });
  button.addEventListener('click', () => {
    layout.dataset.settings = open() ? 'closed' : 'open';
    sync();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || media.matches || !open()) return;
    layout.dataset.settings = 'closed';
    sync();
    button.focus();
  });
  sync();
  return { open, sync };
}
