//! A run done in small units of work (as the page does) gives the records of whole epochs, and a
//! full-batch epoch is exactly network2's update of the gradient summed over every image.

use gradscope::{Backprop, Dataset, Hyper, Network, Record, Run};
use ndarray::Array2;

fn data(n: usize, seed: usize) -> Dataset<f64> {
    let x = Array2::from_shape_fn((n, 12), |(i, j)| {
        ((i * 7 + j * 5 + seed) % 13) as f64 / 12.0
    });
    let labels: Vec<u8> = (0..n).map(|i| ((i * 3 + seed) % 10) as u8).collect();
    let mut y = Array2::zeros((n, 10));
    labels
        .iter()
        .enumerate()
        .for_each(|(i, &l)| y[[i, l as usize]] = 1.0);
    Dataset::new(x, y, labels)
}

fn run(batch: usize) -> Run<f64> {
    let net = Network::network2(&[12, 7, 5, 10], 3).unwrap();
    let hyper = Hyper {
        eta: 0.5,
        lambda: 2.0,
        batch,
    };
    Run::new(net, data(53, 0), Some(data(29, 4).into()), hyper, 9).unwrap()
}

fn by_units(run: &mut Run<f64>, rows: usize) -> Record {
    run.start_epoch();
    loop {
        if let Some(r) = run.work(rows) {
            return r;
        }
    }
}

fn close(a: &Record, b: &Record) {
    assert_eq!(a.epoch, b.epoch);
    for (x, y) in a
        .speeds
        .iter()
        .zip(&b.speeds)
        .chain([(&a.accuracy.unwrap(), &b.accuracy.unwrap())])
    {
        assert!((x - y).abs() <= 1e-12 * (1.0 + x.abs()), "{a:?} vs {b:?}");
    }
    assert!((a.cost.unwrap() - b.cost.unwrap()).abs() < 1e-12);
}

#[test]
fn small_units_give_the_records_of_whole_epochs() {
    for batch in [1, 10, 53, 1000] {
        let (mut whole, mut units) = (run(batch), run(batch));
        let first = units.measure();
        close(&whole.measure(), &first);
        for _ in 0..4 {
            let (a, b) = (whole.epoch(), by_units(&mut units, 7));
            close(&a, &b);
        }
        assert!(
            units.last().unwrap().speeds != first.speeds,
            "training changed the net"
        );
    }
}

#[test]
fn a_full_batch_epoch_is_network2s_update() {
    let mut r = run(53);
    let before = r.net.clone();
    r.epoch();
    let mut bp = Backprop::new(&before.sizes, 53);
    let d = data(53, 0);
    bp.backprop(&before, d.dense().view(), d.y.view());
    // w ← (1 − ηλ/n)·w − (η/m)·Σ∇w with η = 0.5, λ = 2, n = m = 53; b ← b − (η/m)·Σ∇b.
    let (decay, step) = (1.0 - 0.5 * 2.0 / 53.0, 0.5 / 53.0);
    for l in 0..3 {
        let w = &before.weights[l] * decay - &bp.nabla_w[l] * step;
        let b = &before.biases[l] - &bp.nabla_b[l] * step;
        assert!(
            (&w - &r.net.weights[l]).iter().all(|e| e.abs() < 1e-12),
            "layer {l}"
        );
        assert!(
            (&b - &r.net.biases[l]).iter().all(|e| e.abs() < 1e-12),
            "layer {l}"
        );
    }
}

#[test]
fn an_edited_net_is_measured_again() {
    let mut r = run(53);
    let first = r.measure();
    r.net.weights[1].mapv_inplace(|w| w * 3.0);
    r.net_changed();
    assert!(!r.is_ready());
    let again = r.measure();
    assert_eq!(again.epoch, 0);
    assert!(again.speeds[0] > first.speeds[0], "{first:?} → {again:?}");
}
