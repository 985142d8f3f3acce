//! Back to the source: a finding on a plan resource points at the `.tf` block (and attribute) it came
//! from, found by address in the configuration directory and its local modules, so annotations land on
//! the lines a reviewer changed. Where no source is found, the plan file location stays.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::extract::split_address;
use crate::discover::{display_path, is_auto_loaded_tfvars, kind_of, FileKind};
use crate::model::{BedrockResource, RegionChoice};
use crate::source::hcl::{lint_module, ModuleFile, TfFileRole};
use crate::source::{read_source, MAX_SOURCE_BYTES};

/// What relocation used and found.
pub struct Located {
    /// Notes for the reader (modules not followed).
    pub notes: Vec<String>,
    /// The source directories read (root and local modules).
    pub dirs: Vec<PathBuf>,
    /// The `.tf` files read there (for inline suppressions).
    pub sources: Vec<std::sync::Arc<crate::span::SourceFile>>,
}

/// Re-points plan resources at their source.
pub fn relocate(
    resources: &mut [BedrockResource],
    config_dir: &Path,
    module_sources: &[(String, String)],
    cwd: &Path,
    fallback_region: &RegionChoice,
) -> Located {
    let mut notes = Vec::new();
    let mut dirs: Vec<(String, PathBuf)> = vec![(String::new(), config_dir.to_path_buf())];
    for (module, source) in module_sources {
        if !(source.starts_with("./") || source.starts_with("../")) {
            notes.push(format!("{module} (source `{source}`) is not followed: only local paths are read (no network)"));
            continue;
        }
        let parent = module.rsplit_once(".module.").map_or("", |(p, _)| p);
        if let Some((_, parent_dir)) = dirs.iter().find(|(m, _)| m == parent) {
            let dir = parent_dir.join(source);
            dirs.push((module.clone(), dir));
        }
    }
    let mut by_address: HashMap<String, Vec<BedrockResource>> = HashMap::new();
    let mut sources = Vec::new();
    for (module, dir) in &dirs {
        let (found, files) = source_resources(dir, cwd, fallback_region);
        sources.extend(files);
        for r in found {
            let address = if module.is_empty() {
                r.address.clone()
            } else {
                format!("{module}.{}", r.address)
            };
            by_address.entry(normalize(&address)).or_default().push(r);
        }
    }
    for r in resources.iter_mut() {
        let key = normalize(&r.address);
        let base = key
            .rsplit_once('[')
            .map_or(key.as_str(), |(b, _)| b)
            .to_string();
        let candidates = by_address
            .get(&key)
            .or_else(|| by_address.get(&base))
            .or_else(|| {
                by_address
                    .iter()
                    .find(|(k, _)| k.starts_with(&format!("{base}[")))
                    .map(|(_, v)| v)
            });
        let Some(candidates) = candidates else {
            continue;
        };
        let model_text = r.model.known().map(|m| m.text.as_str());
        let found = match &r.attribute {
            None => candidates.iter().find(|c| c.attribute.is_none()),
            Some(path) => {
                let path = strip_indexes(path);
                candidates
                    .iter()
                    .find(|c| {
                        c.attribute.as_deref().map(strip_indexes).as_deref() == Some(path.as_str())
                            && c.model.known().map(|m| m.text.as_str()) == model_text
                    })
                    .or_else(|| {
                        candidates.iter().find(|c| {
                            c.attribute.as_deref().map(strip_indexes).as_deref()
                                == Some(path.as_str())
                        })
                    })
            }
        };
        if let Some(src) = found {
            r.span = src.span.clone();
            r.model_span = src.model_span.clone().or_else(|| Some(src.span.clone()));
            if let (Some(p), Some(s)) = (r.provisioned_mut(), src.provisioned()) {
                p.model_units_span = s.model_units_span.clone();
            }
            if let (
                crate::model::Details::VectorCollection(c),
                crate::model::Details::VectorCollection(s),
            ) = (&mut r.details, &src.details)
            {
                c.standby_span.clone_from(&s.standby_span);
            }
        }
    }
    Located {
        notes,
        dirs: dirs.into_iter().map(|(_, d)| d).collect(),
        sources,
    }
}

/// Every Bedrock resource the `.tf` files of one directory declare (their spans are what we want).
fn source_resources(
    dir: &Path,
    cwd: &Path,
    fallback_region: &RegionChoice,
) -> (
    Vec<BedrockResource>,
    Vec<std::sync::Arc<crate::span::SourceFile>>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (Vec::new(), Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| match kind_of(p) {
            Some(FileKind::TerraformConfig) => true,
            Some(FileKind::TerraformVars) => is_auto_loaded_tfvars(p),
            _ => false,
        })
        .collect();
    paths.sort_by_key(|p| {
        (
            p.extension().is_some_and(|e| e == "tfvars"),
            p.file_name() != Some("terraform.tfvars".as_ref()),
            p.clone(),
        )
    });
    let files: Vec<ModuleFile> = paths
        .iter()
        .filter_map(|p| read_source(p, display_path(p, cwd), MAX_SOURCE_BYTES).ok())
        .map(|file| {
            let role = if file.path.ends_with(".tfvars") {
                TfFileRole::Vars
            } else {
                TfFileRole::Config
            };
            ModuleFile {
                file,
                role,
                report: true,
            }
        })
        .collect();
    let sources = files.iter().map(|f| f.file.clone()).collect();
    (lint_module(files, fallback_region).0, sources)
}

/// Module instance keys dropped (one source block serves every instance); resource keys kept.
fn normalize(address: &str) -> String {
    let (module, resource) = split_address(address);
    let instance = address.strip_suffix(']').and_then(|_| {
        let tail_start = address.rfind('[')?;
        // Only the resource's own key: the last `[` after the last `.` outside brackets.
        (tail_start > address.rfind(&resource).unwrap_or(0)).then(|| &address[tail_start..])
    });
    let resource = format!("{resource}{}", instance.unwrap_or(""));
    if module.is_empty() {
        resource
    } else {
        format!("{module}.{resource}")
    }
}

fn strip_indexes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
