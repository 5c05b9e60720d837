-- 004-latest-check-in.sql — each key result knows when it was last checked in on.
--
-- key_result.last_check_in_at is the created_at of the key result's latest
-- live check-in (NULL when it has none).  It is derived data, local to each
-- device: not a schema field, never synced or exported, kept by the
-- triggers below whichever way check-ins are written (mutators, backup
-- restore, sync).  Progress and staleness read it instead of finding the
-- latest of every key result's check-ins, which on a large hospital took
-- half a second.

ALTER TABLE key_result ADD COLUMN last_check_in_at TEXT;

CREATE INDEX check_in_latest_idx ON check_in (key_result_id, deleted, created_at);

UPDATE key_result SET last_check_in_at =
  (SELECT max(created_at) FROM check_in c WHERE c.key_result_id = key_result.id AND c.deleted = 0);

CREATE TRIGGER check_in_latest_insert AFTER INSERT ON check_in
BEGIN
  UPDATE key_result SET last_check_in_at =
    (SELECT max(created_at) FROM check_in c WHERE c.key_result_id = NEW.key_result_id AND c.deleted = 0)
  WHERE id = NEW.key_result_id;
END;

CREATE TRIGGER check_in_latest_update AFTER UPDATE OF key_result_id, created_at, deleted ON check_in
BEGIN
  UPDATE key_result SET last_check_in_at =
    (SELECT max(created_at) FROM check_in c WHERE c.key_result_id = key_result.id AND c.deleted = 0)
  WHERE id IN (OLD.key_result_id, NEW.key_result_id);
END;

CREATE TRIGGER check_in_latest_delete AFTER DELETE ON check_in
BEGIN
  UPDATE key_result SET last_check_in_at =
    (SELECT max(created_at) FROM check_in c WHERE c.key_result_id = OLD.key_result_id AND c.deleted = 0)
  WHERE id = OLD.key_result_id;
END;
