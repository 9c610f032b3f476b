//! A value in an import file and where it is, so each problem names its place.

use super::lines::{element, member, Lines};
use super::read::Refusal;
use serde_json::Value;

/// A problem at a place in the file, before its line is looked up.
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn refusal(self, lines: &Lines) -> Refusal {
        Refusal { line: lines.line(&self.path), column: None, message: self.message, path: Some(self.path) }
    }
}

pub type Checked<T> = Result<T, Problem>;

/// A value in the file and where it is.
pub struct Node<'a> {
    pub v: &'a Value,
    pub path: String,
}

impl<'a> Node<'a> {
    pub fn problem(&self, message: impl Into<String>) -> Problem {
        Problem { path: self.path.clone(), message: message.into() }
    }

    /// Where a field is (or would be).
    pub fn at(&self, name: &str) -> String {
        member(&self.path, name)
    }

    /// A field that is there and not null.
    pub fn get(&self, name: &str) -> Option<Node<'a>> {
        self.v.get(name).filter(|v| !v.is_null()).map(|v| Node { v, path: self.at(name) })
    }

    /// Text (numbers are taken as written); empty is `None`.
    pub fn text(&self, name: &str) -> Checked<Option<String>> {
        let Some(node) = self.get(name) else { return Ok(None) };
        let text = match node.v {
            Value::String(s) => s.trim().to_owned(),
            Value::Number(n) => n.to_string(),
            _ => return Err(node.problem("Write this as text in quotes.")),
        };
        Ok((!text.is_empty()).then_some(text))
    }

    /// A list (none is an empty list).
    pub fn list(&self, name: &str) -> Checked<Vec<Node<'a>>> {
        match self.get(name) {
            None => Ok(Vec::new()),
            Some(Node { v: Value::Array(items), path }) => {
                Ok(items.iter().enumerate().map(|(i, v)| Node { v, path: element(&path, i) }).collect())
            }
            Some(node) => Err(node.problem("This must be a list in square brackets [ ].")),
        }
    }

    /// A number, or text that is one.
    pub fn number(&self, name: &str) -> Checked<Option<(f64, String)>> {
        let Some(node) = self.get(name) else { return Ok(None) };
        let n = match node.v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        match n.filter(|n: &f64| n.is_finite()) {
            Some(n) => Ok(Some((n, node.path))),
            None => Err(node.problem("Write this as a number in decimal degrees, like 51.4545 or -2.5879.")),
        }
    }
}
