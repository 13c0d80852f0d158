//! The shipped binary's portable path (what an x86-64 without AVX2/FMA runs; forced here with
//! GRADSCOPE_SIMD=portable) against the level it picks on this CPU: two epochs of mini-batch SGD
//! on the shipped images give the same speeds to 1e-4 relative (only rounding differs: FMA).

mod common;

use common::cli::lines;
use std::process::Command;

fn speeds(simd: Option<&str>) -> Vec<Vec<f64>> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gradscope"));
    cmd.args([
        "train",
        "--sizes",
        "784,30,30,10",
        "--images",
        "1000",
        "--batch",
        "10",
    ])
    .args([
        "--eta", "0.1", "--lambda", "5", "--epochs", "2", "--seed", "1",
    ]);
    match simd {
        Some(level) => cmd.env("GRADSCOPE_SIMD", level),
        None => cmd.env_remove("GRADSCOPE_SIMD"),
    };
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    lines(&String::from_utf8(out.stdout).unwrap())
        .iter()
        .map(|r| {
            let s = r["speeds"].as_array().unwrap();
            s.iter().map(|x| x.as_f64().unwrap()).collect()
        })
        .collect()
}

#[test]
fn the_portable_path_trains_to_the_same_speeds_as_the_detected_one() {
    let (portable, best) = (speeds(Some("portable")), speeds(None));
    assert_eq!(portable.len(), 3, "epochs 0, 1, 2");
    for (p, b) in portable.iter().zip(&best) {
        for (x, y) in p.iter().zip(b) {
            assert!((x - y).abs() <= 1e-4 * x.abs(), "{x} vs {y}");
        }
    }
    // The switch takes effect: where the CPU has FMA, fused rounding changes some last bits.
    if gradscope::fast::simd::detected() > gradscope::fast::simd::Level::Portable {
        assert_ne!(portable, best, "GRADSCOPE_SIMD=portable changed nothing");
    }
    // A level this CPU may lack is capped, never executed: the run still succeeds.
    assert_eq!(speeds(Some("avx512")).len(), 3);
}
