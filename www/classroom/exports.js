// Exports: a PNG of any chart at twice its size on screen (drawn afresh by Rust into a canvas of
// its own, with lines to match) over a one-line caption strip (network, settings, seed, epoch),
// the speed history and the statistics of issue 13 as CSV, and the network as network2 JSON.
// Every file is made in the page and saved through a blob: link; nothing leaves the page.

import { draw, statsHistory } from '../core/engine.js';
import { int, sig } from '../core/format.js';
import { pngStyle } from '../ui/chart-style.js';
import { statsCsv } from '../network/why-words.js';

/** Each chart by its data-png key: its canvas id, its figure kind, and whether the Session draws it. */
const CHARTS = {
  bars: { id: 'chart-bars', kind: 'bars', session: true },
  speeds: { id: 'chart-speeds', kind: 'speeds', session: true },
  accuracy: { id: 'chart-accuracy', kind: 'accuracy', session: true },
  factors: { id: 'chart-accuracy', kind: 'factors', session: true },
  saturation: { id: 'chart-accuracy', kind: 'saturation', session: true },
  gradients: { id: 'chart-accuracy', kind: 'gradients', session: true },
  chain: { id: 'chain-figure', kind: 'chain' },
  factor: { id: 'problem-factor', kind: 'factor' },
  width: { id: 'problem-width', kind: 'widthBound' },
  identity: { id: 'identity-figure', kind: 'identity' },
};

/** A PNG is this many times the chart's size on screen (CSS pixels). */
const PNG_SCALE = 2;

/** The caption strip under a PNG's chart: its height and text size in CSS pixels (× PNG_SCALE). */
const CAPTION = { height: 24, text: 13 };

/**
 * The one-line caption of a PNG of chart `key` (a key of CHARTS): the network, its settings, seed
 * and epoch from snapshot `s`; for the chain view's figures, the chain (s.chain) or `params`.
 */
export function pngCaption(key, s, params = {}) {
  const list = (xs) => xs.map((v) => sig(v)).join(', ');
  if (CHARTS[key]?.session) {
    const edits = s.edits?.length ? `; ${s.edits.length} layer edit${s.edits.length > 1 ? 's' : ''}` : '';
    return `gradscope · [${s.sizes.join(', ')}], ${s.activation}, ${s.init} init · η = ${sig(s.eta)}, λ = ${sig(s.lambda)}, `
      + `${int(s.images)} images, batch ${int(s.batch)} · seed ${s.seed} · epoch ${int(s.epoch)}${edits}`;
  }
  if (key === 'chain' && s.chain) {
    const c = s.chain;
    return `gradscope · chain of ${c.depth} sigmoid neurons, ${c.cost} cost · a0 = ${sig(c.a0)}, y = ${sig(c.y)} · `
      + `w = ${list(c.w)} · b = ${list(c.b)} · seed ${s.seed}`;
  }
  const values = Object.entries(params).map(([k, v]) => `${k} = ${sig(v)}`).join(', ');
  return `gradscope · ${key} figure${values ? `: ${values}` : ''}`;
}

/** `chart` (a canvas) over a white strip with `caption` in it: a new canvas. */
function withCaption(chart, caption) {
  const strip = CAPTION.height * PNG_SCALE;
  const out = document.createElement('canvas');
  out.width = chart.width;
  out.height = chart.height + strip;
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(chart, 0, 0);
  ctx.fillStyle = '#333333'; // the charts' ink (crate/src/chart/chain.rs INK)
  ctx.font = `${CAPTION.text * PNG_SCALE}px sans-serif`;
  ctx.textBaseline = 'middle';
  const pad = CAPTION.text * PNG_SCALE * 0.6;
  ctx.fillText(caption, pad, chart.height + strip / 2, out.width - 2 * pad); // squeezed if too long
  return out;
}

