//! Limits checked on the raw text before it is parsed, so a hostile file (deep
//! nesting, huge field names) is refused before memory is spent on it. One pass
//! over the bytes, nothing kept; anything else wrong is left to the parser.

use super::read::Refusal;

/// Brackets inside brackets. Waymark's own export needs 7.
pub const MAX_DEPTH: usize = 20;
/// Bytes in a field name. Open Referral UK's longest is under 30.
pub const MAX_NAME: usize = 100;

pub fn check(text: &str) -> Result<(), Refusal> {
    let b = text.as_bytes();
    let (mut i, mut line, mut depth) = (0usize, 1usize, 0usize);
    // The length of the string just read, until we see whether a colon makes it a name.
    let mut last_string: Option<usize> = None;
    while let Some(&c) = b.get(i) {
        match c {
            b'\n' => line += 1,
            b'"' => {
                let start = i + 1;
                i += 1;
                while let Some(&s) = b.get(i) {
                    match s {
                        b'\\' => i += 1,
                        b'"' => break,
                        _ => {}
                    }
                    i += 1;
                }
                last_string = Some(i.saturating_sub(start));
                i += 1;
                continue;
            }
            b':' => {
                if last_string.is_some_and(|n| n > MAX_NAME) {
                    return Err(at(
                        line,
                        format!(
                            "This field name is too long: more than {MAX_NAME} letters. \
                         Field names in an Open Referral UK file are short, like \"name\"."
                        ),
                    ));
                }
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(at(
                        line,
                        format!(
                            "This file nests too deeply: more than {MAX_DEPTH} brackets inside each other. \
                         An Open Referral UK file needs far fewer."
                        ),
                    ));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !c.is_ascii_whitespace() {
            last_string = None;
        }
        i += 1;
    }
    Ok(())
}

fn at(line: usize, message: String) -> Refusal {
    Refusal { line: Some(line), column: None, path: None, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_and_long_names_are_refused_with_their_line() {
        let deep = format!("{{\n\"content\":\n{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let why = check(&deep).unwrap_err();
        assert_eq!(why.line, Some(3));
        assert!(why.to_string().starts_with("Line 3: This file nests too deeply"), "{why}");
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(check(&fine).is_ok());

        let name = "n".repeat(MAX_NAME + 1);
        let long = format!("[\n{{\"id\": \"a\",\n \"{name}\" : 1}}]");
        let why = check(&long).unwrap_err();
        assert!(why.to_string().starts_with("Line 3: This field name is too long"), "{why}");
        // A long value is not a name, and brackets or quotes inside strings do not count.
        let value = format!("{{\"description\": \"{}\", \"x\": \"[[[[\\\"{{{{\"}}", "v".repeat(10 * MAX_NAME));
        assert!(check(&value).is_ok());
        let name = "n".repeat(MAX_NAME);
        assert!(check(&format!("{{\"{name}\": 1}}")).is_ok());
    }
}
