//! File formats: MNIST's IDX files, datasets decoded from them, network2's JSON.

pub mod data;
pub mod idx;
pub mod network2_json;
