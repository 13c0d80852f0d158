// The training loop behind Play / Pause / Step / Reset. Work is done in slices of about 12 ms
// (engine.advance), one slice per task posted through a MessageChannel, so the browser can render
// and handle input between slices and no task runs long. Play is paced: it trains no more epochs
// than the session's speed allows since Play was pressed (waiting for the next animation frame
// when ahead, never blocking) and stops by itself at the session's epoch limit ('done'). The
// player keeps only what it was asked to do (run, pause, a step's target epoch), when its pace
// started, and who waits; the epoch, the pace, the limit, whether the net is measured and a halt
// (overflow, vanished) are asked of the session every time.

import { advance, epoch, measuring, pace, snapshot, status as sessionStatus, validateLast } from '../core/engine.js';
import { schema } from '../state/schema.js';

/** Milliseconds of work asked of the session per slice. */
const BUDGET_MS = 12;

/**
 * Per slice when training as fast as possible: fewer frames in between (~35 a second instead of
 * ~60) leave the work more of the main thread, and a slice stays far below a 50 ms long task.
 */
const FAST_BUDGET_MS = 24;

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

/** A pace may fall behind by this many seconds of epochs before it starts again from now (no sprint after a stall). */
const MAX_LAG_S = 0.5;

/** 'idle', 'running', 'paused' or 'done' as asked, or the session's halt: 'overflow' or 'vanished'; 'running' while held. */
function statusOf(p) {
  if (p.held) return 'running';
  const halt = sessionStatus();
  return halt === 'idle' ? p.run : halt;
}

/** Ends a hold (runs training elsewhere for this page): stop(reason) is told why. */
function letGo(p, reason) {
  const stop = p.held;
  if (stop) stop(reason);
}

/** Whether the session stopped training by itself (overflow, vanished gradients). */
const halted = () => sessionStatus() !== 'idle';

/** Whether epochs are being trained (running, or a step in progress). */
const busyOf = (p) => p.run === 'running' || p.stepTarget !== null;

/**
 * Whether epochs train as fast as possible — at speed "max", or in a step of more epochs than the
 * schema's validateEvery — so that the session validates only every validateEvery-th epoch and the
 * last one asked for (the core's cadence.rs). Shorter steps and paced runs validate every epoch.
 */
function fastOf(p) {
  if (p.stepTarget !== null) return p.stepFast ?? p.stepTarget - p.stepFrom > schema().validateEvery;
  return p.run === 'running' && !Number.isFinite(pace().perSecond);
}

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

/** Ahead of the pace: the next slice waits for the next animation frame. */
function scheduleFrame(p) {
  if (p.scheduled) return;
  p.scheduled = true;
  requestAnimationFrame(() => slice(p));
}

/** The pace starts again from now, at the current epoch. */
function rebase(p) {
  p.paceFrom = { time: performance.now(), epoch: epoch() };
}

/**
 * How many more epochs a run may train now: up to the epoch limit and, at a finite speed, up to
 * the epochs due since the pace started (the first one at once). Falls behind by more than
 * MAX_LAG_S: the pace starts again from now.
 */
function allowance(p, e) {
  const { perSecond, limit } = pace();
  const toLimit = Math.max(limit - e, 0);
  if (!Number.isFinite(perSecond)) return toLimit;
  const due = () => p.paceFrom.epoch + 1 + Math.floor(((performance.now() - p.paceFrom.time) * perSecond) / 1000);
  if (due() - e > Math.max(1, perSecond * MAX_LAG_S)) rebase(p);
  return Math.min(toLimit, Math.max(due() - e, 0));
}

/** The session threw: training stops, and whoever waits is told it is over. */
function failed(p, e) {
  if (p.run === 'running') setRun(p, 'paused');
  endStep(p);
  p.stalled = true;
  p.settles.release();
  p.hooks.onError(e);
}

/** The session stopped training by itself (overflow, vanished): nothing trains until it changes. */
function stopped(p) {
  p.run = 'idle';
  p.hooks.onStatus();
  endStep(p);
  p.settles.release();
  p.hooks.onHalt(snapshot().message);
}

/** The run reached the epoch limit: it stops there, 'done'. */
function finished(p) {
  p.run = 'done';
  p.hooks.onStatus();
  p.hooks.onDone(pace().limit);
}

/**
 * The records the next slice may complete: a step's remaining epochs (so step(n) stops exactly
 * at n), a run's allowance (pace and limit), or any (measuring only).
 */
function recordsWanted(p) {
  if (p.stepTarget !== null) return Math.max(p.stepTarget - epoch(), 0);
  if (p.run === 'running') return allowance(p, epoch());
  return undefined;
}

