//! Maps a practitioner attaches to a condition (an exclusion zone, the area a
//! person must stay in). The catalogue asks for a PDF; a photo or picture of
//! a map is just as common, and shows inline on a phone, so both are taken.
//! The kind is read from the file's first bytes, never from its name.

use serde::{Deserialize, Serialize};

/// The largest map taken: a phone photo fits; a person on pay-as-you-go data
/// still pays for it once (the service worker keeps it after that).
pub const MAP_MAX_BYTES: usize = 3 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MapFormat {
    Png,
    Jpeg,
    Webp,
    Pdf,
}

impl MapFormat {
    pub const ALL: [MapFormat; 4] = [MapFormat::Png, MapFormat::Jpeg, MapFormat::Webp, MapFormat::Pdf];

    /// What the file's first bytes say it is.
    pub fn sniff(bytes: &[u8]) -> Option<MapFormat> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(MapFormat::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(MapFormat::Jpeg)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(MapFormat::Webp)
        } else if bytes.starts_with(b"%PDF-") {
            Some(MapFormat::Pdf)
        } else {
            None
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            MapFormat::Png => "image/png",
            MapFormat::Jpeg => "image/jpeg",
            MapFormat::Webp => "image/webp",
            MapFormat::Pdf => "application/pdf",
        }
    }

    pub fn from_content_type(s: &str) -> Option<MapFormat> {
        Self::ALL.into_iter().find(|f| f.content_type() == s)
    }

    /// Pictures show on the page; a PDF opens on its own.
    pub fn is_image(self) -> bool {
        self != MapFormat::Pdf
    }
}

/// A map on a condition, as a page shows it (the bytes come from their own address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionMap {
    pub format: MapFormat,
    pub uploaded_at: jiff::Timestamp,
}

/// Why a map was not taken; `code` travels in the address back to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapRefusal {
    Empty,
    TooBig,
    NotAMap,
    NoMapHere,
}

impl MapRefusal {
    pub const ALL: [MapRefusal; 4] =
        [MapRefusal::Empty, MapRefusal::TooBig, MapRefusal::NotAMap, MapRefusal::NoMapHere];

    pub fn code(self) -> &'static str {
        match self {
            MapRefusal::Empty => "empty",
            MapRefusal::TooBig => "too-big",
            MapRefusal::NotAMap => "not-a-map",
            MapRefusal::NoMapHere => "no-map-here",
        }
    }

    pub fn parse(code: &str) -> Option<MapRefusal> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn message(self) -> &'static str {
        match self {
            MapRefusal::Empty => "Choose a map file to upload.",
            MapRefusal::TooBig => "That file is too big. Use a map of 3 MB or less. Nothing was saved.",
            MapRefusal::NotAMap => "That file is not a PDF or a picture (PNG, JPEG or WebP). Nothing was saved.",
            MapRefusal::NoMapHere => "This condition does not take a map.",
        }
    }

    /// Check an upload before anything is stored.
    pub fn check(bytes: &[u8]) -> Result<MapFormat, MapRefusal> {
        if bytes.is_empty() {
            return Err(MapRefusal::Empty);
        }
        if bytes.len() > MAP_MAX_BYTES {
            return Err(MapRefusal::TooBig);
        }
        MapFormat::sniff(bytes).ok_or(MapRefusal::NotAMap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_is_known_by_its_first_bytes_not_its_name() {
        assert_eq!(MapRefusal::check(b"\x89PNG\r\n\x1a\n...."), Ok(MapFormat::Png));
        assert_eq!(MapRefusal::check(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(MapFormat::Jpeg));
        assert_eq!(MapRefusal::check(b"RIFF\0\0\0\0WEBPVP8 "), Ok(MapFormat::Webp));
        assert_eq!(MapRefusal::check(b"%PDF-1.7\n"), Ok(MapFormat::Pdf));
        assert_eq!(MapRefusal::check(b"<svg onload=alert(1)>"), Err(MapRefusal::NotAMap));
        assert_eq!(MapRefusal::check(b""), Err(MapRefusal::Empty));
        let mut big = b"%PDF-".to_vec();
        big.resize(MAP_MAX_BYTES + 1, 0);
        assert_eq!(MapRefusal::check(&big), Err(MapRefusal::TooBig));
        for r in MapRefusal::ALL {
            assert_eq!(MapRefusal::parse(r.code()), Some(r));
        }
        for f in MapFormat::ALL {
            assert_eq!(MapFormat::from_content_type(f.content_type()), Some(f));
        }
    }
}
