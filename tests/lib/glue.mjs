// Opening the page with its wasm-bindgen glue (www/pkg/gradscope.js) changed on the way, to test how
// the page copes with what the real core never does (a changed schema, a simulated trap).
import assert from 'node:assert/strict';
import { waitReady } from './page.mjs';

/** The wasm glue with settings_schema() wrapped so that `edit(schema)` changes what the page reads. */
export function patchedGlue(source, edit) {
  const renamed = source.replace('export function settings_schema(', 'function settings_schema_from_rust(');
  assert.notEqual(renamed, source, 'the glue exports settings_schema()');
  return `${renamed}
export function settings_schema() {
  const schema = JSON.parse(settings_schema_from_rust());
  (${edit})(schema);
  return JSON.stringify(schema);
}
`;
}

/**
 * A fresh tab (closed when test `t` ends) at `path` (relative to the server's root, e.g. a link)
 * whose glue is `transform(source)`; resolves once the page is ready.
 */
export async function openWithGlue(h, t, transform, path = '') {
  const page = await h.context.newPage();
  t.after(() => page.close());
  await page.route('**/www/pkg/gradscope.js', async (route) => {
    const response = await route.fetch();
    route.fulfill({ response, body: transform(await response.text()) });
  });
  await page.goto(new URL(path, h.server.url).href, { waitUntil: 'load' });
  await waitReady(page);
  return page;
}
