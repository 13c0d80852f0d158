//! Runs the `gradscope` binary: its output, success, and one-line refusals.

use serde_json::Value;
use std::process::{Command, Output};

/// A `train` command line lacking --batch, --eta and --lambda.
pub const TRAIN: &str = "train --sizes 784,30,10 --epochs 1";

/// Runs the binary with `args`.
pub fn gradscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gradscope"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs the binary with `args`, asserts success and returns its stdout.
pub fn ok(args: &[&str]) -> String {
    let out = gradscope(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Parses one JSON value per line.
pub fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Runs `args` and checks the refusal: exit code 2, one line on stderr naming `why`, and nothing
/// on stdout (every input is checked before the first line of output).
pub fn refused_before_output(args: &[&str], why: &str) {
    let out = gradscope(args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(
        out.stdout.is_empty(),
        "{args:?} printed {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(err.lines().count(), 1, "{args:?}: {err:?}");
    assert!(err.contains(why), "{args:?}: {err:?} should say {why:?}");
}
