//! Editing the page's network by hand: layer sliders and the "Explode" recipe on real MNIST nets.

mod data;
use data::*;
use gradscope::{Config, Session};
use std::cell::Cell;

/// A clock that advances 1 ms each time it is read.
fn ticking() -> impl Fn() -> f64 {
    let t = Cell::new(0.0);
    move || {
        t.set(t.get() + 1.0);
        t.get()
    }
}

fn measured(s: &mut Session) -> Vec<f64> {
    while !s.measured() {
        s.advance(50.0, false, ticking());
    }
    s.last().unwrap().speeds.clone()
}

fn session(sizes: &[usize], seed: u64) -> Session {
    let mut s = Session::new(load("train"), load("validation")).unwrap();
    s.configure(Config {
        sizes: sizes.to_vec(),
        seed,
        ..Config::default()
    })
    .unwrap();
    s
}

#[test]
fn explode_makes_the_first_hidden_layer_learn_10_times_faster_than_the_fourth() {
    for seed in 0..6 {
        let mut s = session(&[784, 30, 30, 30, 30, 10], seed);
        let before = measured(&mut s);
        assert!(before[0] < before[3], "fresh: vanishing {before:?}");
        s.explode();
        let after = measured(&mut s);
        assert!(
            after[0] >= 10.0 * after[3],
            "seed {seed}: {before:?} → {after:?}"
        );
        assert_eq!(
            s.records.len(),
            1,
            "the edited measurement replaces epoch 0's"
        );
        assert_eq!(s.edits, vec![0]);
    }
}

#[test]
fn layer_sliders_edit_relative_to_the_fresh_net_and_keep_history() {
    let mut s = session(&[784, 30, 30, 10], 3);
    let fresh = measured(&mut s);
    while s.records.len() < 3 {
        s.advance(50.0, true, ticking());
    }
    while !s.measured() {
        s.advance(50.0, false, ticking());
    }
    let trained = s.last().unwrap().speeds.clone();
    let (kept, epoch) = (s.records.len(), s.last().unwrap().epoch);
    s.edit_layer(2, 3.0, 0.0).unwrap();
    let scaled = measured(&mut s);
    assert_eq!(
        s.records.len(),
        kept,
        "history kept, last record re-measured"
    );
    assert_eq!(s.edits, vec![epoch]);
    // Tripling w² scales δ¹ = (w²)ᵀδ² ⊙ σ′(z¹) up: the first layer's speed grows.
    assert!(scaled[0] > 1.5 * trained[0], "{trained:?} → {scaled:?}");
    s.edit_layer(2, 1.0, 0.0).unwrap();
    let back = measured(&mut s);
    for (a, b) in back.iter().zip(&trained) {
        assert!((a / b - 1.0).abs() < 1e-4, "{back:?} vs {trained:?}");
    }
    s.edit_layer(1, 1.0, 5.0).unwrap();
    let shifted = measured(&mut s);
    // Biases of +5 saturate layer 1 (σ′(z) ≈ e^−5): its speed collapses.
    assert!(shifted[0] < 0.2 * trained[0], "{trained:?} → {shifted:?}");
    assert_ne!(fresh, trained);
}

#[test]
fn bad_edits_are_refused_and_change_nothing() {
    let mut s = session(&[784, 30, 30, 10], 1);
    let before = measured(&mut s);
    for (layer, scale, shift) in [
        (0, 1.0, 0.0),
        (3, 1.0, 0.0),
        (1, 0.0, 0.0),
        (1, f64::NAN, 0.0),
        (1, 1e9, 0.0),
        (1, 1.0, f64::INFINITY),
    ] {
        assert!(
            s.edit_layer(layer, scale, shift).is_err(),
            "{layer} {scale} {shift}"
        );
    }
    assert!(s.measured());
    assert_eq!(s.last().unwrap().speeds, before);
    assert!(s.edits.is_empty());
}

#[test]
fn export_then_import_reproduces_the_speeds_and_bad_files_change_nothing() {
    let mut s = session(&[784, 20, 20, 10], 5);
    while s.records.len() < 3 {
        s.advance(50.0, true, ticking());
    }
    while !s.measured() {
        s.advance(50.0, false, ticking());
    }
    let trained = s.last().unwrap().speeds.clone();
    let file = s.export_network();
    let mut other = session(&[784, 30, 10], 9);
    other.import_network(&file).unwrap();
    assert_eq!(other.config.sizes, vec![784, 20, 20, 10]);
    assert_eq!(
        measured(&mut other),
        trained,
        "same net, same images: same speeds"
    );
    let before = serde_json::to_value(other.snapshot()).unwrap();
    let small = include_str!("fixtures/network2_3_2_2.json");
    let err = other.import_network(small).unwrap_err().to_string();
    assert!(err.contains("784 inputs"), "{err}");
    let err = other
        .import_network(&file.replacen("[[[", "[[", 1))
        .unwrap_err()
        .to_string();
    assert!(err.contains("not network2 JSON"), "{err}");
    assert_eq!(
        serde_json::to_value(other.snapshot()).unwrap(),
        before,
        "a refused import leaves the session untouched"
    );
}

#[test]
fn an_edit_that_overflows_keeps_the_last_finite_record() {
    let mut s = session(&[784, 30, 30, 10], 2);
    let before = measured(&mut s);
    s.run.net.weights[1][[0, 0]] = f32::NAN;
    s.edit_layer(2, 1.0, 0.0).unwrap();
    while !s.measured() {
        s.advance(50.0, false, ticking());
    }
    assert_eq!(s.status(), "overflow");
    assert_eq!(s.records.len(), 1);
    assert_eq!(s.last().unwrap().speeds, before);
}

#[test]
fn a_net_awaits_its_record_after_configure_and_edits_but_not_while_later_epochs_train() {
    let mut s = session(&[784, 30, 10], 1);
    assert!(s.awaiting_record(), "fresh: no record yet");
    measured(&mut s);
    assert!(!s.awaiting_record(), "epoch 0 recorded");
    // One unit of work (the ticking clock reads 1 ms per unit): an epoch starts and is unfinished.
    s.advance(1.0, true, ticking());
    assert!(!s.measured(), "mid-epoch");
    assert!(!s.awaiting_record(), "training on from a recorded net");
    while s.records.len() < 2 {
        s.advance(50.0, true, ticking());
    }
    measured(&mut s);
    let kept = s.records.len();
    s.edit_layer(1, 2.0, 0.0).unwrap();
    assert!(s.awaiting_record(), "edited: its record is pending");
    measured(&mut s);
    assert!(!s.awaiting_record(), "re-measured");
    assert_eq!(
        s.records.len(),
        kept,
        "the re-measurement replaced the last record"
    );
}
