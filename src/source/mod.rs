//! Parsers: one file (or one module directory) in, `BedrockResource`s with spans out; problems with the
//! input become diagnostics, never panics.

pub mod appconfig;
pub mod hcl;
pub mod overlay;
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

/// Whether text begins like a binary file: a NUL byte in its first [`HEAD_BYTES`], which no
/// Terraform, JSON, YAML or TOML text has.
fn binary_head(bytes: &[u8]) -> bool {
    bytes[..HEAD_BYTES.min(bytes.len())].contains(&0)
}

/// [`binary_head`] of a file, reading only its head.
fn looks_binary(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD_BYTES as u64).read_to_end(&mut head))
        .is_ok_and(|_| binary_head(&head))
}

/// Reads a file with one open and one fstat, never more than `max_bytes` even if it grew since its
/// size was checked (an error then). The buffer is the known size (+1 to see the end), read without
/// `read_to_end`'s extra `statx` and `lseek`: the pre-scan reads every walked file through this.
pub(crate) fn read_at_most(path: &Path, max_bytes: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    // An editor's unsaved buffer wins over the disk (the language server; never the CLI).
    if let Some(text) = overlay::get(path) {
        if text.len() as u64 > max_bytes {
            return Err(std::io::Error::other(format!(
                "buffer is {} bytes, over the {max_bytes}-byte limit",
                text.len()
            )));
        }
        return Ok(text.to_vec());
    }
    let mut file = std::fs::File::open(path)?;
    let limit = usize::try_from(max_bytes.saturating_add(1)).unwrap_or(usize::MAX);
    let len = file.metadata().map_or(0, |m| m.len());
    if len > max_bytes {
        return Err(std::io::Error::other(format!(
            "file is {len} bytes, over the {max_bytes}-byte limit"
        )));
    }
    let len = usize::try_from(len).unwrap_or(0);
    let mut bytes = vec![0u8; len.saturating_add(1).min(limit)];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled >= limit {
                return Err(std::io::Error::other(format!(
                    "the file grew past the {max_bytes}-byte limit while being read"
                )));
            }
            bytes.resize(bytes.len().saturating_mul(2).clamp(1, limit), 0);
        }
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Why a file could not be used.
#[derive(Debug)]
pub enum ReadFailure {
    /// The file system refused it (gone, no permission, not a regular file, an I/O error): an input
    /// error wherever it happens.
    Unreadable(Box<Diagnostic>),
    /// It is not text this tool reads (over the size limit, binary, not UTF-8). App-config extensions
    /// are shared with data files, so app config in this state is skipped with a note.
    NotText(Box<Diagnostic>),
}

impl ReadFailure {
    pub fn into_diagnostic(self) -> Box<Diagnostic> {
        match self {
            ReadFailure::Unreadable(d) | ReadFailure::NotText(d) => d,
        }
    }
}

fn failure(display: &str, text: &str, offset: usize, message: String) -> Box<Diagnostic> {
    let file = SourceFile::new(display.to_string(), text);
    Box::new(Diagnostic::invalid_input(
        file.span(offset..offset),
        message,
    ))
}

/// Reads one file once. A file that cannot be used becomes one error diagnostic with its path (and line,
/// where there is one).
pub fn read_source(
    path: &Path,
    display: String,
    max_bytes: u64,
) -> Result<Arc<SourceFile>, Box<Diagnostic>> {
    load(path, display, max_bytes, None).map_err(ReadFailure::into_diagnostic)
}

/// Reads one file, or takes the bytes already read of it (by the pre-scan, through the same
/// [`read_at_most`]), saying why it cannot be used.
pub fn load(
    path: &Path,
    display: String,
    max_bytes: u64,
    already_read: Option<Vec<u8>>,
) -> Result<Arc<SourceFile>, ReadFailure> {
    let unreadable = |message: String| ReadFailure::Unreadable(failure(&display, "", 0, message));
    let not_text = |message: String| ReadFailure::NotText(failure(&display, "", 0, message));
    if let Some(bytes) = already_read {
        let size = bytes.len() as u64;
        if size <= max_bytes && !(size > BINARY_CHECK_ABOVE && binary_head(&bytes)) {
            return text_of(display, bytes);
        }
        // Over this reader's limit, or binary: read (and refused) below with the usual message.
    }
    if overlay::get(path).is_some() {
        // An editor buffer (maybe of a file not yet saved): no file-system checks apply.
        let bytes = read_at_most(path, max_bytes).map_err(|e| not_text(e.to_string()))?;
        return text_of(display, bytes);
    }
    let meta = std::fs::metadata(path).map_err(|e| unreadable(format!("cannot read file: {e}")))?;
    // A FIFO would block and a device (`/dev/zero`) never ends: only regular files are read.
    if !meta.is_file() {
        return Err(unreadable(
            "not a regular file (a directory, device or pipe): not read".to_string(),
        ));
    }
    let size = meta.len();
    if size > max_bytes {
        return Err(not_text(format!(
            "file is {size} bytes, over the {max_bytes}-byte limit: not read"
        )));
    }
    if size > BINARY_CHECK_ABOVE && looks_binary(path) {
        return Err(not_text(format!(
            "file is {size} bytes and binary (NUL bytes in its first {HEAD_BYTES} bytes): not read"
        )));
    }
    let bytes =
        read_at_most(path, max_bytes).map_err(|e| unreadable(format!("cannot read file: {e}")))?;
    text_of(display, bytes)
}

/// The text of a file's bytes: BOM dropped, UTF-8 required (an error points at the first bad byte).
fn text_of(display: String, mut bytes: Vec<u8>) -> Result<Arc<SourceFile>, ReadFailure> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // `String::from_utf8` takes the buffer over without copying it.
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(display, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Err(ReadFailure::NotText(failure(
                &display,
                &lossy,
                valid,
                "file is not valid UTF-8 (first invalid byte here): not parsed".to_string(),
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{load, ReadFailure};

    #[test]
    fn file_system_refusals_and_non_text_are_told_apart() {
        let dir = std::env::temp_dir().join(format!("bedrock-lint-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let gone = dir.join("gone.yaml");
        assert!(matches!(
            load(&gone, "gone.yaml".into(), 1024, None),
            Err(ReadFailure::Unreadable(_))
        ));
        assert!(matches!(
            load(&dir, "dir".into(), 1024, None),
            Err(ReadFailure::Unreadable(_))
        ));
        let latin1 = dir.join("latin1.yaml");
        std::fs::write(&latin1, b"model: caf\xe9\n").expect("write");
        assert!(matches!(
            load(&latin1, "latin1.yaml".into(), 1024, None),
            Err(ReadFailure::NotText(_))
        ));
        let big = dir.join("big.yaml");
        std::fs::write(&big, "x: 1\n".repeat(100)).expect("write");
        assert!(matches!(
            load(&big, "big.yaml".into(), 10, None),
            Err(ReadFailure::NotText(_))
        ));
        // Bytes already read are used as they are (the file is not read again: here it is gone).
        let text = load(
            &gone,
            "gone.yaml".into(),
            1024,
            Some(b"\xEF\xBB\xBFa: 1\n".to_vec()),
        )
        .expect("text from the bytes given");
        assert_eq!(text.text, "a: 1\n");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
