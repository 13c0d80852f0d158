//! The `gradscope` command: JSON on stdout, determinism, and one-line errors with exit code 2.

use gradscope::network2_json::from_json;
use gradscope::Network;
use serde_json::Value;

mod common;
use common::cli::{gradscope, lines, ok, TRAIN};

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn init_is_network2_json_and_deterministic() {
    let a = ok(&["init", "--sizes", "784,30,30,10", "--seed", "7"]);
    assert_eq!(
        a,
        ok(&["init", "--sizes", "784,30,30,10", "--seed", "7"]),
        "same seed, same bytes"
    );
    assert_ne!(a, ok(&["init", "--sizes", "784,30,30,10", "--seed", "8"]));
    let net: Network<f64> = from_json(&a).unwrap();
    assert_eq!(net.sizes, vec![784, 30, 30, 10]);
    // network2's default initialiser: weights ~ N(0, 1/784) in the first layer, sd 1/28.
    let sd =
        (net.weights[0].iter().map(|w| w * w).sum::<f64>() / net.weights[0].len() as f64).sqrt();
    assert!((sd * 28.0 - 1.0).abs() < 0.03, "sd {sd}");
    let large: Network<f64> = from_json(&ok(&[
        "init",
        "--sizes",
        "784,30,10",
        "--init",
        "large",
        "--scale",
        "2",
    ]))
    .unwrap();
    let sd = (large.weights[0].iter().map(|w| w * w).sum::<f64>() / large.weights[0].len() as f64)
        .sqrt();
    assert!((sd / 2.0 - 1.0).abs() < 0.03, "sd {sd}");
}

