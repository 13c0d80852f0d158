//! The chapter's numbers: epoch-0 learning speeds across seeds, and the 500-epoch gap of the
//! 4-hidden-layer net, on the first 1,000 shipped training images (network2's settings).

mod data;
use data::*;
use gradscope::reference::{median, EPOCH0_SPEEDS, FINAL_SPEED_RATIO, SEEDS};
use gradscope::speeds::{mean_bias_gradient, speeds};
use gradscope::{Backprop, Hyper, Network, Run};

fn net(hidden: usize, seed: u64) -> Network {
    let mut sizes = vec![784];
    sizes.extend(std::iter::repeat_n(30, hidden));
    sizes.push(10);
    Network::network2(&sizes, seed).unwrap()
}

#[test]
fn epoch0_speeds_match_the_book_across_20_seeds() {
    let data = first_1000();
    for (k, book) in EPOCH0_SPEEDS.iter().enumerate() {
        let hidden = k + 2;
        let mut bp = Backprop::new(&net(hidden, 0).sizes, 1000);
        let runs: Vec<Vec<f64>> = (0..SEEDS)
            .map(|seed| speeds(&mean_bias_gradient(&net(hidden, seed), &data, &mut bp)))
            .collect();
        for (l, &expected) in book.iter().enumerate() {
            let m = median(runs.iter().map(|s| s[l]));
            assert!(
                (m / expected - 1.0).abs() <= 0.45,
                "{hidden} hidden layers, layer {}: median {m:.4} vs book {expected}",
                l + 1
            );
        }
        let ordered = runs
            .iter()
            .filter(|s| s.windows(2).all(|p| p[0] < p[1]))
            .count();
        assert!(
            ordered >= 18,
            "{hidden} hidden layers: earlier layers slower in only {ordered}/{SEEDS} seeds"
        );
    }
}

#[test]
fn after_500_epochs_the_4_hidden_layer_net_is_still_30_times_apart() {
    let hyper = Hyper {
        eta: 0.1,
        lambda: 5.0,
        batch: 1000,
    };
    let mut run = Run::new(net(4, 0), first_1000(), None, hyper, 0).unwrap();
    let first = run.measure().speeds;
    for _ in 0..499 {
        run.epoch();
    }
    let last = run.epoch();
    assert_eq!(last.epoch, 500);
    let ratio = last.speeds[3] / last.speeds[0];
    assert!(
        ratio >= 30.0,
        "last/first speed ratio {ratio:.1} (book {})",
        FINAL_SPEED_RATIO[2]
    );
    // Training slows every layer (the book's curves fall by one to two orders of magnitude).
    assert!(
        last.speeds.iter().zip(&first).all(|(l, f)| l < f),
        "{first:?} → {:?}",
        last.speeds
    );
}
