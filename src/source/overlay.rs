//! Unsaved editor buffers laid over the disk: the language server (`src/server/`) puts the text of
//! every open document here, and every reader of the source layer ([`super::read_at_most`]) sees that
//! text instead of the file. The CLI never sets it, and then a read costs one atomic load more.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

static ACTIVE: AtomicBool = AtomicBool::new(false);

fn buffers() -> &'static RwLock<HashMap<PathBuf, Arc<Vec<u8>>>> {
    static BUFFERS: OnceLock<RwLock<HashMap<PathBuf, Arc<Vec<u8>>>>> = OnceLock::new();
    BUFFERS.get_or_init(Default::default)
}

/// Where a path points, as the overlay keys it: absolute, without `.`/`..` (no file-system access
/// beyond the working directory, so a buffer for a file not yet on disk works too).
fn key(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// Lays `text` over the file at `path` until [`remove`].
pub fn set(path: &Path, text: impl Into<Vec<u8>>) {
    let Some(k) = key(path) else { return };
    if let Ok(mut map) = buffers().write() {
        map.insert(k, Arc::new(text.into()));
        ACTIVE.store(true, Ordering::SeqCst);
    }
}

/// The file at `path` is read from disk again.
pub fn remove(path: &Path) {
    let Some(k) = key(path) else { return };
    if let Ok(mut map) = buffers().write() {
        map.remove(&k);
        ACTIVE.store(!map.is_empty(), Ordering::SeqCst);
    }
}

/// The unsaved text laid over `path`, if any.
pub fn get(path: &Path) -> Option<Arc<Vec<u8>>> {
    if !ACTIVE.load(Ordering::Relaxed) {
        return None;
    }
    let k = key(path)?;
    buffers().read().ok()?.get(&k).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_is_seen_under_any_spelling_of_its_path() {
        let dir = std::env::temp_dir().join("bedrock-lint-overlay-test");
        let file = dir.join("main.tf");
        set(&file, "x = 1");
        assert_eq!(
            get(&dir.join("sub/../main.tf"))
                .as_deref()
                .map(Vec::as_slice),
            Some(&b"x = 1"[..])
        );
        remove(&file);
        assert!(get(&file).is_none());
    }
}
