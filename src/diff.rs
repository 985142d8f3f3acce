//! `bedrock-lint diff BASE HEAD`: what a change does to the Bedrock bill, resource by resource, and which
//! findings it introduces. BASE and HEAD are two checkouts (directories) or two plans of one project.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover::display_path;
use crate::pricing::PricedResource;
use crate::span::Span;
use crate::{lint, Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One resource whose cost or model differs between BASE and HEAD.
#[derive(Debug, Clone)]
pub struct ResourceDelta {
    pub kind: ChangeKind,
    /// Address relative to its checkout (`infra/...` addresses of app config lose the root prefix).
    pub address: String,
    pub attribute: Option<String>,
    /// Where it is in HEAD (or in BASE, if removed).
    pub span: Span,
    pub model_before: Option<String>,
    pub model_after: Option<String>,
    pub before_usd: Option<Decimal>,
    pub after_usd: Option<Decimal>,
    /// For a changed resource, the cost components that differ (by key), in HEAD's order, then
    /// those only BASE has.
    pub components: Vec<ComponentChange>,
}

/// One cost component of a changed resource whose name or monthly cost differs.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentChange {
    pub key: String,
    /// `None` when the side has no such component.
    pub name_before: Option<String>,
    pub name_after: Option<String>,
    /// `None` when the side has none, or its quantity needs usage.
    pub before_usd: Option<Decimal>,
    pub after_usd: Option<Decimal>,
}

/// The components whose name or monthly cost differ between two estimates of one resource.
fn component_changes(
    before: &crate::pricing::CostEstimate,
    after: &crate::pricing::CostEstimate,
) -> Vec<ComponentChange> {
    let find = |e: &'_ crate::pricing::CostEstimate, key: &str| {
        e.components.iter().find(|c| c.key == key).cloned()
    };
    let mut out = Vec::new();
    let keys = after.components.iter().map(|c| c.key.as_str()).chain(
        before
            .components
            .iter()
            .map(|c| c.key.as_str())
            .filter(|k| !after.components.iter().any(|c| c.key == *k)),
    );
    for key in keys {
        let (b, a) = (find(before, key), find(after, key));
        let (bm, am) = (
            b.as_ref().and_then(|c| c.monthly()),
            a.as_ref().and_then(|c| c.monthly()),
        );
        let (bn, an) = (b.map(|c| c.name), a.map(|c| c.name));
        if bm != am || bn != an {
            out.push(ComponentChange {
                key: key.to_string(),
                name_before: bn,
                name_after: an,
                before_usd: bm,
                after_usd: am,
            });
        }
    }
    out
}

impl ResourceDelta {
    /// After − before, counting an absent side as $0 (a resource that did not exist costs nothing).
    pub fn delta(&self) -> Option<Decimal> {
        match self.kind {
            ChangeKind::Added => self.after_usd,
            ChangeKind::Removed => self.before_usd.map(|b| -b),
            ChangeKind::Changed => Some(self.after_usd? - self.before_usd?),
        }
    }
}

pub struct DiffReport {
    pub base: Report,
    pub head: Report,
    pub changes: Vec<ResourceDelta>,
    /// HEAD's findings that BASE does not have (by stable fingerprint, not line).
    pub new_findings: Vec<Diagnostic>,
}

impl DiffReport {
    pub fn base_total(&self) -> Decimal {
        self.base.monthly_total()
    }

    pub fn head_total(&self) -> Decimal {
        self.head.monthly_total()
    }

    pub fn delta(&self) -> Decimal {
        self.head_total() - self.base_total()
    }

    /// HEAD's report with only the new findings: what every lint format shows for a diff.
    pub fn head_with_new_findings(self) -> Report {
        Report {
            diagnostics: self.new_findings,
            ..self.head
        }
    }
}

