// Measures the text the chart canvases draw: wraps CanvasRenderingContext2D.fillText and records,
// for the canvases of the given ids, each string with its font size in CSS pixels (the font's px in
// canvas pixels ÷ canvas pixels per CSS pixel), as the browser was told to draw it.

/** Installs the recorder in the page for canvases `ids` (idempotent); their next draws are recorded. */
export function recordCanvasText(page, ids) {
  return page.evaluate((ids) => {
    window.__canvasText = []; // also window.__chainText, which chain-precision.test.mjs waits on
    window.__chainText = window.__canvasText;
    window.__canvasTextIds = ids;
    if (window.__canvasTextHooked) return;
    window.__canvasTextHooked = true;
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
      const canvas = this.canvas;
      if (window.__canvasTextIds.includes(canvas.id)) {
        const px = Number(/([\d.]+)px/.exec(this.font)?.[1]);
        const perCss = canvas.width / canvas.getBoundingClientRect().width;
        window.__canvasText.push({ id: canvas.id, text: String(text), css: px / perCss, y: y / perCss });
      }
      return fill.call(this, text, x, y, ...rest);
    };
  }, ids);
}

/** What the canvases drew since recordCanvasText: [{id, text, css (font size, CSS px), y}]. */
export function canvasText(page) {
  return page.evaluate(() => window.__canvasText ?? []);
}

/** Installs the recorder for the #chain-figure canvas (see recordCanvasText). */
export function recordChainText(page) {
  return recordCanvasText(page, ['chain-figure']);
}

/** What the chain figure drew since recordChainText: [{id, text, css, y}]. */
export const chainText = canvasText;
