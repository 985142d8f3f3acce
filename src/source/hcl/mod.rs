//! Terraform HCL: a module directory's `.tf` and `.tfvars` files → `BedrockResource`s.

mod eval;
mod extract;
mod module;
mod value;

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::{BedrockResource, RegionChoice};
use crate::span::SourceFile;

pub use module::TfFileRole;
use module::{ModuleIndex, ParsedFile};

/// One readable file of a module, in Terraform's precedence order for `.tfvars`.
pub struct ModuleFile {
    pub file: Arc<SourceFile>,
    pub role: TfFileRole,
    pub report: bool,
}

/// Parses and extracts one module directory. Each file is parsed once and its tree dropped at return.
pub fn lint_module(
    files: Vec<ModuleFile>,
    fallback_region: &RegionChoice,
) -> (Vec<BedrockResource>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut parsed = Vec::with_capacity(files.len());
    for f in files {
        match hcl_edit::parser::parse_body(&f.file.text) {
            Ok(body) => parsed.push(ParsedFile {
                file: f.file,
                body,
                role: f.role,
                report: f.report,
            }),
            Err(e) => {
                if f.report {
                    let offset = e.location().offset().min(f.file.text.len());
                    let span = f.file.span(offset..offset);
                    diagnostics.push(Diagnostic::invalid_input(
                        span,
                        format!("HCL syntax error: {}", e.message()),
                    ));
                }
            }
        }
    }
    let index = ModuleIndex::build(&parsed);
    let evaluator = eval::Evaluator::new(&index);
    let resources = extract::Extractor::new(&evaluator, fallback_region).extract();
    (resources, diagnostics)
}
