//! Training as the page and the CLI drive it: the settings schema, checked settings, the resumable run, the page's
//! session, how it is played and in-place edits of a network.

pub mod cadence;
pub mod config;
pub mod edit;
pub mod edit_base;
pub mod halt;
pub mod handoff;
pub mod labels;
pub mod play;
pub mod record;
pub mod run;
pub mod runs;
pub mod schema;
pub mod session;
pub mod snapshot;
