// The training loop behind Play / Pause / Step / Reset. Work is done in slices of about 12 ms
// (session.advance), one slice per task posted through a MessageChannel, so the browser can
// render and handle input between slices and no task runs long.

/** Milliseconds of work asked of Session.advance per slice. */
const BUDGET_MS = 12;

/**
 * Creates the player for `session`. Hooks: onRecords() when new epoch records exist,
 * onStatus() when the status changes, onOverflow(message) when the weights overflowed,
 * onError(error) when the session threw, drawn() → Promise resolved after the next chart draw.
 */
export function createPlayer(session, { onRecords, onStatus, onOverflow, onError, drawn }) {
  let status = 'idle'; // 'idle' | 'running' | 'paused' | 'overflow'
  let measured = false; // the fresh net of the last configure has its epoch-0 record
  let stepTarget = null; // epoch at which a step ends
  let stepWaiters = [];
  let settleWaiters = [];
  let cache = null; // the session's parsed snapshot, null when stale
  let epoch = -1; // epoch of the latest record (-1: none since the last configure)
  let resync = false; // an edited net is re-measured: its record replaces the last one
  let scheduled = false;
  const channel = new MessageChannel();

  const snapshot = () => {
    if (!cache) cache = JSON.parse(session.snapshot());
    return cache;
  };
  const setStatus = (s) => {
    if (s === status) return;
    status = s;
    onStatus();
  };
  const release = (list) => {
    if (list.length) drawn().then(() => list.forEach((resolve) => resolve()));
    return [];
  };
  const endStep = () => {
    if (stepTarget === null) return;
    stepTarget = null;
    stepWaiters = release(stepWaiters);
    onStatus(); // the epoch moved even if the status did not
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    channel.port2.postMessage(null);
  };

  const slice = () => {
    scheduled = false;
    const training = status === 'running' || stepTarget !== null;
    if (!training && measured) return;
    // A step asks for at most the epochs it still needs, so step(n) stops exactly at n epochs
    // and no further epoch is started.
    const left = stepTarget === null ? undefined : Math.max(stepTarget - epoch, 0);
    let records;
    try {
      records = session.advance(BUDGET_MS, training, left);
    } catch (e) {
      if (status === 'running') setStatus('paused');
      endStep();
      measured = true;
      settleWaiters = release(settleWaiters);
      onError(e);
      return;
    }
    if (records > 0 || (!measured && session.measured())) {
      cache = null;
      // Records come one per epoch, in order; a re-measured edit replaces the last one.
      epoch = resync ? snapshot().epoch : epoch + records;
      resync = false;
      measured = true;
      onRecords();
    }
    if (session.status() === 'overflow') {
      measured = true;
      cache = null;
      setStatus('overflow');
      endStep();
      settleWaiters = release(settleWaiters);
      onOverflow(snapshot().message);
      return;
    }
    if (stepTarget !== null && epoch >= stepTarget) endStep();
    if (measured) settleWaiters = release(settleWaiters);
    schedule();
  };
  channel.port1.onmessage = slice;

  return {
    /** 'idle' (not played since the last configure), 'running', 'paused' or 'overflow'. */
    status: () => status,
    /** Whether epochs are being trained (running, or a step in progress). */
    busy: () => status === 'running' || stepTarget !== null,
    /** Whether the fresh network is still being measured. */
    measuring: () => !measured,
    /** The session's snapshot, parsed (cached until new records arrive). */
    snapshot,
    /** Starts training (not after an overflow: returns false then). */
    play() {
      if (status === 'overflow') return false;
      endStep();
      setStatus('running');
      schedule();
      return true;
    },
    /** Stops training after the current slice. */
    pause() {
      if (status === 'running') setStatus('paused');
      endStep();
    },
    /** Trains `n` more epochs (pausing a run first); resolves when they are done and drawn. */
    step(n) {
      if (status === 'overflow') return Promise.resolve();
      if (status === 'running') setStatus('paused');
      endStep();
      stepTarget = Math.max(epoch, 0) + n;
      schedule();
      return new Promise((resolve) => stepWaiters.push(resolve));
    },
    /**
     * Call after session.configure: the fresh net is measured, and a run continues from it.
     * `stop`: end a run too (Reset). Status becomes 'idle' unless running.
     */
    restart(stop = false) {
      measured = false;
      resync = false;
      cache = null;
      epoch = -1;
      endStep();
      status = status === 'running' && !stop ? 'running' : 'idle';
      onStatus(); // also when the status stays the same: the epoch went back to 0
      schedule();
    },
    /** Call after editing the net in place (edit_layer, explode): re-measures it, history kept. */
    remeasure() {
      measured = false;
      resync = true;
      cache = null;
      onStatus();
      schedule();
    },
    /** A Promise resolved when the current net is measured and drawn. */
    settled() {
      const p = new Promise((resolve) => settleWaiters.push(resolve));
      if (measured) settleWaiters = release(settleWaiters);
      return p;
    },
  };
}
