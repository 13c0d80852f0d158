//! The seeded stream is the same natively and in wasm: these literal values were printed by the
//! native build, and `scripts/test` runs this file in wasm (Node) too, where they must hold exactly.

use gradscope::speeds::{mean_bias_gradient, speeds};
use gradscope::{Backprop, Dataset, Network, Rng};
use ndarray::Array2;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn seed_7_normals() {
    let mut rng = Rng::new(7);
    let got: Vec<f64> = (0..4).map(|_| rng.normal()).collect();
    assert_eq!(got, NORMALS);
}

#[test]
fn seed_7_network_and_shuffle() {
    let net: Network = Network::network2(&[784, 30, 10], 7).unwrap();
    assert_eq!(
        [
            net.biases[0][0],
            net.weights[0][[0, 0]],
            net.weights[1][[9, 29]]
        ],
        WEIGHTS
    );
    let mut order: Vec<usize> = (0..10).collect();
    Rng::with_stream(7, 1).shuffle(&mut order);
    assert_eq!(order, SHUFFLE);
}

#[test]
fn seed_7_speeds_on_synthetic_images() {
    let net: Network = Network::network2(&[16, 8, 8, 10], 7).unwrap();
    let x = Array2::from_shape_fn((20, 16), |(i, j)| ((i * 5 + j * 3) % 7) as f32 / 6.0);
    let mut y = Array2::zeros((20, 10));
    (0..20).for_each(|i| y[[i, i % 10]] = 1.0);
    let data = Dataset::new(x, y, (0..20).map(|i| (i % 10) as u8).collect());
    let s = speeds(&mean_bias_gradient(
        &net,
        &data,
        &mut Backprop::new(&net.sizes, 20),
    ));
    for (got, want) in s.iter().zip(SPEEDS) {
        assert!((got / want - 1.0).abs() < 1e-5, "{s:?}");
    }
}

const NORMALS: [f64; 4] = [
    -0.7753719332177971,
    -1.3834217200084091,
    0.8897130187430372,
    0.3597790583440233,
];
const WEIGHTS: [f32; 3] = [-0.7753719, 0.025154494, 0.27752033];
const SHUFFLE: [usize; 10] = [9, 5, 7, 1, 4, 8, 3, 2, 6, 0];
const SPEEDS: [f64; 2] = [0.0559077071294521, 0.25792795891619186];
