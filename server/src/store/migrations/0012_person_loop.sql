-- The person's loop (issue 10): when the practitioner answered the person's
-- open question. Set by a reply, cleared by the person's next answer, so the
-- person's home can say "new: an answer to your question" with no "last looked"
-- kept by any GET.
ALTER TABLE case_condition ADD COLUMN answered_at INTEGER;

-- Questions already answered before this column: the last reply after the
-- person's last question, where the person has not answered since.
UPDATE case_condition SET answered_at = (
    SELECT MAX(m.at) FROM condition_message m WHERE m.condition_id = case_condition.id AND m.kind = 'reply'
)
WHERE response = 'unread' AND EXISTS (
    SELECT 1 FROM condition_message q
    WHERE q.condition_id = case_condition.id AND q.kind = 'question'
      AND q.at <= (SELECT MAX(m.at) FROM condition_message m WHERE m.condition_id = case_condition.id AND m.kind = 'reply')
      AND NOT EXISTS (
          SELECT 1 FROM condition_message p
          WHERE p.condition_id = case_condition.id AND p.author = 'person' AND p.at > q.at
      )
);
