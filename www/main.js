// Wiring: starts the engine (the wasm module and the data, with a progress bar), starts the app,
// restores the shareable link, then adds the classroom tools (tour, projector mode, keys, exports,
// imports) and window.gradscope.

import { installApi } from './app/api.js';
import { showMessage, startApp } from './app/app.js';
import { progressView } from './core/data.js';
import { start } from './core/engine.js';
import { bindExports } from './classroom/exports.js';
import { errorText } from './core/format.js';
import { bindKeys } from './classroom/keys.js';
import { createLink } from './classroom/link.js';
import { bindImport } from './network/import.js';
import { createProjector } from './classroom/projector.js';
import { createTour } from './classroom/tour.js';

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
  const projector = createProjector($('projector'));
  await nextPaint(); // unpacking took tens of ms: let the browser breathe before the first measurement
  let link = null;
  let tour = null;
  const app = await startApp({
    onChange: () => {
      link?.changed();
      tour?.refresh();
    },
  });
  tour = createTour(app, { root: $('tour'), start: $('tour-start'), onChange: () => link?.changed() });
  link = createLink(app, tour, { notice: $('link-notice'), copy: $('copy-link') });
  bindExports(app, { csv: $('export-csv'), network: $('export-network') });
  bindImport(app, { button: $('import-network'), input: $('import-file') });
  bindKeys({ app, tour, projector });
  if (location.hash.length > 1) $('load-text').textContent = 'Rebuilding what the link shows…';
  await link.restore();
  $('loading').hidden = true;
  for (const f of document.querySelectorAll('fieldset')) f.disabled = false;
  return app;
}

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
