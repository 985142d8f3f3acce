//! One Terraform module directory, parsed: its files and an index of the blocks that matter for
//! evaluation (variables, locals, providers, data sources, resources).

use std::collections::BTreeMap;
use std::sync::Arc;

use hcl_edit::structure::{Attribute, Block, Body};

use crate::span::SourceFile;

/// Whether a file declares configuration (`.tf`) or only sets variables (`.tfvars`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TfFileRole {
    Config,
    Vars,
}

/// One file of the module, parsed once and kept until extraction is done.
pub struct ParsedFile {
    pub file: Arc<SourceFile>,
    pub body: Body,
    pub role: TfFileRole,
    /// Whether findings in this file are reported (false for files read only for context, e.g. the
    /// rest of a module directory when only some files were named on the command line).
    pub report: bool,
}

/// A block and the file it is written in.
pub struct Located<'a, T> {
    pub item: &'a T,
    pub file: &'a Arc<SourceFile>,
    pub report: bool,
}

// Manual impls: a derive would demand `T: Copy`, but only references are copied.
impl<T> Clone for Located<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Located<'_, T> {}

pub struct ProviderBlock<'a> {
    pub name: &'a str,
    pub alias: Option<String>,
    pub block: Located<'a, Block>,
}

/// Index of a module's blocks by what refers to them.
#[derive(Default)]
pub struct ModuleIndex<'a> {
    pub variables: BTreeMap<&'a str, Located<'a, Block>>,
    pub locals: BTreeMap<&'a str, Located<'a, Attribute>>,
    pub providers: Vec<ProviderBlock<'a>>,
    /// `(TYPE, NAME)` → block
    pub data: BTreeMap<(&'a str, &'a str), Located<'a, Block>>,
    pub resources: BTreeMap<(&'a str, &'a str), Located<'a, Block>>,
    pub modules: Vec<(&'a str, Located<'a, Block>)>,
    pub outputs: Vec<(&'a str, Located<'a, Block>)>,
    /// Variable assignments from `.tfvars` files, lowest precedence first.
    pub tfvars: Vec<Located<'a, Attribute>>,
}

impl<'a> ModuleIndex<'a> {
    /// Files must be given in Terraform's precedence order for `.tfvars` (terraform.tfvars, then
    /// `*.auto.tfvars` alphabetically, then `--var-file`s in order).
    pub fn build(files: &'a [ParsedFile]) -> Self {
        let mut index = ModuleIndex::default();
        for parsed in files {
            let file = &parsed.file;
            let report = parsed.report;
            if parsed.role == TfFileRole::Vars {
                for attr in parsed.body.attributes() {
                    index.tfvars.push(Located {
                        item: attr,
                        file,
                        report,
                    });
                }
                continue;
            }
            for block in parsed.body.blocks() {
                let at = Located {
                    item: block,
                    file,
                    report,
                };
                let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
                match (block.ident.as_str(), labels.as_slice()) {
                    ("variable", [name]) => {
                        index.variables.insert(name, at);
                    }
                    ("locals", []) => {
                        for attr in block.body.attributes() {
                            index.locals.insert(
                                attr.key.as_str(),
                                Located {
                                    item: attr,
                                    file,
                                    report,
                                },
                            );
                        }
                    }
                    ("provider", [name]) => {
                        let alias = block
                            .body
                            .get_attribute("alias")
                            .and_then(|a| a.value.as_str())
                            .map(str::to_string);
                        index.providers.push(ProviderBlock {
                            name,
                            alias,
                            block: at,
                        });
                    }
                    ("data", [ty, name]) => {
                        index.data.insert((ty, name), at);
                    }
                    ("resource", [ty, name]) => {
                        index.resources.insert((ty, name), at);
                    }
                    ("module", [name]) => index.modules.push((name, at)),
                    ("output", [name]) => index.outputs.push((name, at)),
                    _ => {}
                }
            }
        }
        index
    }

    /// The provider block serving a resource: `provider = aws.west` names an alias; else the
    /// default (un-aliased) block of the resource type's provider.
    pub fn provider_for(&self, block: &Block, resource_type: &str) -> Option<&ProviderBlock<'a>> {
        let default_name = resource_type.split('_').next().unwrap_or("aws");
        let (name, alias) = match block.body.get_attribute("provider").map(|a| &a.value) {
            Some(expr) => match provider_reference(expr) {
                Some((n, a)) => (n, a),
                None => (default_name.to_string(), None),
            },
            None => (default_name.to_string(), None),
        };
        self.providers
            .iter()
            .find(|p| p.name == name && p.alias == alias)
    }
}

/// `aws.west` → ("aws", Some("west")); `aws` → ("aws", None).
fn provider_reference(expr: &hcl_edit::expr::Expression) -> Option<(String, Option<String>)> {
    use hcl_edit::expr::{Expression, TraversalOperator};
    match expr {
        Expression::Variable(v) => Some((v.as_str().to_string(), None)),
        Expression::Traversal(t) => {
            let Expression::Variable(root) = &t.expr else {
                return None;
            };
            match t.operators.as_slice() {
                [op] => match op.value() {
                    TraversalOperator::GetAttr(alias) => {
                        Some((root.as_str().to_string(), Some(alias.as_str().to_string())))
                    }
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

impl ModuleIndex<'_> {
    /// The locals an expression reads, directly or through other locals.
    pub fn locals_read_by(&self, expr: &hcl_edit::expr::Expression) -> Vec<String> {
        let mut reads = LocalReads::default();
        hcl_edit::visit::visit_expr(&mut reads, expr);
        let mut done = std::collections::HashSet::new();
        let mut out = Vec::new();
        while let Some(name) = reads.pending.pop() {
            if !done.insert(name.clone()) {
                continue;
            }
            if let Some(attr) = self.locals.get(name.as_str()) {
                hcl_edit::visit::visit_expr(&mut reads, &attr.item.value);
            }
            out.push(name);
        }
        out
    }
}

/// Collects `local.NAME` traversals.
#[derive(Default)]
struct LocalReads {
    pending: Vec<String>,
}

impl hcl_edit::visit::Visit for LocalReads {
    fn visit_traversal(&mut self, node: &hcl_edit::expr::Traversal) {
        use hcl_edit::expr::{Expression, TraversalOperator};
        if let (Expression::Variable(root), Some(op)) = (&node.expr, node.operators.first()) {
            if let (TraversalOperator::GetAttr(name), "local") = (op.value(), root.as_str()) {
                self.pending.push(name.as_str().to_string());
            }
        }
        hcl_edit::visit::visit_traversal(self, node);
    }
}
