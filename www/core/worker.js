// A Web Worker that trains compared runs with its own wasm instance and Session (worker-trainer.js
// says what it does). The page (workers.js) sends {type: 'start', module, files} first: the
// compiled WebAssembly.Module and the four data files (gzipped); the worker answers {type: 'ready'}
// or {type: 'failed', error}. Served pages start it as a module; the single-file build
// (scripts/bundle) inlines it, bundled, and starts it from a blob: URL.

import { Session, initSync } from '../pkg/gradscope.js';
import { gunzip } from './gunzip.js';
import { createLater, createTrainer } from './worker-trainer.js';

/** Work per slice (ms): a worker blocks nothing but its own messages (a stop waits ≤ one slice). */
const BUDGET_MS = 50;

let receive = null;

self.onmessage = async ({ data }) => {
  if (data?.type !== 'start') {
    receive?.(data);
    return;
  }
  try {
    initSync({ module: data.module });
    // Unpacked natively (DecompressionStream): much faster than the core's own gunzip in wasm.
    const session = new Session(...(await Promise.all(data.files.map(gunzip))));
    receive = createTrainer(() => session, (m) => self.postMessage(m), { budgetMs: BUDGET_MS, later: createLater() });
    self.postMessage({ type: 'ready' });
  } catch (e) {
    self.postMessage({ type: 'failed', error: String(e?.message ?? e) });
  }
};
