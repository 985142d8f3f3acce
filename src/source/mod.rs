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

/// Files above this size are checked for binary content before they are read whole: a 1 GB file of
/// NUL bytes (or an image named `.json`) costs a 4 KiB read, not 1 GB of memory.
const BINARY_CHECK_ABOVE: u64 = 1024 * 1024;
const HEAD_BYTES: usize = 4096;

/// Whether the first bytes of a file contain a NUL byte, which no Terraform, JSON, YAML or TOML text
/// has.
fn looks_binary(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD_BYTES as u64).read_to_end(&mut head))
        .is_ok_and(|_| head.contains(&0))
}

/// Reads a file, never more than `max_bytes` (+1, to notice growth) even if it grew since its size was
/// checked.
fn read_at_most(path: &Path, max_bytes: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let hint = file.metadata().map_or(0, |m| m.len()).min(max_bytes);
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(std::io::Error::other(format!(
            "the file grew past the {max_bytes}-byte limit while being read"
        )));
    }
    Ok(bytes)
}

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
    let meta =
        std::fs::metadata(path).map_err(|e| fail("", 0, format!("cannot read file: {e}")))?;
    // A FIFO would block and a device (`/dev/zero`) never ends: only regular files are read.
    if !meta.is_file() {
        return Err(fail(
            "",
            0,
            "not a regular file (a directory, device or pipe): not read".to_string(),
        ));
    }
    let size = meta.len();
    if size > max_bytes {
        return Err(fail(
            "",
            0,
            format!("file is {size} bytes, over the {max_bytes}-byte limit: not read"),
        ));
    }
    if size > BINARY_CHECK_ABOVE && looks_binary(path) {
        return Err(fail(
            "",
            0,
            format!(
                "file is {size} bytes and binary (NUL bytes in its first {HEAD_BYTES} bytes): not read"
            ),
        ));
    }
    let bytes =
        read_at_most(path, max_bytes).map_err(|e| fail("", 0, format!("cannot read file: {e}")))?;
    text_of(display, bytes)
}

/// Like [`read_source`], from bytes already read (by the pre-scan, which opens regular files only and
/// reads at most [`MAX_SOURCE_BYTES`]); `None` reads the file.
pub fn read_source_with(
    path: &Path,
    display: String,
    max_bytes: u64,
    already_read: Option<Vec<u8>>,
) -> Result<Arc<SourceFile>, Box<Diagnostic>> {
    match already_read {
        Some(bytes)
            if bytes.len() as u64 <= max_bytes
                && !(bytes.len() as u64 > BINARY_CHECK_ABOVE
                    && bytes[..HEAD_BYTES.min(bytes.len())].contains(&0)) =>
        {
            text_of(display, bytes)
        }
        // Over this reader's limit, or binary: the file is read (and refused) with the usual message.
        _ => read_source(path, display, max_bytes),
    }
}

/// The text of a file's bytes: BOM dropped, UTF-8 required (an error points at the first bad byte).
fn text_of(display: String, mut bytes: Vec<u8>) -> Result<Arc<SourceFile>, Box<Diagnostic>> {
    let fail = |text: &str, offset: usize, message: String| {
        let file = SourceFile::new(display.clone(), text);
        Box::new(Diagnostic::invalid_input(
            file.span(offset..offset),
            message,
        ))
    };
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
