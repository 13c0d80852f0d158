// Crowding checks for captions and control strips: the boxes of what a reader sees inside an
// element — each control's border box (button, select, input, output) and each line of text
// outside them (Range client rects, clipped by any ancestor that hides its overflow) — and every
// pair of them that overlaps.

/**
 * In the page: each pair of boxes inside the elements matching `selector` that overlap by more
 * than `slack` CSS px both ways, as "what × what (w × h px)". Runs in the browser.
 */
function overlapsIn([selector, slack]) {
  const CONTROLS = 'button, select, input, output, textarea';
  const visible = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  // `r` cut to what the ancestors from `from` up, those that hide their overflow, let through.
  const clip = (from, r) => {
    let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    for (let a = from; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top), right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
    }
    return box;
  };
  const name = (el, text) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} “${text.trim().slice(0, 24)}”`;
  const out = [];
  for (const root of document.querySelectorAll(selector)) {
    if (!visible(root)) continue;
    const boxes = [];
    for (const el of root.querySelectorAll(CONTROLS)) {
      if (visible(el) && !(el.type === 'hidden')) boxes.push({ el, what: name(el, el.getAttribute('aria-label') ?? el.textContent), r: clip(el.parentElement, el.getBoundingClientRect()) });
    }
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!n.data.trim() || el.closest(CONTROLS) || el.closest('option') || !visible(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) boxes.push({ el, what: name(el, n.data), r: clip(el, r) });
    }
    const seen = boxes.filter((b) => b.r.right - b.r.left > slack && b.r.bottom - b.r.top > slack);
    for (let i = 0; i < seen.length; i++) {
      for (let j = i + 1; j < seen.length; j++) {
        const [a, b] = [seen[i], seen[j]];
        if (a.el === b.el) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > slack && h > slack) out.push(`${a.what} × ${b.what} (${w.toFixed(1)} × ${h.toFixed(1)} px)`);
      }
    }
  }
  return out;
}

/** The overlapping pairs of boxes (text lines, controls) inside the elements matching `selector`. */
export function overlaps(page, selector, slack = 0.5) {
  return page.evaluate(overlapsIn, [selector, slack]);
}
