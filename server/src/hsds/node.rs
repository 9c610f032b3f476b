//! A value in an import file and where it is, so each problem names its place.
//!
//! A node is the value's raw text (`RawValue`), read only as far as a field
//! asks: fields Waymark has no place for are skipped, never built, so a file's
//! memory stays near its size whatever it holds. The text is already checked
//! JSON (`read`), so the parsing here does not fail on valid input.

use super::lines::{element, member, Lines};
use super::read::Refusal;
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// Items in a list inside a service (contacts, opening times, terms…); real
/// files have a handful. The list of services itself has no such limit.
pub const MAX_ITEMS: usize = 1000;

/// A problem at a place in the file, before its line is looked up.
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn refusal(self, lines: &Lines<'_>) -> Refusal {
        Refusal { line: lines.line(&self.path), column: None, message: self.message, path: Some(self.path) }
    }
}

pub type Checked<T> = Result<T, Problem>;

/// A value in the file and where it is.
pub struct Node<'a> {
    raw: &'a RawValue,
    pub path: String,
}

impl<'a> Node<'a> {
    pub fn new(raw: &'a RawValue, path: String) -> Node<'a> {
        Node { raw, path }
    }

    pub fn problem(&self, message: impl Into<String>) -> Problem {
        Problem { path: self.path.clone(), message: message.into() }
    }

    pub fn is_object(&self) -> bool {
        self.raw.get().starts_with('{')
    }

    /// Where a field is (or would be).
    pub fn at(&self, name: &str) -> String {
        member(&self.path, name)
    }

    /// A field that is there and not null (the last one, if the name is used twice).
    pub fn get(&self, name: &str) -> Option<Node<'a>> {
        let found = member_of(self.raw, name)?;
        (found.get() != "null").then(|| Node { raw: found, path: self.at(name) })
    }

    /// Text (numbers are taken as written); empty is `None`.
    pub fn text(&self, name: &str) -> Checked<Option<String>> {
        let Some(node) = self.get(name) else { return Ok(None) };
        let raw = node.raw.get();
        let text = if raw.starts_with('"') {
            serde_json::from_str::<String>(raw).map(|s| s.trim().to_owned()).ok()
        } else {
            serde_json::from_str::<serde_json::Number>(raw).map(|n| n.to_string()).ok()
        };
        let Some(text) = text else { return Err(node.problem("Write this as text in quotes.")) };
        Ok((!text.is_empty()).then_some(text))
    }

    /// A list (none is an empty list).
    pub fn list(&self, name: &str) -> Checked<Vec<Node<'a>>> {
        let Some(node) = self.get(name) else { return Ok(Vec::new()) };
        if !node.raw.get().starts_with('[') {
            return Err(node.problem("This must be a list in square brackets [ ]."));
        }
        let mut de = serde_json::Deserializer::from_str(node.raw.get());
        let items = de.deserialize_seq(Items { max: MAX_ITEMS }).map_err(|_| {
            node.problem(format!("This list is too long: more than {MAX_ITEMS} items. A service needs far fewer."))
        })?;
        Ok(items.into_iter().enumerate().map(|(i, raw)| Node { raw, path: element(&node.path, i) }).collect())
    }

    /// A number, or text that is one.
    pub fn number(&self, name: &str) -> Checked<Option<(f64, String)>> {
        let Some(node) = self.get(name) else { return Ok(None) };
        let raw = node.raw.get();
        let n = if raw.starts_with('"') {
            serde_json::from_str::<String>(raw).ok().and_then(|s| s.trim().parse().ok())
        } else {
            serde_json::from_str::<serde_json::Number>(raw).ok().and_then(|n| n.as_f64())
        };
        match n.filter(|n: &f64| n.is_finite()) {
            Some(n) => Ok(Some((n, node.path))),
            None => Err(node.problem("Write this as a number in decimal degrees, like 51.4545 or -2.5879.")),
        }
    }
}

/// Each element of a list, handed to `f` as it is read and then dropped, so a
/// list of any length costs nothing to walk (the list of services). `None` if
/// this is not a list; `f`'s first error stops the walk and is returned.
pub fn for_each<'a, E>(
    raw: &'a RawValue,
    f: impl FnMut(usize, &'a RawValue) -> Result<(), E>,
) -> Option<Result<(), E>> {
    if !raw.get().starts_with('[') {
        return None;
    }
    let mut stopped = None;
    let mut de = serde_json::Deserializer::from_str(raw.get());
    let walked = de.deserialize_seq(Each { f, stopped: &mut stopped });
    match (stopped, walked) {
        (Some(e), _) => Some(Err(e)),
        (None, Ok(())) => Some(Ok(())),
        (None, Err(_)) => None,
    }
}

struct Each<'s, F, E> {
    f: F,
    stopped: &'s mut Option<E>,
}

impl<'de, F: FnMut(usize, &'de RawValue) -> Result<(), E>, E> Visitor<'de> for Each<'_, F, E> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            if let Err(e) = (self.f)(i, item) {
                *self.stopped = Some(e);
                return Err(A::Error::custom("stopped"));
            }
            i += 1;
        }
        Ok(())
    }
}

/// The member `name` of an object (the last, if the name is used twice); `None`
/// if there is none or this is not an object.
pub fn member_of<'a>(raw: &'a RawValue, name: &str) -> Option<&'a RawValue> {
    if !raw.get().starts_with('{') {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(raw.get());
    de.deserialize_map(Member(name)).ok().flatten()
}

/// A list's elements as raw text; more than `max` is an error.
struct Items {
    max: usize,
}

impl<'de> Visitor<'de> for Items {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            if items.len() == self.max {
                return Err(A::Error::custom("too many items"));
            }
            items.push(item);
        }
        Ok(items)
    }
}

/// Finds one member of an object, skipping the others without building them.
struct Member<'n>(&'n str);

impl<'de> Visitor<'de> for Member<'_> {
    type Value = Option<&'de RawValue>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(same) = map.next_key_seed(KeyIs(self.0))? {
            if same {
                found = Some(map.next_value::<&'de RawValue>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// Whether a key is the one wanted, compared as it is read (nothing kept).
struct KeyIs<'n>(&'n str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a name")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<bool, E> {
        Ok(v == self.0)
    }
}
