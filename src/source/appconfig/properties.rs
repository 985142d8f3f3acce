//! Java `.properties` (Spring): `key=value`, `key: value`, `key value`; `#`/`!` comments. Values that
//! continue over lines (trailing `\`) are read as their first line, which is where a model ID sits.

use super::entries::Entry;

pub fn entries(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut line_start = 0;
    let mut continued = false;
    for line in text.split_inclusive('\n') {
        let offset = line_start;
        line_start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let was_continued = continued;
        continued = body.ends_with('\\') && !body.ends_with("\\\\");
        if was_continued {
            continue;
        }
        let trimmed = body.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('!') {
            continue;
        }
        let lead = body.len() - trimmed.len();
        let sep = trimmed.find(['=', ':', ' ', '\t']).unwrap_or(trimmed.len());
        let key = &trimmed[..sep];
        let mut rest = &trimmed[sep..];
        rest = rest.trim_start_matches([' ', '\t']);
        rest = rest.strip_prefix(['=', ':']).unwrap_or(rest);
        let rest_trimmed = rest.trim_start_matches([' ', '\t']);
        let value = rest_trimmed.trim_end_matches('\\').trim_end();
        let start = offset + lead + trimmed.len() - rest_trimmed.len();
        if key.is_empty() {
            continue;
        }
        out.push(Entry::value(
            key.to_string(),
            value.to_string(),
            start..start + value.len(),
            0,
        ));
    }
    out
}
