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
    fn marked_pieces_are_the_whole_text_with_long_sentences_flagged() {
        let text = "Be home by 7.\nNotwithstanding the aforementioned stipulations the supervisee shall at all times and in every place communicate comprehensive particulars of every single change to them. Ask me";
        let pieces = marked_sentences(text);
        assert_eq!(pieces.iter().map(|(s, _)| *s).collect::<String>(), text);
        // The line break after the first sentence is a piece of its own.
        assert_eq!(pieces.iter().map(|(_, long)| *long).collect::<Vec<_>>(), [false, false, true, false]);
    }
}