/** One slice of work: measures a net that awaits its record, trains while running or stepping. */
function slice(p) {
  p.scheduled = false;
  if (!busyOf(p) && settledOf(p)) return;
  const awaiting = measuring();
  const wanted = recordsWanted(p);
  if (p.run === 'running' && p.stepTarget === null && wanted === 0 && !awaiting) {
    if (epoch() >= pace().limit) finished(p);
    else scheduleFrame(p); // ahead of the pace: wait for the next frame
    return;
  }
  let records;
  try {
    // A net awaiting its record is measured first, whatever the pace.
    records = wanted === 0 ? advance(BUDGET_MS, false) : advance(fastOf(p) ? FAST_BUDGET_MS : BUDGET_MS, busyOf(p), wanted, fastOf(p));
  } catch (e) {
    failed(p, e);
    return;
  }
  if (records > 0 || (awaiting && !measuring())) p.hooks.onRecords();
  if (halted()) {
    stopped(p);
    return;
  }
  if (p.stepTarget !== null && epoch() >= p.stepTarget) endStep(p);
  if (settledOf(p)) p.settles.release();
  schedule(p);
}

/** The player's controls on its state `p`. */
function controls(p) {
  return {
    /**
     * Starts training at the session's pace; false (nothing starts) after a halt or at the
     * epoch limit.
     */
    play() {
      if (p.held) return true;
      if (halted() || (!measuring() && epoch() >= pace().limit)) return false;
      endStep(p);
      rebase(p);
      setRun(p, 'running');
      schedule(p);
      return true;
    },
    /**
     * Stops training after the current slice (or the runs trained elsewhere after their epoch);
     * the epoch on screen is then validated if a fast run skipped it.
     */
    pause() {
      letGo(p, 'pause');
      if (p.run === 'running') setRun(p, 'paused');
      endStep(p);
      if (!halted() && validateLast()) schedule(p);
    },
    /**
     * Trains `n` more epochs (pausing a run first); resolves when they are done and drawn. `fast`
     * (true/false) overrides whether they train as fast as possible (by default: n > validateEvery).
     */
    step(n, fast = undefined) {
      if (p.held) {
        letGo(p, 'pause'); // the runs trained elsewhere stop: that is the step
        return Promise.resolve();
      }
      if (halted()) return Promise.resolve();
      if (p.run === 'running' || p.run === 'done') setRun(p, 'paused');
      endStep(p);
      p.stepFrom = epoch();
      p.stepFast = fast;
      p.stepTarget = p.stepFrom + n;
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
      letGo(p, 'restart');
      p.stalled = false;
      endStep(p);
      p.run = p.run === 'running' && !stop ? 'running' : 'idle';
      rebase(p);
      p.hooks.onStatus(); // also when the status stays the same: the epoch went back to 0
      schedule(p);
    },
    /** Call after editing the net in place (editLayer, explode): re-measures it, history kept. */
    remeasure() {
      p.stalled = false;
      p.hooks.onStatus();
      schedule(p);
    },
    /** Call after the play settings changed: a run takes the new pace from now (and stops at a lowered limit). */
    paceChanged() {
      rebase(p);
      if (p.run === 'running') schedule(p);
    },
    /**
     * Says Play was used on this run before (a link's replay, which steps): status 'paused' or
     * 'done' instead of 'idle'. Nothing changes while running, stepping or halted.
     */
    holdStatus(status) {
      if (busyOf(p) || halted() || !['paused', 'done'].includes(status)) return;
      setRun(p, status);
    },
    /**
     * Holds the player while runs train elsewhere for this page (Web Workers): its status is
     * 'running' until release(); Pause and Step call stop('pause'), a fresh net stop('restart').
     */
    hold(stop) {
      p.held = stop;
      p.hooks.onStatus();
    },
    /**
     * Ends the hold; `resumed`: the session now continues a run trained elsewhere, measured again
     * here, 'done' at the epoch limit, else 'paused'.
     */
    release(resumed = false) {
      p.held = null;
      if (resumed) {
        p.stalled = false;
        endStep(p);
        p.run = epoch() >= pace().limit ? 'done' : 'paused';
        schedule(p);
      }
      p.hooks.onStatus();
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
 * onStatus() when the status changes, onHalt(message) when the session stopped by itself
 * (overflow, vanished gradients), onDone(limit) when a run reached the epoch limit,
 * onError(error) when the session threw, drawn() → Promise resolved after the next chart draw.
 */
export function createPlayer(hooks) {
  const p = {
    hooks,
    run: 'idle', // what was asked: 'idle' (not played since the last restart), 'running', 'paused'; 'done' at the limit
    stepTarget: null, // epoch at which a step ends
    stepFrom: 0, // epoch at which the step started
    stepFast: undefined, // whether the step trains as fast as possible (undefined: by its length)
    paceFrom: { time: 0, epoch: 0 }, // when and at which epoch the run's pace started
    stalled: false, // the session threw on the current net: nothing is pending any more
    held: null, // stop(reason) while runs train elsewhere for this page (Web Workers), else null
    scheduled: false,
    channel: new MessageChannel(),
    steps: waitList(hooks.drawn),
    settles: waitList(hooks.drawn),
  };
  p.channel.port1.onmessage = () => slice(p);
  return {
    /** 'idle' (not played since the last restart), 'running', 'paused', 'done' (at the epoch limit), 'overflow' or 'vanished'. */
    status: () => statusOf(p),
    /** Whether epochs are being trained (running, a step in progress, or runs trained elsewhere while held). */
    busy: () => busyOf(p) || p.held !== null,
    /** Whether the current net is still being measured. */
    measuring: () => !settledOf(p),
    ...controls(p),
    ...renewals(p),
  };
}