#[test]
fn train_epoch0_is_the_fresh_net_and_later_epochs_follow() {
    let dir = std::env::temp_dir().join(format!("gradscope-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("net.json");
    std::fs::write(
        &file,
        ok(&["init", "--sizes", "784,20,20,10", "--seed", "3"]),
    )
    .unwrap();
    let speeds: Value = serde_json::from_str(&ok(&[
        "speeds",
        "--network",
        file.to_str().unwrap(),
        "--images",
        "1000",
    ]))
    .unwrap();
    let same: Value = serde_json::from_str(&ok(&[
        "speeds",
        "--sizes",
        "784,20,20,10",
        "--seed",
        "3",
        "--images",
        "1000",
    ]))
    .unwrap();
    assert_eq!(speeds, same, "a saved net measures as the fresh one");
    assert_eq!(speeds["bars"].as_array().unwrap().len(), 2);
    assert_eq!(floats(&speeds["bars"][0]).len(), 6);
    let bars = floats(&speeds["bars"][1]);
    let norm6 = bars.iter().map(|b| b * b).sum::<f64>().sqrt();
    assert!(
        norm6 <= floats(&speeds["speeds"])[1],
        "six of twenty neurons cannot exceed the layer's norm"
    );

    let saved = dir.join("trained.json");
    let args = [
        "train",
        "--network",
        file.to_str().unwrap(),
        "--epochs",
        "3",
        "--batch",
        "10",
        "--eta",
        "0.5",
        "--lambda",
        "1",
        "--images",
        "1000",
        "--validation",
        "--save",
        saved.to_str().unwrap(),
        "--seed",
        "1",
    ];
    let out = ok(&args);
    assert_eq!(out, ok(&args), "same seed, byte-identical training");
    let records = lines(&out);
    assert_eq!(records.len(), 4);
    for (e, r) in records.iter().enumerate() {
        assert_eq!(r["epoch"].as_u64(), Some(e as u64));
        let acc = r["accuracy"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&acc));
    }
    assert_eq!(
        records[0]["speeds"], speeds["speeds"],
        "epoch 0 is measured before any update"
    );
    let (first, last) = (
        records[0]["accuracy"].as_f64().unwrap(),
        records[3]["accuracy"].as_f64().unwrap(),
    );
    assert!(
        last > first + 0.3,
        "3 epochs of SGD should learn something: {first} → {last}"
    );
    let trained: Value = serde_json::from_str(&ok(&[
        "speeds",
        "--network",
        saved.to_str().unwrap(),
        "--images",
        "1000",
    ]))
    .unwrap();
    assert_eq!(
        trained["speeds"], records[3]["speeds"],
        "the saved net is the one measured last"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_arguments_are_named() {
    // `train` requires --batch, --eta and --lambda (they have no default in args.rs): clap's
    // whole error, on one line, names each of them and not the --sizes that was given.
    let args: Vec<&str> = TRAIN.split_whitespace().collect();
    let out = gradscope(&args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(
        err.contains("required arguments were not provided"),
        "{err:?}"
    );
    for name in ["--batch", "--eta", "--lambda"] {
        assert!(err.contains(name), "{err:?} should name {name}");
    }
    let named = err.split("Usage:").next().unwrap_or_default();
    assert!(!named.contains("--sizes"), "{err:?}");
}

#[test]
fn bad_input_is_one_line_on_stderr_with_exit_code_2() {
    let dir = std::env::temp_dir().join(format!("gradscope-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"sizes\": [784, 30, 10], \"weights\": [], \"biases\": [], \"cost\": \"CrossEntropyCost\"}").unwrap();
    let broken = broken.to_str().unwrap();
    let huge = dir.join("huge.json");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(gradscope::schema::MAX_IMPORT_BYTES as u64 + 1)
        .unwrap();
    let huge = huge.to_str().unwrap();
    let cases: Vec<(String, &str)> = vec![
        ("init".into(), "--sizes"),
        ("init --sizes 784,0,10".into(), "1 to 4096"),
        ("init --sizes 784,99999,10".into(), "1 to 4096"),
        // The old memory reproducer: 784·4096 + 9·4096² + 4096·10 = 154,247,168 weights.
        (
            format!("init --sizes 784{},10", ",4096".repeat(10)),
            "154247168 weights",
        ),
        ("init --sizes 784,x,10".into(), "invalid value"),
        ("init --sizes 3,2 --scale NaN".into(), "finite"),
        (
            "init --sizes 3,2 --init zeros".into(),
            "unknown initialisation",
        ),
        (
            "speeds --sizes 784,30,10 --images 0".into(),
            "first 0 images",
        ),
        (
            "speeds --sizes 784,30,10 --images 9000".into(),
            "first 9000 images",
        ),
        ("speeds --sizes 3,30,10".into(), "do not fit the data"),
        ("speeds --network /nonexistent.json".into(), "cannot read"),
        // schema::MAX_IMPORT_BYTES is 32 MiB = 33,554,432 bytes; `huge` is one byte more.
        (
            format!("speeds --network {huge}"),
            "at most 33554432 bytes (32 MiB)",
        ),
        (
            format!("speeds --network {broken}"),
            "\"weights\" has 0 entries",
        ),
        (
            format!("{TRAIN} --batch 10 --eta NaN --lambda 5"),
            "learning rate",
        ),
        (
            format!("{TRAIN} --batch 0 --eta 1 --lambda 5"),
            "mini-batch",
        ),
        (
            format!("{TRAIN} --batch 10 --eta 1 --lambda -1"),
            "regularisation",
        ),
        (
            "speeds --sizes 784,30,10 --data /nonexistent".into(),
            "cannot read",
        ),
        ("frobnicate".into(), "unrecognized subcommand"),
        ("chain --preset explode --depth 11".into(), "1 to 10 layers"),
        ("chain --w 1,2 --b 1".into(), "one w and one b"),
        ("chain --w NaN --b 1".into(), "finite"),
    ];
    for (line, why) in cases {
        let args: Vec<&str> = line.split_whitespace().collect();
        let out = gradscope(&args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err:?}");
        assert!(
            err.contains(why) && !err.contains("panicked"),
            "{args:?}: {err:?} should say {why:?}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn reproduce_writes_the_four_figures_and_the_tables() {
    let dir = std::env::temp_dir().join(format!("gradscope-rep-{}", std::process::id()));
    let out = ok(&[
        "reproduce",
        "--out",
        dir.to_str().unwrap(),
        "--epochs",
        "4",
        "--accuracy-epochs",
        "1",
        "--bn-steps",
        "100",
    ]);
    assert!(
        out.contains("Epoch-0 learning speeds") && out.contains("[0.0030 0.0171 0.0695 0.2851]"),
        "{out}"
    );
    for (name, needle) in [
        ("bars.svg", "δ"),
        ("speeds-2.svg", "Hidden layer 2"),
        ("speeds-3.svg", "Hidden layer 3"),
        ("speeds-4.svg", "Hidden layer 4"),
        ("batch-norm-accuracy.svg", "with batch norm"),
        ("batch-norm-input-plain.svg", "85th percentile"),
        ("batch-norm-input-bn.svg", "15th percentile"),
    ] {
        let svg = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains(needle), "{name}");
    }
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("results.json")).unwrap()).unwrap();
    let ours = floats(&results["speeds_4"]["median"]);
    assert!(ours.windows(2).all(|p| p[0] < p[1]), "{ours:?}");
    // Ioffe & Szegedy's Fig. 1a shape after 100 steps: the batch-norm net far ahead (seed 0 measured:
    // 14.25 % vs 87.10 %), and its sigmoid's input percentiles in order.
    let bn = &results["batch_norm"];
    let (plain, with) = (
        bn["accuracy_plain"].as_f64().unwrap(),
        bn["accuracy_bn"].as_f64().unwrap(),
    );
    assert!(
        with >= plain + 10.0,
        "batch norm {with} % vs plain {plain} %"
    );
    let p = floats(&bn["percentiles_bn"]);
    assert!(p[0] < p[1] && p[1] < p[2], "{p:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn chain_prints_the_explorers_numbers() {
    let out: Value = serde_json::from_str(&ok(&[
        "chain", "--preset", "explode", "--depth", "5", "--a0", "0.2",
    ]))
    .unwrap();
    assert!(floats(&out["factors"])
        .iter()
        .all(|f| (f - 25.0).abs() < 1e-9));
    let g = floats(&out["grad_b"]);
    assert!((g[0] / g[4] / 25f64.powi(4) - 1.0).abs() < 1e-9);
    // w = (1, 2), b = 0, a0 = ½, y = 0: ∂C/∂b_1 = σ′(½)·2·σ′(z_2)·a_2 = 0.06334785396431977 (by hand).
    let two: Value = serde_json::from_str(&ok(&["chain", "--w", "1,2", "--b", "0,0"])).unwrap();
    assert!((floats(&two["grad_b"])[0] - 0.063_347_853_964_319_77).abs() < 1e-15);
}
