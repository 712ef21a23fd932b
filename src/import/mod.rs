//! Import: a report's results from a spreadsheet (CSV, TSV, pasted cells, XLSX, ODS), for
//! `minhbach import results` and the editor. `table` reads any tabular input into text
//! cells; `results` maps columns, reads each row into a result with its problems, and
//! writes the rows through `content::write` once the site checks with them.

mod columns;
mod report;
pub mod results;
pub mod table;

pub use report::{indicators, languages};
