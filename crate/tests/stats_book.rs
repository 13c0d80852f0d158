//! Issue 13's statistics on 2-2-2-1 nets computed by hand (sigmoid, tanh, ReLU), and on the book's
//! [784,30,30,30,30,10] (seed 1, first 1,000 images): at epoch 0 every factor ‖δ^l‖/‖δ^{l+1}‖ is
//! below 1 and their product is ‖δ¹‖/‖δ⁴‖; after Explode the first factor is above 1.

mod data;

use gradscope::edit::explode;
use gradscope::session::EXPLODE_GAIN;
use gradscope::stats::Stats;
use gradscope::{Activation, Cost, Dataset, Hyper, Network, Run};
use ndarray::{arr1, arr2, Array2};

/// A 2-2-2-1 net of the given weights and biases (cross-entropy, output sigmoid).
fn net(act: Activation, w: [Array2<f64>; 3], b: [[f64; 2]; 2], b_out: f64) -> Network<f64> {
    Network {
        sizes: vec![2, 2, 2, 1],
        weights: w.to_vec(),
        biases: vec![arr1(&b[0]), arr1(&b[1]), arr1(&[b_out])],
        activation: act,
        cost: Cost::CrossEntropy,
        batch_norm: None,
        skip: false,
    }
}

/// The stats of `net` measured on the single image `x` with target 1.
fn stats_of(net: Network<f64>, x: [f64; 2]) -> Stats {
    let data = Dataset::new(arr2(&[x]), arr2(&[[1.0]]), vec![1]);
    let hyper = Hyper {
        eta: 0.1,
        lambda: 0.0,
        batch: 1,
    };
    let mut run = Run::new(net, data, None, hyper, 0).unwrap();
    run.collect_stats();
    run.measure().stats.unwrap()
}

fn close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 1e-12, "{got:?} vs {want:?}");
    }
}

fn check(s: &Stats, want: &Stats) {
    close(
        &s.factors.iter().map(|f| f.unwrap()).collect::<Vec<_>>(),
        &want.factors.iter().map(|f| f.unwrap()).collect::<Vec<_>>(),
    );
    close(&s.sigma_prime_mean, &want.sigma_prime_mean);
    close(&s.weight_norms, &want.weight_norms);
    close(&s.saturated, &want.saturated);
    close(
        &s.activation_percentiles.concat(),
        &want.activation_percentiles.concat(),
    );
    close(
        &s.gradient_percentiles.concat(),
        &want.gradient_percentiles.concat(),
    );
}

#[test]
fn sigmoid_2_2_2_1_by_hand() {
    // x = (0, 0), b¹ = 0: z¹ = 0, a¹ = (½, ½); b² = −W²a¹ = (−1, −1): z² = 0, a² = (½, ½);
    // b³ = −W³a² = −2: z³ = 0, a³ = ½, y = 1, δ³ = a − y = −½. Every σ′ = ¼ (none < 0.025).
    // δ² = (W³)ᵀδ³ ⊙ σ′ = (4, 0)·(−½)·¼ = (−½, 0); δ¹ = (W²)ᵀδ² ⊙ ¼ = (2·(−½), 0)·¼ = (−¼, 0).
    let s = stats_of(
        net(
            Activation::Sigmoid,
            [
                arr2(&[[1.0, 1.0], [1.0, 1.0]]),
                arr2(&[[2.0, 0.0], [0.0, 2.0]]),
                arr2(&[[4.0, 0.0]]),
            ],
            [[0.0, 0.0], [-1.0, -1.0]],
            -2.0,
        ),
        [0.0, 0.0],
    );
    check(
        &s,
        &Stats {
            factors: vec![Some(0.5)], // ‖δ¹‖/‖δ²‖ = ¼ / ½
            sigma_prime_mean: vec![0.25, 0.25],
            weight_norms: vec![2.0, 8.0_f64.sqrt()], // √((4+4)/2), √(16/2)
            activation_percentiles: vec![[0.5; 3], [0.5; 3]],
            saturated: vec![0.0, 0.0],
            // |δ¹| = (¼, 0): p10 = 0 + 0.1·¼, p50 = ½·¼, p90 = 0.9·¼; |δ²| = (½, 0) likewise.
            gradient_percentiles: vec![[0.025, 0.125, 0.225], [0.05, 0.25, 0.45]],
        },
    );
}

