//! Pausing mid-epoch and then editing: the epoch in progress is abandoned, so the edit applies to
//! the net whose record is on screen, at that epoch — exactly what a link replays ("k,x,1": k whole
//! epochs, Explode, one epoch). A drag's many values at one epoch give the numbers of its last
//! value alone (the link keeps only that). The reference is the same session driven in whole epochs
//! with one edit per layer.

mod data;
use data::*;
use gradscope::{Config, Session};
use serde_json::Value;
use std::cell::Cell;

/// A clock that advances 1 ms each time it is read.
fn ticking() -> impl Fn() -> f64 {
    let t = Cell::new(0.0);
    move || {
        t.set(t.get() + 1.0);
        t.get()
    }
}

/// 300 images in mini-batches of 30: Pause can land inside an epoch's training.
fn mini_batches() -> Config {
    Config {
        images: 300,
        batch: 30,
        ..Config::default()
    }
}

fn session(config: Config) -> Session {
    let mut s = Session::new(load("train"), load("validation")).unwrap();
    s.configure(config).unwrap();
    s
}

/// Trains until the record of epoch `to` exists (and nothing more).
fn train_to(s: &mut Session, to: usize) {
    while !s.measured() || s.last().map_or(0, |r| r.epoch) < to {
        let want = to - s.last().map_or(0, |r| r.epoch);
        s.advance_at_most(1e9, want > 0 || !s.measured(), want.max(1), ticking());
    }
}

/// Trains a little more than `to`'s record: one slice of the next epoch, stopping mid-epoch.
fn pause_mid_epoch(s: &mut Session) {
    s.advance_at_most(2.0, true, 1, ticking());
    assert!(s.run.mid_epoch(), "the slice stopped inside the next epoch");
}

/// The snapshot's numbers: epoch, history, accuracy history, cost history, edits.
fn numbers(s: &Session) -> Value {
    let v = serde_json::to_value(s.snapshot()).unwrap();
    serde_json::json!([
        v["epoch"],
        v["history"],
        v["accuracyHistory"],
        v["costHistory"],
        v["edits"]
    ])
}

fn explode_after_pause_matches_whole_epochs(config: Config) {
    // Paused inside epoch 3 (full batch: its update may already be applied), then Explode, then a step.
    let mut paused = session(config.clone());
    train_to(&mut paused, 2);
    pause_mid_epoch(&mut paused);
    paused.explode();
    train_to(&mut paused, 2); // the exploded net's record replaces epoch 2's
    assert_eq!(
        paused.snapshot().epoch,
        2,
        "Explode after Pause leaves the epoch at 2"
    );
    assert_eq!(paused.edits, vec![2]);
    train_to(&mut paused, 3);
    // The replay: 2 whole epochs, Explode, 1 epoch.
    let mut replay = session(config);
    train_to(&mut replay, 2);
    replay.explode();
    train_to(&mut replay, 2);
    train_to(&mut replay, 3);
    let epochs: Vec<usize> = paused.records.iter().map(|r| r.epoch).collect();
    assert_eq!(
        epochs,
        vec![0, 1, 2, 3],
        "one record per epoch, none skipped"
    );
    assert_eq!(numbers(&paused), numbers(&replay));
}

#[test]
fn explode_after_pause_full_batch_replays_exactly() {
    // The default: 1,000 images, mini-batch 1,000 (the update comes first, then the measurement).
    explode_after_pause_matches_whole_epochs(Config::default());
}

#[test]
fn explode_after_pause_mini_batch_replays_exactly() {
    explode_after_pause_matches_whole_epochs(Config {
        images: 500,
        batch: 10,
        ..Config::default()
    });
}

#[test]
fn a_layer_edit_mid_epoch_applies_at_the_last_record() {
    let config = mini_batches();
    let mut paused = session(config.clone());
    train_to(&mut paused, 1);
    pause_mid_epoch(&mut paused);
    paused.edit_layer(2, 2.5, 0.0).unwrap();
    train_to(&mut paused, 2);
    let mut replay = session(config);
    train_to(&mut replay, 1);
    replay.edit_layer(2, 2.5, 0.0).unwrap();
    train_to(&mut replay, 2);
    assert_eq!(paused.edits, vec![1]);
    assert_eq!(numbers(&paused), numbers(&replay));
}

#[test]
fn a_refused_edit_mid_epoch_changes_nothing() {
    let mut s = session(Config::default());
    train_to(&mut s, 1);
    pause_mid_epoch(&mut s);
    assert!(s.edit_layer(9, 1.0, 0.0).is_err());
    assert!(
        s.run.mid_epoch(),
        "the epoch in progress goes on after a refused edit"
    );
}

#[test]
fn pausing_mid_epoch_then_stepping_matches_whole_epochs() {
    let config = Config::default();
    let mut paused = session(config.clone());
    train_to(&mut paused, 1);
    pause_mid_epoch(&mut paused);
    assert_eq!(
        paused.replay_epoch(),
        1,
        "a link counts the last record, not the epoch in progress"
    );
    train_to(&mut paused, 3);
    let mut whole = session(config);
    train_to(&mut whole, 3);
    assert_eq!(numbers(&paused), numbers(&whole));
}

#[test]
fn a_drag_at_one_epoch_gives_the_numbers_of_its_last_value() {
    let config = mini_batches();
    let mut dragged = session(config.clone());
    train_to(&mut dragged, 2);
    dragged.edit_layer(1, 0.95, 0.1).unwrap();
    dragged.edit_layer(2, 1.3, 0.0).unwrap();
    train_to(&mut dragged, 2);
    pause_mid_epoch(&mut dragged); // played on a little, paused inside epoch 3
    dragged.edit_layer(1, 0.89, 0.0).unwrap();
    train_to(&mut dragged, 3);
    let mut once = session(config);
    train_to(&mut once, 2);
    once.edit_layer(2, 1.3, 0.0).unwrap();
    once.edit_layer(1, 0.89, 0.0).unwrap();
    train_to(&mut once, 3);
    assert_eq!(dragged.layer_scale, vec![0.89, 1.3]);
    assert_eq!(numbers(&dragged), numbers(&once));
}

#[test]
fn a_drag_back_to_where_it_started_is_no_edit() {
    let config = Config::default();
    let mut dragged = session(config.clone());
    train_to(&mut dragged, 1);
    dragged.edit_layer(2, 1.0, 0.3).unwrap();
    train_to(&mut dragged, 1);
    dragged.edit_layer(2, 1.0, 0.0).unwrap();
    train_to(&mut dragged, 2);
    assert!(
        dragged.edits.is_empty(),
        "no edit is left: the net is the unedited one"
    );
    let mut whole = session(config);
    train_to(&mut whole, 2);
    assert_eq!(numbers(&dragged), numbers(&whole));
}
