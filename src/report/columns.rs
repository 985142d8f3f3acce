//! Plain aligned columns: every cell padded to its column's display width, two spaces between
//! columns, trailing space trimmed. Shared by `catalog` and the terminal rendering of rule docs.

/// The rows as lines, each starting with `indent`.
pub(crate) fn aligned(rows: &[Vec<String>], indent: &str) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(textwrap::core::display_width(cell));
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::from(indent);
        for (cell, w) in row.iter().zip(&widths) {
            let pad = w - textwrap::core::display_width(cell);
            line.push_str(cell);
            line.push_str(&" ".repeat(pad + 2));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
