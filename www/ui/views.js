// The two views of the page, one click apart: "Network" (training on digits) and "Chain" (one
// neuron per layer). Toggle buttons with aria-pressed; the hidden view leaves the accessibility tree.
// The body's data-view names the view on screen, for the style sheets (cheaper than :has()).

import { choicesOf } from '../state/schema.js';

/** The names of the views (the schema's choices of `view`). */
export const VIEWS = Object.freeze(choicesOf('view').map(([v]) => v));

/**
 * Binds the toggle buttons and panes ({network, chain} each) and returns {current(), show(name)}.
 * beforeShow(name) runs before a view is shown (the chain view builds itself then).
 */
export function createViews(buttons, panes, beforeShow) {
  let current = 'network';
  const show = (name) => {
    beforeShow(name);
    current = name;
    document.body.dataset.view = name;
    for (const v of VIEWS) {
      panes[v].hidden = v !== name;
      buttons[v].setAttribute('aria-pressed', String(v === name));
    }
  };
  for (const v of VIEWS) buttons[v].addEventListener('click', () => show(v));
  return {
    /** 'network' or 'chain'. */
    current: () => current,
    /** Shows view `name` (one of VIEWS). */
    show,
  };
}
