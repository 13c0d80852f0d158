// The training loop behind Play / Pause / Step / Reset. Work is done in slices of about 12 ms
// (engine.advance), one slice per task posted through a MessageChannel, so the browser can render
// and handle input between slices and no task runs long. The player keeps only what it was asked
// to do (run, pause, a step's target epoch) and who waits; the epoch, whether the net is measured
// and an overflow are asked of the session every time.

import { advance, epoch, measuring, snapshot, status as sessionStatus } from '../core/engine.js';

/** Milliseconds of work asked of the session per slice. */
const BUDGET_MS = 12;

/** A list of waiting Promises, all resolved by release() after the next chart draw. */
function waitList(drawn) {
  let list = [];
  return {
    /** A Promise resolved at the next release(). */
    add: () => new Promise((resolve) => list.push(resolve)),
    release() {
      if (!list.length) return;
      const done = list;
      list = [];
      drawn().then(() => done.forEach((resolve) => resolve()));
    },
  };
}

/** 'idle', 'running' or 'paused' as asked, or 'overflow' when the session overflowed. */
const statusOf = (p) => (sessionStatus() === 'overflow' ? 'overflow' : p.run);

/** Whether epochs are being trained (running, or a step in progress). */
const busyOf = (p) => p.run === 'running' || p.stepTarget !== null;

/** Whether the current net has its record (or overflowed, or the session failed on it). */
const settledOf = (p) => p.stalled || !measuring();

function setRun(p, run) {
  if (run === p.run) return;
  p.run = run;
  p.hooks.onStatus();
}

/** Ends a step in progress: its waiters are released once drawn. */
function endStep(p) {
  if (p.stepTarget === null) return;
  p.stepTarget = null;
  p.steps.release();
  p.hooks.onStatus(); // the epoch moved even if the status did not
}

function schedule(p) {
  if (p.scheduled) return;
  p.scheduled = true;
  p.channel.port2.postMessage(null);
}

/** The session threw: training stops, and whoever waits is told it is over. */
function failed(p, e) {
  if (p.run === 'running') setRun(p, 'paused');
  endStep(p);
  p.stalled = true;
  p.settles.release();
  p.hooks.onError(e);
}

/** The session overflowed: it trains no further until restarted. */
function overflowed(p) {
  p.run = 'idle';
  p.hooks.onStatus();
  endStep(p);
  p.settles.release();
  p.hooks.onOverflow(snapshot().message);
}

/** One slice of work: measures a net that awaits its record, trains while running or stepping. */
function slice(p) {
  p.scheduled = false;
  const training = busyOf(p);
  if (!training && settledOf(p)) return;
  // A step asks for at most the epochs it still needs, so step(n) stops exactly at n epochs
  // and no further epoch is started.
  const left = p.stepTarget === null ? undefined : Math.max(p.stepTarget - epoch(), 0);
  const awaiting = measuring();
  let records;
  try {
    records = advance(BUDGET_MS, training, left);
  } catch (e) {
    failed(p, e);
    return;
  }
  if (records > 0 || (awaiting && !measuring())) p.hooks.onRecords();
  if (sessionStatus() === 'overflow') {
    overflowed(p);
    return;
  }
  if (p.stepTarget !== null && epoch() >= p.stepTarget) endStep(p);
  if (settledOf(p)) p.settles.release();
  schedule(p);
}

/** The player's controls on its state `p`. */
function controls(p) {
  return {
    /** Starts training (not after an overflow: returns false then). */
    play() {
      if (statusOf(p) === 'overflow') return false;
      endStep(p);
      setRun(p, 'running');
      schedule(p);
      return true;
    },
    /** Stops training after the current slice. */
    pause() {
      if (p.run === 'running') setRun(p, 'paused');
      endStep(p);
    },
    /** Trains `n` more epochs (pausing a run first); resolves when they are done and drawn. */
    step(n) {
      if (statusOf(p) === 'overflow') return Promise.resolve();
      if (p.run === 'running') setRun(p, 'paused');
      endStep(p);
      p.stepTarget = epoch() + n;
      schedule(p);
      return p.steps.add();
    },
  };
}

/** Telling the player that the session's net changed, and waiting for it to be measured. */
function renewals(p) {
  return {
    /**
     * Call after a fresh net (configure, import): it is measured, and a run continues from it.
     * `stop`: end a run too (Reset). Status becomes 'idle' unless running.
     */
    restart(stop = false) {
      p.stalled = false;
      endStep(p);
      p.run = p.run === 'running' && !stop ? 'running' : 'idle';
      p.hooks.onStatus(); // also when the status stays the same: the epoch went back to 0
      schedule(p);
    },
    /** Call after editing the net in place (editLayer, explode): re-measures it, history kept. */
    remeasure() {
      p.stalled = false;
      p.hooks.onStatus();
      schedule(p);
    },
    /** A Promise resolved when the current net is measured and drawn. */
    settled() {
      const done = p.settles.add();
      if (settledOf(p)) p.settles.release();
      return done;
    },
  };
}

/**
 * Creates the player of the session. Hooks: onRecords() when new epoch records exist,
 * onStatus() when the status changes, onOverflow(message) when the weights overflowed,
 * onError(error) when the session threw, drawn() → Promise resolved after the next chart draw.
 */
export function createPlayer(hooks) {
  const p = {
    hooks,
    run: 'idle', // what was asked: 'idle' (not played since the last restart), 'running', 'paused'
    stepTarget: null, // epoch at which a step ends
    stalled: false, // the session threw on the current net: nothing is pending any more
    scheduled: false,
    channel: new MessageChannel(),
    steps: waitList(hooks.drawn),
    settles: waitList(hooks.drawn),
  };
  p.channel.port1.onmessage = () => slice(p);
  return {
    /** 'idle' (not played since the last restart), 'running', 'paused' or 'overflow'. */
    status: () => statusOf(p),
    /** Whether epochs are being trained (running, or a step in progress). */
    busy: () => busyOf(p),
    /** Whether the current net is still being measured. */
    measuring: () => !settledOf(p),
    ...controls(p),
    ...renewals(p),
  };
}
