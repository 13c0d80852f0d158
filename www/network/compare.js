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

/** The comparison under way (a token): an earlier one that a new one replaced touches nothing. */
let active = null;

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
 * What the page shows of comparison `c` while it trains: the runs so far as kept runs, the charts
 * and a progress line, at most every SHOW_EVERY_MS. Returns redraw() (asks for it).
 */
function follower(page, c) {
  let frame = 0;
  let shown = -Infinity;
  const show = () => {
    if (performance.now() - shown < SHOW_EVERY_MS) {
      frame = requestAnimationFrame(show);
      return;
    }
    frame = 0;
    shown = performance.now();
    if (active !== c || c.over) return;
    try {
      replaceKept(c.kept(c.rows.length));
    } catch (e) {
      c.notes.push(`The runs could not be shown: ${errorText(e)}`);
    }
    page.charts.invalidate();
    page.showMessage([progressText(c.nets, c.rows, c.run?.workers ?? 0, c.limit), ...c.notes].join(' '), c.notes.length ? 'error' : 'notice');
  };
  return () => { frame ||= requestAnimationFrame(show); };
}

/** The end of comparison `c` with `results`: the kept runs, the last one continued here if it can be. */
function conclude(page, c, results) {
  c.notes.push(...failureNotes(c.nets, results));
  const last = results.at(-1);
  let resumed = false;
  try {
    if (c.ended !== 'restart' && last?.handoff) {
      replaceKept(c.kept(c.rows.length - 1));
      resume(last.handoff);
      resumed = true;
    } else replaceKept(c.kept(c.rows.length));
  } catch (e) {
    c.notes.push(`The runs could not be shown: ${errorText(e)}`);
  }
  page.player.release(resumed);
  page.charts.invalidate();
  page.showMessage(c.notes.join(' '), c.notes.length ? 'error' : 'notice');
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
  const c = { nets, limit, rows: nets.map(() => []), notes: [], ended: 'done', run: null, over: false };
  /** The first n runs as kept runs (those that trained an epoch). */
  c.kept = (n) => c.rows.slice(0, n)
    .map((history, i) => ({ settings: settings[i], replay: String(history.length - 1), history }))
    .filter((r) => r.history.length > 1);
  if (active) {
    active.ended = 'restart'; // a comparison still under way (the button pressed again) stops
    active.run?.stop();
  }
  active = c;
  const redraw = follower(page, c);
  c.run = trainRuns(jobs, {
    onRows(i, more, reset) {
      if (reset) c.rows[i] = [];
      for (const r of more) c.rows[i].push(r);
      redraw();
    },
    onFallback(i, error) {
      c.notes.push(`The Web Worker for the ${hiddenLabel(nets[i])} run failed (${error}): that run trains on this page’s main thread instead.`);
      redraw();
    },
  });
  page.player.hold((reason) => {
    if (c.ended === 'done') c.ended = reason;
    c.run.stop();
  });
  const results = await c.run.done;
  c.over = true;
  if (active !== c) return { ended: 'restart', notes: c.notes }; // a new comparison holds the page now
  active = null;
  conclude(page, c, results);
  return { ended: c.ended, notes: c.notes };
}
