//! Training as the page and the CLI drive it: checked settings, the resumable run, the page's
//! session and in-place edits of a network.

pub mod config;
pub mod edit;
pub mod run;
pub mod session;
