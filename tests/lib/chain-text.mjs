// Measures the text the chain figure draws: wraps CanvasRenderingContext2D.fillText for the
// #chain-figure canvas and records each string with its font size in CSS pixels (the font's px in
// canvas pixels ÷ canvas pixels per CSS pixel), as the browser was told to draw it.

/** Installs the recorder in the page (idempotent); the next draws of the figure are recorded. */
export function recordChainText(page) {
  return page.evaluate(() => {
    window.__chainText = [];
    if (window.__chainTextHooked) return;
    window.__chainTextHooked = true;
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
      const canvas = this.canvas;
      if (canvas.id === 'chain-figure') {
        const px = Number(/([\d.]+)px/.exec(this.font)?.[1]);
        const perCss = canvas.width / canvas.getBoundingClientRect().width;
        window.__chainText.push({ text: String(text), css: px / perCss, y: y / perCss });
      }
      return fill.call(this, text, x, y, ...rest);
    };
  });
}

/** What the figure drew since recordChainText: [{text, css (font size, CSS px), y}]. */
export function chainText(page) {
  return page.evaluate(() => window.__chainText ?? []);
}
