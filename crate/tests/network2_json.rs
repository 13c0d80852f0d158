//! network2's JSON: a file in `Network.save`'s exact layout loads; export → import is identical;
//! malformed files give descriptive errors.

use gradscope::network2_json::{from_json, to_json};
use gradscope::{Activation, Cost, Init, Network};

const FIXTURE: &str = include_str!("fixtures/network2_3_2_2.json");

#[test]
fn a_network2_file_loads_with_its_values() {
    let net: Network<f64> = from_json(FIXTURE).unwrap();
    assert_eq!(net.sizes, vec![3, 2, 2]);
    assert_eq!(net.weights[0].dim(), (2, 3));
    assert_eq!(net.weights[0][[0, 1]], -1.5);
    assert_eq!(net.weights[0][[1, 2]], -0.75);
    assert_eq!(net.weights[1][[1, 1]], 3.25);
    assert_eq!(net.biases[0].to_vec(), vec![0.5, -0.25]);
    assert_eq!(net.biases[1].to_vec(), vec![1.5, -2.0]);
    assert_eq!(net.cost, Cost::CrossEntropy);
    assert_eq!(net.activation, Activation::Sigmoid);
}

#[test]
fn export_then_import_is_identical() {
    for activation in [Activation::Sigmoid, Activation::Tanh] {
        let net: Network = Network::new(
            &[784, 30, 30, 10],
            Init::Network2,
            1.0,
            activation,
            Cost::Quadratic,
            4,
        )
        .unwrap();
        let text = to_json(&net);
        let back: Network = from_json(&text).unwrap();
        assert_eq!(back, net);
        assert_eq!(to_json(&back), text);
    }
    let f64net: Network<f64> = from_json(FIXTURE).unwrap();
    let value: serde_json::Value = serde_json::from_str(&to_json(&f64net)).unwrap();
    let original: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    assert_eq!(
        value, original,
        "re-export keeps network2's layout key for key"
    );
}

#[test]
fn malformed_files_say_what_is_wrong() {
    let good = FIXTURE.to_string();
    let cases: Vec<(String, &str)> = vec![
        ("{".into(), "not network2 JSON"),
        ("[]".into(), "not network2 JSON"),
        (
            good.replace("\"sizes\"", "\"sises\""),
            "missing field `sizes`",
        ),
        (
            good.replace("[3, 2, 2]", "[3, 2]"),
            "\"weights\" has 2 entries",
        ),
        (
            good.replace("[3, 2, 2]", "[4, 2, 2]"),
            "weights[0] must be 2 × 4",
        ),
        (
            good.replace("[[0.5], [-0.25]]", "[[0.5]]"),
            "biases[0] must be 2 × 1",
        ),
        (
            good.replace("[[0.5], [-0.25]]", "[[0.5, 1.0], [-0.25]]"),
            "biases[0] must be 2 × 1",
        ),
        (good.replace("0.125", "NaN"), "non-finite"),
        (good.replace("0.125", "Infinity"), "non-finite"),
        (good.replace("0.125", "1e999"), "not network2 JSON"),
        (good.replace("0.125", "\"x\""), "not network2 JSON"),
        (
            good.replace("CrossEntropyCost", "LogLikelihoodCost"),
            "\"cost\": unknown cost",
        ),
        (
            good.replace("[3, 2, 2]", "[3, 5000, 2]"),
            "\"sizes\": layer 1 has 5000 neurons",
        ),
        (
            good.replace("[3, 2, 2]", "[3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]"),
            "at most 12 layers",
        ),
        (good.replace("[3, 2, 2]", "[3, -2, 2]"), "not network2 JSON"),
    ];
    for (text, why) in cases {
        let err = from_json::<f32>(&text).unwrap_err().to_string();
        assert!(err.contains(why), "{err:?} should say {why:?}");
    }
}
