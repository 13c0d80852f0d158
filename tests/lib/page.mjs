// Helpers that work inside one tab of the page: waiting for `window.gradscope.ready`, the API
// (snapshot, set, play, step…), the words never to show (NaN…), animation frames, waiting for a
// (re-)measure, the long-task observer, pixel statistics of the chart canvases, the tab's page
// weight and the screenshot path.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server.mjs';

export const READY_TIMEOUT_MS = 60 * 1000;

/**
 * Installed before any script of the page runs: notes performance.now() the moment
 * `window.gradscope.ready` resolves (a setter trap on window.gradscope, plus a poll in case the page
 * defines the property another way).
 */
export function readyProbe() {
  const hook = (api) => {
    if (!api || !api.ready || window.__gradscopeReadyHooked) return;
    window.__gradscopeReadyHooked = true;
    Promise.resolve(api.ready).then(
      () => (window.__gradscopeReadyAt = performance.now()),
      (e) => (window.__gradscopeReadyError = String((e && e.stack) || e)),
    );
  };
  let value;
  try {
    Object.defineProperty(window, 'gradscope', {
      configurable: true,
      enumerable: true,
      get: () => value,
      set: (v) => {
        value = v;
        hook(v);
      },
    });
  } catch {
    /* fall back on the poll */
  }
  const poll = () => {
    hook(window.gradscope);
    if (!window.__gradscopeReadyHooked) setTimeout(poll, 2);
  };
  poll();
}

/** Awaits `window.gradscope.ready`; returns performance.now() (ms since navigation start) when it resolved. */
export async function waitReady(page, timeout = READY_TIMEOUT_MS) {
  await page.waitForFunction(() => window.gradscope && window.gradscope.ready, null, { timeout });
  await page.evaluate(() => window.gradscope.ready);
  return page.evaluate(() => window.__gradscopeReadyAt ?? null);
}

/** Sum of the response bodies loaded by one tab (as browser.mjs's Harness records them), and the list. */
export async function pageWeight(page) {
  const list = await Promise.all(page.__weights);
  return { bytes: list.reduce((s, x) => s + Math.max(0, x.bytes), 0), list };
}

/** window.gradscope.snapshot() as plain data (typed arrays become arrays). */
export async function snapshot(page) {
  return page.evaluate(() =>
    JSON.parse(JSON.stringify(window.gradscope.snapshot(), (k, x) => (ArrayBuffer.isView(x) ? Array.from(x) : x))),
  );
}

/** Calls window.gradscope[name](...args) in the page, awaiting a returned Promise. */
export async function api(page, name, ...args) {
  return page.evaluate(
    async ([name, args]) => {
      const r = await window.gradscope[name](...args);
      return r === undefined ? null : JSON.parse(JSON.stringify(r, (k, x) => (ArrayBuffer.isView(x) ? Array.from(x) : x)));
    },
    [name, args],
  );
}

/** Words a page must never show a reader: a number gone wrong or a missing value. */
export const BAD_WORDS = 'NaN|undefined|Infinity';

/**
 * The BAD_WORDS the page shows: its visible text, input values, aria labels and value texts. With
 * `skipMessage` the message area (#message) is left out; with `skipQuoted` only what the message
 * areas (#message, #link-notice, #chain-message) quote “…” (input echoed back, such as a refused
 * “NaN”) is left out.
 */
export function badWords(page, { skipMessage = false, skipQuoted = false } = {}) {
  return page.evaluate(
    ([skip, quoted, re]) => {
      let text = document.body.innerText;
      const message = document.getElementById('message');
      if (skip && message.innerText) text = text.split(message.innerText).join('');
      if (quoted) {
        // Each visible text node; in the message areas with its quotes “…” emptied.
        const areas = '#message, #link-notice, #chain-message';
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        text = '';
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const el = n.parentElement;
          if (!el.checkVisibility() || el.closest('script, style, template')) continue;
          text += `${el.closest(areas) ? n.data.replace(/“[^”]*”/g, '“”') : n.data}\n`;
        }
      }
      for (const el of document.querySelectorAll('input, select, output, [aria-label], [aria-valuetext]')) {
        text += `\n${el.value ?? ''} ${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('aria-valuetext') ?? ''}`;
      }
      return text.match(new RegExp(re, 'g')) ?? [];
    },
    [skipMessage, skipQuoted, BAD_WORDS],
  );
}

