// Unpacking a gzipped data file with the browser's own DecompressionStream: in the page
// (loader.js) and in a Web Worker (worker.js), which must not import the page's fetching code.

/**
 * Gunzips `bytes` with the browser's DecompressionStream (native code, off the wasm's clock, so
 * the Session constructor stays short); bytes that are not gzip, or a browser without it, pass
 * through unchanged (the core gunzips them itself, and names the damage of a corrupt file).
 */
export async function gunzip(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || typeof DecompressionStream !== 'function') return bytes;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return bytes; // corrupt: the core's decoder says precisely what is wrong
  }
}
