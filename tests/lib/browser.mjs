// The browser of the browser tests: Debian's chromium driven by playwright-core, one context for
// a test file, and a recorder of every request, console error and page error over the whole run.
//
//   const h = await Harness.start();      // before(): build + serve + launch (first build: minutes)
//   const page = await h.openPage();      // fresh tab at the page's URL, `window.gradscope.ready` awaited
//   const page = await h.openPageFor(t);  // the same, closed when test t ends
//   h.assertCleanRun();                   // no console error, no page error, no request off the origin
//   await h.stop();                       // after(): close chromium, kill the server's process group
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { readyProbe, waitReady } from './page.mjs';
import { startServer } from './server.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Debian's chromium through playwright-core: never a downloaded browser. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export class Harness {
  /** Build + serve + launch chromium. */
  static async start(opts = {}) {
    const h = new Harness();
    h.server = await startServer(opts);
    h.origin = new URL(h.server.url).origin;
    h.browser = await launchBrowser();
    h.context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await h.context.addInitScript(readyProbe);
    h.requests = []; // every request URL of the run, all tabs
    h.consoleErrors = []; // { url, text, location }
    h.pageErrors = []; // { url, message }
    h.failedRequests = []; // { url, failure }
    h.badResponses = []; // { url, status }
    h.context.on('request', (r) => h.requests.push(r.url()));
    h.context.on('requestfailed', (r) =>
      h.failedRequests.push({ url: r.url(), failure: r.failure()?.errorText }),
    );
    h.context.on('response', (r) => {
      if (r.status() >= 400) h.badResponses.push({ url: r.url(), status: r.status() });
    });
    h.context.on('page', (page) => h.#watch(page));
    return h;
  }

  #watch(page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        this.consoleErrors.push({ url: page.url(), text: msg.text(), location: `${loc.url}:${loc.lineNumber}` });
      }
    });
    page.on('pageerror', (err) =>
      this.pageErrors.push({ url: page.url(), message: String(err && (err.stack || err.message || err)) }),
    );
    // Response body sizes of this tab's responses, for the page-weight budget: the Content-Length
    // header (scripts/serve.py always sends it), else the size chromium measured.
    page.__weights = [];
    page.on('response', (r) => {
      const header = Number(r.headers()['content-length']);
      page.__weights.push(
        Number.isFinite(header) && header >= 0
          ? Promise.resolve({ url: r.url(), bytes: header })
          : r.request().sizes().then(
              (s) => ({ url: r.url(), bytes: s.responseBodySize }),
              () => ({ url: r.url(), bytes: 0 }),
            ),
      );
    });
  }

  /** A fresh tab at the page (path relative to the server's root), without waiting for the API. */
  async goto(path = '') {
    const page = await this.context.newPage();
    await page.goto(new URL(path, this.server.url).href, { waitUntil: 'load' });
    return page;
  }

  /** A fresh tab at the page, with `window.gradscope.ready` resolved. */
  async openPage(path = '') {
    const page = await this.goto(path);
    await waitReady(page);
    return page;
  }

  /** A fresh tab at the page (API ready), closed when test `t` ends. */
  async openPageFor(t, path = '') {
    const page = await this.openPage(path);
    t.after(() => page.close());
    return page;
  }

  /** Requests that left the origin (data: and blob: allowed). */
  foreignRequests() {
    return this.requests.filter(
      (u) => !(u.startsWith(this.origin + '/') || u === this.origin || u.startsWith('data:') || u.startsWith('blob:')),
    );
  }

  assertSameOrigin() {
    const off = this.foreignRequests();
    assert.deepEqual(off, [], `requests left ${this.origin}:\n${off.join('\n')}`);
  }

  assertCleanRun() {
    const fmt = (xs) => xs.map((x) => JSON.stringify(x)).join('\n');
    assert.deepEqual(this.pageErrors, [], `page errors:\n${fmt(this.pageErrors)}`);
    assert.deepEqual(this.consoleErrors, [], `console errors:\n${fmt(this.consoleErrors)}`);
    this.assertSameOrigin();
  }

  async stop() {
    try {
      await this.browser?.close();
    } finally {
      await this.server?.stop();
    }
  }
}
