//! The page's session: default settings, refused settings, time-boxed advancing and overflow.

mod data;
use data::*;
use gradscope::speeds::{mean_bias_gradient, speeds};
use gradscope::{Backprop, Config, Network, Session};
use std::cell::Cell;

fn session() -> Session {
    Session::new(load("train"), load("validation")).unwrap()
}

/// A clock that advances 1 ms each time it is read.
fn ticking() -> impl Fn() -> f64 {
    let t = Cell::new(0.0);
    move || {
        t.set(t.get() + 1.0);
        t.get()
    }
}

#[test]
fn the_default_is_the_books_first_net_measured_on_1000_images() {
    let mut s = session();
    assert_eq!(s.config.sizes, vec![784, 30, 30, 10]);
    assert!(!s.measured());
    while !s.measured() {
        s.advance(5.0, false, ticking());
    }
    let train = load("train").first(1000).unwrap();
    let net: Network = Network::network2(&[784, 30, 30, 10], s.config.seed).unwrap();
    let expected = speeds(&mean_bias_gradient(
        &net,
        &train,
        &mut Backprop::new(&net.sizes, 1000),
    ));
    let snap = serde_json::to_value(s.snapshot()).unwrap();
    let got: Vec<f64> = snap["speeds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    for (g, e) in got.iter().zip(&expected) {
        assert!((g / e - 1.0).abs() < 1e-5, "{got:?} vs {expected:?}");
    }
    assert_eq!(snap["epoch"], 0);
    assert!(
        snap["accuracyHistory"][0].as_f64().unwrap() < 0.3,
        "a fresh net guesses"
    );
    assert_eq!(
        s.advance(5.0, false, ticking()),
        0,
        "nothing to do without training"
    );
}

#[test]
fn advance_stops_at_its_budget_and_training_adds_records() {
    let mut s = session();
    let mut records = 0;
    let mut calls = 0;
    while records < 3 {
        records += s.advance(3.0, true, ticking());
        calls += 1;
    }
    // Each unit reads the clock once: a 3 ms budget allows at most 3 units per call.
    assert!(calls >= 4, "{calls} calls for 3 records");
    assert_eq!(s.history().len(), s.records.len());
    assert!(s.history()[1][0] != s.history()[0][0]);
}

#[test]
fn bad_settings_are_refused_and_change_nothing() {
    let mut s = session();
    let before = s.config.clone();
    let bad = [
        Config {
            sizes: vec![784, 30, 9],
            ..Config::default()
        },
        Config {
            sizes: vec![784, 0, 10],
            ..Config::default()
        },
        Config {
            scale: f64::NAN,
            ..Config::default()
        },
        Config {
            images: 9000,
            ..Config::default()
        },
        Config {
            batch: 0,
            ..Config::default()
        },
        Config {
            eta: -1.0,
            ..Config::default()
        },
    ];
    for config in bad {
        assert!(s.configure(config.clone()).is_err(), "{config:?}");
        assert_eq!(s.config, before);
    }
    assert!(Config::from_json("{\"sizes\": [784, 10], \"rm\": 1}").is_err());
    // An unknown activation is refused when the settings are read (Activation is an enum).
    let mut json = serde_json::to_value(Config::default()).unwrap();
    json["activation"] = "softsign".into();
    assert!(Config::from_json(&json.to_string()).is_err());
}

#[test]
fn a_non_finite_net_stops_with_overflow_and_keeps_the_last_finite_record() {
    let mut s = session();
    while s.records.len() < 2 {
        s.advance(40.0, true, ticking());
    }
    let kept = s.records.len();
    s.run.net.weights[1][[0, 0]] = f32::INFINITY;
    s.run.net_changed();
    while !s.measured() {
        s.advance(40.0, true, ticking());
    }
    let snap = serde_json::to_value(s.snapshot()).unwrap();
    assert_eq!(snap["status"], "overflow");
    assert!(snap["message"].as_str().unwrap().contains("Reset"));
    assert_eq!(s.records.len(), kept);
    assert!(snap["speeds"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v.as_f64().unwrap().is_finite()));
    assert_eq!(
        s.advance(40.0, true, ticking()),
        0,
        "no training after an overflow"
    );
    s.configure(Config::default()).unwrap();
    assert_eq!(s.snapshot().status, "idle");
}

#[test]
fn validation_can_be_switched_off() {
    let mut s = session();
    s.configure(Config {
        validation: false,
        ..Config::default()
    })
    .unwrap();
    while !s.measured() {
        s.advance(5.0, false, ticking());
    }
    assert!(s.accuracy().is_empty() && s.cost().is_empty());
    s.configure(Config::default()).unwrap();
    while !s.measured() {
        s.advance(5.0, false, ticking());
    }
    assert_eq!(s.accuracy().len(), 1);
}

#[test]
fn an_oversized_import_is_refused_before_parsing_and_a_net_without_hidden_layers_too() {
    let mut s = session();
    let before = serde_json::to_value(s.snapshot()).unwrap();
    // Issue 15, reproducer 3: a string over the limit (33 MiB of '[') is refused unread.
    let huge = "[".repeat(33 << 20);
    let err = s.import_network(&huge).unwrap_err().to_string();
    assert!(err.contains("at most 33.55 MB"), "{err}");
    // Reproducer 7: `gradscope init --sizes 784,10` has no hidden layer: refused, state kept.
    let net: Network<f64> = Network::network2(&[784, 10], 1).unwrap();
    let err = s
        .import_network(&gradscope::network2_json::to_json(&net))
        .unwrap_err()
        .to_string();
    assert!(err.contains("784 inputs and end with 10 outputs"), "{err}");
    assert_eq!(serde_json::to_value(s.snapshot()).unwrap(), before);
}
