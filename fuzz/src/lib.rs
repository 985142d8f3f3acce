//! The fuzz targets' entry points, shared with `tests/fuzz_regressions.rs` (which includes
//! `entries.rs` by path), so a crash found here replays through exactly the same code in `cargo test`.

pub mod entries;
