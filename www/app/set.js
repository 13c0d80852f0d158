// set(): every change, from a control or from window.gradscope.set(), comes here: network settings
// (a fresh network), play settings (pace, epoch limit, bar scale: the run goes on), in-place edits
// of the net (re-measured, history kept, recorded in the run's log), the view and the chain
// explorer. Each returns notes on what was clamped or refused.

import { configure as configureSession, replayEpoch, setPlay, setReplay, snapshot } from '../core/engine.js';
import { errorText, quote } from '../core/format.js';
import { PLAY_KEYS, playOf, readPlay } from '../state/play.js';
import { serialize, update } from '../state/settings.js';
import { VIEWS } from '../ui/views.js';

/** Keys of set() handled apart from the network settings: views, the chain, in-place edits. */
const OWN_KEYS = ['view', 'chain', 'layerScale', 'layerShift', 'explode'];

/** Splits set()'s argument into [own keys, play settings, network settings] (anything not an object is settings). */
function split(partial) {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) return [{}, {}, partial];
  const [own, play, rest] = [{}, {}, {}];
  for (const [k, v] of Object.entries(partial)) {
    if (OWN_KEYS.includes(k)) own[k] = v;
    else if (PLAY_KEYS.includes(k)) play[k] = v;
    else rest[k] = v;
  }
  return [own, play, rest];
}

/** Applies play settings (the run goes on; the player takes the new pace at once). Returns the notes. */
function applyPlay(page, partial) {
  if (!Object.keys(partial).length) return [];
  const { play, notes, accepted } = readPlay(playOf(snapshot()), partial);
  try {
    if (accepted) setPlay(JSON.stringify(play));
  } catch (e) {
    notes.push(`The play settings could not be applied: ${errorText(e)}`);
  } finally {
    page.playControls.sync(snapshot()); // a refused value puts the control back
  }
  if (!accepted) return notes;
  page.player.paceChanged();
  page.charts.invalidate();
  return notes;
}

/** Rebuilds `page`'s network from settings `next` (throws, changing nothing, if the session refuses); the run it replaces is kept with its link tokens. */
export function configure(page, next, stop) {
  setReplay(page.log.replay(replayEpoch()));
  configureSession(serialize(next));
  page.settings = next;
  page.log.fresh();
  page.controls.update(page.settings);
  page.player.restart(stop);
}

/** Applies network settings: a fresh network, history cleared, then measured. Returns [notes, kind]. */
function applySettings(page, partial) {
  const { settings: next, notes, accepted } = update(page.settings, partial);
  if (accepted) {
    try {
      configure(page, next, false);
    } catch (e) {
      return [[...notes, `These settings could not be applied: ${errorText(e)} The previous settings are kept.`], 'error'];
    }
  }
  page.controls.update(page.settings);
  return [notes, 'notice'];
}

/** In-place edits of the net (re-measured, history kept), recorded in the log. Returns the notes. */
function applyEdits(page, own) {
  const notes = [];
  const before = snapshot();
  if ('layerScale' in own || 'layerShift' in own) {
    try {
      notes.push(...page.edits.layers(own.layerScale, own.layerShift));
    } finally {
      page.log.edit(before.epoch ?? 0, before, snapshot());
    }
  }
  if (own.explode === true) {
    const refused = page.edits.explode();
    notes.push(...refused);
    if (!refused.length) page.log.explode(before.epoch ?? 0);
  } else if ('explode' in own && own.explode !== false) notes.push(`explode must be true (or gradscope.explode()), not “${quote(own.explode)}”.`);
  return notes;
}

/** The view and the chain explorer's settings; returns the notes. */
function applyViewAndChain(page, own) {
  const notes = [];
  if ('view' in own) {
    if (VIEWS.includes(own.view)) page.views.show(own.view);
    else notes.push(`View “${quote(own.view)}” is not one of ${VIEWS.join(', ')}; kept ${page.views.current()}.`);
  }
  if (own.chain !== undefined && own.chain !== null) notes.push(...page.chain.set(own.chain));
  return notes;
}

/** set(partial) on `page`: applies it and resolves to the page's snapshot once measured and drawn. */
export function createSet(page) {
  return (partial) => {
    const [own, play, rest] = split(partial);
    const notes = applyPlay(page, play);
    let kind = 'notice';
    if ((!Object.keys(own).length && !Object.keys(play).length) || Object.keys(rest).length) {
      const [more, moreKind] = applySettings(page, rest);
      notes.push(...more);
      kind = moreKind;
    }
    try {
      notes.push(...applyEdits(page, own));
    } catch (e) {
      notes.push(`The network could not be edited: ${errorText(e)}`);
      kind = 'error';
    }
    page.editControls.sync(snapshot()); // a refused edit puts its slider back
    notes.push(...applyViewAndChain(page, own));
    page.notify(notes.join(' '), kind);
    page.onChange();
    return Promise.all([page.player.settled(), page.chain.drawn()]).then(page.snapshot);
  };
}
