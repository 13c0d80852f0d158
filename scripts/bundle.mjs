// Writes the single-file page (argument: its path): index.html with its style sheets inlined, the
// ES modules bundled by esbuild into one inline module script, and the wasm binary, the four data
// files (base64) and the Web Worker's script (www/core/worker.js bundled as a classic script) in a
// non-executable JSON block that www/core/loader.js decodes (initSync; the worker from a blob: URL).
// Its Content-Security-Policy is index.html's, made for one file (singleFilePolicy).
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(process.argv[2] ?? join(ROOT, 'dist', 'gradscope.html'));
const LIMIT = 5 * 1000 * 1000;
/** The data files in the order www/core/data.js lists them (and the Session takes them). */
const DATA = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 'validation-images-idx3-ubyte.gz', 'validation-labels-idx1-ubyte.gz'];
const EMBED_ID = 'gradscope-embed'; // www/core/loader.js's EMBED_ID

const read = (path) => readFileSync(join(ROOT, path));

/** Replaces exactly one occurrence of `pattern` in `html`, or stops the build. */
function replaceOnce(html, pattern, replacement, what) {
  const matches = html.match(new RegExp(pattern.source, 'g')) ?? [];
  if (!matches.length) throw new Error(`index.html: ${what} not found`);
  return html.replace(pattern, () => replacement);
}

/** Text safe inside a <script> or <style> element: no closing tag, no comment opener. */
function inlineSafe(text, tag) {
  const safe = text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
  if (/<!--|<\/script|<\/style/i.test(safe)) throw new Error(`the inlined ${tag} holds <!-- or a closing tag`);
  return safe;
}

/** The CSP source that allows one inline <script> or <style> whose text is exactly `text`. */
function hashSource(text) {
  // The browser hashes the element's text after the parser turned CR LF into LF: keep none.
  if (text.includes('\r')) throw new Error('an inlined script or style holds a carriage return');
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * index.html's policy for the single file: its one inline module script and its inline style
 * blocks are allowed by their sha256 hashes (not 'unsafe-inline', which would allow any injected
 * script or style too); 'self' goes from every directive, since the file loads nothing by URL (the
 * wasm and data are inlined; from file:// 'self' would mean other local files), and a directive
 * left empty becomes 'none'. The JSON block is not executed, so it needs no hash; the workers
 * start from blob: URLs of its worker script (worker-src blob:; a blob: worker keeps this policy).
 */
function singleFilePolicy(policy, scriptHashes, styleHashes) {
  const extra = { 'script-src': scriptHashes, 'style-src': styleHashes, 'worker-src': ['blob:'] };
  return policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .filter(([name]) => name)
    .map(([name, ...sources]) => {
      const kept = [...(extra[name] ?? []), ...sources.filter((x) => x !== "'self'" && x !== "'none'")];
      return [name, ...(kept.length ? kept : ["'none'"])].join(' ');
    })
    .join('; ');
}

const js = await build({
  entryPoints: [join(ROOT, 'www', 'main.js')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
});
const script = inlineSafe(js.outputFiles[0].text, 'script');
// The worker as one classic script (it only ever starts the module with initSync, so the glue's
// import.meta.url, which a classic script lacks, is never read).
const worker = await build({
  entryPoints: [join(ROOT, 'www', 'core', 'worker.js')],
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: true,
  write: false,
  legalComments: 'none',
  logLevel: 'error',
  define: { 'import.meta.url': '""' },
});

let html = read('index.html').toString('utf8');
const styleHashes = [];
html = html.replace(/<link rel="stylesheet" href="(www\/[\w/-]+\.css)">/g, (_, path) => {
  const css = `\n${inlineSafe(read(path).toString('utf8'), 'style')}`;
  styleHashes.push(hashSource(css));
  return `<style>${css}</style>`;
});
if (/<link rel="stylesheet"/.test(html)) throw new Error('index.html: a style sheet was not inlined');
const embed = JSON.stringify({
  wasm: read('www/pkg/gradscope_bg.wasm').toString('base64'),
  data: DATA.map((name) => read(`www/data/${name}`).toString('base64')),
  worker: worker.outputFiles[0].text,
}).replace(/<\//g, '<\\/'); // JSON text holds no closing tag: "</" becomes the equal "<\/"
if (/<!--/.test(embed)) throw new Error('the inlined JSON block holds <!--');
html = replaceOnce(
  html,
  /<script type="module" src="www\/main\.js"><\/script>/,
  `<script id="${EMBED_ID}" type="application/json">${embed}</script>\n  <script type="module">${script}</script>`,
  'the module script www/main.js',
);
const CSP = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/;
const policy = singleFilePolicy(CSP.exec(html)?.[1] ?? '', [hashSource(script)], styleHashes);
html = replaceOnce(html, CSP, `<meta http-equiv="Content-Security-Policy" content="${policy}">`, 'the Content-Security-Policy meta');
writeFileSync(OUT, html);
const bytes = statSync(OUT).size;
console.log(`${OUT}: ${(bytes / 1e6).toFixed(2)} MB (limit ${(LIMIT / 1e6).toFixed(0)} MB; JS ${(script.length / 1e3).toFixed(0)} kB)`);
if (bytes > LIMIT) {
  console.error(`${OUT} is larger than ${LIMIT} bytes`);
  process.exit(1);
}