#[test]
fn tanh_2_2_2_1_by_hand() {
    // x = 0, b = 0: every z = 0, a = tanh 0 = 0, σ′ = 1; z³ = 0, a³ = ½, δ³ = −½.
    // δ² = (1, 2)·(−½) = (−½, −1); δ¹ = (W²)ᵀδ² = (1·(−½), 3·(−1)) = (−½, −3).
    let s = stats_of(
        net(
            Activation::Tanh,
            [
                arr2(&[[1.0, 1.0], [1.0, 1.0]]),
                arr2(&[[1.0, 0.0], [0.0, 3.0]]),
                arr2(&[[1.0, 2.0]]),
            ],
            [[0.0, 0.0], [0.0, 0.0]],
            0.0,
        ),
        [0.0, 0.0],
    );
    check(
        &s,
        &Stats {
            factors: vec![Some((9.25_f64 / 1.25).sqrt())], // √(¼ + 9) / √(¼ + 1)
            sigma_prime_mean: vec![1.0, 1.0],
            weight_norms: vec![5.0_f64.sqrt(), 2.5_f64.sqrt()], // √((1+9)/2), √((1+4)/2)
            activation_percentiles: vec![[0.0; 3], [0.0; 3]],
            saturated: vec![0.0, 0.0],
            // |δ¹| = (½, 3): ½ + p·2.5; |δ²| = (½, 1): ½ + p·½.
            gradient_percentiles: vec![[0.75, 1.75, 2.75], [0.55, 0.75, 0.95]],
        },
    );
}

#[test]
fn relu_2_2_2_1_by_hand() {
    // x = (1, 2): z¹ = (1, −2), a¹ = (1, 0), σ′ = (1, 0) (one of two inactive, z ≤ 0);
    // z² = (1·1 + 1·0, −1·1 + 0 + ½) = (1, −½), a² = (1, 0); z³ = 2·1 + 3·0 − 2 = 0, δ³ = −½.
    // δ² = (2, 3)·(−½) ⊙ (1, 0) = (−1, 0); δ¹ = (1·(−1) + (−1)·0, 1·(−1) + 0) ⊙ (1, 0) = (−1, 0).
    let s = stats_of(
        net(
            Activation::Relu,
            [
                arr2(&[[1.0, 0.0], [0.0, -1.0]]),
                arr2(&[[1.0, 1.0], [-1.0, 0.0]]),
                arr2(&[[2.0, 3.0]]),
            ],
            [[0.0, 0.0], [0.0, 0.5]],
            -2.0,
        ),
        [1.0, 2.0],
    );
    check(
        &s,
        &Stats {
            factors: vec![Some(1.0)],
            sigma_prime_mean: vec![0.5, 0.5],
            weight_norms: vec![1.5_f64.sqrt(), 6.5_f64.sqrt()], // √((1+1+1)/2), √((4+9)/2)
            activation_percentiles: vec![[0.15, 0.5, 0.85]; 2], // of {0, 1}: p/100
            saturated: vec![0.5, 0.5],
            gradient_percentiles: vec![[0.1, 0.5, 0.9]; 2], // of {0, 1}
        },
    );
}

/// The book's deepest net, seed 1, measured with stats on the first 1,000 images.
fn book_run() -> Run {
    let net = Network::network2(&[784, 30, 30, 30, 30, 10], 1).unwrap();
    // The chapter's curves: full batch of 1,000, η = 0.1, λ = 5.
    let hyper = Hyper {
        eta: 0.1,
        lambda: 5.0,
        batch: 1000,
    };
    let mut run = Run::new(net, data::first_1000(), None, hyper, 1).unwrap();
    run.collect_stats();
    run
}

