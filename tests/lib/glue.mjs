// Opening the page with its wasm-bindgen glue (www/pkg/gradscope.js) changed on the way, to test how
// the page copes with what the real core never does (a changed schema, a simulated trap).
import { waitReady } from './page.mjs';

/**
 * A fresh tab (closed when test `t` ends) whose glue is `transform(source)`; resolves once the
 * page is ready.
 */
export async function openWithGlue(h, t, transform) {
  const page = await h.context.newPage();
  t.after(() => page.close());
  await page.route('**/www/pkg/gradscope.js', async (route) => {
    const response = await route.fetch();
    route.fulfill({ response, body: transform(await response.text()) });
  });
  await page.goto(h.server.url, { waitUntil: 'load' });
  await waitReady(page);
  return page;
}
