//! Import: a report's results from a spreadsheet (CSV, TSV, pasted cells, XLSX, ODS), for
//! `minhbach import results` and the editor. `table` reads any tabular input into text
//! cells.

pub mod table;
