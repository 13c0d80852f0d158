//! Validation every k epochs at full speed (issue 12, item 1): a fast run validates (and collects
//! statistics at) only every tenth epoch and the last one asked for; every point it has is exact —
//! its accuracy is a direct f64 forward loop's over the validation images, its accuracy, cost and
//! statistics those of the same session validated at every epoch — and training is untouched (the
//! same speeds bit for bit). Pausing on a skipped epoch validates it, and training then goes on
//! exactly as if nothing had happened.

mod data;
use data::*;
use gradscope::cadence::VALIDATE_EVERY;
use gradscope::{sigmoid, Config, Network, Record, Session};
use ndarray::Array1;
use std::cell::Cell;

/// A clock that advances 1 ms each time it is read: a slice does a few units of work.
fn ticking() -> impl Fn() -> f64 {
    let t = Cell::new(0.0);
    move || {
        t.set(t.get() + 1.0);
        t.get()
    }
}

/// The book's [784,30,30,10] on 300 images in mini-batches of 30 (a slice may end mid-epoch).
fn session() -> Session {
    let mut s = Session::new(load("train"), load("validation")).unwrap();
    let config = Config {
        images: 300,
        batch: 30,
        ..Config::default()
    };
    s.configure(config).unwrap();
    s
}

/// The epochs a fast run to `last` validates: multiples of VALIDATE_EVERY, and `last`.
fn validated(last: usize) -> Vec<usize> {
    (0..=last)
        .filter(|e| e % VALIDATE_EVERY == 0 || *e == last)
        .collect()
}

/// Epochs whose record has an accuracy, a cost and statistics (checking they come together).
fn with_accuracy(records: &[Record]) -> Vec<usize> {
    for r in records {
        assert_eq!(r.accuracy.is_some(), r.cost.is_some(), "epoch {}", r.epoch);
        assert_eq!(r.accuracy.is_some(), r.stats.is_some(), "epoch {}", r.epoch);
    }
    (records.iter().filter(|r| r.accuracy.is_some()))
        .map(|r| r.epoch)
        .collect()
}

/// The fraction of validation images whose largest output is their label, by a direct f64 loop:
/// a = σ(W a + b) layer by layer on each image's 784 pixels.
fn direct_accuracy(net: &Network) -> f64 {
    let v = load("validation");
    let x = v.dense();
    let correct = (0..v.len())
        .filter(|&i| {
            let mut a: Array1<f64> = x.row(i).mapv(f64::from);
            for (w, b) in net.weights.iter().zip(&net.biases) {
                let z = w.mapv(f64::from).dot(&a) + b.mapv(f64::from);
                a = z.mapv(sigmoid);
            }
            let best = (0..a.len()).fold(0, |k, j| if a[j] > a[k] { j } else { k });
            best == usize::from(v.labels[i])
        })
        .count();
    correct as f64 / v.len() as f64
}

/// Trains `s` fast in short slices until the record of epoch `to` exists.
fn fast_to(s: &mut Session, to: usize) {
    while s.last().map_or(0, |r| r.epoch) < to || !s.measured() {
        let want = to - s.last().map_or(0, |r| r.epoch);
        if want == 0 {
            s.advance_at_most(3.0, false, 1, ticking());
        } else {
            s.advance_fast(3.0, want, ticking());
        }
    }
}

/// The same session validated at every epoch, to epoch `to`, and its net at each epoch.
fn reference(to: usize) -> (Session, Vec<Network>) {
    let mut s = session();
    let mut nets = Vec::new();
    for e in 0..=to {
        while s.last().map_or(0, |r| r.epoch) < e || !s.measured() {
            let train = s.measured();
            s.advance_at_most(1e9, train, 1, ticking());
        }
        nets.push(s.run.net.clone());
    }
    (s, nets)
}

