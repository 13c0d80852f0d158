// The Content-Security-Policy of the served page: index.html's meta policy, repeated by
// scripts/serve.py as a header, lets the page start, train and show every view with no violation,
// and refuses what an injected script would try: a request off the origin (blocked before any
// request leaves: the recorder sees none), an off-origin image, an inline script, an inline <style>.
// The single file (dist/gradscope.html, hashes instead of 'self') is checked in offline.test.mjs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Harness } from './lib/browser.mjs';
import { cspRecorder, directives, metaPolicy, probeOffOrigin, PROBE_HOST, violations } from './lib/csp.mjs';
import { api, frames, measured } from './lib/page.mjs';
import { ROOT } from './lib/server.mjs';

const T = { timeout: 5 * 60 * 1000 };
const POLICY = metaPolicy(readFileSync(join(ROOT, 'index.html'), 'utf8'));

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
  await h.context.addInitScript(cspRecorder);
}, { timeout: 15 * 60 * 1000 });
after(() => h?.stop());

const button = (page, name) => page.getByRole('button', { name, exact: true });

test('index.html has a strict policy, and scripts/serve.py sends the same one as a header', T, async () => {
  assert.ok(POLICY, 'index.html has a CSP meta element');
  const d = directives(POLICY);
  // The policy (gradscope issue 15, item 4): nothing inline, nothing off the origin.
  assert.deepEqual(d.get('default-src'), ["'self'"]);
  assert.deepEqual(d.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(d.get('style-src'), ["'self'"]);
  // The one relaxation, for style attributes only (index.html says why: plotters' text measure).
  assert.deepEqual(d.get('style-src-attr'), ["'unsafe-inline'"]);
  assert.deepEqual(d.get('object-src'), ["'none'"]);
  assert.deepEqual(d.get('base-uri'), ["'none'"]);
  const others = [...d].filter(([name]) => name !== 'style-src-attr').flatMap(([, sources]) => sources);
  assert.ok(!others.some((s) => /^'unsafe-(inline|eval|hashes)'$|\*|^https?:/.test(s)), `no wildcard, no other unsafe-*: ${POLICY}`);
  const html = readFileSync(join(ROOT, 'index.html'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const head = html.split('<meta http-equiv="Content-Security-Policy"')[0];
  assert.ok(!/<(script|link|style)\b/.test(head), 'the meta comes before any script or style sheet (it covers only what follows it)');
  for (const path of ['', 'index.html']) {
    const res = await fetch(new URL(path, h.server.url));
    await res.arrayBuffer();
    assert.equal(res.headers.get('content-security-policy'), POLICY, `/${path}: the header is the meta's policy`);
  }
  const js = await fetch(new URL('www/main.js', h.server.url));
  await js.arrayBuffer();
  assert.equal(js.headers.get('content-security-policy'), null, 'scripts and data get no header (it only matters for documents)');
});

test('with the policy on, the page starts, trains and shows every view with no violation', T, async (t) => {
  const page = await h.openPageFor(t);
  const s = await api(page, 'step', 2);
  assert.equal(s.epoch, 2, 'trains two epochs');
  await api(page, 'set', { view: 'chain' }); // the chain explorer, built from its template
  await frames(page, 2);
  await api(page, 'set', { view: 'network' });
  await button(page, 'Projector').click();
  await button(page, 'Projector').click();
  await button(page, 'Tour').click();
  await frames(page, 2);
  await page.keyboard.press('ArrowRight');
  await measured(page);
  await button(page, 'Tour').click();
  await api(page, 'explode');
  await page.getByRole('button', { name: 'Save the gradient bar chart as PNG' }).click(); // a blob: download
  await frames(page, 2);
  const seen = await violations(page);
  assert.deepEqual(seen, [], `no securitypolicyviolation event: ${JSON.stringify(seen.slice(0, 4))}`);
  h.assertCleanRun(); // no console error (a CSP refusal logs one), no page error, same origin only
});

test('an injected off-origin fetch and image, inline script and inline <style> are refused; nothing leaves', T, async (t) => {
  const page = await h.openPageFor(t);
  const consoleBefore = h.consoleErrors.length;
  const r = await probeOffOrigin(page);
  console.log(JSON.stringify(r));
  assert.equal(r.fetch, 'rejected: TypeError', 'fetch() off the origin fails');
  assert.equal(r.img, 'error', 'the off-origin image does not load');
  assert.equal(r.scriptRan, false, 'the inline script did not run');
  assert.equal(r.styled, false, 'the inline <style> was ignored');
  const blocked = [...new Set(r.violations.map((v) => `${v.directive} ${v.blocked}`))].sort(); // once per policy in force
  assert.deepEqual(
    blocked,
    [`connect-src http://${PROBE_HOST}/x`, `img-src http://${PROBE_HOST}/y.png`, 'script-src-elem inline', 'style-src-elem inline'],
    'one securitypolicyviolation event for each, naming the directive',
  );
  assert.ok(r.violations.every((v) => v.disposition === 'enforce'), 'enforced, not just reported');
  // Chromium announces the blocked image as a request that fails (playwright's reason: 'csp') before
  // any lookup or connection; the fetch is refused before it becomes a request at all.
  const probed = h.requests.filter((u) => u.includes(PROBE_HOST));
  const failed = h.failedRequests.filter((f) => f.url.includes(PROBE_HOST));
  console.log(`requests to the probe host: ${JSON.stringify(failed)}`);
  assert.ok(!probed.some((u) => u.endsWith('/x')), 'the fetch never became a request');
  assert.deepEqual(probed.map((u) => ({ url: u, failure: 'csp' })), failed, 'each image request was blocked by the policy, none answered');
  h.requests = h.requests.filter((u) => !u.includes(PROBE_HOST)); // expected: keep them out of the clean-run check
  const logged = h.consoleErrors.slice(consoleBefore);
  assert.ok(logged.length >= 1 && logged.every((e) => /Content Security Policy/.test(e.text)), 'the only console errors are the refusals');
  h.consoleErrors.splice(consoleBefore); // expected: keep them out of the clean-run check
  assert.equal((await api(page, 'step', 1)).epoch, 1, 'the page still trains');
  h.assertCleanRun();
});
