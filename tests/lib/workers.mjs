// Init scripts (context.addInitScript) for the Web Worker tests: counting workers, setting
// navigator.hardwareConcurrency.

/**
 * navigator.hardwareConcurrency reads `hwc` (null: the machine's own); every `new Worker(url)` is
 * noted in window.__workers (its URL).
 */
export function countWorkers(hwc = null) {
  if (hwc !== null) Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { configurable: true, get: () => hwc });
  const Real = window.Worker;
  window.__workers = [];
  window.Worker = class extends Real {
    constructor(...args) {
      super(...args);
      window.__workers.push(String(args[0]));
    }
  };
}
