//! The labels of runs shown together on the learning-speed chart: each leads with what differs
//! between the runs, what they all share is said once. Expected labels written by hand.

mod common;

use common::svg::{keep, texts};
use gradscope::chart::speeds::{draw_speeds, Trace, NOW_LABEL, SHARED_LABEL, USUAL_LABEL};
use gradscope::chart::{svg_string, Style};
use gradscope::labels::{chart_labels, ChartLabels, SAME_SETTINGS};
use gradscope::{Activation, Config, Init};

/// The book's [784,30,30,30,30,10] with the chapter's settings (the tour's closing step's net).
fn four_hidden() -> Config {
    Config {
        sizes: vec![784, 30, 30, 30, 30, 10],
        ..Config::default()
    }
}

/// The tour's four remedies (plain, ReLU + He, batch norm, skip), then a run clipped at 1.
fn remedy_runs() -> Vec<Config> {
    let relu = Config {
        activation: Activation::Relu,
        init: Init::He,
        ..four_hidden()
    };
    let bn = Config {
        batch_norm: true,
        ..four_hidden()
    };
    let skip = Config {
        skip: true,
        ..four_hidden()
    };
    let clip = Config {
        clip: 1.0,
        ..four_hidden()
    };
    vec![four_hidden(), relu, bn, skip, clip]
}

fn labels_of(configs: &[Config], edited: &[bool]) -> ChartLabels {
    let runs: Vec<(&Config, bool)> = (configs.iter())
        .zip(edited.iter().copied().chain(std::iter::repeat(false)))
        .collect();
    chart_labels(&runs)
}

#[test]
fn the_remedies_runs_lead_with_what_differs() {
    let labels = labels_of(&remedy_runs(), &[]);
    assert_eq!(labels.shared, "4 hidden · seed 1");
    assert_eq!(labels.usual, "sigmoid · network2");
    assert_eq!(
        labels.runs,
        ["no remedy", "relu · he", "batch norm", "skip", "clip 1"]
    );
}

#[test]
fn a_run_that_lacks_the_only_difference_says_so() {
    // Plain and batch norm, same activation and init: the plain run has no word of its own.
    let runs = remedy_runs();
    let labels = labels_of(&[runs[0].clone(), runs[2].clone()], &[]);
    assert_eq!(labels.shared, "4 hidden · sigmoid · network2 · seed 1");
    assert_eq!(labels.runs, ["no remedy", "batch norm"]);
    assert_eq!(labels.usual, "", "one each: neither is usual");
    // Edited by hand or not.
    let labels = labels_of(&[four_hidden(), four_hidden()], &[true, false]);
    assert_eq!(labels.runs, ["edited", "not edited"]);
    assert_eq!(labels.shared, "4 hidden · sigmoid · network2 · seed 1");
    // Nothing differs (Reset, same seed).
    let labels = labels_of(&[four_hidden(), four_hidden()], &[]);
    assert_eq!(labels.runs, [SAME_SETTINGS, SAME_SETTINGS]);
}

#[test]
fn settings_the_full_label_omits_are_named_where_they_differ() {
    let eta = Config {
        eta: 0.5,
        ..Config::default()
    };
    let batch = Config {
        batch: 10,
        ..Config::default()
    };
    let wide = Config {
        sizes: vec![784, 100, 30, 10],
        seed: 3,
        ..Config::default()
    };
    let labels = labels_of(&[Config::default(), eta, batch, wide], &[]);
    assert_eq!(labels.shared, "2 hidden · sigmoid · network2");
    assert_eq!(labels.usual, "η 0.1 · full batch · 30 neurons · seed 1");
    assert_eq!(
        labels.runs,
        [
            // Usual in every way: all its words where runs differ.
            "η 0.1 · full batch · 30 neurons · seed 1",
            "η 0.5",
            "mini-batch 10",
            "neurons 100, 30 · seed 3",
        ]
    );
    // Runs of different depths: the depth leads what the book's three nets share.
    let three = Config {
        sizes: vec![784, 30, 30, 30, 10],
        ..Config::default()
    };
    let labels = labels_of(&[Config::default(), three, four_hidden()], &[]);
    assert_eq!(labels.runs, ["2 hidden", "3 hidden", "4 hidden"]);
    assert_eq!(labels.shared, "sigmoid · network2 · seed 1");
    assert_eq!(labels.usual, "", "each depth once");
    assert_eq!(labels_of(&[], &[]).runs, Vec::<String>::new());
}

/// The legend's texts of the speeds chart of `width` × `height` px showing the tour's four remedies
/// (three kept, skip now).
fn remedies_legend(width: u32, height: u32) -> Vec<String> {
    let labels = labels_of(&remedy_runs()[..4], &[]);
    let history: Vec<Vec<f64>> = (0..10).map(|e| vec![0.01 * (e + 1) as f64; 4]).collect();
    let traces: Vec<Trace> = (labels.runs[..3].iter())
        .map(|label| Trace {
            label,
            history: &history,
        })
        .collect();
    let speeds = gradscope::chart::speeds::Speeds {
        history: &history,
        runs: &traces,
        now: &labels.runs[3],
        shared: &labels.shared,
        usual: &labels.usual,
        epochs: Some(500),
        ..Default::default()
    };
    let svg = svg_string(width, height, |a| {
        draw_speeds(a, &Style::default(), &speeds)
    })
    .unwrap();
    keep(&format!("speeds-remedies-legend-{width}"), &svg);
    // A note too wide for the legend goes on over lines that begin "· ": joined back here.
    let mut lines: Vec<String> = Vec::new();
    for t in texts(&svg) {
        match (t.strip_prefix("· "), lines.last_mut()) {
            (Some(rest), Some(last)) => *last = format!("{last} · {rest}"),
            _ => lines.push(t),
        }
    }
    lines
}

#[test]
fn the_chart_legend_says_the_shared_words_once_and_keeps_each_label_whole() {
    let whole = [
        format!("{SHARED_LABEL}4 hidden · seed 1"),
        format!("{USUAL_LABEL}sigmoid · network2"),
        format!("{NOW_LABEL}skip"),
        "run 1: no remedy".to_string(),
        "run 2: relu · he".to_string(),
        "run 3: batch norm".to_string(),
    ];
    // The speeds chart beside the tour's panel at 1024 × 768 (about 320 × 300 px), at
    // 1280 × 900 (about 425 × 330 px) and without the tour at 1920 × 1080.
    for (w, h) in [(320, 300), (425, 330), (900, 450)] {
        let t = remedies_legend(w, h);
        for line in &whole {
            assert!(
                t.contains(line),
                "{w} px: {line:?} whole in the legend: {t:?}"
            );
        }
        assert!(
            !t.iter().any(|s| s.contains('…')),
            "{w} px: nothing cut: {t:?}"
        );
    }
}
