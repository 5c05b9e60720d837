-- 001-initial.sql — the whole product's schema, version 1.
--
-- Every synced table carries id (a UUID made on the device that created the
-- row), version (server sequence of the last accepted change, 0 if never
-- synced), updated_at, updated_by, deleted (tombstone) and scope (the
-- department the row belongs to, or 'hospital').  References are checked at
-- commit, so a transaction may insert rows in any order.
--
-- Written once from the descriptors in zx-schema.c; never edit a shipped
-- migration: add a new one.

CREATE TABLE hospital (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT,
  short_name TEXT,
  grade TEXT,
  region TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE department (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT,
  code TEXT,
  kind TEXT,
  head_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  beds INTEGER,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE staff (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT,
  employee_no TEXT,
  title TEXT,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  role TEXT,
  key_person INTEGER NOT NULL DEFAULT 0,
  email TEXT,
  phone TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE plan (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT,
  start_year INTEGER,
  end_year INTEGER,
  goal TEXT,
  description TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE pillar (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT REFERENCES plan (id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT,
  description TEXT,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE success_factor (
  id TEXT PRIMARY KEY NOT NULL,
  pillar_id TEXT REFERENCES pillar (id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT,
  description TEXT,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE battle (
  id TEXT PRIMARY KEY NOT NULL,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  pillar_id TEXT REFERENCES pillar (id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT,
  target TEXT,
  owner_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  deadline TEXT,
  status TEXT,
  description TEXT,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE pledge (
  id TEXT PRIMARY KEY NOT NULL,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  year INTEGER,
  head_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  commitment TEXT,
  signed_at TEXT,
  signed_by TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  witness TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE cycle (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT,
  kind TEXT,
  parent_id TEXT REFERENCES cycle (id) DEFERRABLE INITIALLY DEFERRED,
  start_date TEXT,
  end_date TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE objective (
  id TEXT PRIMARY KEY NOT NULL,
  cycle_id TEXT REFERENCES cycle (id) DEFERRABLE INITIALLY DEFERRED,
  level TEXT,
  title TEXT,
  description TEXT,
  owner_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  pillar_id TEXT REFERENCES pillar (id) DEFERRABLE INITIALLY DEFERRED,
  battle_id TEXT REFERENCES battle (id) DEFERRABLE INITIALLY DEFERRED,
  parent_objective_id TEXT REFERENCES objective (id) DEFERRABLE INITIALLY DEFERRED,
  parent_key_result_id TEXT REFERENCES key_result (id) DEFERRABLE INITIALLY DEFERRED,
  status TEXT,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE key_result (
  id TEXT PRIMARY KEY NOT NULL,
  objective_id TEXT REFERENCES objective (id) DEFERRABLE INITIALLY DEFERRED,
  title TEXT,
  kind TEXT,
  start_value REAL,
  target_value REAL,
  current_value REAL,
  unit TEXT,
  direction TEXT,
  weight REAL,
  owner_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  due_date TEXT,
  challenge INTEGER NOT NULL DEFAULT 0,
  description TEXT,
  confidence INTEGER,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE check_in (
  id TEXT PRIMARY KEY NOT NULL,
  key_result_id TEXT REFERENCES key_result (id) DEFERRABLE INITIALLY DEFERRED,
  week TEXT,
  value REAL,
  milestone_done INTEGER NOT NULL DEFAULT 0,
  confidence INTEGER,
  note TEXT,
  obstacles TEXT,
  support_needed TEXT,
  author_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  created_at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE meeting (
  id TEXT PRIMARY KEY NOT NULL,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  cycle_id TEXT REFERENCES cycle (id) DEFERRABLE INITIALLY DEFERRED,
  held_on TEXT,
  title TEXT,
  kind TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE meeting_item (
  id TEXT PRIMARY KEY NOT NULL,
  meeting_id TEXT REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED,
  key_result_id TEXT REFERENCES key_result (id) DEFERRABLE INITIALLY DEFERRED,
  progress TEXT,
  obstacles TEXT,
  support_needed TEXT,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE decision (
  id TEXT PRIMARY KEY NOT NULL,
  meeting_id TEXT REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED,
  content TEXT,
  owner_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  deadline TEXT,
  status TEXT,
  key_result_id TEXT REFERENCES key_result (id) DEFERRABLE INITIALLY DEFERRED,
  created_at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE board (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE board_column (
  id TEXT PRIMARY KEY NOT NULL,
  board_id TEXT REFERENCES board (id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT,
  is_done INTEGER NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE card (
  id TEXT PRIMARY KEY NOT NULL,
  board_id TEXT REFERENCES board (id) DEFERRABLE INITIALLY DEFERRED,
  column_id TEXT REFERENCES board_column (id) DEFERRABLE INITIALLY DEFERRED,
  title TEXT,
  description TEXT,
  from_department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  to_department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  key_result_id TEXT REFERENCES key_result (id) DEFERRABLE INITIALLY DEFERRED,
  due_date TEXT,
  priority TEXT,
  assignee_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  created_by TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  supervised INTEGER NOT NULL DEFAULT 0,
  supervision_deadline TEXT,
  supervision_note TEXT,
  blocked_by_id TEXT REFERENCES card (id) DEFERRABLE INITIALLY DEFERRED,
  done_at TEXT,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE card_comment (
  id TEXT PRIMARY KEY NOT NULL,
  card_id TEXT REFERENCES card (id) DEFERRABLE INITIALLY DEFERRED,
  author_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  body TEXT,
  created_at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE card_event (
  id TEXT PRIMARY KEY NOT NULL,
  card_id TEXT REFERENCES card (id) DEFERRABLE INITIALLY DEFERRED,
  kind TEXT,
  from_column_id TEXT REFERENCES board_column (id) DEFERRABLE INITIALLY DEFERRED,
  to_column_id TEXT REFERENCES board_column (id) DEFERRABLE INITIALLY DEFERRED,
  actor_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  at TEXT,
  detail TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE indicator (
  id TEXT PRIMARY KEY NOT NULL,
  code TEXT,
  name TEXT,
  dimension TEXT,
  sub_dimension TEXT,
  level TEXT,
  direction TEXT,
  unit TEXT,
  definition TEXT,
  source TEXT,
  national_monitoring INTEGER NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE indicator_target (
  id TEXT PRIMARY KEY NOT NULL,
  indicator_id TEXT REFERENCES indicator (id) DEFERRABLE INITIALLY DEFERRED,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  period TEXT,
  target REAL,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE indicator_value (
  id TEXT PRIMARY KEY NOT NULL,
  indicator_id TEXT REFERENCES indicator (id) DEFERRABLE INITIALLY DEFERRED,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  month TEXT,
  value REAL,
  source TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE eval_scheme (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT,
  cycle_id TEXT REFERENCES cycle (id) DEFERRABLE INITIALLY DEFERRED,
  subject TEXT,
  okr_weight REAL,
  indicator_weight REAL,
  assessment_weight REAL,
  challenge_credit REAL,
  grade_a REAL,
  grade_b REAL,
  grade_c REAL,
  quota_a REAL,
  status TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE eval_scheme_item (
  id TEXT PRIMARY KEY NOT NULL,
  scheme_id TEXT REFERENCES eval_scheme (id) DEFERRABLE INITIALLY DEFERRED,
  indicator_id TEXT REFERENCES indicator (id) DEFERRABLE INITIALLY DEFERRED,
  weight REAL,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE eval_audience (
  id TEXT PRIMARY KEY NOT NULL,
  scheme_id TEXT REFERENCES eval_scheme (id) DEFERRABLE INITIALLY DEFERRED,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  role TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE evaluation (
  id TEXT PRIMARY KEY NOT NULL,
  scheme_id TEXT REFERENCES eval_scheme (id) DEFERRABLE INITIALLY DEFERRED,
  staff_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  okr_score REAL,
  indicator_score REAL,
  assessment_score REAL,
  adjustment REAL,
  adjust_reason TEXT,
  total REAL,
  grade TEXT,
  head_comment TEXT,
  hr_comment TEXT,
  locked INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE course (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT,
  summary TEXT,
  pillar_id TEXT REFERENCES pillar (id) DEFERRABLE INITIALLY DEFERRED,
  duration_min INTEGER,
  material TEXT,
  series TEXT,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE course_audience (
  id TEXT PRIMARY KEY NOT NULL,
  course_id TEXT REFERENCES course (id) DEFERRABLE INITIALLY DEFERRED,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  role TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE skill (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT,
  category TEXT,
  description TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE course_skill (
  id TEXT PRIMARY KEY NOT NULL,
  course_id TEXT REFERENCES course (id) DEFERRABLE INITIALLY DEFERRED,
  skill_id TEXT REFERENCES skill (id) DEFERRABLE INITIALLY DEFERRED,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE enrolment (
  id TEXT PRIMARY KEY NOT NULL,
  course_id TEXT REFERENCES course (id) DEFERRABLE INITIALLY DEFERRED,
  staff_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  assigned INTEGER NOT NULL DEFAULT 0,
  assigned_by TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  skill_id TEXT REFERENCES skill (id) DEFERRABLE INITIALLY DEFERRED,
  due_date TEXT,
  completed_at TEXT,
  rating INTEGER,
  comment TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE staff_skill (
  id TEXT PRIMARY KEY NOT NULL,
  staff_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  skill_id TEXT REFERENCES skill (id) DEFERRABLE INITIALLY DEFERRED,
  level INTEGER,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE skill_need (
  id TEXT PRIMARY KEY NOT NULL,
  skill_id TEXT REFERENCES skill (id) DEFERRABLE INITIALLY DEFERRED,
  battle_id TEXT REFERENCES battle (id) DEFERRABLE INITIALLY DEFERRED,
  key_result_id TEXT REFERENCES key_result (id) DEFERRABLE INITIALLY DEFERRED,
  level INTEGER,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE mentorship (
  id TEXT PRIMARY KEY NOT NULL,
  mentor_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  mentee_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  skill_id TEXT REFERENCES skill (id) DEFERRABLE INITIALLY DEFERRED,
  started_on TEXT,
  status TEXT,
  note TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE fund_proposal (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT,
  problem TEXT,
  plan TEXT,
  key_result_id TEXT REFERENCES key_result (id) DEFERRABLE INITIALLY DEFERRED,
  applicant_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  department_id TEXT REFERENCES department (id) DEFERRABLE INITIALLY DEFERRED,
  amount REAL,
  pilot_start TEXT,
  pilot_end TEXT,
  state TEXT,
  current_tier TEXT,
  submitted_at TEXT,
  result TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE fund_budget_line (
  id TEXT PRIMARY KEY NOT NULL,
  proposal_id TEXT REFERENCES fund_proposal (id) DEFERRABLE INITIALLY DEFERRED,
  item TEXT,
  amount REAL,
  rank TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE fund_approval (
  id TEXT PRIMARY KEY NOT NULL,
  proposal_id TEXT REFERENCES fund_proposal (id) DEFERRABLE INITIALLY DEFERRED,
  tier TEXT,
  approver_id TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  decision TEXT,
  reason TEXT,
  decided_at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE setting (
  id TEXT PRIMARY KEY NOT NULL,
  key TEXT,
  value TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE audit_entry (
  id TEXT PRIMARY KEY NOT NULL,
  entity TEXT,
  row_id TEXT,
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  reason TEXT,
  actor TEXT,
  at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

CREATE TABLE warning_ack (
  id TEXT PRIMARY KEY NOT NULL,
  warning_key TEXT,
  note TEXT,
  acked_by TEXT REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED,
  acked_at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL DEFAULT 'hospital'
);

-- Per-device state: never exported, never synced.
CREATE TABLE local_state (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT
);

-- The local mutation queue: one row per change made on this device, in
-- the order made; id is the per-client sequential mutation id.
CREATE TABLE mutation_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  base_version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
