//! Every command checks all its inputs (both splits, the network file, sizes against the data)
//! before it prints its first line.

mod common;
use common::cli::{lines, ok, refused_before_output, TRAIN};

/// The commands that read both splits, on the data folder `dir` (reproduce writes below `out`).
fn both_splits(dir: &str, out: &str) -> [Vec<String>; 2] {
    let line = |l: &str| l.split_whitespace().map(String::from).collect::<Vec<_>>();
    [
        line(&format!(
            "reproduce --data {dir} --out {out} --epochs 1 --accuracy-epochs 1"
        )),
        line(&format!(
            "{TRAIN} --batch 10 --eta 0.1 --lambda 5 --validation --data {dir}"
        )),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// An IDX file (see src/io/idx.rs): magic 0x0000 08 `dims`, each dimension as a big-endian u32,
/// then the bytes.
fn idx(dims: &[u32], bytes: &[u8]) -> Vec<u8> {
    let mut v = vec![0, 0, 8, dims.len() as u8];
    dims.iter()
        .for_each(|d| v.extend_from_slice(&d.to_be_bytes()));
    v.extend_from_slice(bytes);
    v
}

#[test]
fn a_truncated_validation_file_is_refused_before_any_output() {
    let dir = std::env::temp_dir().join(format!("gradscope-trunc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/data");
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "gz") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let cut = dir.join("validation-images-idx3-ubyte.gz");
    let len = std::fs::metadata(&cut).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&cut)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let out = dir.join("out");
    for args in both_splits(dir.to_str().unwrap(), out.to_str().unwrap()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused_before_output(&args, "validation split");
    }
    assert!(!out.exists(), "reproduce wrote nothing");
    // The train split alone is intact: speeds (which reads only it) still works.
    ok(&[
        "speeds",
        "--sizes",
        "784,5,10",
        "--data",
        dir.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn images_that_do_not_fit_the_net_are_refused_before_any_output() {
    let dir = std::env::temp_dir().join(format!("gradscope-1000px-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // 1,000 train and 10 validation images of 25 × 40 = 1,000 pixels; image i inks pixel i.
    for (split, count) in [("train", 1000u32), ("validation", 10)] {
        let mut pixels = vec![0u8; count as usize * 1000];
        (0..count as usize).for_each(|i| pixels[i * 1000 + i] = 255);
        let labels: Vec<u8> = (0..count).map(|i| (i % 10) as u8).collect();
        let images = gzip(&idx(&[count, 25, 40], &pixels));
        std::fs::write(dir.join(format!("{split}-images-idx3-ubyte.gz")), images).unwrap();
        let labels = gzip(&idx(&[count], &labels));
        std::fs::write(dir.join(format!("{split}-labels-idx1-ubyte.gz")), labels).unwrap();
    }
    let data = dir.to_str().unwrap();
    let out = dir.join("out");
    for args in both_splits(data, out.to_str().unwrap()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused_before_output(&args, "needs 1000 inputs");
    }
    refused_before_output(
        &["speeds", "--sizes", "784,5,10", "--data", data],
        "1000 inputs",
    );
    assert!(!out.exists(), "reproduce wrote nothing");
    // The files are valid: a net with 1,000 inputs measures and trains on them.
    ok(&["speeds", "--sizes", "1000,5,10", "--data", data]);
    let train = "train --sizes 1000,5,10 --epochs 1 --batch 10 --eta 0.1 --lambda 5 --validation";
    let args: Vec<&str> = train.split_whitespace().chain(["--data", data]).collect();
    assert_eq!(lines(&ok(&args)).len(), 2);
    std::fs::remove_dir_all(&dir).ok();
}