/** Two animation frames: whatever the page schedules for the next frame has been painted. */
export function frames(page, n = 2) {
  return page.evaluate(
    (n) =>
      new Promise((ok) => {
        const go = (k) => (k === 0 ? ok() : requestAnimationFrame(() => go(k - 1)));
        go(n);
      }),
    n,
  );
}

/** Waits until the network is measured (after a rebuild or an edit: re-measured) and drawn: the status line stops saying "measuring". */
export async function measured(page) {
  await frames(page, 2);
  await page.waitForFunction(() => !/measuring/.test(document.getElementById('status-detail').textContent), null, {
    timeout: 60_000,
  });
  await frames(page, 2);
}

/**
 * Waits until the status line ("Status: running — epoch 1,006") shows epoch ≥ `n`, on its mutations
 * (a MutationObserver: no per-frame poll that would add work to the main thread being watched).
 */
export function statusEpochAtLeast(page, n) {
  return page.evaluate(
    (n) =>
      new Promise((ok) => {
        const el = document.getElementById('status-state');
        const check = () => {
          if (Number(/epoch ([\d,]+)/.exec(el.textContent)?.[1].replace(/,/g, '')) < n) return;
          observer.disconnect();
          ok();
        };
        const observer = new MutationObserver(check);
        observer.observe(el, { childList: true, characterData: true, subtree: true });
        check();
      }),
    n,
  );
}

/** Starts recording long tasks (> 50 ms) of the main thread from now on (`buffered: false`). */
export function observeLongTasks(page) {
  return page.evaluate(() => {
    window.__longtaskObserver?.disconnect();
    window.__longtasks = [];
    window.__longtaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    });
    window.__longtaskObserver.observe({ type: 'longtask', buffered: false });
    return PerformanceObserver.supportedEntryTypes.includes('longtask');
  });
}

/** The long tasks seen since observeLongTasks (pending entries flushed first). */
export function longTasks(page) {
  return page.evaluate(() => {
    const o = window.__longtaskObserver;
    if (o) for (const e of o.takeRecords()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    return window.__longtasks || [];
  });
}

/**
 * Pixel statistics of every <canvas>: size, distinct colours, fraction of pixels unlike the
 * background (the most frequent colour), an FNV-1a hash of the pixels, and a label to tell the charts
 * apart (id, aria-label, aria-labelledby, title, figure caption or nearest heading).
 */
export function canvasStats(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('canvas')].map((canvas, index) => {
      const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
      const labelled = (canvas.getAttribute('aria-labelledby') || '')
        .split(/\s+/)
        .map((id) => text(document.getElementById(id)))
        .join(' ');
      let heading = '';
      for (let el = canvas.parentElement; el && el !== document.body && !heading; el = el.parentElement) {
        heading = text(el.querySelector('h1,h2,h3,h4,figcaption,legend'));
      }
      const label = [canvas.id, canvas.getAttribute('aria-label'), labelled, canvas.title, heading]
        .filter(Boolean)
        .join(' | ');
      const w = canvas.width;
      const hgt = canvas.height;
      if (!w || !hgt) return { index, label, width: w, height: hgt, distinct: 0, nonBackground: 0, hash: 0 };
      const copy = document.createElement('canvas');
      copy.width = w;
      copy.height = hgt;
      const ctx = copy.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(canvas, 0, 0);
      const px = new Uint32Array(ctx.getImageData(0, 0, w, hgt).data.buffer);
      const counts = new Map();
      let hash = 0x811c9dc5;
      for (let i = 0; i < px.length; i++) {
        const c = px[i];
        counts.set(c, (counts.get(c) || 0) + 1);
        hash = Math.imul(hash ^ c, 0x01000193) >>> 0;
      }
      let most = 0;
      for (const n of counts.values()) most = Math.max(most, n);
      return {
        index,
        label,
        width: w,
        height: hgt,
        distinct: counts.size,
        nonBackground: (px.length - most) / px.length,
        hash,
      };
    }),
  );
}

export function screenshotPath(name) {
  const dir = join(ROOT, 'target', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
