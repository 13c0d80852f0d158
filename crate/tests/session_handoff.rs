//! Runs handed between sessions (the page's Web Workers): a run trained k epochs in one session,
//! handed over and continued in another, gives exactly the records of one session training it
//! straight through (the reference: the same session code without a handoff), in full batch and
//! in mini-batches (where the shuffle stream's position matters); kept runs replaced from plain
//! numbers keep them exactly; bad handoffs and lists change nothing.

mod data;
use data::*;
use gradscope::handoff::Handoff;
use gradscope::{Config, Record, Session};

fn session() -> Session {
    Session::new(load("train"), load("validation")).unwrap()
}

/// Trains `s` until its latest record is epoch `epoch`.
fn train_to(s: &mut Session, epoch: usize) {
    let have = s.last().map_or(0, |r| r.epoch + 1);
    s.advance_at_most(1e9, true, epoch + 1 - have, || 0.0);
    assert_eq!(s.last().unwrap().epoch, epoch);
}

/// Trains `config` to epoch `end` straight through, and with a handoff at epoch `at` (through
/// its JSON, as the page sends it); the records must be the same bit for bit.
fn handed_equals_straight(config: Config, at: usize, end: usize) {
    let mut straight = session();
    straight.configure(config.clone()).unwrap();
    train_to(&mut straight, end);

    let mut worker = session();
    worker.configure(config.clone()).unwrap();
    train_to(&mut worker, at);
    let json = serde_json::to_string(&worker.handoff().unwrap()).unwrap();
    let mut page = session();
    page.resume(serde_json::from_str(&json).unwrap()).unwrap();
    assert!(page.awaiting_record(), "the last record is measured again");
    page.advance_at_most(1e9, false, usize::MAX, || 0.0);
    assert_eq!(
        page.records.len(),
        at + 1,
        "the re-measured record replaced its epoch's"
    );
    assert_eq!(
        page.records,
        straight.records[..=at],
        "the re-measured record is the same"
    );
    train_to(&mut page, end);
    let bits = |rs: &[Record]| -> Vec<Vec<u64>> {
        rs.iter()
            .map(|r| r.speeds.iter().map(|x| x.to_bits()).collect())
            .collect()
    };
    assert_eq!(
        bits(&page.records),
        bits(&straight.records),
        "speeds bit for bit"
    );
    assert_eq!(
        page.records, straight.records,
        "bars, accuracy and cost too"
    );
    assert_eq!(page.export_network(), straight.export_network());
}

#[test]
fn a_full_batch_run_continues_exactly_after_a_handoff() {
    let config = Config {
        sizes: vec![784, 30, 30, 30, 10],
        images: 300,
        batch: 300,
        seed: 4,
        ..Config::default()
    };
    handed_equals_straight(config, 3, 6);
}

#[test]
fn a_mini_batch_run_continues_exactly_after_a_handoff() {
    // Mini-batches of 10: every epoch shuffles, so the stream's position must travel too.
    let config = Config {
        images: 200,
        batch: 10,
        seed: 9,
        ..Config::default()
    };
    handed_equals_straight(config, 2, 4);
}

#[test]
fn the_replaced_run_is_kept_and_bad_handoffs_change_nothing() {
    let mut worker = session();
    train_to(&mut worker, 2);
    let good = worker.handoff().unwrap();

    let mut page = session();
    page.configure(Config {
        seed: 3,
        ..Config::default()
    })
    .unwrap();
    train_to(&mut page, 1);
    let before = page.records.clone();
    let mut bad = good.clone();
    bad.weights[1].pop();
    assert!(page.resume(bad).is_err());
    let mut bad = good.clone();
    bad.shuffle = "x".into();
    assert!(page.resume(bad).is_err());
    let mut bad: Handoff = good.clone();
    bad.records.reverse();
    assert!(page.resume(bad).is_err());
    assert_eq!(page.records, before, "refused: nothing changed");
    assert!(page.kept.is_empty());

    page.resume(good).unwrap();
    assert_eq!(
        page.kept.len(),
        1,
        "the run it replaced is kept, as a fresh net would keep it"
    );
    assert_eq!(page.kept[0].config.seed, 3);
}

#[test]
fn a_half_done_or_edited_run_is_not_handed_over() {
    let mut s = session();
    train_to(&mut s, 1);
    s.advance_at_most(0.0, true, usize::MAX, || 0.0); // one unit of the next epoch
    assert!(s.handoff().is_err(), "mid-epoch");
    let mut e = session();
    train_to(&mut e, 1);
    e.explode();
    e.advance_at_most(1e9, false, usize::MAX, || 0.0);
    assert!(e.handoff().is_err(), "edited");
}

#[test]
fn kept_runs_are_replaced_from_plain_numbers_exactly() {
    let mut s = session();
    let two = serde_json::to_value(Config::default()).unwrap();
    let three = serde_json::to_value(Config {
        sizes: vec![784, 30, 30, 30, 10],
        ..Config::default()
    })
    .unwrap();
    // Hand-written numbers: 2 rows of 2 speeds, then 3 rows of 3 (odd bit patterns on purpose).
    let speeds = [
        0.1,
        0.2,
        1e-300,
        3.0,
        0.5,
        0.25,
        0.125,
        1.0 / 3.0,
        2.0,
        7.0,
        8.0,
        9.0,
        10.0,
    ];
    let runs = serde_json::json!([
        { "settings": two, "replay": "1", "epochs": 1 },
        { "settings": three, "replay": "2", "epochs": 2 },
    ])
    .to_string();
    s.replace_kept(&runs, &speeds).unwrap();
    assert_eq!(s.kept.len(), 2);
    assert_eq!(s.kept[0].history, vec![vec![0.1, 0.2], vec![1e-300, 3.0]]);
    assert_eq!(s.kept[1].history[2], vec![8.0, 9.0, 10.0]);
    assert_eq!(s.kept[1].history[0][1], 0.25);
    assert_eq!(
        (s.kept[0].replay.as_str(), s.kept[1].replay.as_str()),
        ("1", "2")
    );
    // A list that does not fit its numbers changes nothing.
    assert!(s.replace_kept(&runs, &speeds[1..]).is_err());
    assert!(s
        .replace_kept(&runs, &[&speeds[..], &[1.0]].concat())
        .is_err());
    assert!(s.replace_kept("[{\"settings\":{}}]", &[]).is_err());
    assert_eq!(s.kept.len(), 2);
    s.replace_kept("[]", &[]).unwrap();
    assert!(s.kept.is_empty());
}
