// Small DOM helpers shared by the panels: element creation and the per-view message areas.

/** Creates element `tag` with attributes `attrs` and children (strings or nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** Binds a message area: returns show(text, kind) (kind 'notice' or 'error'; empty text hides it). */
export function messageArea(area) {
  return (text, kind = 'notice') => {
    area.textContent = text;
    area.dataset.kind = kind;
    area.hidden = !text;
  };
}
