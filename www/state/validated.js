// Which epochs a run validated, as a link carries them ("valid=13,27,41-60"). At full speed the
// session validates every tenth epoch, the last of a step and the epoch Pause stopped at; played
// at a pace, every epoch (the core's cadence.rs). A link lists the validated epochs that are not
// multiples of ten, as ranges, so that its replay (fast steps) validates exactly those; a run that
// validated every epoch (or none: validation off) needs no list — its replay validates every epoch.

/** The most ranges a link's list may hold (a paced run needs one; each Pause adds one). */
export const MAX_VALID_RANGES = 2000;

/** The ranges [[a, b], …] of validated epochs a link lists for snapshot `s`, or null (all or none validated). */
export function validatedRanges(s) {
  const done = s.accuracyHistory.map((a) => a !== null);
  if (done.every(Boolean) || !done.some(Boolean)) return null;
  const ranges = [];
  done.forEach((v, e) => {
    if (!v) return;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === e - 1) last[1] = e;
    else ranges.push([e, e]);
  });
  // A lone multiple of ten is validated at full speed anyway.
  return ranges.filter(([a, b]) => a !== b || a % 10 !== 0);
}

/** The text of `ranges` in a link: "13,27,41-60". */
export const validatedText = (ranges) => ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');

/** Reads a link's list: {ranges} or {error}; epochs at most `maxEpoch`. */
export function readValidated(text, maxEpoch) {
  const items = text.split(',');
  if (items.length > MAX_VALID_RANGES) return { error: `it lists more than ${MAX_VALID_RANGES} ranges` };
  const ranges = [];
  for (const item of items) {
    const m = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(item);
    const [a, b] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [NaN, NaN];
    if (!(a <= b && b <= maxEpoch)) return { error: `“${item.slice(0, 20)}” is not an epoch or a range of epochs up to ${maxEpoch}` };
    ranges.push([a, b]);
  }
  return { ranges };
}
