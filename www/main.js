// Wiring: starts the engine (the wasm module and the data, with a progress bar; it installs the
// settings schema), then loads and starts the page (app/page.js: the app, the classroom tools and
// the shareable link), and installs window.gradscope.

import { installApi } from './app/api.js';
import { progressView } from './core/data.js';
import { start } from './core/engine.js';
import { errorText } from './core/format.js';

const $ = (id) => document.getElementById(id);

/** A Promise resolved after the browser has painted (so a new text shows before long work). */
function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Loads the wasm module and the data, showing progress; resolves to the started app. */
async function boot() {
  await start(progressView($('load-progress'), $('load-text')), async () => {
    $('load-text').textContent = 'Starting WebAssembly and unpacking the images…';
    await nextPaint();
  });
  await nextPaint(); // unpacking took tens of ms: let the browser breathe before the first measurement
  const page = await import('./app/page.js'); // its modules read the schema the engine installed
  showMessage = page.showMessage;
  const app = await page.startPage();
  $('loading').hidden = true;
  for (const f of document.querySelectorAll('fieldset')) f.disabled = false;
  return app;
}

/** Where errors are shown: the loading text until the app has its message area. */
let showMessage = (text) => { document.getElementById('load-text').textContent = text; };

const booting = boot();
installApi(booting);
booting.catch((e) => {
  $('load-progress').hidden = true;
  $('status-state').textContent = 'Status: not started (see the message above)';
  $('load-text').textContent = `The page could not start: ${errorText(e)}. Reload the page to try again.`;
  $('loading').dataset.kind = 'error';
  $('loading').setAttribute('role', 'alert');
});
window.addEventListener('error', (e) => showMessage(`Something went wrong: ${errorText(e.error ?? e.message)}`, 'error'));
window.addEventListener('unhandledrejection', (e) => showMessage(`Something went wrong: ${errorText(e.reason)}`, 'error'));
