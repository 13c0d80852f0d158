// Loading: the wasm glue, the wasm binary and the four data files. Served pages fetch them from
// this origin with a progress bar; the single-file build (scripts/bundle) carries them inlined as
// base64 in a non-executable JSON block, decoded here and started with initSync (no fetch at all).

import { DATA_FILES, fetchAll, gunzip } from './data.js';
import { errorText } from './format.js';

/** The wasm binary that ../pkg/gradscope.js instantiates (fetched here to show its progress). */
const WASM = new URL('../pkg/gradscope_bg.wasm', import.meta.url);

/** Id of the `<script type="application/json">` block {wasm, data: [4 files]} that scripts/bundle inlines. */
export const EMBED_ID = 'gradscope-embed';

/** Bytes of a base64 string. */
function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The inlined bytes {wasm, data} of the single-file build, or null on a served page. */
function embedded() {
  const block = document.getElementById(EMBED_ID);
  if (!block) return null;
  const { wasm, data } = JSON.parse(block.textContent);
  if (typeof wasm !== 'string' || !Array.isArray(data) || data.length !== DATA_FILES.length) {
    throw new Error('the inlined data of this single-file page are damaged');
  }
  return { wasm: fromBase64(wasm), data: data.map(fromBase64) };
}

/**
 * Loads the glue and the bytes (onProgress({loaded, total}) while fetching), awaits beforeStart(),
 * then starts the wasm module. Resolves to {pkg, files}: the glue's exports and the data files.
 */
export async function loadModule(onProgress, beforeStart) {
  let failed = false;
  const glue = import('../pkg/gradscope.js').catch((e) => {
    throw new Error(`the WebAssembly module could not be loaded (${errorText(e)}). Build it with scripts/build-web`);
  });
  const inline = embedded();
  const loading = inline ? Promise.resolve([...inline.data, inline.wasm]) : fetchAll([...DATA_FILES, WASM], (p) => failed || onProgress(p));
  let pkg;
  let bytes;
  try {
    [pkg, bytes] = await Promise.all([glue, loading]);
  } catch (e) {
    failed = true; // the other files may still be arriving: keep their progress off the message
    throw e;
  }
  await beforeStart();
  const wasm = bytes[DATA_FILES.length];
  try {
    if (inline) pkg.initSync({ module: await WebAssembly.compile(wasm) });
    else await pkg.default({ module_or_path: wasm });
  } catch (e) {
    throw new Error(`the WebAssembly module could not be started (${errorText(e)})`);
  }
  return { pkg, files: await Promise.all(bytes.slice(0, DATA_FILES.length).map(gunzip)) };
}
