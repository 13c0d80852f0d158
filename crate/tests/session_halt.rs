//! Training stops by itself and says why: a net whose every ‖δˡ‖ fell to 0 (dead ReLUs) pauses
//! with status "vanished"; an edit may bring it back; the play settings are checked and reported.

mod data;
use data::*;
use gradscope::halt::{COST_BOUND, VANISH_FLOOR};
use gradscope::play::Play;
use gradscope::{Activation, Config, Session};

fn session() -> Session {
    Session::new(load("train"), load("validation")).unwrap()
}

/// Trains until `epochs` records exist past epoch 0 or the session halts.
fn train(s: &mut Session, epochs: usize) {
    let never = || 0.0; // a clock that never moves: the budget never runs out
    s.advance_at_most(
        1.0,
        true,
        epochs + 1 - s.records.len().min(epochs + 1),
        never,
    );
}

/// The issue's reproducer: ReLU, 6 hidden layers of 30, weight scale ×10, the chapter's training.
fn dead_relus() -> Config {
    Config {
        sizes: vec![784, 30, 30, 30, 30, 30, 30, 10],
        activation: Activation::Relu,
        scale: 10.0,
        ..Config::default()
    }
}

#[test]
fn dead_relus_pause_with_vanished_and_say_so() {
    let mut s = session();
    s.configure(dead_relus()).unwrap();
    train(&mut s, 10);
    // `gradscope train` on these settings: speeds 91,245.9… at epoch 0, 8.1e18… at epoch 1,
    // every one 0 at epoch 2 (cost 4.37e37); the first all-zero record stops training.
    assert_eq!(s.status(), "vanished");
    let last = s.last().unwrap();
    assert_eq!(last.epoch, 2);
    assert!(last.speeds.iter().all(|&v| v < VANISH_FLOOR));
    let snap = serde_json::to_value(s.snapshot()).unwrap();
    assert_eq!(snap["status"], "vanished");
    let message = snap["message"].as_str().unwrap();
    assert!(message.contains("Dead ReLUs at epoch 2"), "{message}");
    assert!(message.contains("Reset"), "{message}");
    // Halted: nothing more is trained.
    assert_eq!(s.advance(5.0, true, || 0.0), 0);
    assert_eq!(s.records.len(), 3);
}

#[test]
fn an_edit_judges_a_vanished_net_again_and_a_restart_clears_it() {
    let mut s = session();
    s.configure(dead_relus()).unwrap();
    train(&mut s, 10);
    assert_eq!(s.status(), "vanished");
    s.edit_layer(6, 1.0, 1.0).unwrap(); // a bias shift of +1 wakes layer 6's ReLUs
    assert_eq!(
        s.status(),
        "idle",
        "an edit lifts a vanished halt until measured"
    );
    while s.awaiting_record() {
        s.advance(5.0, false, || 0.0);
    }
    assert_eq!(
        s.last().unwrap().epoch,
        2,
        "the edited net replaces epoch 2's record"
    );
    s.configure(Config::default()).unwrap();
    assert_eq!(s.status(), "idle");
}

#[test]
fn the_books_net_trains_on_without_a_halt() {
    let mut s = session();
    train(&mut s, 30);
    assert_eq!(s.status(), "idle");
    assert_eq!(s.last().unwrap().epoch, 30);
    let cost = s.last().unwrap().cost.unwrap();
    assert!(cost < COST_BOUND, "{cost}");
}

#[test]
fn play_settings_are_checked_and_in_the_snapshot() {
    let mut s = session();
    let snap = serde_json::to_value(s.snapshot()).unwrap();
    assert_eq!(snap["speed"], "25");
    assert_eq!(snap["epochLimit"], 500);
    assert_eq!(snap["barScale"], "epoch0");
    let slow = Play {
        speed: "1".into(),
        epoch_limit: 40,
        bar_scale: "auto".into(),
        ..Play::default()
    };
    s.set_play(slow.clone()).unwrap();
    assert_eq!(s.play.epochs_per_second(), 1.0);
    let max = Play {
        speed: "max".into(),
        ..slow.clone()
    };
    assert_eq!(max.epochs_per_second(), f64::INFINITY);
    for bad in [
        Play {
            speed: "7".into(),
            ..slow.clone()
        },
        Play {
            epoch_limit: 0,
            ..slow.clone()
        },
        Play {
            epoch_limit: 100_001,
            ..slow.clone()
        },
        Play {
            bar_scale: "big".into(),
            ..slow.clone()
        },
    ] {
        let err = s.set_play(bad.clone()).unwrap_err().to_string();
        assert!(err.contains("must be"), "{bad:?}: {err}");
        assert_eq!(s.play, slow, "a refused setting changes nothing");
    }
    assert!(Play::from_json(r#"{"speed":"5","epochLimit":3,"barScale":"auto","x":1}"#).is_err());
}
