// Helpers of the classroom tests: saving a download's bytes, decoding a PNG inside the page,
// checking the text contrast (WCAG AA) of everything visible, and waiting for a tour step.
import { readFile } from 'node:fs/promises';

/** Clicks `locator` and resolves to the download it starts: {name, bytes (Buffer)}. */
export async function download(page, locator) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), locator.click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: await readFile(path) };
}

/** The width and height in a PNG's IHDR chunk, after checking the 8-byte signature. */
export function pngSize(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error('not a PNG: wrong signature');
  if (bytes.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG: no IHDR first');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Decodes PNG bytes in the page (createImageBitmap): {width, height, distinct colours, fraction not white}. */
export function decodePng(page, bytes) {
  return page.evaluate(async (b64) => {
    const bin = atob(b64);
    const data = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const px = new Uint32Array(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data.buffer);
    const colours = new Set(px);
    const white = px.filter((c) => c === 0xffffffff).length;
    return { width: bitmap.width, height: bitmap.height, distinct: colours.size, drawn: 1 - white / px.length };
  }, bytes.toString('base64'));
}

/**
 * Every visible, enabled element with text of its own whose colour on its background has a
 * contrast below `min` (WCAG: 4.5 for normal text): [{text, ratio, color, background}].
 */
export function contrastFailures(page, min = 4.5) {
  return page.evaluate((min) => {
    const rgba = (s) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    /** The opaque colour behind `el`: backgrounds of it and its ancestors composited over white. */
    const behind = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c[3] ?? 1) > 0) layers.push(c);
        if ((c[3] ?? 1) === 1 && c.length >= 3) break;
      }
      let out = [255, 255, 255];
      for (const [r, g, b, a = 1] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
      return out;
    };
    const faded = (el) => {
      for (let e = el; e; e = e.parentElement) if (Number(getComputedStyle(e).opacity) < 1) return true;
      return false;
    };
    const fails = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => n.textContent.trim()).join(' ');
      if (!own || !el.checkVisibility?.() || el.closest(':disabled, [aria-disabled="true"], canvas') || faded(el)) continue;
      const box = el.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      const fg = rgba(getComputedStyle(el).color);
      const bg = behind(el);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < min) fails.push({ text: own.slice(0, 60), ratio: Number(ratio.toFixed(2)), color: getComputedStyle(el).color, background: `rgb(${bg.map(Math.round).join(', ')})` });
    }
    return fails;
  }, min);
}

/** The tour's title once step `n` is set up (its title shown, its facts no longer "Setting up"). */
export async function tourStep(page, n) {
  await page.waitForFunction((n) => {
    const facts = document.querySelector('.tour-facts')?.textContent ?? '';
    return document.getElementById('tour-title')?.textContent.includes(`step ${n} of`) && facts && !facts.startsWith('Setting up');
  }, n, { timeout: 60_000 });
  return page.locator('#tour-title').textContent();
}
