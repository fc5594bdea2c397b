//! Finds where a field sits in a TOML file's text, so semantic errors can name a line.

/// Line-based index of a file's `[[question]]` sections and keys.
pub struct Locator<'a> {
    lines: Vec<&'a str>,
    /// Line indices (0-based) where each `[[header]]` section starts.
    sections: Vec<usize>,
}

impl<'a> Locator<'a> {
    /// Indexes `text`, treating each `[[header]]` line as the start of one array element.
    pub fn new(text: &'a str, header: &str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let wanted = format!("[[{header}]]");
        let sections = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim() == wanted)
            .map(|(i, _)| i)
            .collect();
        Self { lines, sections }
    }

    /// Line range (0-based, end exclusive) of element `index`; the whole file when there are no headers.
    fn section(&self, index: Option<usize>) -> (usize, usize) {
        match index {
            Some(i) if i < self.sections.len() => {
                let start = self.sections[i];
                let end = self
                    .sections
                    .get(i + 1)
                    .copied()
                    .unwrap_or(self.lines.len());
                (start, end)
            }
            _ => (0, self.lines.len()),
        }
    }

    /// 1-based line of the `nth` (0-based) assignment to `key` inside element `index`,
    /// or of the element's header when the key is absent.
    pub fn line_of(&self, index: Option<usize>, key: &str, nth: usize) -> usize {
        let (start, end) = self.section(index);
        self.lines[start..end]
            .iter()
            .enumerate()
            .filter(|(_, line)| assigns(line, key))
            .nth(nth)
            .map_or(start + 1, |(i, _)| start + i + 1)
    }

    /// Which element (0-based) a 1-based line falls in, if any.
    pub fn element_at(&self, line: usize) -> Option<usize> {
        let zero = line.checked_sub(1)?;
        self.sections.iter().rposition(|&s| s <= zero)
    }

    /// The key assigned on a 1-based line, e.g. `kind` for `kind = "x"`.
    pub fn key_on_line(&self, line: usize) -> Option<String> {
        let text = self.lines.get(line.checked_sub(1)?)?;
        let (key, _) = text.split_once('=')?;
        let key = key.trim().trim_start_matches(['{', ',']).trim();
        let valid = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        valid.then(|| key.to_string())
    }
}

/// Whether `line` assigns to `key` (at the start, or inside an inline table).
fn assigns(line: &str, key: &str) -> bool {
    let mut rest = line;
    while let Some(pos) = rest.find(key) {
        let before = rest[..pos].trim_end();
        let boundary_before = before.is_empty() || before.ends_with('{') || before.ends_with(',');
        let after = rest[pos + key.len()..].trim_start();
        if boundary_before && after.starts_with('=') {
            return true;
        }
        rest = &rest[pos + key.len()..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[[question]]\nid = \"a\"\nprompt = \"x\"\n\n[[question]]\nid = \"b\"\ntalking_points = [\n  { point = \"p\", evidence = [] },\n]\n";

    #[test]
    fn finds_keys_per_section() {
        let loc = Locator::new(TEXT, "question");
        assert_eq!(loc.line_of(Some(0), "prompt", 0), 3);
        assert_eq!(loc.line_of(Some(1), "id", 0), 6);
        assert_eq!(loc.line_of(Some(1), "evidence", 0), 8);
        // absent key: the section header
        assert_eq!(loc.line_of(Some(1), "prompt", 0), 5);
        assert_eq!(loc.element_at(7), Some(1));
        assert_eq!(loc.element_at(2), Some(0));
        assert_eq!(loc.key_on_line(2).as_deref(), Some("id"));
    }

    #[test]
    fn does_not_confuse_keys_sharing_a_suffix() {
        assert!(!assigns("example_answer = \"x\"", "answer"));
        assert!(assigns("  answer = \"x\"", "answer"));
        assert!(assigns("{ topic = \"t\", answer = \"x\" }", "answer"));
    }
}
