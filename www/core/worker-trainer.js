// The trainer of compared runs: one wasm Session trains one run at a time to its epoch limit, at
// the page's pace, and reports its speeds as they grow. A Web Worker runs it (worker.js), or, if
// workers fail, the page's main thread in short slices (workers.js). Messages:
//   in:  {type: 'train', id, settings (JSON), limit, perSecond, handoff} · {type: 'stop', id} ·
//        {type: 'close'} (the Session is freed; nothing more is done)
//   out: {type: 'progress', id, rows} (new rows of ‖δˡ‖ since the last message)
//        {type: 'done', id, rows, epoch, status, message, handoff (JSON or null), handoffError}
//        {type: 'failed', id, error} (the Session threw: it is not used again)

/** New rows are posted at most this often (ms), and when the run ends. */
const PROGRESS_MS = 100;

/** The message of any thrown value. */
const messageOf = (e) => String(e?.message ?? e);

/**
 * later(fn, ms): runs fn after ms, or (0) as a task of its own as soon as pending messages are
 * handled (a MessageChannel, not setTimeout's clamped delay). One pending fn at a time.
 */
export function createLater() {
  const channel = new MessageChannel();
  let next = null;
  channel.port1.onmessage = () => {
    const fn = next;
    next = null;
    fn?.();
  };
  return (fn, ms) => {
    if (ms > 0) setTimeout(fn, ms);
    else {
      next = fn;
      channel.port2.postMessage(null);
    }
  };
}

/** New rows of ‖δˡ‖ since the last post, and the snapshot they came from. */
function newRows(tr) {
  const snap = JSON.parse(tr.session.snapshot());
  const rows = snap.history.slice(tr.job.sent);
  tr.job.sent = snap.history.length;
  tr.job.posted = performance.now();
  return { rows, snap };
}

/** The run is over: its last rows, how it ended and (if asked) its handoff are posted. */
function finish(tr) {
  const { rows, snap } = newRows(tr);
  let handoff = null;
  let handoffError = null;
  if (tr.job.handoff) {
    try {
      handoff = tr.session.handoff();
    } catch (e) {
      handoffError = messageOf(e);
    }
  }
  const { id } = tr.job;
  tr.job = null; // free before posting: the answer may be the next run (on the main thread, at once)
  tr.post({ type: 'done', id, rows, epoch: snap.epoch, status: snap.status, message: snap.message ?? null, handoff, handoffError });
}

/** The epoch the pace allows now (the first at once); Infinity as fast as possible. */
function due(job) {
  if (!Number.isFinite(job.perSecond)) return Infinity;
  return Math.floor(1 + ((performance.now() - job.start) * job.perSecond) / 1000);
}

/** One slice of work; returns the ms to wait before the next (0: at once), or null when over. */
function work(tr) {
  const { session: s, job } = tr;
  const ready = s.measured() && !s.measuring();
  // Stopped: the epoch reached is validated first if a fast run skipped it (as Pause does).
  if (ready && job.stopping && !job.settled && s.status() === 'idle') {
    job.settled = true;
    if (s.validate_last()) return 0;
  }
  if (s.status() !== 'idle' || (ready && (job.stopping || s.epoch() >= job.limit))) {
    finish(tr);
    return null;
  }
  const want = job.stopping ? 0 : Math.min(job.limit, due(job)) - s.epoch();
  if (want <= 0 && ready) return Math.max(1, job.start + (s.epoch() * 1000) / job.perSecond - performance.now());
  // Pending work (a record, an epoch being stopped) is completed first; then `want` epochs, as
  // fast as possible (validated every tenth epoch and at the limit) unless paced.
  s.advance(tr.budgetMs, want > 0, want > 0 ? want : undefined, !Number.isFinite(job.perSecond));
  if (performance.now() - job.posted >= PROGRESS_MS) tr.post({ type: 'progress', id: job.id, rows: newRows(tr).rows });
  return 0;
}

/** Runs a slice and schedules the next; a throw ends the trainer (its Session may be broken). */
function slice(tr) {
  if (!tr.job) return;
  let wait;
  try {
    wait = work(tr);
  } catch (e) {
    tr.broken = true;
    const { id } = tr.job;
    tr.job = null;
    tr.post({ type: 'failed', id, error: messageOf(e) });
    return;
  }
  if (wait !== null) tr.later(() => slice(tr), wait);
}

/** Starts run `m` ({id, settings, limit, perSecond, handoff}) on a fresh net of its settings. */
function start(tr, m) {
  if (tr.broken) return tr.post({ type: 'failed', id: m.id, error: 'this trainer stopped after an earlier failure' });
  try {
    tr.session ??= tr.makeSession();
    tr.session.configure(m.settings);
    tr.session.clear_runs();
  } catch (e) {
    tr.broken = !(e instanceof Error) || e instanceof WebAssembly.RuntimeError;
    return tr.post({ type: 'failed', id: m.id, error: messageOf(e) });
  }
  const now = performance.now();
  tr.job = { id: m.id, limit: m.limit, perSecond: m.perSecond, handoff: m.handoff, start: now, sent: 0, posted: now, stopping: false };
  tr.later(() => slice(tr), 0);
  return undefined;
}

/**
 * A trainer on the Session `makeSession()` builds (on first use). post(message) sends a message
 * out; budgetMs: work per slice; later(fn, ms) runs fn after ms (0: as soon as possible, after
 * pending messages). Returns receive(message).
 */
export function createTrainer(makeSession, post, { budgetMs, later }) {
  const tr = { makeSession, post, budgetMs, later, session: null, job: null, broken: false };
  return (m) => {
    if (m?.type === 'train' && !tr.job) start(tr, m);
    else if (m?.type === 'train') post({ type: 'failed', id: m.id, error: 'this trainer is busy' });
    else if (m?.type === 'stop' && tr.job && tr.job.id === m.id) tr.job.stopping = true;
    else if (m?.type === 'close') {
      // The trainer is done for good: its Session's memory goes back (a worker is simply ended).
      tr.job = null;
      tr.broken = true;
      tr.session?.free?.();
      tr.session = null;
    }
  };
}
