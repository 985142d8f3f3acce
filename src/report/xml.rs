//! XML text escaping for the JUnit and Checkstyle reports.

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An attribute value: as [`escape`], and line breaks and tabs as character references, which a
/// parser would otherwise turn into spaces (attribute-value normalisation) — a file name or message
/// keeps its exact text.
pub fn escape_attr(s: &str) -> String {
    escape(s)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes() {
        assert_eq!(
            escape("a<b>&\"c'\u{0}\u{ffff}\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;\n"
        );
        assert_eq!(escape_attr("x\ny\tz\r\"/>"), "x&#10;y&#9;z&#13;&quot;/&gt;");
    }
}
