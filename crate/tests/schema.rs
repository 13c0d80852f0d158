//! The settings schema is what Rust enforces: every numeric network setting accepts its range's
//! ends and refuses values just outside with a message naming the setting and the range; the
//! defaults in the schema are the defaults of `Config` and pass its checks.

use gradscope::chain::Chain;
use gradscope::schema::{schema, Kind};
use gradscope::Config;
use serde_json::{json, Value};

fn setting(key: &str) -> Value {
    let all = schema()["settings"].as_array().unwrap().clone();
    all.into_iter().find(|s| s["key"] == key).unwrap()
}

/// The default config with `key` set to `value` (as JSON, so that the table drives the test).
fn config_with(key: &str, value: Value) -> Config {
    let mut json = serde_json::to_value(Config::default()).unwrap();
    json[key] = value;
    if key == "images" {
        json["batch"] = json!(1); // a mini-batch is at most the images
    }
    serde_json::from_value(json).unwrap()
}

#[test]
fn every_network_number_is_checked_against_its_schema_range() {
    for key in ["scale", "seed", "images", "batch", "eta", "lambda"] {
        let s = setting(key);
        let (min, max) = (
            s["limit"]["min"].as_f64().unwrap(),
            s["limit"]["max"].as_f64().unwrap(),
        );
        let label = s["limit"]["label"].as_str().unwrap();
        let integer = s["limit"]["integer"] == true;
        let value = |x: f64| {
            if integer {
                json!(x.round() as i64)
            } else {
                json!(x)
            }
        };
        for ok in [min, max] {
            assert!(config_with(key, value(ok)).check().is_ok(), "{key} = {ok}");
        }
        // Just outside each end (seed's min 0 is the end of u64 too; scale and eta are > 0).
        let outside = [
            min - (max - min) * 1e-3 - 1e-9,
            max + (max - min) * 1e-3 + 1.0,
        ];
        for bad in outside {
            let value = value(bad);
            let Ok(config) = serde_json::from_value::<Config>({
                let mut j = serde_json::to_value(Config::default()).unwrap();
                j[key] = value.clone();
                j
            }) else {
                continue; // a negative whole number is not even a u64/usize: refused on reading
            };
            let err = config.check().unwrap_err().to_string();
            assert!(err.contains(label), "{key} = {value}: {err}");
            assert!(
                err.contains(&format!("from {min} to {max}")),
                "{key}: {err}"
            );
        }
    }
}

#[test]
fn sizes_follow_the_hidden_and_width_limits() {
    let s = schema();
    let (hidden, width) = (
        s["hidden"]["max"].as_f64().unwrap() as u64,
        s["width"]["max"].as_f64().unwrap() as u64,
    );
    let deepest: Vec<u64> = [784]
        .into_iter()
        .chain(vec![5; hidden as usize])
        .chain([10])
        .collect();
    assert!(config_with("sizes", json!(deepest)).check().is_ok());
    let deeper: Vec<u64> = [784]
        .into_iter()
        .chain(vec![5; hidden as usize + 1])
        .chain([10])
        .collect();
    assert!(config_with("sizes", json!(deeper)).check().is_err());
    assert!(config_with("sizes", json!([784, width, 10]))
        .check()
        .is_ok());
    let err = config_with("sizes", json!([784, width + 1, 10]))
        .check()
        .unwrap_err();
    assert!(err.to_string().contains("Neurons per layer"), "{err}");
    assert!(config_with("sizes", json!([784, 10])).check().is_err());
    assert!(config_with("sizes", json!([700, 30, 10])).check().is_err());
}

#[test]
fn schema_defaults_are_the_configs_and_pass_its_checks() {
    let defaults = serde_json::to_value(Config::default()).unwrap();
    for s in schema()["settings"].as_array().unwrap() {
        if s["group"] == "network" {
            assert_eq!(s["default"], defaults[s["key"].as_str().unwrap()], "{s}");
            assert_eq!(s["restarts"], true, "{s}");
        } else {
            assert_eq!(s["restarts"], false, "{s}");
        }
    }
    assert!(Config::default().check().is_ok());
    assert_eq!(setting("activation")["choices"][2], json!(["relu", "ReLU"]));
    assert_eq!(serde_json::to_value(Kind::Sizes).unwrap(), "sizes");
}

#[test]
fn the_chain_is_checked_against_its_schema_limits() {
    let w = setting("w")["limit"]["max"].as_f64().unwrap();
    let depth = setting("depth")["limit"]["max"].as_f64().unwrap() as usize;
    let chain = |ws: Vec<f64>, a0: f64| {
        let b = vec![0.0; ws.len()];
        Chain::from_settings(&json!({"w": ws, "b": b, "a0": a0, "y": 0}).to_string())
    };
    assert!(chain(vec![w; depth], 0.5).is_ok());
    assert!(chain(vec![-w; depth], 0.5).is_ok());
    assert!(chain(vec![w + 1.0], 0.5).is_err());
    assert!(chain(vec![1.0; depth + 1], 0.5).is_err());
    assert!(
        chain(vec![1.0], 1.5).is_err(),
        "a0 is an activation, in [0, 1]"
    );
    assert!(chain(vec![], 0.5).is_err());
}

#[test]
fn absurd_sizes_are_refused_by_their_weight_count() {
    use gradscope::network::MAX_WEIGHTS;
    // [784, 4096×6, 10]: 784·4096 + 5·4096² + 4096·10 = 87,138,304 weights (issue 15, reproducer 2).
    let sizes = [784, 4096, 4096, 4096, 4096, 4096, 4096, 10];
    let err = gradscope::network::check_sizes(&sizes)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("87138304 weights") && err.contains(&MAX_WEIGHTS.to_string()),
        "{err}"
    );
    let err = config_with("sizes", json!(sizes))
        .check()
        .unwrap_err()
        .to_string();
    assert!(err.contains("Neurons per layer"), "{err}");
    // Three layers of 1,000: 784,000 + 2·1,000,000 + 10,000 weights, over the cap.
    let err = config_with("sizes", json!([784, 1000, 1000, 1000, 10]))
        .check()
        .unwrap_err();
    assert!(err.to_string().contains("2794000 weights"), "{err}");
    // 784·1000 + 1000·10 = 794,000 weights: accepted.
    assert!(config_with("sizes", json!([784, 1000, 10])).check().is_ok());
}

#[test]
fn a_large_net_works_in_small_units() {
    use gradscope::session::{unit_rows, UNIT_ROWS, UNIT_WORK};
    assert_eq!(
        unit_rows(&[784, 30, 30, 10]),
        UNIT_ROWS,
        "the book's nets keep 250 rows"
    );
    // 794,000 weights: 7,500,000 / 794,000 = 9 rows per unit.
    assert_eq!(unit_rows(&[784, 1000, 10]), 9);
    assert!(unit_rows(&[784, 1000, 10]) * 794_000 <= UNIT_WORK);
}

#[test]
fn explode_reads_all_1000_images_of_the_books_nets() {
    use gradscope::network::weight_count;
    use gradscope::session::EXPLODE_WORK;
    // [784,30,30,30,30,10]: 784·30 + 3·30·30 + 30·10 = 26,520 weights, 4 hidden layers.
    assert_eq!(weight_count(&[784, 30, 30, 30, 30, 10]), 26_520);
    let images = EXPLODE_WORK / (weight_count(&[784, 30, 30, 30, 30, 10]) * 4);
    assert!(images >= 1000, "{images}");
}
