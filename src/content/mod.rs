//! Content: load files, parse typed front matter, build the validated model.
//!
//! load (files → text) → frontmatter (text → typed raw structs) → facts (one item's files
//! → its facts and each language's text) → datafiles (content/data/) → refs (references
//! and consistency) → model (the published `Site`) → reporting (what is due, and where
//! each report stands). patch reads one changed item again into a built model, for the
//! preview's quick look.

pub mod datafiles;
pub mod entries;
pub mod facts;
pub mod frontmatter;
pub mod lint;
pub mod load;
mod locate;
pub mod model;
pub mod patch;
pub mod refs;
pub mod reporting;
pub mod write;

pub use model::{Entry, Publish, Site, Version};
