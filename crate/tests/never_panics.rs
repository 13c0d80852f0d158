#![cfg(not(target_arch = "wasm32"))]
//! Property tests: random sizes, hyper-parameters, JSON and IDX bytes give results or errors, never panics.

use gradscope::network2_json::from_json;
use gradscope::{Activation, Cost, Dataset, Hyper, Init, Network, Run};
use ndarray::Array2;
use proptest::prelude::*;

fn tiny_data(n: usize, inputs: usize, outputs: usize) -> Dataset {
    let x = Array2::from_shape_fn((n, inputs), |(i, j)| ((i * 7 + j * 3) % 11) as f32 / 10.0);
    let mut y = Array2::zeros((n, outputs));
    (0..n).for_each(|i| y[[i, i % outputs]] = 1.0);
    Dataset::new(x, y, (0..n).map(|i| (i % outputs) as u8).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn any_sizes_and_hyper_parameters(
        sizes in prop::collection::vec(0usize..12, 0..15),
        seed in any::<u64>(),
        scale in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(1e300), -1e3..1e3f64],
        eta in prop_oneof![Just(f64::NAN), Just(-1.0), Just(1e300), 0.0..100.0f64],
        lambda in prop_oneof![Just(f64::INFINITY), 0.0..100.0f64],
        batch in 0usize..40,
        n in 1usize..30,
        act in 0usize..3,
    ) {
        let activation = [Activation::Sigmoid, Activation::Tanh, Activation::Relu][act];
        if let Ok(net) = Network::<f32>::new(&sizes, Init::Large, scale, activation, Cost::Quadratic, seed) {
            let data = tiny_data(n, sizes[0], *sizes.last().unwrap());
            if let Ok(mut run) = Run::new(net, data, None, Hyper { eta, lambda, batch }, seed) {
                for _ in 0..3 { let _ = run.epoch(); }
                for _ in 0..5 { let _ = run.work(3); let _ = run.start_epoch(); }
                run.net_changed();
                let r = run.measure();
                prop_assert_eq!(r.speeds.len(), sizes.len() - 2);
            }
        }
    }

    #[test]
    fn any_json_text(text in ".{0,200}") {
        let _ = from_json::<f32>(&text);
    }

    #[test]
    fn any_network2_shaped_json(
        sizes in prop::collection::vec(0i64..6, 0..5),
        rows in prop::collection::vec(prop::collection::vec(-1e40..1e40f64, 0..4), 0..4),
        cost in prop_oneof![Just("CrossEntropyCost"), Just("QuadraticCost"), Just("x")],
    ) {
        let json = serde_json::json!({"sizes": sizes, "weights": [rows.clone(), rows.clone()],
            "biases": [rows.clone(), rows], "cost": cost}).to_string();
        let _ = from_json::<f32>(&json);
    }

    #[test]
    fn any_idx_bytes(bytes in prop::collection::vec(any::<u8>(), 0..64), labels in prop::collection::vec(any::<u8>(), 0..16)) {
        let mut images = vec![0, 0, 8, 3];
        images.extend_from_slice(&bytes);
        let _ = Dataset::<f32>::from_idx(&images, &labels);
        let _ = Dataset::<f32>::from_idx(&bytes, &labels);
    }
}
