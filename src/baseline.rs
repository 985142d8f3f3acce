//! Baselines: record today's findings by stable fingerprint, then report only what is new — adopting the
//! linter in a big repository without fixing everything first. Fingerprints do not contain line numbers,
//! and paths are relative to the project (the config file's directory), so edits elsewhere, moved lines
//! and another working directory keep a finding baselined.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::Report;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub code: String,
    /// For the reader of the file; matching uses the fingerprint only.
    pub file: String,
    pub message: String,
}

impl Baseline {
    pub fn of(report: &Report) -> Baseline {
        let mut findings: Vec<BaselineEntry> = report
            .diagnostics
            .iter()
            .filter(|d| !d.is_invalid_input())
            .map(|d| BaselineEntry {
                fingerprint: d.fingerprint(&report.root),
                code: d.code.to_string(),
                file: d
                    .span
                    .path()
                    .strip_prefix(report.root.as_str())
                    .unwrap_or(d.span.path())
                    .to_string(),
                message: d.message.clone(),
            })
            .collect();
        findings.sort();
        findings.dedup();
        Baseline {
            version: 1,
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if b.version != 1 {
            return Err(format!(
                "baseline version {} is not supported (this bedrock-lint writes 1)",
                b.version
            ));
        }
        Ok(b)
    }

    /// Drops the findings the baseline records; returns how many were dropped. Input errors always stay.
    pub fn apply(&self, report: &mut Report) -> usize {
        let known: BTreeSet<&str> = self
            .findings
            .iter()
            .map(|f| f.fingerprint.as_str())
            .collect();
        let root = report.root.clone();
        let before = report.diagnostics.len();
        report.diagnostics.retain(|d: &Diagnostic| {
            d.is_invalid_input() || !known.contains(d.fingerprint(&root).as_str())
        });
        before - report.diagnostics.len()
    }
}
