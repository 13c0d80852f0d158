// Loading the bytes: the wasm binary and the four data files. Served pages fetch them from this
// origin with a progress bar; the single-file build (scripts/bundle) carries them inlined as base64
// in a non-executable JSON block, decoded here (engine.js then starts the module with initSync).

import { DATA_FILES, fetchAll, gunzip } from './data.js';

/** The wasm binary that engine.js starts (fetched here to show its progress). */
const WASM = new URL('../pkg/gradscope_bg.wasm', import.meta.url);

/**
 * Id of the `<script type="application/json">` block {wasm, data: [4 files], worker} that
 * scripts/bundle inlines (worker: the source of core/worker.js, bundled, for a blob: URL).
 */
export const EMBED_ID = 'gradscope-embed';

/** Bytes of a base64 string. */
function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The inlined bytes {wasm, data, worker} of the single-file build, or null on a served page. */
function embedded() {
  const block = document.getElementById(EMBED_ID);
  if (!block) return null;
  const { wasm, data, worker } = JSON.parse(block.textContent);
  if (typeof wasm !== 'string' || !Array.isArray(data) || data.length !== DATA_FILES.length || typeof worker !== 'string') {
    throw new Error('the inlined data of this single-file page are damaged');
  }
  return { wasm: fromBase64(wasm), data: data.map(fromBase64), worker };
}

/**
 * The wasm binary and the four data files (gzipped): inlined in the single-file build, else fetched
 * with onProgress({loaded, total}). Resolves to {inline, wasm, data: [4 files], worker (inlined
 * worker source, single-file build only)}.
 */
export async function loadBytes(onProgress) {
  const inline = embedded();
  if (inline) return { inline: true, ...inline };
  const bytes = await fetchAll([...DATA_FILES, WASM], onProgress);
  return { inline: false, wasm: bytes[DATA_FILES.length], data: bytes.slice(0, DATA_FILES.length) };
}

/** The data files unpacked (gunzipped), in the order the Session constructor takes them. */
export const unpack = (data) => Promise.all(data.map(gunzip));