/** Saves `blob` as file `name` (through a temporary blob: link). */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const cell = (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

/**
 * The speed history as CSV: "epoch,layer1,…", then one row per measured epoch. With earlier runs
 * kept, every run: "run,epoch,layer1,…" with the run's label first (quoted), the current run last.
 */
export function speedsCsv(snapshot) {
  const earlier = (snapshot.runs ?? []).filter((r) => !r.current);
  const layers = (n) => Array.from({ length: n }, (_, l) => `layer${l + 1}`);
  if (!earlier.length) {
    const header = ['epoch', ...layers(snapshot.sizes.length - 2)];
    const rows = snapshot.history.map((speeds, epoch) => [epoch, ...speeds.map(cell)].join(','));
    return `${[header.join(','), ...rows].join('\n')}\n`;
  }
  const current = { label: `${snapshot.sizes.length - 2} hidden · ${snapshot.activation} · ${snapshot.init} · seed ${snapshot.seed} (current)`, history: snapshot.history.map((speeds, epoch) => ({ epoch, speeds })) };
  const runs = [...earlier, current];
  const hidden = Math.max(...runs.flatMap((r) => r.history.map((h) => h.speeds.length)));
  const quoted = (text) => `"${String(text).replace(/"/g, '""')}"`;
  const rows = runs.flatMap((r) => r.history.map((h) => [quoted(r.label), h.epoch, ...h.speeds.map(cell)].join(',')));
  return `${[['run', 'epoch', ...layers(hidden)].join(','), ...rows].join('\n')}\n`;
}

/** "h2-seed1-epoch500": what a file name says about the network on screen. */
function stamp(s) {
  return `h${s.sizes.length - 2}-seed${s.seed}-epoch${s.epoch}`;
}

/**
 * Binds the export buttons: csv and network (buttons), and every [data-png="key"] button of the
 * page (also those built later, by delegation); app.chainFigures() gives the chain view's figures.
 */
export function bindExports(app, { csv, network, stats }) {
  const png = async (key) => {
    const chart = CHARTS[key];
    const source = chart && document.getElementById(chart.id);
    const box = source?.getBoundingClientRect();
    if (!box?.width || !box.height) {
      app.notify('That chart is not on screen, so it cannot be saved.');
      return;
    }
    const chartCanvas = document.createElement('canvas');
    chartCanvas.width = Math.round(box.width * PNG_SCALE);
    chartCanvas.height = Math.round(box.height * PNG_SCALE);
    const params = chart.session ? {} : app.chainFigures()[chart.kind];
    draw(chart.kind, chartCanvas, pngStyle(PNG_SCALE), params);
    const canvas = withCaption(chartCanvas, pngCaption(key, app.snapshot(), chart.session ? {} : params));
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    const name = chart.session ? `gradscope-${key}-${stamp(app.snapshot())}.png` : `gradscope-${key}.png`;
    download(blob, name);
    app.notify(`Saved ${name} (${canvas.width} × ${canvas.height} pixels).`);
  };
  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('[data-png]') : null;
    if (!button) return;
    png(button.dataset.png).catch((err) => app.notify(`The chart could not be saved: ${err.message}`, 'error'));
  });
  csv.addEventListener('click', () => {
    const s = app.snapshot();
    const name = `gradscope-speeds-${stamp(s)}.csv`;
    download(new Blob([speedsCsv(s)], { type: 'text/csv' }), name);
    app.notify(`Saved ${name}: ${s.history.length} epochs × ${s.sizes.length - 2} hidden layers.`);
  });
  stats?.addEventListener('click', () => {
    const s = app.snapshot();
    const history = statsHistory();
    const name = `gradscope-stats-${stamp(s)}.csv`;
    download(new Blob([statsCsv(history)], { type: 'text/csv' }), name);
    app.notify(`Saved ${name}: why it vanishes, ${history.length} epochs × ${s.sizes.length - 2} hidden layers.`);
  });
  network.addEventListener('click', () => {
    const s = app.snapshot();
    const name = `gradscope-network-${s.sizes.join('-')}-seed${s.seed}-epoch${s.epoch}.json`;
    download(new Blob([app.exportNetwork()], { type: 'application/json' }), name);
    app.notify(`Saved ${name} (network2 JSON: network2.load reads it).`);
  });
}
