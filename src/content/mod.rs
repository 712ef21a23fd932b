//! Content: load files, parse typed front matter, build the validated model.

pub mod frontmatter;
pub mod lint;
pub mod load;
mod locate;
pub mod model;
pub mod reporting;

pub use model::{Entry, Publish, Site, Version};
