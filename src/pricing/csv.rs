//! A small reader for the catalog's source tables (RFC 4180 CSV: a header row, comma-separated fields,
//! double quotes around fields with commas or quotes, `""` for a quote). Enough for curated tables;
//! not a general CSV library.

/// One table: its header and rows, each row a map from column to field (empty string when blank).
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line in the file, for error messages.
    pub line: usize,
    fields: Vec<(String, String)>,
}

impl Row {
    /// The field of a column; empty when blank or absent.
    pub fn get(&self, column: &str) -> &str {
        self.fields
            .iter()
            .find(|(c, _)| c == column)
            .map_or("", |(_, v)| v.as_str())
    }
}

impl Table {
    /// Parses `text`; `name` is the file name shown in errors. Every row must have the header's width.
    pub fn parse(name: &str, text: &str) -> Result<Table, String> {
        let mut records = Vec::new();
        let mut field = String::new();
        let mut record: Vec<String> = Vec::new();
        let mut in_quotes = false;
        let mut line = 1usize;
        let mut record_line = 1usize;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (in_quotes, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => in_quotes = false,
                (true, c) => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
                (false, '"') if field.is_empty() => in_quotes = true,
                (false, ',') => record.push(std::mem::take(&mut field)),
                (false, '\r') => {}
                (false, '\n') => {
                    record.push(std::mem::take(&mut field));
                    records.push((record_line, std::mem::take(&mut record)));
                    line += 1;
                    record_line = line;
                }
                (false, c) => field.push(c),
            }
        }
        if in_quotes {
            return Err(format!("{name}:{record_line}: unterminated quoted field"));
        }
        if !field.is_empty() || !record.is_empty() {
            record.push(field);
            records.push((record_line, record));
        }
        let mut iter = records
            .into_iter()
            .filter(|(_, r)| !(r.len() == 1 && r[0].is_empty()));
        let Some((_, header)) = iter.next() else {
            return Err(format!("{name}: empty table (no header row)"));
        };
        let mut rows = Vec::new();
        for (line, r) in iter {
            if r.len() != header.len() {
                return Err(format!(
                    "{name}:{line}: {} fields, the header has {}",
                    r.len(),
                    header.len()
                ));
            }
            rows.push(Row {
                line,
                fields: header.iter().cloned().zip(r).collect(),
            });
        }
        Ok(Table {
            name: name.to_string(),
            header,
            rows,
        })
    }

    /// Fails unless every named column is in the header.
    pub fn require(&self, columns: &[&str]) -> Result<(), String> {
        for c in columns {
            if !self.header.iter().any(|h| h == c) {
                return Err(format!("{}: no `{c}` column", self.name));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_widths() {
        let t = Table::parse("t.csv", "a,b\n1,\"x, \"\"y\"\"\"\n\n2,\n").expect("parses");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].get("b"), "x, \"y\"");
        assert_eq!(t.rows[1].get("b"), "");
        assert_eq!(t.rows[1].line, 4);
        let err = Table::parse("t.csv", "a,b\n1\n").expect_err("too short");
        assert_eq!(err, "t.csv:2: 1 fields, the header has 2");
        assert!(Table::parse("t.csv", "a\n\"open\n").is_err());
    }
}
