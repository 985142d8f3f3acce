//! Parsers: one file (or one module directory) in, `BedrockResource`s with spans out; problems with the
//! input become diagnostics, never panics.

pub mod appconfig;
pub mod hcl;
pub mod plan;

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::span::SourceFile;

/// Files above this size are reported, not read: generated or hostile input. Terraform sources are
/// kilobytes; 10 MiB leaves room for generated ones.
pub const MAX_SOURCE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads one file once. A file that cannot be used becomes one error diagnostic with its path (and line,
/// where there is one).
pub fn read_source(
    path: &Path,
    display: String,
    max_bytes: u64,
) -> Result<Arc<SourceFile>, Box<Diagnostic>> {
    let fail = |text: &str, offset: usize, message: String| {
        let file = SourceFile::new(display.clone(), text);
        Box::new(Diagnostic::invalid_input(
            file.span(offset..offset),
            message,
        ))
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail("", 0, format!("cannot read file: {e}")))?
        .len();
    if size > max_bytes {
        return Err(fail(
            "",
            0,
            format!("file is {size} bytes, over the {max_bytes}-byte limit: not read"),
        ));
    }
    let mut bytes =
        std::fs::read(path).map_err(|e| fail("", 0, format!("cannot read file: {e}")))?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // `String::from_utf8` takes the buffer over without copying it.
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(display, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Err(fail(
                &lossy,
                valid,
                "file is not valid UTF-8 (first invalid byte here): not parsed".to_string(),
            ))
        }
    }
}
