//! Where a value of a JSON file starts, by path (`content[3].name`), so a
//! refusal can say which line to fix. serde_json keeps no positions once a
//! value is parsed, so this walks the text again, once per refusal, following
//! the path and skipping everything else: it keeps nothing per value (a path
//! string per value made a 2 MB file cost gigabytes). It runs only on text
//! serde_json has already accepted, and never panics on anything else.

pub struct Lines<'a>(&'a [u8]);

/// One step of a path: a member of an object, or an element of a list.
#[derive(Debug, PartialEq)]
enum Step<'p> {
    Member(&'p str),
    Element(usize),
}

/// `content[3].name` as steps. Paths are made by `member` and `element` from
/// Waymark's own field names, which hold no `.` or `[`.
fn steps(path: &str) -> impl Iterator<Item = Step<'_>> {
    path.split('.').filter(|p| !p.is_empty()).flat_map(|part| {
        let (name, indexes) = part.split_once('[').map_or((part, ""), |(n, rest)| (n, rest));
        let name = (!name.is_empty()).then_some(Step::Member(name));
        let indexes = indexes.split('[').filter_map(|i| i.trim_end_matches(']').parse().ok()).map(Step::Element);
        name.into_iter().chain(indexes)
    })
}

impl<'a> Lines<'a> {
    pub fn of(text: &'a str) -> Lines<'a> {
        Lines(text.as_bytes())
    }

    /// The line of the value at `path`, or of the nearest enclosing value that
    /// is there (a missing field is reported at its object).
    pub fn line(&self, path: &str) -> Option<usize> {
        let mut walk = Walk { b: self.0, i: 0, line: 1 };
        walk.space();
        let mut found = walk.line;
        for step in steps(path) {
            let there = match step {
                Step::Member(name) => walk.to_member(name),
                Step::Element(index) => walk.to_element(index),
            };
            if !there {
                break;
            }
            walk.space();
            found = walk.line;
        }
        Some(found)
    }
}

/// `parent.name`, or `name` at the top.
pub fn member(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

pub fn element(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

struct Walk<'a> {
    b: &'a [u8],
    i: usize,
    line: usize,
}

impl Walk<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn bump(&mut self) {
        if self.peek() == Some(b'\n') {
            self.line += 1;
        }
        self.i += 1;
    }

    fn space(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.bump();
        }
    }

    /// Past a string (the opening quote is next); returns its raw bytes, quotes excluded.
    fn string(&mut self) -> &[u8] {
        self.i += 1;
        let start = self.i;
        while let Some(c) = self.peek() {
            match c {
                b'\\' => self.i += 2,
                b'"' => break,
                _ => self.bump(),
            }
        }
        let raw = self.b.get(start..self.i.min(self.b.len())).unwrap_or_default();
        self.i += 1;
        raw
    }

    /// Past one whole value, without looking inside (iterative: no recursion).
    fn skip(&mut self) {
        let mut depth = 0usize;
        loop {
            self.space();
            match self.peek() {
                None => return,
                Some(b'"') => {
                    self.string();
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.i += 1;
                }
                Some(b'}' | b']') => {
                    // A closing bracket that is not ours ends an empty value.
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    self.i += 1;
                }
                Some(b',' | b':') if depth > 0 => self.i += 1,
                Some(b',' | b':') => return,
                Some(_) => {
                    while self.peek().is_some_and(|c| !c.is_ascii_whitespace() && !b",]}:".contains(&c)) {
                        self.i += 1;
                    }
                }
            }
            if depth == 0 {
                return;
            }
        }
    }

    /// From an object's start to the value of its member `name`: true if found.
    fn to_member(&mut self, name: &str) -> bool {
        if self.peek() != Some(b'{') {
            return false;
        }
        self.i += 1;
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return false;
            }
            let key = self.string();
            let same = if key.contains(&b'\\') {
                let mut quoted = Vec::with_capacity(key.len() + 2);
                quoted.push(b'"');
                quoted.extend_from_slice(key);
                quoted.push(b'"');
                serde_json::from_slice::<String>(&quoted).is_ok_and(|k| k == name)
            } else {
                key == name.as_bytes()
            };
            self.space();
            self.i += 1; // the colon
            self.space();
            if same {
                return true;
            }
            self.skip();
            self.space();
            if self.peek() != Some(b',') {
                return false;
            }
            self.i += 1;
        }
    }

    /// From a list's start to its element `index`: true if there is one.
    fn to_element(&mut self, index: usize) -> bool {
        if self.peek() != Some(b'[') {
            return false;
        }
        self.i += 1;
        for _ in 0..index {
            self.space();
            if matches!(self.peek(), Some(b']') | None) {
                return false;
            }
            self.skip();
            self.space();
            if self.peek() != Some(b',') {
                return false;
            }
            self.i += 1;
        }
        self.space();
        !matches!(self.peek(), Some(b']') | None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_value_and_falls_back_to_its_object() {
        let text = "{\n  \"content\": [\n    {\"name\": \"A\"},\n    {\n      \"name\": \"B \\\" }\",\n      \"x\": [1, {\"y\": null}]\n    }\n  ]\n}";
        let lines = Lines::of(text);
        assert_eq!(lines.line("content"), Some(2));
        assert_eq!(lines.line("content[0].name"), Some(3));
        assert_eq!(lines.line("content[1]"), Some(4));
        assert_eq!(lines.line("content[1].name"), Some(5));
        assert_eq!(lines.line("content[1].x[1].y"), Some(6));
        assert_eq!(lines.line("content[1].missing"), Some(4), "a missing field is at its object");
        assert_eq!(lines.line("content[7].name"), Some(2), "a missing element is at its list");
        assert_eq!(lines.line("[0]"), Some(1), "the top is line 1");
        let list = Lines::of("[\n {\"id\": \"a\"},\n {\"id\": \"b\"}\n]");
        assert_eq!(list.line("[1].id"), Some(3));
    }

    #[test]
    fn skips_strings_with_brackets_escapes_and_newlines_inside() {
        let text = "{\"a\": \"[{\\\"\\n\",\n \"b\": {\"c\": [\"]\", {}]},\n \"n\\u0061me\": 1,\n \"last\":\n 2}";
        let lines = Lines::of(text);
        assert_eq!(lines.line("b.c[1]"), Some(2));
        assert_eq!(lines.line("name"), Some(3), "an escaped key is decoded");
        assert_eq!(lines.line("last"), Some(5));
    }

    #[test]
    fn paths_split_into_steps() {
        let got: Vec<Step> = steps("content[3].phones[0][2].number").collect();
        use Step::*;
        assert_eq!(
            got,
            vec![Member("content"), Element(3), Member("phones"), Element(0), Element(2), Member("number")]
        );
        assert_eq!(steps("[1].id").collect::<Vec<_>>(), vec![Element(1), Member("id")]);
        assert!(steps("").next().is_none());
    }
}
