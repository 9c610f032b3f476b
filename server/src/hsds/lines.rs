//! Where each value of a JSON file starts, by path (`content[3].name`), so a
//! refusal can say which line to fix. serde_json keeps no positions once a
//! value is parsed, so this walks the text once more. It runs only on text
//! serde_json has already accepted, and never panics on anything else.

use std::collections::HashMap;

pub struct Lines(HashMap<String, usize>);

impl Lines {
    pub fn of(text: &str) -> Lines {
        let mut walk = Walk { b: text.as_bytes(), i: 0, line: 1, found: HashMap::new() };
        walk.value(String::new());
        Lines(walk.found)
    }

    /// The line of the value at `path`, or of the nearest enclosing value that
    /// is there (a missing field is reported at its object).
    pub fn line(&self, path: &str) -> Option<usize> {
        let mut path = path;
        loop {
            if let Some(line) = self.0.get(path) {
                return Some(*line);
            }
            if path.is_empty() {
                return None;
            }
            let cut = path.rfind(['.', '[']).unwrap_or(0);
            path = &path[..cut];
        }
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
    found: HashMap<String, usize>,
}

impl Walk<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn space(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_ascii_whitespace()) {
            if c == b'\n' {
                self.line += 1;
            }
            self.i += 1;
        }
    }

    fn value(&mut self, path: String) {
        self.space();
        self.found.insert(path.clone(), self.line);
        match self.peek() {
            Some(b'{') => self.object(&path),
            Some(b'[') => self.array(&path),
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while self.peek().is_some_and(|c| !c.is_ascii_whitespace() && !b",]}".contains(&c)) {
                    self.i += 1;
                }
            }
            None => {}
        }
    }

    /// A string (the opening quote is next); returns it decoded.
    fn string(&mut self) -> String {
        let start = self.i;
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'"' => break,
                _ => {}
            }
        }
        let raw = self.b.get(start..self.i.min(self.b.len())).unwrap_or_default();
        serde_json::from_slice(raw).unwrap_or_default()
    }

    fn object(&mut self, path: &str) {
        self.i += 1;
        loop {
            self.space();
            match self.peek() {
                Some(b'"') => {
                    let key = self.string();
                    self.space();
                    self.i += 1; // the colon
                    self.value(member(path, &key));
                    self.space();
                    if self.peek() == Some(b',') {
                        self.i += 1;
                    }
                }
                Some(_) => {
                    self.i += 1; // the closing brace
                    return;
                }
                None => return,
            }
        }
    }

    fn array(&mut self, path: &str) {
        self.i += 1;
        let mut index = 0;
        loop {
            self.space();
            match self.peek() {
                Some(b']') => {
                    self.i += 1;
                    return;
                }
                Some(_) => {
                    self.value(element(path, index));
                    index += 1;
                    self.space();
                    if self.peek() == Some(b',') {
                        self.i += 1;
                    }
                }
                None => return,
            }
        }
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
        assert_eq!(lines.line("[0]"), Some(1), "the top is line 1");
        let list = Lines::of("[\n {\"id\": \"a\"},\n {\"id\": \"b\"}\n]");
        assert_eq!(list.line("[1].id"), Some(3));
    }
}