#[test]
fn book_net_factors_shrink_and_multiply_to_the_speed_ratio() {
    let mut run = book_run();
    let record = run.measure();
    let stats = record.stats.clone().unwrap();
    let factors: Vec<f64> = stats.factors.iter().map(|f| f.unwrap()).collect();
    assert_eq!(factors.len(), 3);
    assert!(factors.iter().all(|&f| f < 1.0), "{factors:?}");
    let product: f64 = factors.iter().product();
    let s = &record.speeds;
    assert!(
        (product - s[0] / s[3]).abs() < 1e-6,
        "{product} vs {}",
        s[0] / s[3]
    );
    // ‖δ¹‖ and ‖δ⁴‖ again from an f64 copy of the net, measured without the stats (same seed):
    // the f32 run agrees to about 1e-5 relative.
    let net64: Network<f64> = run.net.cast();
    let data64 = data::first_1000_f64();
    let hyper = Hyper {
        eta: 0.0,
        lambda: 0.0,
        batch: 1,
    };
    let s64 = Run::new(net64, data64, None, hyper, 0)
        .unwrap()
        .measure()
        .speeds;
    assert!(
        (product / (s64[0] / s64[3]) - 1.0).abs() < 1e-4,
        "{product} vs {s64:?}"
    );
    // The chapter's reading: mean σ′ near 0.2 (≤ ¼), weights of RMS length near 1.
    assert!(
        stats.sigma_prime_mean.iter().all(|&p| p > 0.1 && p <= 0.25),
        "{stats:?}"
    );
}

#[test]
fn after_explode_the_first_factor_exceeds_one() {
    let mut run = book_run();
    explode(&mut run.net, &data::first_1000(), EXPLODE_GAIN);
    run.net_changed();
    let stats = run.measure().stats.unwrap();
    assert!(stats.factors[0].unwrap() > 1.0, "{stats:?}");
}

#[test]
fn the_session_records_stats_in_its_history_and_snapshot() {
    let mut session =
        gradscope::Session::new(data::load("train"), data::load("validation")).unwrap();
    session.advance_at_most(f64::INFINITY, true, 3, || 0.0);
    assert_eq!(session.records.len(), 3);
    assert!(session.records.iter().all(|r| r.stats.is_some()));
    let snap = serde_json::to_value(session.snapshot()).unwrap();
    let last = session.last().unwrap().stats.clone().unwrap();
    assert_eq!(
        snap["stats"]["sigmaPrimeMean"],
        serde_json::json!(last.sigma_prime_mean)
    );
    assert_eq!(
        snap["stats"]["factors"].as_array().unwrap().len(),
        1,
        "{snap}"
    );
}

#[test]
fn the_panel_and_the_bars_neurons_are_play_settings_checked_against_the_schema() {
    let mut session =
        gradscope::Session::new(data::load("train"), data::load("validation")).unwrap();
    let mut play = session.play.clone();
    assert_eq!(
        (play.panel.as_str(), play.bar_neurons.as_str()),
        ("accuracy", "six")
    );
    play.panel = "saturation".into();
    play.bar_neurons = "all".into();
    session.set_play(play.clone()).unwrap();
    assert_eq!(session.play, play);
    for bad in ["", "Saturation", "histogram"] {
        let wrong = gradscope::play::Play {
            panel: bad.into(),
            ..play.clone()
        };
        assert!(session.set_play(wrong).is_err(), "{bad:?}");
        assert_eq!(session.play, play, "a refused panel changes nothing");
    }
    // With the statistics collected, the run keeps every hidden neuron's ∂C/∂b for the bars.
    session.advance_at_most(f64::INFINITY, false, 1, || 0.0);
    let all = session.run.all_bars();
    assert_eq!(all.iter().map(Vec::len).collect::<Vec<_>>(), [30, 30]);
    let first_six = &session.last().unwrap().bars;
    assert!(all.iter().zip(first_six).all(|(a, b)| a[..6] == b[..]));
}
