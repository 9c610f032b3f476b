-- What an appointment was before the practitioner changed its place, room or
-- kind, so the person is told plainly (a new time already keeps `moved_from`).
-- `earlier_place` is set whenever the place or the room changed, and then
-- `earlier_room` is the room before (NULL when there was none).
ALTER TABLE appointment ADD COLUMN earlier_place TEXT;
ALTER TABLE appointment ADD COLUMN earlier_room TEXT;
ALTER TABLE appointment ADD COLUMN earlier_kind TEXT;
