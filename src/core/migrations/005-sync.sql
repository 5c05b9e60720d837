-- 005-sync.sql — what the desktop keeps to sync with zhixing-server.
--
-- Per-device state like local_state and mutation_queue: never exported,
-- never synced (zx-replica.h explains the model).

-- The row as the server last confirmed it, kept when a local change first
-- touches it; row is NULL when the server has no such row yet (created
-- here).  A pull replaces the kept copy, not the row with local changes;
-- at the end of the pull the kept rows are put back and the pending
-- changes applied again on top.
CREATE TABLE sync_base (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  row TEXT,
  PRIMARY KEY (entity, id)
) WITHOUT ROWID;

-- A free-text field someone else changed too: the server kept their text;
-- yours is kept here until you choose.  Values are JSON text.
CREATE TABLE sync_conflict (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  yours TEXT,
  theirs TEXT,
  theirs_by TEXT,
  theirs_at TEXT,
  created_at TEXT NOT NULL,
  resolved INTEGER NOT NULL DEFAULT 0
);

-- A change of yours the server refused, with its reason, until dismissed.
CREATE TABLE sync_refusal (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  dismissed INTEGER NOT NULL DEFAULT 0
);
