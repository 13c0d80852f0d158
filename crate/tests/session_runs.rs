//! Earlier runs are kept for comparison: a fresh net keeps the run it replaces (if it trained an
//! epoch), labelled by its settings, at most MAX_KEPT of them, listed in the snapshot with the
//! current run last.

mod data;
use data::*;
use gradscope::runs::MAX_KEPT;
use gradscope::{Config, Session};

#[test]
fn a_fresh_net_keeps_the_run_it_replaces() {
    let mut s = Session::new(load("train"), load("validation")).unwrap();
    s.advance_at_most(1.0, true, 3, || 0.0); // epochs 0, 1, 2
    s.replay = "2".into();
    let deeper = Config {
        sizes: vec![784, 30, 30, 30, 10],
        ..Config::default()
    };
    s.configure(deeper.clone()).unwrap();
    assert_eq!(s.kept.len(), 1);
    assert_eq!(s.kept[0].history.len(), 3);
    assert_eq!(s.kept[0].replay, "2");
    // An untrained net (epoch 0 only) is not kept.
    s.configure(deeper).unwrap();
    assert_eq!(s.kept.len(), 1);
    s.advance_at_most(1.0, true, 2, || 0.0);
    let snap = serde_json::to_value(s.snapshot()).unwrap();
    let runs = snap["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2, "the kept run, then the current one");
    assert_eq!(runs[0]["label"], "2 hidden · sigmoid · network2 · seed 1");
    assert_eq!(runs[0]["epoch"], 2);
    assert_eq!(runs[0]["history"][2]["epoch"], 2);
    assert_eq!(runs[0]["current"], false);
    assert_eq!(runs[1]["label"], "3 hidden · sigmoid · network2 · seed 1");
    assert_eq!(runs[1]["current"], true);
    assert_eq!(runs[1]["history"].as_array().unwrap().len(), 2);
    s.clear_runs();
    assert!(s.kept.is_empty());
}

#[test]
fn at_most_max_kept_runs_are_kept_the_oldest_go_first() {
    let mut s = Session::new(load("train"), load("validation")).unwrap();
    for seed in 0..(MAX_KEPT as u64 + 3) {
        s.configure(Config {
            seed,
            images: 100,
            batch: 100,
            ..Config::default()
        })
        .unwrap();
        s.advance_at_most(1.0, true, 2, || 0.0);
    }
    assert_eq!(s.kept.len(), MAX_KEPT);
    // Seeds 0 … MAX_KEPT + 2 were trained; the last is current, the MAX_KEPT before it are kept.
    let seeds: Vec<u64> = s.kept.iter().map(|r| r.config.seed).collect();
    assert_eq!(seeds, (2..MAX_KEPT as u64 + 2).collect::<Vec<_>>());
}
