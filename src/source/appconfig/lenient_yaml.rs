//! YAML that CloudFormation and PyYAML accept but saphyr refuses: a quoted scalar that continues on
//! lines indented no deeper than its key (`Description: "one\n  two"` written flush with the key).
//! PyYAML folds such line breaks like any other in a quoted scalar. Rather than a second parser, the
//! text is rewritten with each such line break replaced by a space — the same number of bytes, so
//! every offset (and so every line and column reported) still points into the original file.

/// The text with line breaks inside quoted scalars replaced by spaces, if there were any.
pub fn fold_quoted_line_breaks(text: &str) -> Option<String> {
    let mut out: Vec<u8> = text.as_bytes().to_vec();
    let mut changed = false;
    let mut quote: Option<u8> = None;
    // Inside a block scalar (`|`, `>`): lines indented deeper than this are its content.
    let mut block_indent: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches(' ').len();
        if quote.is_none() {
            if let Some(parent) = block_indent {
                if body.trim().is_empty() || indent > parent {
                    continue;
                }
                block_indent = None;
            }
        }
        let bytes = body.as_bytes();
        let mut i = if quote.is_some() { 0 } else { indent };
        let mut content_end = bytes.len();
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(b'"') => match b {
                    b'\\' => i += 1,
                    b'"' => quote = None,
                    _ => {}
                },
                Some(_) => {
                    if b == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 1;
                        } else {
                            quote = None;
                        }
                    }
                }
                None => match b {
                    b'#' if i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t' => {
                        content_end = i;
                        break;
                    }
                    b'"' | b'\'' if opens_scalar(&bytes[..i]) => quote = Some(b),
                    _ => {}
                },
            }
            i += 1;
        }
        if quote.is_some() {
            // The line ends inside a quoted scalar: fold its line break into a space.
            if let Some(breaks) = out.get_mut(start + body.len()..start + line.len()) {
                breaks.fill(b' ');
                changed |= !breaks.is_empty();
            }
            continue;
        }
        let content = body[..content_end.min(body.len())].trim_end();
        if starts_block_scalar(content) {
            block_indent = Some(indent);
        }
    }
    if !changed {
        return None;
    }
    String::from_utf8(out).ok()
}

/// A quote at this point starts a scalar (after `key: `, `- `, `[`, `{`, `,`, `? `, a tag or an
/// anchor, or at the start of the line), rather than sitting inside a plain one (`it's`).
fn opens_scalar(before: &[u8]) -> bool {
    let Some(end) = before.iter().rposition(|&b| b != b' ' && b != b'\t') else {
        return true;
    };
    let last = before[end];
    if matches!(last, b'[' | b'{' | b',') {
        return true;
    }
    // Right after a word (`it's`, `a"b`): inside a plain scalar.
    if end + 1 == before.len() {
        return false;
    }
    if matches!(last, b':' | b'-' | b'?') {
        return true;
    }
    // The word before is a tag (`!Sub`) or an anchor (`&name`).
    let word_start = before[..=end]
        .iter()
        .rposition(|&b| b == b' ' || b == b'\t')
        .map_or(0, |i| i + 1);
    matches!(before[word_start], b'!' | b'&')
}

/// `key: |`, `- >-`, `key: |2+` (a block scalar header ends the line's content).
fn starts_block_scalar(content: &str) -> bool {
    let header = content.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
    let Some(before) = header
        .strip_suffix('|')
        .or_else(|| header.strip_suffix('>'))
    else {
        return false;
    };
    before.is_empty() || before.ends_with([' ', ':', '-'])
}

#[cfg(test)]
mod tests {
    use super::fold_quoted_line_breaks;

    #[test]
    fn folds_only_breaks_inside_quotes_and_keeps_length() {
        let text = "a: \"one\nb two\"\nc: it's \"fine\"\nd: |\n  \"not\n  closed\ne: 'x\n''y'\n";
        let folded = fold_quoted_line_breaks(text).expect("changed");
        assert_eq!(folded.len(), text.len());
        assert_eq!(
            folded,
            "a: \"one b two\"\nc: it's \"fine\"\nd: |\n  \"not\n  closed\ne: 'x ''y'\n"
        );
        assert_eq!(fold_quoted_line_breaks("a: \"b\"\nc: d\n"), None);
    }
}
