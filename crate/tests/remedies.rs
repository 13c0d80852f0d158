//! The remedies on real images: batch norm against the plain net after one epoch (Ioffe & Szegedy's
//! Fig. 1a shape), skip connections' epoch-0 speeds, their network2 JSON, and the runs' labels.

mod data;
use data::*;
use gradscope::network2_json::{from_json, to_json};
use gradscope::runs::label;
use gradscope::{Config, Network, Run};
use std::sync::Arc;

/// Validation accuracy after one epoch of 3 × 100 sigmoid, 8,000 images, mini-batch 60, η = 1,
/// λ = 0 (η = 1 is the best of 0.1, 0.5, 1, 3 for the plain net after one epoch).
fn one_epoch_accuracy(batch_norm: bool, seed: u64) -> f64 {
    let train = Arc::new(load("train"));
    let validation = Arc::new(load("validation"));
    let config = Config {
        sizes: vec![784, 100, 100, 100, 10],
        seed,
        images: 8000,
        batch: 60,
        eta: 1.0,
        lambda: 0.0,
        batch_norm,
        ..Config::default()
    };
    let mut run = config.build(&train, Some(&validation)).unwrap();
    run.epoch().accuracy.unwrap()
}

#[test]
fn batch_norm_is_ten_points_ahead_after_one_epoch() {
    for seed in 1..=3 {
        let (plain, bn) = (
            one_epoch_accuracy(false, seed),
            one_epoch_accuracy(true, seed),
        );
        eprintln!("seed {seed}: plain {plain:.4}, batch norm {bn:.4}");
        assert!(
            bn >= plain + 0.10,
            "seed {seed}: batch norm {bn} vs plain {plain}"
        );
    }
}

fn deep(seed: u64, skip: bool) -> Network {
    let mut sizes = vec![784];
    sizes.extend([30; 8]);
    sizes.push(10);
    Network::network2(&sizes, seed).unwrap().with_skip(skip)
}

fn epoch0_ratio(net: Network) -> f64 {
    let hyper = gradscope::Hyper {
        eta: 0.1,
        lambda: 5.0,
        batch: 1000,
    };
    let speeds = Run::new(net, first_1000(), None, hyper, 0)
        .unwrap()
        .measure()
        .speeds;
    speeds[speeds.len() - 1] / speeds[0]
}

#[test]
fn skip_connections_keep_eight_sigmoid_layers_at_one_speed() {
    for seed in 0..4 {
        let (plain, skip) = (
            epoch0_ratio(deep(seed, false)),
            epoch0_ratio(deep(seed, true)),
        );
        eprintln!("seed {seed}: last/first speed plain {plain:.3e}, skip {skip:.3}");
        assert!(skip <= 3.0, "seed {seed}: skip ratio {skip}");
        // The book's pattern, ~4–5× per layer over 7 steps: thousands at least.
        assert!(plain >= 1000.0, "seed {seed}: plain ratio {plain}");
    }
}

#[test]
fn remedies_round_trip_through_network2_json_and_plain_files_stay_plain() {
    let plain: Network = Network::network2(&[784, 30, 30, 10], 1).unwrap();
    let text = to_json(&plain);
    assert!(
        !text.contains("batchNorm") && !text.contains("skip"),
        "{text:.200}"
    );
    let train = Arc::new(first_1000());
    let config = Config {
        batch_norm: true,
        skip: true,
        ..Config::default()
    };
    let mut run = config.build(&train, None).unwrap();
    run.epoch();
    assert!(run.net.batch_norm.as_ref().is_some_and(|bn| !bn.is_fresh()));
    let text = to_json(&run.net);
    assert!(text.contains("\"batchNorm\":{\"gamma\"") && text.contains("\"skip\":true"));
    let back: Network = from_json(&text).unwrap();
    assert_eq!(back, run.net);
    // A wrong number of lists is refused with the key named.
    let broken = text.replacen("\"gamma\":[[", "\"gamma\":[[1],[", 1);
    let err = from_json::<f32>(&broken).unwrap_err().to_string();
    assert!(err.contains("gamma"), "{err}");
}

#[test]
fn a_runs_label_names_its_remedies() {
    let config = Config {
        batch_norm: true,
        skip: true,
        clip: 1.5,
        ..Config::default()
    };
    assert_eq!(
        label(&config, false),
        "2 hidden · sigmoid · network2 · seed 1 · batch norm · skip · clip 1.5"
    );
    assert_eq!(
        label(&Config::default(), false),
        "2 hidden · sigmoid · network2 · seed 1"
    );
}

/// Clipping scales every layer's step by one factor: on an exploded net (the later layers' weights
/// × 6), each layer's clipped step is the unclipped one times the same c/‖g‖, so the ratio between
/// the layers' steps (and speeds) is unchanged.
#[test]
fn clipping_scales_every_layer_by_the_same_factor() {
    let train = first_1000();
    let mut net: Network = Network::network2(&[784, 30, 30, 30, 10], 2).unwrap();
    for layer in 2..=3 {
        gradscope::edit::scale_layer(&mut net, layer, 6.0);
    }
    let hyper = gradscope::Hyper {
        eta: 0.1,
        lambda: 0.0,
        batch: 1000,
    };
    // ‖Δb^l‖ of each layer after one full-batch step (λ = 0: Δb = −η·factor·∂C/∂b).
    let step = |clip: Option<f64>| -> Vec<f64> {
        let mut run = Run::new(net.clone(), train.clone(), None, hyper, 0).unwrap();
        run.clip = clip;
        run.epoch();
        (run.net.biases.iter().zip(&net.biases))
            .map(|(after, before)| f64::from((after - before).mapv(|d| d * d).sum()).sqrt())
            .collect()
    };
    let free = step(None);
    // A threshold of a third of the step's own size (‖Δ‖/η bounds ‖g‖ from below) binds.
    let c = free.iter().map(|d| d * d).sum::<f64>().sqrt() / hyper.eta / 3.0;
    let clipped = step(Some(c));
    let factor = clipped[0] / free[0];
    assert!(factor < 0.5, "the threshold must bind: factor {factor}");
    eprintln!("free {free:?}, clipped {clipped:?}, factor {factor}");
    for (l, (c, f)) in clipped.iter().zip(&free).enumerate() {
        // f32 steps of ~1e-3 on biases of ~1: 1e-3 relative.
        assert!(
            (c / f / factor - 1.0).abs() < 1e-3,
            "layer {}: {} vs {factor}",
            l + 1,
            c / f
        );
    }
}

/// A batch-norm mini-batch is one unit of work: too large a one for the net is refused, with the
/// largest that fits ([784,100,100,100,10]: 99,400 weights; 3e7 / 99,400 = 301 images).
#[test]
fn batch_norm_refuses_a_mini_batch_too_large_to_train_in_one_piece() {
    let config = |batch| Config {
        sizes: vec![784, 100, 100, 100, 10],
        images: 8000,
        batch,
        batch_norm: true,
        ..Config::default()
    };
    let err = config(1000).check().unwrap_err().to_string();
    assert!(err.contains("at most 301 images, not 1000"), "{err}");
    assert!(config(60).check().is_ok());
    assert!(Config {
        batch_norm: false,
        ..config(1000)
    }
    .check()
    .is_ok());
    // The tour's and the page's default nets at full batch fit.
    let tour = Config {
        sizes: vec![784, 30, 30, 30, 30, 10],
        batch_norm: true,
        ..Config::default()
    };
    assert!(tour.check().is_ok());
}