/// The prefix that makes paths in a checkout relative to it (`../base/` → ``).
fn root_prefix(root: &Path, cwd: &Path) -> String {
    let dir = if root.is_dir() {
        root.to_path_buf()
    } else {
        root.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    match display_path(&dir, cwd).as_str() {
        "." | "" => String::new(),
        p => format!("{p}/"),
    }
}

/// A base-side span shown where the file is in the head checkout (`/tmp/base/locals.tf` →
/// `locals.tf`): the path a reader of the pull request, or a link in its comment, can open. The
/// line is the base's: the file there is the one that held the resource.
fn rehomed(span: &crate::span::Span, base_root: &str, head_root: &str) -> crate::span::Span {
    let Some(inner) = span.path().strip_prefix(base_root) else {
        return span.clone();
    };
    let file = crate::span::SourceFile::new(format!("{head_root}{inner}"), span.file.text.as_str());
    file.span(span.start..span.end)
}

fn identity(r: &PricedResource, root: &str) -> (String, Option<String>) {
    let address = r
        .resource
        .address
        .strip_prefix(root)
        .unwrap_or(&r.resource.address)
        .to_string();
    (address, r.resource.attribute.clone())
}

pub fn diff(base: &Path, head: &Path, config: &Config) -> DiffReport {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (base_root, head_root) = (root_prefix(base, &cwd), root_prefix(head, &cwd));
    let base_report = lint(&[base.to_path_buf()], config);
    let head_report = lint(&[head.to_path_buf()], config);

    let mut before: BTreeMap<(String, Option<String>), &PricedResource> = BTreeMap::new();
    for r in base_report
        .resources
        .iter()
        .filter(|r| !r.resource.is_removed())
    {
        before.entry(identity(r, &base_root)).or_insert(r);
    }
    let mut changes = Vec::new();
    let mut seen = HashSet::new();
    for r in head_report
        .resources
        .iter()
        .filter(|r| !r.resource.is_removed())
    {
        let key = identity(r, &head_root);
        if !seen.insert(key.clone()) {
            continue;
        }
        let model_after = r.resource.model.known().map(|m| m.text.clone());
        match before.get(&key) {
            None => changes.push(ResourceDelta {
                kind: ChangeKind::Added,
                address: key.0,
                attribute: key.1,
                span: r.resource.span.clone(),
                model_before: None,
                model_after,
                before_usd: None,
                after_usd: r.cost.monthly_usd,
                components: Vec::new(),
            }),
            Some(b) => {
                let model_before = b.resource.model.known().map(|m| m.text.clone());
                if b.cost.monthly_usd != r.cost.monthly_usd || model_before != model_after {
                    changes.push(ResourceDelta {
                        kind: ChangeKind::Changed,
                        address: key.0,
                        attribute: key.1,
                        span: r.resource.span.clone(),
                        model_before,
                        model_after,
                        before_usd: b.cost.monthly_usd,
                        after_usd: r.cost.monthly_usd,
                        components: component_changes(&b.cost, &r.cost),
                    });
                }
            }
        }
    }
    for (key, b) in &before {
        if !seen.contains(key) {
            changes.push(ResourceDelta {
                kind: ChangeKind::Removed,
                address: key.0.clone(),
                attribute: key.1.clone(),
                span: rehomed(&b.resource.span, &base_root, &head_root),
                model_before: b.resource.model.known().map(|m| m.text.clone()),
                model_after: None,
                before_usd: b.cost.monthly_usd,
                after_usd: None,
                components: Vec::new(),
            });
        }
    }
    changes.sort_by(|a, b| {
        (a.kind, &a.address, &a.attribute).cmp(&(b.kind, &b.address, &b.attribute))
    });

    let known: HashSet<String> = base_report
        .diagnostics
        .iter()
        .map(|d| d.fingerprint(&base_root))
        .collect();
    let new_findings = head_report
        .diagnostics
        .iter()
        .filter(|d| !known.contains(&d.fingerprint(&head_root)))
        .cloned()
        .collect();
    DiffReport {
        base: base_report,
        head: head_report,
        changes,
        new_findings,
    }
}
