//! Reading ease, the same score in the tests and in the practitioner's meter:
//! Flesch reading ease ≥ 70 and Flesch–Kincaid grade ≤ 6 (DESIGN.md, Plain words).

use serde::{Deserialize, Serialize};

pub const MIN_READING_EASE: f64 = 70.0;
pub const MAX_GRADE: f64 = 6.0;
/// Sentences longer than this are hard to hold in mind; the meter points them out.
pub const LONG_SENTENCE_WORDS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub reading_ease: f64,
    pub grade: f64,
}

impl Score {
    pub fn of(text: &str) -> Score {
        Score { reading_ease: textstat::flesch_reading_ease(text), grade: textstat::flesch_kincaid_grade(text) }
    }

    pub fn is_easy(&self) -> bool {
        self.reading_ease >= MIN_READING_EASE && self.grade <= MAX_GRADE
    }

    /// The verdict first, in words: the formulas give very short, plain text a
    /// grade below 0 and an ease above 100, which mean nothing to a reader.
    pub fn verdict(&self) -> &'static str {
        match (self.is_easy(), self.grade < 1.0) {
            (false, _) => "Hard to read.",
            (true, true) => "Very easy to read.",
            (true, false) => "Easy to read.",
        }
    }

    /// The numbers behind the verdict, kept to the scales' own ranges
    /// (ease 0 to 100, grade 0 and up).
    pub fn details(&self) -> String {
        use crate::format::decimals;
        format!(
            "Reading ease {} (aim for {} or more), school grade {} (aim for {} or less).",
            decimals(self.reading_ease.clamp(0.0, 100.0), 0),
            decimals(MIN_READING_EASE, 0),
            decimals(self.grade.max(0.0), 1),
            decimals(MAX_GRADE, 0),
        )
    }
}

fn is_long(sentence: &str) -> bool {
    sentence.split_whitespace().count() > LONG_SENTENCE_WORDS
}

/// The whole text in pieces, each marked long or not: joined back, the pieces
/// are the text exactly, so it can be shown as typed with the long sentences
/// highlighted in place.
pub fn marked_sentences(text: &str) -> Vec<(&str, bool)> {
    text.split_inclusive(['.', '!', '?', '\n']).map(|s| (s, is_long(s))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_passes_and_dense_text_fails() {
        assert!(Score::of("You must be home by 7 pm. You can go out again at 7 am. Ask if you are not sure.").is_easy());
        let dense = "Notwithstanding the aforementioned stipulations, the supervisee shall, \
                     contemporaneously with any alteration of residential circumstances, \
                     communicate comprehensive particulars to the supervising officer.";
        assert!(!Score::of(dense).is_easy());
        assert_eq!(marked_sentences(dense).iter().filter(|(_, long)| *long).count(), 1);
    }

    #[test]
    fn the_meter_never_shows_a_negative_grade_or_an_ease_over_100() {
        let tiny = Score::of("Go home. Be good.");
        assert!(tiny.grade < 0.0 && tiny.reading_ease > 100.0, "the formulas go out of range: {tiny:?}");
        assert_eq!(tiny.verdict(), "Very easy to read.");
        assert_eq!(tiny.details(), "Reading ease 100 (aim for 70 or more), school grade 0.0 (aim for 6 or less).");
        let plain = Score::of(
            "Tell your officer if you want to stay somewhere else for a night. They will tell you if it is fine.",
        );
        assert_eq!(plain.verdict(), "Easy to read.");
        let dense =
            Score::of("Notwithstanding the aforementioned stipulations, the supervisee shall communicate particulars.");
        assert_eq!(dense.verdict(), "Hard to read.");
        assert!(!dense.details().contains('-'), "{}", dense.details());
    }

    #[test]
    fn marked_pieces_are_the_whole_text_with_long_sentences_flagged() {
        let text = "Be home by 7.\nNotwithstanding the aforementioned stipulations the supervisee shall at all times and in every place communicate comprehensive particulars of every single change to them. Ask me";
        let pieces = marked_sentences(text);
        assert_eq!(pieces.iter().map(|(s, _)| *s).collect::<String>(), text);
        // The line break after the first sentence is a piece of its own.
        assert_eq!(pieces.iter().map(|(_, long)| *long).collect::<Vec<_>>(), [false, false, true, false]);
    }
}
