//! The chapter's numbers: epoch-0 learning speeds across seeds, and the 500-epoch gap of the
//! 4-hidden-layer net, on the first 1,000 shipped training images (network2's settings).

mod data;
use data::*;
use gradscope::speeds::{mean_bias_gradient, speeds};
use gradscope::{Backprop, Hyper, Network, Run};

/// Nielsen's stored epoch-0 speeds (fig/norms_during_training_{2,3,4}_layers.json, first rows).
const BOOK: [&[f64]; 3] = [
    &[0.0657, 0.3092],
    &[0.0118, 0.0600, 0.2831],
    &[0.0030, 0.0171, 0.0695, 0.2851],
];

fn net(hidden: usize, seed: u64) -> Network {
    let mut sizes = vec![784];
    sizes.extend(std::iter::repeat_n(30, hidden));
    sizes.push(10);
    Network::network2(&sizes, seed).unwrap()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2] + v[(v.len() - 1) / 2]) / 2.0
}

#[test]
fn epoch0_speeds_match_the_book_across_20_seeds() {
    let data = first_1000();
    for (k, book) in BOOK.iter().enumerate() {
        let hidden = k + 2;
        let mut bp = Backprop::new(&net(hidden, 0).sizes, 1000);
        let runs: Vec<Vec<f64>> = (0..20)
            .map(|seed| speeds(&mean_bias_gradient(&net(hidden, seed), &data, &mut bp)))
            .collect();
        for (l, &expected) in book.iter().enumerate() {
            let m = median(runs.iter().map(|s| s[l]).collect());
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
            "{hidden} hidden layers: earlier layers slower in only {ordered}/20 seeds"
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
        "last/first speed ratio {ratio:.1} (book ~113)"
    );
    // Training slows every layer (the book's curves fall by one to two orders of magnitude).
    assert!(
        last.speeds.iter().zip(&first).all(|(l, f)| l < f),
        "{first:?} → {:?}",
        last.speeds
    );
}
