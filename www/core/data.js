// Loading: fetches the shipped data files (and the wasm module) from this origin, reading each
// response body as a stream so the page can show bytes loaded / total in a progress bar.

import { megabytes } from './format.js';

export { gunzip } from './gunzip.js';

/** The four MNIST files, in the order the Session constructor takes them. */
export const DATA_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  'validation-images-idx3-ubyte.gz',
  'validation-labels-idx1-ubyte.gz',
].map((name) => new URL(`../data/${name}`, import.meta.url));

/** Short name of a URL for messages ("train-images-idx3-ubyte.gz"). */
function fileName(url) {
  return String(url).split('/').pop();
}

/**
 * Reads a response's body, calling onBytes(n) for each chunk as it arrives; resolves to its bytes.
 * The chunks are counted on a clone's body stream while arrayBuffer() collects the bytes: that
 * way Chromium sees each request complete (a body read only through a stream's reader is
 * sometimes logged as net::ERR_ABORTED although every byte arrived).
 */
async function readBody(response, onBytes) {
  const counted = response.body ? response.clone().body : null;
  const counting = (async () => {
    if (!counted) return;
    const reader = counted.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onBytes(value.length);
    }
  })();
  const [bytes] = await Promise.all([response.arrayBuffer(), counting]);
  if (!counted) onBytes(bytes.byteLength);
  return new Uint8Array(bytes);
}

/**
 * Fetches `urls` in parallel; onProgress({loaded, total}) as bytes arrive (total: the sum of the
 * Content-Length headers, null until every one is known). Resolves to one Uint8Array per URL;
 * rejects with an Error naming the file on a network or HTTP error.
 */
export async function fetchAll(urls, onProgress) {
  const lengths = urls.map(() => undefined);
  let loaded = 0;
  const report = () => {
    const known = lengths.every((n) => n !== undefined);
    const total = known && lengths.every((n) => n !== null) ? lengths.reduce((a, b) => a + b, 0) : null;
    onProgress({ loaded, total: total === null ? null : Math.max(total, loaded) });
  };
  return Promise.all(urls.map(async (url, i) => {
    let response;
    try {
      response = await fetch(url);
    } catch (e) {
      throw new Error(`could not fetch ${fileName(url)} (${e.message}); is the server still running?`, { cause: e });
    }
    if (!response.ok) {
      throw new Error(`could not fetch ${fileName(url)}: the server answered ${response.status} ${response.statusText}`.trim());
    }
    const header = Number(response.headers.get('Content-Length'));
    lengths[i] = Number.isFinite(header) && header > 0 ? header : null;
    report();
    return readBody(response, (n) => {
      loaded += n;
      report();
    });
  }));
}

/** Binds a <progress> and a text element; returns show({loaded, total}) that updates both. */
export function progressView(bar, text) {
  return ({ loaded, total }) => {
    if (total) {
      bar.max = total;
      bar.value = loaded;
      text.textContent = `Loading data and WebAssembly: ${megabytes(loaded)} of ${megabytes(total)} (${Math.floor((100 * loaded) / total)}%)`;
    } else {
      bar.removeAttribute('value');
      text.textContent = `Loading data and WebAssembly: ${megabytes(loaded)}`;
    }
  };
}
