//! "Larger text" and "High contrast": how a person likes pages shown. Kept in a
//! cookie on the phone, so the server draws every page that way from the first
//! byte — on public pages that load no wasm at all, and with no flash of the
//! default look on the others.

use super::cookie::{Cookie, CookiePolicy};
use serde::{Deserialize, Serialize};

/// One of the two display options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayChoice {
    LargeText,
    HighContrast,
}

impl DisplayChoice {
    pub const ALL: [DisplayChoice; 2] = [DisplayChoice::LargeText, DisplayChoice::HighContrast];

    /// The class on `<html>`, the cookie word and the form value.
    pub fn as_str(self) -> &'static str {
        match self {
            DisplayChoice::LargeText => "large-text",
            DisplayChoice::HighContrast => "high-contrast",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DisplayChoice::LargeText => "Larger text",
            DisplayChoice::HighContrast => "High contrast",
        }
    }

    pub fn parse(s: &str) -> Option<DisplayChoice> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Display {
    pub large_text: bool,
    pub high_contrast: bool,
}

impl Display {
    /// Two years: a choice about how to read is not something to ask again.
    pub const MAX_AGE_SECONDS: u64 = 2 * 365 * 24 * 3600;

    pub fn is_on(self, choice: DisplayChoice) -> bool {
        match choice {
            DisplayChoice::LargeText => self.large_text,
            DisplayChoice::HighContrast => self.high_contrast,
        }
    }

    pub fn toggled(mut self, choice: DisplayChoice) -> Display {
        match choice {
            DisplayChoice::LargeText => self.large_text = !self.large_text,
            DisplayChoice::HighContrast => self.high_contrast = !self.high_contrast,
        }
        self
    }

    fn on(self) -> impl Iterator<Item = DisplayChoice> {
        DisplayChoice::ALL.into_iter().filter(move |c| self.is_on(*c))
    }

    /// The cookie's value: the choices that are on, joined by dots ("standard" for none).
    pub fn cookie_value(self) -> String {
        let words: Vec<&str> = self.on().map(DisplayChoice::as_str).collect();
        if words.is_empty() {
            "standard".into()
        } else {
            words.join(".")
        }
    }

    /// Read from the cookie's value; words it does not know are ignored.
    pub fn from_cookie_value(value: &str) -> Display {
        value.split('.').filter_map(DisplayChoice::parse).fold(Display::default(), |d, c| {
            if d.is_on(c) {
                d
            } else {
                d.toggled(c)
            }
        })
    }

    /// Read from a whole `Cookie:` header.
    pub fn from_cookie_header(header: &str, policy: CookiePolicy) -> Display {
        policy.find(Cookie::Display, header).map(Display::from_cookie_value).unwrap_or_default()
    }

    /// The `Set-Cookie` value. Not HttpOnly: the app sets it in the browser too,
    /// so the choice also works with no signal. It says nothing about the person.
    pub fn set_cookie(self, policy: CookiePolicy) -> String {
        policy.set(Cookie::Display, &self.cookie_value(), Self::MAX_AGE_SECONDS)
    }

    /// Classes for `<html>`, or `None` for the standard look.
    pub fn classes(self) -> Option<String> {
        let words: Vec<&str> = self.on().map(DisplayChoice::as_str).collect();
        (!words.is_empty()).then(|| words.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_round_trips_and_ignores_what_it_does_not_know() {
        for d in [
            Display::default(),
            Display { large_text: true, high_contrast: false },
            Display { large_text: false, high_contrast: true },
            Display { large_text: true, high_contrast: true },
        ] {
            assert_eq!(Display::from_cookie_value(&d.cookie_value()), d);
        }
        assert_eq!(
            Display::from_cookie_value("high-contrast.huge.high-contrast"),
            Display { large_text: false, high_contrast: true }
        );
        let header = "waymark=abc; waymark-display=large-text; other=1";
        let plain = CookiePolicy::default();
        assert_eq!(Display::from_cookie_header(header, plain), Display { large_text: true, high_contrast: false });
        assert_eq!(Display::from_cookie_header("waymark=abc", plain), Display::default());
    }

    #[test]
    fn classes_name_only_what_is_on() {
        assert_eq!(Display::default().classes(), None);
        let both = Display::default().toggled(DisplayChoice::LargeText).toggled(DisplayChoice::HighContrast);
        assert_eq!(both.classes().as_deref(), Some("large-text high-contrast"));
        assert!(both.set_cookie(CookiePolicy { secure: true }).ends_with("; Secure"));
    }
}
