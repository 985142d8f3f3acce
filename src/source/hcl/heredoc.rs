//! A workaround for hcl-edit 0.10: an empty heredoc (`<<EOF` with the closing `EOF` on the very next
//! line) is not closed there when another heredoc with the same delimiter follows — the parser takes
//! everything up to that later `EOF` as the first heredoc's text, so the blocks between vanish with no
//! error. Terraform reads it as an empty string. Before parsing, each empty heredoc is rewritten as
//! `""` padded with spaces, every newline kept where it was, so byte offsets, lines and columns of
//! everything in the file are unchanged.

use std::borrow::Cow;

/// The text with every empty heredoc in an expression position replaced by `""` of the same length.
pub fn patch_empty_heredocs(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut patches: Vec<(usize, usize, usize)> = Vec::new();
    for at in memchr::memmem::find_iter(bytes, b"<<") {
        if let Some(p) = empty_heredoc_at(text, at) {
            patches.push(p);
        }
    }
    if patches.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = text.as_bytes().to_vec();
    for (open_start, open_end, close_end) in patches {
        // `<<-EOF` → `""    `, and the closing line (indent + `EOF`) → spaces; newlines stay.
        out[open_start] = b'"';
        out[open_start + 1] = b'"';
        for b in &mut out[open_start + 2..open_end] {
            *b = b' ';
        }
        for b in &mut out[open_end..close_end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Only ASCII bytes were written over ASCII bytes.
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// At `<<` (byte `at`): `(start of "<<", end of the opening marker, end of the closing marker)` when
/// an empty heredoc starts here in an expression position (after `=`, `(`, `[`, `,`, `:` or `?`).
fn empty_heredoc_at(text: &str, at: usize) -> Option<(usize, usize, usize)> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..at].trim_end();
    if !before.ends_with(['=', '(', '[', ',', ':', '?']) {
        return None;
    }
    let rest = &text[at + 2..];
    let rest_dash = rest.strip_prefix('-').unwrap_or(rest);
    let ident_len = rest_dash
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        .count();
    if ident_len == 0 {
        return None;
    }
    let ident = &rest_dash[..ident_len];
    let open_end = at + 2 + (rest.len() - rest_dash.len()) + ident_len;
    let after_open = &text[open_end..];
    let newline = if after_open.starts_with("\r\n") {
        2
    } else if after_open.starts_with('\n') {
        1
    } else {
        return None;
    };
    let close_line = &text[open_end + newline..];
    let indent = close_line
        .bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count();
    let closing = close_line[indent..].strip_prefix(ident)?;
    if !(closing.is_empty() || closing.starts_with('\n') || closing.starts_with("\r\n")) {
        return None;
    }
    Some((at, open_end, open_end + newline + indent + ident_len))
}

#[cfg(test)]
mod tests {
    use super::patch_empty_heredocs;

    #[test]
    fn empty_heredocs_become_empty_strings_of_the_same_length() {
        let text = "a = <<EOF\nEOF\nb = <<-EOT\r\n    EOT\r\nc = <<EOF\nx\nEOF\n";
        let patched = patch_empty_heredocs(text);
        assert_eq!(patched.len(), text.len());
        assert_eq!(
            patched,
            "a = \"\"   \n   \nb = \"\"    \r\n       \r\nc = <<EOF\nx\nEOF\n"
        );
    }

    #[test]
    fn other_heredocs_and_shell_text_are_left_alone() {
        for text in [
            "a = <<EOF\nx\nEOF\n",
            "a = <<EOF\nEOFX\nEOF\n",
            "  cat <<EOF\nEOF\n",
            "# <<EOF\nEOF\n",
        ] {
            assert_eq!(patch_empty_heredocs(text), text, "{text:?}");
        }
    }
}
