// Compared runs in parallel: the networks of a comparison (the book's three) train at once, each in
// its own Web Worker (core/workers.js), at the page's pace, while this page only draws their speeds
// as they arrive (faint, as kept runs). At the end all but the last stay as kept runs and the page
// continues the last one, handed over with its weights, records and shuffle position
// (engine.resume): the same numbers as training them here one after another.

import { pace, replaceKept, resume } from '../core/engine.js';
import { errorText, int } from '../core/format.js';
import { trainRuns } from '../core/workers.js';
import { serialize } from '../state/settings.js';

/** While they train, the runs on the chart are brought up to date at most this often (ms). */
const SHOW_EVERY_MS = 250;

/** "3 hidden" for settings. */
const hiddenLabel = (s) => `${s.sizes.length - 2} hidden`;

/** What the message area says while the runs train: workers used, each run's epoch. */
function progressText(nets, rows, workers, limit) {
  const each = nets.map((s, i) => `${hiddenLabel(s)} epoch ${int(Math.max(rows[i].length - 1, 0))}`).join(' · ');
  return `Training ${nets.length} networks at once in ${workers} Web Worker${workers === 1 ? '' : 's'} (to epoch ${int(limit)}): ${each}.`;
}

/** Why runs ended without a result: a failed main-thread fallback or a last run that cannot be continued. */
function failureNotes(nets, results) {
  const notes = [];
  results.forEach((r, i) => {
    if (r?.error) notes.push(`The ${hiddenLabel(nets[i])} run failed on the main thread too (${r.error}).`);
  });
  const last = results.at(-1);
  if (last?.handoffError) notes.push(`The ${hiddenLabel(nets.at(-1))} run could not be continued here (${last.handoffError}); it stays on the chart as an earlier run.`);
  return notes;
}

/**
 * Trains `nets` (full settings; the last is the page's current net, fresh) to epoch `limit` at the
 * page's pace, in parallel; the player is held meanwhile (Pause stops them). Resolves to
 * {ended: 'done' | 'pause' | 'restart' (the page took a fresh net meanwhile), notes (failures)}.
 */
export async function compareInWorkers(page, nets, limit) {
  const { perSecond } = pace();
  const jobs = nets.map((s, i) => ({ settings: serialize(s), limit, perSecond, handoff: i === nets.length - 1 }));
  const settings = jobs.map((j) => JSON.parse(j.settings));
  const rows = nets.map(() => []);
  const notes = [];
  let frame = 0;
  let ended = 'done';
  /** The first n runs as kept runs (those that trained an epoch). */
  const kept = (n) => rows.slice(0, n)
    .map((history, i) => ({ settings: settings[i], replay: String(history.length - 1), history }))
    .filter((r) => r.history.length > 1);
  let run = null;
  let shown = -Infinity;
  const show = () => {
    if (performance.now() - shown < SHOW_EVERY_MS) {
      frame = requestAnimationFrame(show);
      return;
    }
    frame = 0;
    shown = performance.now();
    replaceKept(kept(rows.length));
    page.charts.invalidate();
    page.showMessage([progressText(nets, rows, run?.workers ?? 0, limit), ...notes].join(' '), notes.length ? 'error' : 'notice');
  };
  const redraw = () => { frame ||= requestAnimationFrame(show); };
  run = trainRuns(jobs, {
    onRows(i, more, reset) {
      if (reset) rows[i] = [];
      for (const r of more) rows[i].push(r);
      redraw();
    },
    onFallback(i, error) {
      notes.push(`The Web Worker for the ${hiddenLabel(nets[i])} run failed (${error}): that run trains on this page’s main thread instead.`);
      redraw();
    },
  });
  page.player.hold((reason) => {
    if (ended === 'done') ended = reason;
    run.stop();
  });
  const results = await run.done;
  cancelAnimationFrame(frame);
  notes.push(...failureNotes(nets, results));
  const last = results.at(-1);
  let resumed = false;
  try {
    if (ended !== 'restart' && last?.handoff) {
      replaceKept(kept(rows.length - 1));
      resume(last.handoff);
      resumed = true;
    } else replaceKept(kept(rows.length));
  } catch (e) {
    notes.push(`The runs could not be shown: ${errorText(e)}`);
  }
  page.player.release(resumed);
  page.charts.invalidate();
  page.showMessage(notes.join(' '), notes.length ? 'error' : 'notice');
  return { ended, notes };
}
