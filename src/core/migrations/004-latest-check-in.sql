-- 004-latest-check-in.sql — each key result knows when it was last checked in on.
--
-- key_result.last_check_in_at is the created_at of the key result's latest
-- live check-in (NULL when it has none).  It is derived data, local to each
-- device: not a schema field (zx-schema.c does not list it), never synced,
-- exported or imported, and kept by the triggers below whichever way rows
-- are written (the mutators, backup restore, sync, other programs).
-- Progress and staleness (zx-progress.c) read it with the key results
-- instead of finding the latest of every key result's check-ins, which on a
-- large hospital took half a second.
--
-- check_in_latest_idx makes that latest one a single index seek.  It also
-- serves every lookup of check-ins by key result, so check_in_week_idx
-- (key_result_id, week) is dropped: it only spared sorting a key result's
-- few dozen check-ins by week.

ALTER TABLE key_result ADD COLUMN last_check_in_at TEXT;

CREATE INDEX check_in_latest_idx ON check_in (key_result_id, deleted, created_at);
DROP INDEX check_in_week_idx;

UPDATE key_result SET last_check_in_at =
  (SELECT max(c.created_at) FROM check_in c WHERE c.key_result_id = key_result.id AND c.deleted = 0);

-- A check-in written, changed (moved to another key result, its date, or
-- deleted and restored) or removed: its key result(s) again take the
-- latest of their live check-ins.
CREATE TRIGGER check_in_latest_insert AFTER INSERT ON check_in
BEGIN
  UPDATE key_result SET last_check_in_at =
    (SELECT max(c.created_at) FROM check_in c WHERE c.key_result_id = key_result.id AND c.deleted = 0)
  WHERE id = NEW.key_result_id;
END;

CREATE TRIGGER check_in_latest_update AFTER UPDATE OF key_result_id, created_at, deleted ON check_in
BEGIN
  UPDATE key_result SET last_check_in_at =
    (SELECT max(c.created_at) FROM check_in c WHERE c.key_result_id = key_result.id AND c.deleted = 0)
  WHERE id IN (OLD.key_result_id, NEW.key_result_id);
END;

CREATE TRIGGER check_in_latest_delete AFTER DELETE ON check_in
BEGIN
  UPDATE key_result SET last_check_in_at =
    (SELECT max(c.created_at) FROM check_in c WHERE c.key_result_id = key_result.id AND c.deleted = 0)
  WHERE id = OLD.key_result_id;
END;

-- References are checked at commit, so a bulk load may write check-ins
-- before their key result: a key result written after its check-ins finds
-- them.
CREATE TRIGGER key_result_latest_insert AFTER INSERT ON key_result
WHEN EXISTS (SELECT 1 FROM check_in c WHERE c.key_result_id = NEW.id)
BEGIN
  UPDATE key_result SET last_check_in_at =
    (SELECT max(c.created_at) FROM check_in c WHERE c.key_result_id = NEW.id AND c.deleted = 0)
  WHERE rowid = NEW.rowid;
END;