#[test]
fn a_fast_run_validates_every_tenth_epoch_and_the_last_exactly() {
    let to = 25;
    let mut fast = session();
    fast_to(&mut fast, to);
    let (full, nets) = reference(to);
    assert_eq!(with_accuracy(&fast.records), validated(to), "0, 10, 20, 25");
    assert_eq!(
        with_accuracy(&full.records).len(),
        to + 1,
        "the reference validates all"
    );
    for (f, r) in fast.records.iter().zip(&full.records) {
        assert_eq!((f.epoch, &f.speeds, &f.bars), (r.epoch, &r.speeds, &r.bars));
        if let Some(acc) = f.accuracy {
            assert_eq!(
                (acc, f.cost),
                (r.accuracy.unwrap(), r.cost),
                "epoch {}",
                f.epoch
            );
            assert_eq!(f.stats, r.stats, "epoch {}", f.epoch);
            // One image of 2,000 may flip between the f32 net and the f64 loop on a near tie.
            let direct = direct_accuracy(&nets[f.epoch]);
            assert!(
                (acc - direct).abs() <= 1.0 / 2000.0,
                "epoch {}: {acc} vs {direct}",
                f.epoch
            );
        }
    }
    // The chart's points and the snapshot say which epochs were validated.
    let epochs: Vec<usize> = fast.accuracy().iter().map(|&(e, _)| e).collect();
    assert_eq!(epochs, validated(to));
    let snap = serde_json::to_value(fast.snapshot()).unwrap();
    assert_eq!(snap["accuracyEpoch"], 25);
    assert_eq!(snap["statsEpoch"], 25);
    assert!(snap["accuracyHistory"][13].is_null());
    assert_eq!(snap["accuracyHistory"].as_array().unwrap().len(), to + 1);
}

#[test]
fn pausing_on_a_skipped_epoch_validates_it_and_training_goes_on_unchanged() {
    let (full, _) = reference(25);
    let mut fast = session();
    // Playing fast towards epoch 25, paused once epoch 13 is on screen (slices end mid-epoch).
    while fast.last().map_or(0, |r| r.epoch) < 13 {
        let want = 25 - fast.last().map_or(0, |r| r.epoch);
        fast.advance_fast(3.0, want, ticking());
    }
    let on_screen = fast.last().unwrap().epoch;
    fast.advance_fast(1.0, 25 - on_screen, ticking()); // one unit of the next epoch
    assert!(fast.run.mid_epoch(), "Pause found an epoch in progress");
    assert!(
        fast.last().unwrap().accuracy.is_none(),
        "epoch {on_screen} was skipped"
    );
    assert!(fast.validate_last());
    assert!(fast.awaiting_record());
    while !fast.measured() || fast.awaiting_record() {
        fast.advance_at_most(3.0, false, usize::MAX, ticking());
    }
    let last = fast.last().unwrap();
    let reference = &full.records[on_screen];
    assert_eq!(
        last.epoch, on_screen,
        "the epoch on screen, not the one in progress"
    );
    assert_eq!(
        (last.accuracy, last.cost),
        (reference.accuracy, reference.cost)
    );
    assert_eq!(
        (&last.speeds, &last.stats),
        (&reference.speeds, &reference.stats)
    );
    assert!(!fast.validate_last(), "nothing more to validate");
    fast_to(&mut fast, 25);
    for (f, r) in fast.records.iter().zip(&full.records) {
        assert_eq!(
            (f.epoch, &f.speeds),
            (r.epoch, &r.speeds),
            "epoch {}",
            f.epoch
        );
    }
    assert_eq!(fast.records.len(), 26);
}

#[test]
fn a_replay_told_the_validated_epochs_validates_exactly_those() {
    // The page: fast towards 40, paused at 13 or so (validated on Pause), then a step to 25 (its
    // end validated), then fast to 40.
    let mut page = session();
    while page.last().map_or(0, |r| r.epoch) < 13 {
        page.advance_fast(3.0, 40 - page.last().map_or(0, |r| r.epoch), ticking());
    }
    let paused = page.last().unwrap().epoch;
    assert!(page.validate_last(), "epoch {paused} was skipped");
    while !page.measured() || page.awaiting_record() {
        page.advance_at_most(1e9, false, usize::MAX, || 0.0);
    }
    fast_to(&mut page, 25);
    fast_to(&mut page, 40);
    let validated = with_accuracy(&page.records);
    assert!(validated.contains(&paused) && validated.contains(&25));
    assert!(!validated.contains(&(paused + 1)));
    // What a link lists: the validated epochs that are not multiples of ten.
    let ranges: Vec<(usize, usize)> = (validated.iter())
        .filter(|e| *e % VALIDATE_EVERY != 0)
        .map(|&e| (e, e))
        .collect();
    // The replay: one fast step of 40 epochs in slices, told those epochs.
    let mut replay = session();
    replay.set_validated(Some(ranges));
    fast_to(&mut replay, 40);
    replay.set_validated(None);
    assert_eq!(with_accuracy(&replay.records), validated);
    let numbers =
        |s: &Session| serde_json::to_value(s.snapshot()).unwrap()["accuracyHistory"].clone();
    assert_eq!(numbers(&replay), numbers(&page));
}
