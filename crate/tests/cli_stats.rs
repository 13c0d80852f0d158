//! `speeds --stats` and `train --stats`: the object issue 13 names, under its exact keys (plus the
//! weight norms the page's caption quotes), consistent with the speeds printed beside it.

mod common;

use common::cli::{lines, ok};
use serde_json::Value;

/// The keys of issue 13's "stats" object, and "weight_norms".
const KEYS: [&str; 6] = [
    "activation_percentiles",
    "factors",
    "gradient_percentiles",
    "saturated",
    "sigma_prime_mean",
    "weight_norms",
];

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Checks `stats` against the `speeds` printed with it: H−1 factors, each ‖δ^l‖/‖δ^{l+1}‖;
/// H entries elsewhere; percentiles ascending; fractions in [0, 1].
fn consistent(stats: &Value, speeds: &[f64]) {
    let keys: Vec<&str> = stats
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, KEYS);
    let h = speeds.len();
    let factors = floats(&stats["factors"]);
    assert_eq!(factors.len(), h - 1);
    for (l, f) in factors.iter().enumerate() {
        assert!(
            (f - speeds[l] / speeds[l + 1]).abs() < 1e-12 * f.abs().max(1.0),
            "{stats}"
        );
    }
    for key in ["sigma_prime_mean", "saturated", "weight_norms"] {
        assert_eq!(floats(&stats[key]).len(), h, "{key}");
    }
    assert!(floats(&stats["saturated"])
        .iter()
        .all(|s| (0.0..=1.0).contains(s)));
    for key in ["activation_percentiles", "gradient_percentiles"] {
        let rows = stats[key].as_array().unwrap();
        assert_eq!(rows.len(), h);
        for p in rows.iter().map(floats) {
            assert!(p.len() == 3 && p[0] <= p[1] && p[1] <= p[2], "{key}: {p:?}");
        }
    }
}

#[test]
fn speeds_stats_has_the_issues_keys_and_agrees_with_the_speeds() {
    let args = [
        "speeds",
        "--sizes",
        "784,30,30,30,30,10",
        "--seed",
        "1",
        "--images",
        "1000",
    ];
    let plain = lines(&ok(&args)).remove(0);
    assert!(
        plain.get("stats").is_none(),
        "no stats unless asked: {plain}"
    );
    let with = lines(&ok(&[&args[..], &["--stats"]].concat())).remove(0);
    assert_eq!(with["speeds"], plain["speeds"], "--stats changes no speed");
    consistent(&with["stats"], &floats(&with["speeds"]));
    // The book's net at epoch 0: every factor below 1 (each earlier layer learns more slowly).
    assert!(floats(&with["stats"]["factors"]).iter().all(|&f| f < 1.0));
}

#[test]
fn train_stats_adds_stats_to_every_epoch_line() {
    for act in ["sigmoid", "tanh", "relu"] {
        let out = ok(&[
            "train",
            "--sizes",
            "784,20,20,10",
            "--seed",
            "3",
            "--images",
            "200",
            "--epochs",
            "2",
            "--batch",
            "10",
            "--eta",
            "0.1",
            "--lambda",
            "5",
            "--activation",
            act,
            "--stats",
        ]);
        let epochs = lines(&out);
        assert_eq!(epochs.len(), 3);
        for line in &epochs {
            consistent(&line["stats"], &floats(&line["speeds"]));
        }
    }
}
