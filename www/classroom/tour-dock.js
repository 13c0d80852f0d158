// Where the tour's panel sits: on wide screens (the style sheet's 60em and up) a column docked at
// the window's left edge, from under the header (or the top, once the header has scrolled away) to
// the bottom, while the views move right to make room (body.touring). The panel's top follows the
// view on screen, so the caption and Previous / Next never scroll away; each step's figure is
// scrolled into view beside it.

/** The view shown now (the network or the chain explorer), or null while the page loads. */
function shownView() {
  return document.querySelector('main.layout:not([hidden])');
}

/** Keeps `root`'s --tour-top at the top of the view on screen (0 once it has scrolled above the window). */
function followTop(root) {
  let queued = false;
  const update = () => {
    queued = false;
    const view = shownView();
    const top = view ? Math.max(0, Math.round(view.getBoundingClientRect().top)) : 0;
    root.style.setProperty('--tour-top', `${top}px`);
  };
  const request = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(update);
  };
  window.addEventListener('scroll', request, { passive: true });
  window.addEventListener('resize', request);
  const observer = new ResizeObserver(request);
  for (const el of document.querySelectorAll('header, #link-notice, main.layout')) observer.observe(el);
  return update;
}

/**
 * Docks the tour's panel `root`. Returns {open(on), show(targetId)}: open() turns the docked layout
 * on or off; show() scrolls the step's figure into view when the panel is docked (the nearest
 * edge: no scroll if it is on screen) and places the panel under the view's top.
 */
export function createDock(root) {
  const update = followTop(root);
  return {
    open(on) {
      document.body.classList.toggle('touring', on);
      update();
    },
    show(targetId) {
      // Docked only from 60em wide; on a narrow screen the panel is above the view and a scroll to
      // the figure would take the caption away, so the page stays where it is.
      const docked = getComputedStyle(root).position === 'fixed';
      if (docked) document.getElementById(targetId)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      update();
    },
  };
}
