//! Checks on what people type, shared by server functions and tests.

use super::NewCase;
use crate::error::{AppError, AppResult};
use jiff::civil::Date;

pub const PIN_MIN: usize = 4;
pub const PIN_MAX: usize = 6;
pub const NAME_MAX: usize = 80;

pub fn check_pin(pin: &str) -> AppResult<()> {
    if pin.is_empty() {
        return Err(AppError::invalid("pin", "Choose a PIN of 4 to 6 numbers."));
    }
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::invalid("pin", "Your PIN can only have numbers in it, like 2580."));
    }
    if !(PIN_MIN..=PIN_MAX).contains(&pin.len()) {
        return Err(AppError::invalid("pin", "Your PIN needs 4 to 6 numbers."));
    }
    let first = pin.as_bytes()[0];
    if pin.bytes().all(|b| b == first) {
        return Err(AppError::invalid("pin", "That PIN is too easy to guess. Do not use the same number each time."));
    }
    Ok(())
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
        assert!(check_pin("2580").is_ok());
        assert!(check_pin("135790").is_ok());
        for bad in ["", "123", "1234567", "12a4", "1111", " 2580"] {
            assert!(check_pin(bad).is_err(), "{bad:?} should be refused");
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
