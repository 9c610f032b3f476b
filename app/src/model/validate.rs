//! Checks on what people type, shared by server functions and tests.

use super::NewCase;
use crate::error::{AppError, AppResult};
use jiff::civil::Date;

pub const PIN_MIN: usize = 4;
pub const PIN_MAX: usize = 6;
pub const NAME_MAX: usize = 80;

/// PINs people pick most, beyond the patterns `guessable` catches: pairs,
/// keypad shapes (columns, corners, a cross), dates' usual forms and the like.
const COMMON_PINS: &[&str] = &[
    "2580", "0852", "1470", "0741", "3690", "0963", "1379", "1397", "7931", "9713", "1212", "1122", "1313", "2121",
    "2323", "1010", "2020", "6969", "4200", "1004", "1357", "2468", "7531", "8642", "1590", "0007", "2001", "1230",
    "1998", "5683", "0911", "9111", "112233", "121212", "123123", "159753", "147258", "258369", "654321", "696969",
    "111222", "101010", "520520", "131313",
];

/// Why a PIN is too easy to guess, if it is: the same digit, a straight run up
/// or down, a year, or one of the most common PINs.
fn guessable(pin: &str) -> Option<&'static str> {
    let d: Vec<i8> = pin.bytes().map(|b| (b - b'0') as i8).collect();
    if d.iter().all(|&x| x == d[0]) {
        return Some("That PIN is too easy to guess. Do not use the same number each time.");
    }
    let steps: Vec<i8> = d.windows(2).map(|w| (w[1] - w[0]).rem_euclid(10)).collect();
    if steps.iter().all(|&s| s == 1) || steps.iter().all(|&s| s == 9) {
        return Some("That PIN is too easy to guess. Do not use numbers in a row, like 1234 or 4321.");
    }
    if pin.len() == 4 && (pin.starts_with("19") || pin.starts_with("20")) {
        return Some("That PIN is too easy to guess. Do not use a year, like a birthday.");
    }
    COMMON_PINS.contains(&pin).then_some("That PIN is one many people use, so it is easy to guess. Choose another.")
}

/// A PIN someone is choosing (on activation or any change): the right shape,
/// and not one that is easy to guess.
pub fn check_pin(pin: &str) -> AppResult<()> {
    if pin.is_empty() {
        return Err(AppError::invalid("pin", "Choose a PIN of 4 to 6 numbers."));
    }
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::invalid("pin", "Your PIN can only have numbers in it, like 4826."));
    }
    if !(PIN_MIN..=PIN_MAX).contains(&pin.len()) {
        return Err(AppError::invalid("pin", "Your PIN needs 4 to 6 numbers."));
    }
    match guessable(pin) {
        Some(reason) => Err(AppError::invalid("pin", reason)),
        None => Ok(()),
    }
}

fn parse_date(field: &str, label: &str, value: &str) -> AppResult<Date> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid(field, format!("Enter the {label}.")));
    }
    value
        .parse::<Date>()
        .map_err(|_| AppError::invalid(field, format!("Enter the {label} as a real date, like 2026-12-31.")))
}

impl NewCase {
    pub fn parse(preferred_name: &str, licence_start: &str, licence_end: &str) -> AppResult<NewCase> {
        let preferred_name = preferred_name.trim();
        if preferred_name.is_empty() {
            return Err(AppError::invalid("preferred_name", "Enter the name the person wants to be called."));
        }
        if preferred_name.chars().count() > NAME_MAX {
            return Err(AppError::invalid(
                "preferred_name",
                format!("The name must be {NAME_MAX} characters or fewer."),
            ));
        }
        if preferred_name.chars().any(char::is_control) {
            return Err(AppError::invalid("preferred_name", "The name has a character we cannot use."));
        }
        let licence_start = parse_date("licence_start", "licence start date", licence_start)?;
        let licence_end = parse_date("licence_end", "licence end date", licence_end)?;
        if licence_end <= licence_start {
            return Err(AppError::invalid("licence_end", "The licence end date must be after the start date."));
        }
        Ok(NewCase { preferred_name: preferred_name.to_owned(), licence_start, licence_end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins() {
        for good in ["4826", "135790", "7394", "2864", "49173"] {
            assert!(check_pin(good).is_ok(), "{good:?} should be allowed");
        }
        for bad in ["", "123", "1234567", "12a4", " 4826"] {
            assert!(check_pin(bad).is_err(), "{bad:?} should be refused");
        }
        // Easy to guess, each with its plain reason.
        let reason = |pin: &str| check_pin(pin).unwrap_err().to_string();
        for (pin, words) in [
            ("1111", "same number"),
            ("000000", "same number"),
            ("1234", "in a row"),
            ("4321", "in a row"),
            ("7890", "in a row"),
            ("987654", "in a row"),
            ("1987", "a year"),
            ("2024", "a year"),
            ("2580", "many people use"),
            ("1212", "many people use"),
            ("8642", "many people use"),
        ] {
            assert!(reason(pin).contains(words), "{pin}: {}", reason(pin));
        }
    }

    #[test]
    fn new_case() {
        assert!(NewCase::parse("Jay", "2026-01-01", "2027-01-01").is_ok());
        let err = NewCase::parse("Jay", "2026-01-01", "2025-01-01").unwrap_err();
        assert_eq!(err.field(), Some("licence_end"));
        assert_eq!(NewCase::parse(" ", "2026-01-01", "2027-01-01").unwrap_err().field(), Some("preferred_name"));
        assert_eq!(NewCase::parse("Jay", "31/12/2026", "2027-01-01").unwrap_err().field(), Some("licence_start"));
        assert!(NewCase::parse(&"x".repeat(81), "2026-01-01", "2027-01-01").is_err());
    }
}
