//! The shipped MNIST splits, for the tests that train or measure on real images.
// Each test crate uses only some of these helpers.
#![allow(dead_code)]

use gradscope::Dataset;

/// The bytes of a shipped file, e.g. `file("train", "images", 3)`.
pub fn file(split: &str, kind: &str, dims: u8) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/");
    std::fs::read(format!("{dir}{split}-{kind}-idx{dims}-ubyte.gz")).expect("shipped data file")
}

/// A whole shipped split: `train` or `validation`.
pub fn load(split: &str) -> Dataset {
    Dataset::from_idx(&file(split, "images", 3), &file(split, "labels", 1))
        .expect("shipped data decodes")
}

/// The first 1,000 training images, as the chapter's experiments use them.
pub fn first_1000() -> Dataset {
    load("train").first(1000).expect("1,000 images")
}

/// The first 1,000 training images in 64-bit floats (for references computed in f64).
pub fn first_1000_f64() -> Dataset<f64> {
    Dataset::<f64>::from_idx(&file("train", "images", 3), &file("train", "labels", 1))
        .and_then(|d| d.first(1000))
        .expect("1,000 images")
}
