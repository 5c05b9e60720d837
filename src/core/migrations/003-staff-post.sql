-- 003-staff-post.sql — a person's post (职务: 院长, 副院长, 护士长, 院办主任 …)
-- beside the professional title (职称); and one index less: check_in_week_idx
-- (key_result_id, week) already serves every lookup by key result.

ALTER TABLE staff ADD COLUMN post TEXT;

DROP INDEX check_in_key_result_id_idx;
