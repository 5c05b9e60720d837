/* zx-schema.c — the descriptors of every synced entity
 *
 * The whole product's data model lives here, once: the store derives its
 * validation, export/import and wire format from these tables.  The SQL in
 * migrations/ must agree with them (tests/test-schema.c checks that).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-schema"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zx-schema.h"

#define REQ   ZX_FIELD_FLAG_REQUIRED
#define UNIQ  ZX_FIELD_FLAG_UNIQUE
#define FREE  ZX_FIELD_FLAG_FREE_TEXT
#define RANK  ZX_FIELD_FLAG_RANK
#define CASC  ZX_FIELD_FLAG_CASCADE

#define TEXT(n, f, l)        { n, ZX_FIELD_TEXT, f, l, NULL, NULL, 0, 0, 0 }
#define LONGTEXT(n, f, l)    { n, ZX_FIELD_TEXT, (f) | FREE, l, NULL, NULL, 0, 0, ZX_TEXT_LONG_MAX }
#define INT(n, f, l, lo, hi) { n, ZX_FIELD_INT, f, l, NULL, NULL, lo, hi, 0 }
#define REAL(n, f, l)        { n, ZX_FIELD_REAL, f, l, NULL, NULL, 0, 0, 0 }
#define REALR(n, f, l, lo, hi) { n, ZX_FIELD_REAL, f, l, NULL, NULL, lo, hi, 0 }
#define BOOL(n, l)           { n, ZX_FIELD_BOOL, 0, l, NULL, NULL, 0, 0, 0 }
#define DATE(n, f, l)        { n, ZX_FIELD_DATE, f, l, NULL, NULL, 0, 0, 0 }
#define DATETIME(n, f, l)    { n, ZX_FIELD_DATETIME, f, l, NULL, NULL, 0, 0, 0 }
#define MONTH(n, f, l)       { n, ZX_FIELD_MONTH, f, l, NULL, NULL, 0, 0, 0 }
#define ENUM(n, f, l, v)     { n, ZX_FIELD_ENUM, f, l, NULL, v, 0, 0, 0 }
#define REF(n, f, l, e)      { n, ZX_FIELD_REF, f, l, e, NULL, 0, 0, 0 }
#define RANKF                { "rank", ZX_FIELD_TEXT, RANK, N_("Position"), NULL, NULL, 0, 0, 64 }

#define ENTITY(n, t, l, rule, sf, disp, flds) \
  { n, t, l, flds, G_N_ELEMENTS (flds), rule, sf, disp }

static const char * const department_kinds[] = { "clinical", "medtech", "functional", NULL };
static const char * const roles[] = { "admin", "leadership", "office", "hr", "head", "staff", NULL };
static const char * const battle_states[] = { "planned", "in_progress", "at_risk", "achieved", "dropped", NULL };
static const char * const cycle_kinds[] = { "year", "quarter", NULL };
static const char * const objective_levels[] = { "hospital", "department", "personal", NULL };
static const char * const objective_states[] = { "active", "closed", NULL };
static const char * const kr_kinds[] = { "numeric", "percentage", "milestone", NULL };
static const char * const directions[] = { "higher", "lower", NULL };
/* Indicators may also be only watched (national "monitoring" indicators) or judged, not counted */
static const char * const indicator_directions[] = { "higher", "lower", "monitor", "qualitative", NULL };
static const char * const meeting_kinds[] = { "weekly_review", "monthly_review", "other", NULL };
static const char * const decision_states[] = { "open", "done", "dropped", NULL };
static const char * const priorities[] = { "low", "normal", "high", "urgent", NULL };
static const char * const card_event_kinds[] = { "created", "moved", "edited", "supervised", "commented", "blocked", NULL };
static const char * const indicator_levels[] = { "hospital", "department", "post", NULL };
static const char * const indicator_sources[] = { "national", "operational", "hospital", NULL };
static const char * const value_sources[] = { "import", "manual", NULL };
static const char * const eval_subjects[] = { "person", "department", NULL };
static const char * const eval_states[] = { "draft", "running", "locked", NULL };
static const char * const grades[] = { "A", "B", "C", "D", NULL };
static const char * const mentor_states[] = { "active", "completed", "ended", NULL };
static const char * const fund_states[] = { "draft", "submitted", "approved", "rejected", "piloting", "reported", NULL };
static const char * const fund_tiers[] = { "head", "finance", "president", NULL };
static const char * const approval_decisions[] = { "approved", "rejected", NULL };

static const ZxField hospital_fields[] = {
  TEXT ("name", REQ, N_("Name")),
  TEXT ("short_name", 0, N_("Short name")),
  TEXT ("grade", 0, N_("Grade")),
  TEXT ("region", 0, N_("Region")),
};

static const ZxField department_fields[] = {
  TEXT ("name", REQ | UNIQ, N_("Name")),
  TEXT ("code", 0, N_("Code")),
  ENUM ("kind", REQ, N_("Kind"), department_kinds),
  REF ("head_id", 0, N_("Head"), "staff"),
  INT ("beds", 0, N_("Beds"), 0, 10000),
  RANKF,
};

static const ZxField staff_fields[] = {
  TEXT ("name", REQ, N_("Full name")),
  TEXT ("employee_no", REQ | UNIQ, N_("Employee number")),
  TEXT ("title", 0, N_("Professional title")),
  REF ("department_id", REQ, N_("Department"), "department"),
  ENUM ("role", REQ, N_("Role"), roles),
  BOOL ("key_person", N_("Key person")),
  TEXT ("email", 0, N_("Email")),
  TEXT ("phone", 0, N_("Phone")),
  TEXT ("post", 0, N_("Post")),        /* 职务: 院长, 科主任, 护士长 … (schema 3) */
};

static const ZxField plan_fields[] = {
  TEXT ("name", REQ, N_("Name")),
  INT ("start_year", REQ, N_("First year"), 2000, 2100),
  INT ("end_year", REQ, N_("Last year"), 2000, 2100),
  LONGTEXT ("goal", REQ, N_("Strategic goal")),
  LONGTEXT ("description", 0, N_("Description")),
};

static const ZxField pillar_fields[] = {
  REF ("plan_id", REQ, N_("Plan"), "plan"),
  TEXT ("name", REQ, N_("Name")),
  LONGTEXT ("description", 0, N_("Description")),
  RANKF,
};

static const ZxField success_factor_fields[] = {
  REF ("pillar_id", REQ | CASC, N_("Pillar"), "pillar"),
  TEXT ("name", REQ, N_("Name")),
  LONGTEXT ("description", 0, N_("Description")),
  RANKF,
};

static const ZxField battle_fields[] = {
  REF ("department_id", REQ, N_("Department"), "department"),
  REF ("pillar_id", REQ, N_("Pillar"), "pillar"),
  TEXT ("name", REQ, N_("Name")),
  TEXT ("target", 0, N_("Measurable target")),
  REF ("owner_id", 0, N_("Owner"), "staff"),
  DATE ("deadline", 0, N_("Deadline")),
  ENUM ("status", REQ, N_("Status"), battle_states),
  LONGTEXT ("description", 0, N_("Description")),
  RANKF,
};

static const ZxField pledge_fields[] = {
  REF ("department_id", REQ, N_("Department"), "department"),
  INT ("year", REQ, N_("Year"), 2000, 2100),
  REF ("head_id", 0, N_("Head"), "staff"),
  LONGTEXT ("commitment", 0, N_("Commitment")),
  DATETIME ("signed_at", 0, N_("Signed at")),
  REF ("signed_by", 0, N_("Signed by"), "staff"),
  TEXT ("witness", 0, N_("Witness")),
};

static const ZxField cycle_fields[] = {
  TEXT ("name", REQ | UNIQ, N_("Name")),
  ENUM ("kind", REQ, N_("Kind"), cycle_kinds),
  REF ("parent_id", 0, N_("Year"), "cycle"),
  DATE ("start_date", REQ, N_("Start")),
  DATE ("end_date", REQ, N_("End")),
};

static const ZxField objective_fields[] = {
  REF ("cycle_id", REQ, N_("Cycle"), "cycle"),
  ENUM ("level", REQ, N_("Level"), objective_levels),
  TEXT ("title", REQ | FREE, N_("Title")),
  LONGTEXT ("description", 0, N_("Description")),
  REF ("owner_id", 0, N_("Owner"), "staff"),
  REF ("department_id", 0, N_("Department"), "department"),
  REF ("pillar_id", 0, N_("Pillar"), "pillar"),
  REF ("battle_id", 0, N_("Battle"), "battle"),
  REF ("parent_objective_id", 0, N_("Aligned objective"), "objective"),
  REF ("parent_key_result_id", 0, N_("Aligned key result"), "key_result"),
  ENUM ("status", REQ, N_("Status"), objective_states),
  RANKF,
};

static const ZxField key_result_fields[] = {
  REF ("objective_id", REQ | CASC, N_("Objective"), "objective"),
  TEXT ("title", REQ | FREE, N_("Title")),
  ENUM ("kind", REQ, N_("Kind"), kr_kinds),
  REAL ("start_value", 0, N_("Start value")),
  REAL ("target_value", 0, N_("Target value")),
  REAL ("current_value", 0, N_("Current value")),
  TEXT ("unit", 0, N_("Unit")),
  ENUM ("direction", REQ, N_("Direction"), directions),
  REALR ("weight", REQ, N_("Weight"), 0, 100),
  REF ("owner_id", 0, N_("Owner"), "staff"),
  DATE ("due_date", 0, N_("Due date")),
  BOOL ("challenge", N_("Challenging")),
  LONGTEXT ("description", 0, N_("Description")),
  INT ("confidence", 0, N_("Confidence"), 1, 10),
  RANKF,
};

static const ZxField check_in_fields[] = {
  REF ("key_result_id", REQ | CASC, N_("Key result"), "key_result"),
  DATE ("week", REQ, N_("Week")),
  REAL ("value", 0, N_("Value")),
  BOOL ("milestone_done", N_("Milestone reached")),
  INT ("confidence", REQ, N_("Confidence"), 1, 10),
  LONGTEXT ("note", 0, N_("Progress note")),
  LONGTEXT ("obstacles", 0, N_("Obstacles")),
  LONGTEXT ("support_needed", 0, N_("Support needed")),
  REF ("author_id", 0, N_("Author"), "staff"),
  DATETIME ("created_at", REQ, N_("Created at")),
};

static const ZxField meeting_fields[] = {
  REF ("department_id", 0, N_("Department"), "department"),
  REF ("cycle_id", 0, N_("Cycle"), "cycle"),
  DATE ("held_on", REQ, N_("Date")),
  TEXT ("title", REQ | FREE, N_("Title")),
  ENUM ("kind", REQ, N_("Kind"), meeting_kinds),
  LONGTEXT ("notes", 0, N_("Minutes")),
};

static const ZxField meeting_item_fields[] = {
  REF ("meeting_id", REQ | CASC, N_("Meeting"), "meeting"),
  REF ("key_result_id", REQ, N_("Key result"), "key_result"),
  LONGTEXT ("progress", 0, N_("How it is going")),
  LONGTEXT ("obstacles", 0, N_("What is in the way")),
  LONGTEXT ("support_needed", 0, N_("Support needed")),
  RANKF,
};

static const ZxField decision_fields[] = {
  REF ("meeting_id", REQ | CASC, N_("Meeting"), "meeting"),
  LONGTEXT ("content", REQ, N_("Decision")),
  REF ("owner_id", 0, N_("Owner"), "staff"),
  DATE ("deadline", 0, N_("Deadline")),
  ENUM ("status", REQ, N_("Status"), decision_states),
  REF ("key_result_id", 0, N_("Key result"), "key_result"),
  DATETIME ("created_at", REQ, N_("Created at")),
};

static const ZxField board_fields[] = {
  TEXT ("name", REQ, N_("Name")),
  RANKF,
};

static const ZxField board_column_fields[] = {
  REF ("board_id", REQ | CASC, N_("Board"), "board"),
  TEXT ("name", REQ, N_("Name")),
  BOOL ("is_done", N_("Counts as done")),
  BOOL ("archived", N_("Archived")),
  RANKF,
};

static const ZxField card_fields[] = {
  REF ("board_id", REQ, N_("Board"), "board"),
  REF ("column_id", REQ, N_("Column"), "board_column"),
  TEXT ("title", REQ | FREE, N_("Title")),
  LONGTEXT ("description", 0, N_("Description")),
  REF ("from_department_id", REQ, N_("Requesting department"), "department"),
  REF ("to_department_id", REQ, N_("Supporting department"), "department"),
  REF ("key_result_id", 0, N_("Key result served"), "key_result"),
  DATE ("due_date", 0, N_("Due date")),
  ENUM ("priority", REQ, N_("Priority"), priorities),
  REF ("assignee_id", 0, N_("Assignee"), "staff"),
  REF ("created_by", 0, N_("Created by"), "staff"),
  BOOL ("supervised", N_("Supervised")),
  DATE ("supervision_deadline", 0, N_("Supervision deadline")),
  LONGTEXT ("supervision_note", 0, N_("Supervision note")),
  REF ("blocked_by_id", 0, N_("Blocked by"), "card"),
  DATETIME ("done_at", 0, N_("Done at")),
  RANKF,
};

static const ZxField card_comment_fields[] = {
  REF ("card_id", REQ | CASC, N_("Request"), "card"),
  REF ("author_id", 0, N_("Author"), "staff"),
  LONGTEXT ("body", REQ, N_("Comment")),
  DATETIME ("created_at", REQ, N_("Created at")),
};

static const ZxField card_event_fields[] = {
  REF ("card_id", REQ | CASC, N_("Request"), "card"),
  ENUM ("kind", REQ, N_("Kind"), card_event_kinds),
  REF ("from_column_id", 0, N_("From column"), "board_column"),
  REF ("to_column_id", 0, N_("To column"), "board_column"),
  REF ("actor_id", 0, N_("By"), "staff"),
  DATETIME ("at", REQ, N_("At")),
  TEXT ("detail", 0, N_("Detail")),
};

static const ZxField indicator_fields[] = {
  TEXT ("code", REQ | UNIQ, N_("Code")),
  TEXT ("name", REQ, N_("Name")),
  TEXT ("dimension", 0, N_("Dimension")),
  TEXT ("sub_dimension", 0, N_("Sub-dimension")),
  ENUM ("level", REQ, N_("Level"), indicator_levels),
  ENUM ("direction", REQ, N_("Direction"), indicator_directions),
  TEXT ("unit", 0, N_("Unit")),
  LONGTEXT ("definition", 0, N_("Definition")),
  ENUM ("source", REQ, N_("Source"), indicator_sources),
  BOOL ("national_monitoring", N_("National monitoring")),
  BOOL ("retired", N_("Retired")),
};

static const ZxField indicator_target_fields[] = {
  REF ("indicator_id", REQ, N_("Indicator"), "indicator"),
  REF ("department_id", 0, N_("Department"), "department"),
  TEXT ("period", REQ, N_("Period")),
  REAL ("target", REQ, N_("Target")),
};

static const ZxField indicator_value_fields[] = {
  REF ("indicator_id", REQ, N_("Indicator"), "indicator"),
  REF ("department_id", 0, N_("Department"), "department"),
  MONTH ("month", REQ, N_("Month")),
  REAL ("value", REQ, N_("Value")),
  ENUM ("source", REQ, N_("Source"), value_sources),
};

static const ZxField eval_scheme_fields[] = {
  TEXT ("name", REQ, N_("Name")),
  REF ("cycle_id", REQ, N_("Cycle"), "cycle"),
  ENUM ("subject", REQ, N_("Evaluates"), eval_subjects),
  REALR ("okr_weight", REQ, N_("OKR contribution weight"), 0, 1),
  REALR ("indicator_weight", REQ, N_("Indicator weight"), 0, 1),
  REALR ("assessment_weight", REQ, N_("Department assessment weight"), 0, 1),
  REALR ("challenge_credit", REQ, N_("Challenge credit"), 0, 1),
  REALR ("grade_a", REQ, N_("Grade A from"), 0, 100),
  REALR ("grade_b", REQ, N_("Grade B from"), 0, 100),
  REALR ("grade_c", REQ, N_("Grade C from"), 0, 100),
  REALR ("quota_a", 0, N_("Grade A quota"), 0, 1),
  ENUM ("status", REQ, N_("Status"), eval_states),
};

static const ZxField eval_scheme_item_fields[] = {
  REF ("scheme_id", REQ | CASC, N_("Scheme"), "eval_scheme"),
  REF ("indicator_id", REQ, N_("Indicator"), "indicator"),
  REALR ("weight", REQ, N_("Weight"), 0, 1),
};

static const ZxField eval_audience_fields[] = {
  REF ("scheme_id", REQ | CASC, N_("Scheme"), "eval_scheme"),
  REF ("department_id", 0, N_("Department"), "department"),
  ENUM ("role", 0, N_("Role"), roles),
};

static const ZxField evaluation_fields[] = {
  REF ("scheme_id", REQ, N_("Scheme"), "eval_scheme"),
  REF ("staff_id", 0, N_("Person"), "staff"),
  REF ("department_id", REQ, N_("Department"), "department"),
  REAL ("okr_score", 0, N_("OKR score")),
  REAL ("indicator_score", 0, N_("Indicator score")),
  REAL ("assessment_score", 0, N_("Department assessment")),
  REAL ("adjustment", 0, N_("Adjustment")),
  LONGTEXT ("adjust_reason", 0, N_("Reason for adjustment")),
  REAL ("total", 0, N_("Total")),
  ENUM ("grade", 0, N_("Grade"), grades),
  LONGTEXT ("head_comment", 0, N_("Department comment")),
  LONGTEXT ("hr_comment", 0, N_("HR comment")),
  BOOL ("locked", N_("Locked")),
};

static const ZxField course_fields[] = {
  TEXT ("title", REQ | FREE, N_("Title")),
  LONGTEXT ("summary", 0, N_("Summary")),
  REF ("pillar_id", 0, N_("Pillar"), "pillar"),
  INT ("duration_min", 0, N_("Duration (minutes)"), 0, 10000),
  TEXT ("material", 0, N_("Material")),
  TEXT ("series", 0, N_("Series")),
  RANKF,
};

static const ZxField course_audience_fields[] = {
  REF ("course_id", REQ | CASC, N_("Course"), "course"),
  REF ("department_id", 0, N_("Department"), "department"),
  ENUM ("role", 0, N_("Role"), roles),
};

static const ZxField skill_fields[] = {
  TEXT ("name", REQ | UNIQ, N_("Name")),
  TEXT ("category", 0, N_("Category")),
  LONGTEXT ("description", 0, N_("Description")),
};

static const ZxField course_skill_fields[] = {
  REF ("course_id", REQ | CASC, N_("Course"), "course"),
  REF ("skill_id", REQ, N_("Skill"), "skill"),
};

static const ZxField enrolment_fields[] = {
  REF ("course_id", REQ, N_("Course"), "course"),
  REF ("staff_id", REQ, N_("Person"), "staff"),
  BOOL ("assigned", N_("Assigned")),
  REF ("assigned_by", 0, N_("Assigned by"), "staff"),
  REF ("skill_id", 0, N_("For skill"), "skill"),
  DATE ("due_date", 0, N_("Due date")),
  DATETIME ("completed_at", 0, N_("Completed at")),
  INT ("rating", 0, N_("Rating"), 1, 5),
  LONGTEXT ("comment", 0, N_("Comment")),
};

static const ZxField staff_skill_fields[] = {
  REF ("staff_id", REQ | CASC, N_("Person"), "staff"),
  REF ("skill_id", REQ, N_("Skill"), "skill"),
  INT ("level", REQ, N_("Level"), 1, 5),
};

static const ZxField skill_need_fields[] = {
  REF ("skill_id", REQ, N_("Skill"), "skill"),
  REF ("battle_id", 0, N_("Battle"), "battle"),
  REF ("key_result_id", 0, N_("Key result"), "key_result"),
  INT ("level", REQ, N_("Level needed"), 1, 5),
};

static const ZxField mentorship_fields[] = {
  REF ("mentor_id", REQ, N_("Mentor"), "staff"),
  REF ("mentee_id", REQ, N_("Mentee"), "staff"),
  REF ("skill_id", 0, N_("Skill"), "skill"),
  DATE ("started_on", 0, N_("Started")),
  ENUM ("status", REQ, N_("Status"), mentor_states),
  LONGTEXT ("note", 0, N_("Note")),
};

static const ZxField fund_proposal_fields[] = {
  TEXT ("title", REQ | FREE, N_("Title")),
  LONGTEXT ("problem", 0, N_("Problem")),
  LONGTEXT ("plan", 0, N_("Plan")),
  REF ("key_result_id", 0, N_("Key result supported"), "key_result"),
  REF ("applicant_id", REQ, N_("Applicant"), "staff"),
  REF ("department_id", REQ, N_("Department"), "department"),
  REALR ("amount", REQ, N_("Amount"), 0, 1e9),
  DATE ("pilot_start", 0, N_("Pilot start")),
  DATE ("pilot_end", 0, N_("Pilot end")),
  ENUM ("state", REQ, N_("State"), fund_states),
  ENUM ("current_tier", 0, N_("Awaiting"), fund_tiers),
  DATETIME ("submitted_at", 0, N_("Submitted at")),
  LONGTEXT ("result", 0, N_("Result")),
};

static const ZxField fund_budget_line_fields[] = {
  REF ("proposal_id", REQ | CASC, N_("Proposal"), "fund_proposal"),
  TEXT ("item", REQ, N_("Item")),
  REALR ("amount", REQ, N_("Amount"), 0, 1e9),
  RANKF,
};

static const ZxField fund_approval_fields[] = {
  REF ("proposal_id", REQ | CASC, N_("Proposal"), "fund_proposal"),
  ENUM ("tier", REQ, N_("Tier"), fund_tiers),
  REF ("approver_id", 0, N_("Approver"), "staff"),
  ENUM ("decision", REQ, N_("Decision"), approval_decisions),
  LONGTEXT ("reason", 0, N_("Reason")),
  DATETIME ("decided_at", REQ, N_("Decided at")),
};

static const ZxField setting_fields[] = {
  TEXT ("key", REQ | UNIQ, N_("Key")),
  TEXT ("value", 0, N_("Value")),
};

static const ZxField audit_entry_fields[] = {
  TEXT ("entity", REQ, N_("Entity")),
  TEXT ("row_id", REQ, N_("Row")),
  TEXT ("field", 0, N_("Field")),
  LONGTEXT ("old_value", 0, N_("Old value")),
  LONGTEXT ("new_value", 0, N_("New value")),
  LONGTEXT ("reason", 0, N_("Reason")),
  TEXT ("actor", 0, N_("By")),
  DATETIME ("at", REQ, N_("At")),
};

static const ZxField warning_ack_fields[] = {
  TEXT ("warning_key", REQ, N_("Warning")),
  LONGTEXT ("note", 0, N_("Note")),
  REF ("acked_by", 0, N_("Acknowledged by"), "staff"),
  DATETIME ("acked_at", REQ, N_("Acknowledged at")),
};

/* In dependency order: an export lists entities in this order, so a
 * reader meets most referenced rows before the rows pointing at them. */
static const ZxEntity entities[] = {
  ENTITY ("hospital", "hospital", N_("Hospital"), ZX_SCOPE_HOSPITAL, NULL, "name", hospital_fields),
  ENTITY ("department", "department", N_("Department"), ZX_SCOPE_SELF, NULL, "name", department_fields),
  ENTITY ("staff", "staff", N_("Staff member"), ZX_SCOPE_FIELD, "department_id", "name", staff_fields),
  ENTITY ("plan", "plan", N_("Plan"), ZX_SCOPE_HOSPITAL, NULL, "name", plan_fields),
  ENTITY ("pillar", "pillar", N_("Pillar"), ZX_SCOPE_HOSPITAL, NULL, "name", pillar_fields),
  ENTITY ("success_factor", "success_factor", N_("Key success factor"), ZX_SCOPE_HOSPITAL, NULL, "name", success_factor_fields),
  ENTITY ("battle", "battle", N_("Battle"), ZX_SCOPE_FIELD, "department_id", "name", battle_fields),
  ENTITY ("pledge", "pledge", N_("Pledge"), ZX_SCOPE_FIELD, "department_id", "year", pledge_fields),
  ENTITY ("cycle", "cycle", N_("Cycle"), ZX_SCOPE_HOSPITAL, NULL, "name", cycle_fields),
  ENTITY ("objective", "objective", N_("Objective"), ZX_SCOPE_FIELD, "department_id", "title", objective_fields),
  ENTITY ("key_result", "key_result", N_("Key result"), ZX_SCOPE_PARENT, "objective_id", "title", key_result_fields),
  ENTITY ("check_in", "check_in", N_("Check-in"), ZX_SCOPE_PARENT, "key_result_id", "week", check_in_fields),
  ENTITY ("meeting", "meeting", N_("Meeting"), ZX_SCOPE_FIELD, "department_id", "title", meeting_fields),
  ENTITY ("meeting_item", "meeting_item", N_("Meeting item"), ZX_SCOPE_PARENT, "meeting_id", NULL, meeting_item_fields),
  ENTITY ("decision", "decision", N_("Decision"), ZX_SCOPE_PARENT, "meeting_id", "content", decision_fields),
  ENTITY ("board", "board", N_("Board"), ZX_SCOPE_HOSPITAL, NULL, "name", board_fields),
  ENTITY ("board_column", "board_column", N_("Column"), ZX_SCOPE_HOSPITAL, NULL, "name", board_column_fields),
  ENTITY ("card", "card", N_("Collaboration request"), ZX_SCOPE_HOSPITAL, NULL, "title", card_fields),
  ENTITY ("card_comment", "card_comment", N_("Comment"), ZX_SCOPE_HOSPITAL, NULL, NULL, card_comment_fields),
  ENTITY ("card_event", "card_event", N_("Request history entry"), ZX_SCOPE_HOSPITAL, NULL, NULL, card_event_fields),
  ENTITY ("indicator", "indicator", N_("Indicator"), ZX_SCOPE_HOSPITAL, NULL, "name", indicator_fields),
  ENTITY ("indicator_target", "indicator_target", N_("Indicator target"), ZX_SCOPE_FIELD, "department_id", "period", indicator_target_fields),
  ENTITY ("indicator_value", "indicator_value", N_("Indicator value"), ZX_SCOPE_FIELD, "department_id", "month", indicator_value_fields),
  ENTITY ("eval_scheme", "eval_scheme", N_("Evaluation scheme"), ZX_SCOPE_HOSPITAL, NULL, "name", eval_scheme_fields),
  ENTITY ("eval_scheme_item", "eval_scheme_item", N_("Scheme indicator"), ZX_SCOPE_HOSPITAL, NULL, NULL, eval_scheme_item_fields),
  ENTITY ("eval_audience", "eval_audience", N_("Scheme audience"), ZX_SCOPE_HOSPITAL, NULL, NULL, eval_audience_fields),
  ENTITY ("evaluation", "evaluation", N_("Evaluation"), ZX_SCOPE_FIELD, "department_id", NULL, evaluation_fields),
  ENTITY ("course", "course", N_("Course"), ZX_SCOPE_HOSPITAL, NULL, "title", course_fields),
  ENTITY ("course_audience", "course_audience", N_("Course audience"), ZX_SCOPE_HOSPITAL, NULL, NULL, course_audience_fields),
  ENTITY ("skill", "skill", N_("Skill"), ZX_SCOPE_HOSPITAL, NULL, "name", skill_fields),
  ENTITY ("course_skill", "course_skill", N_("Course skill"), ZX_SCOPE_HOSPITAL, NULL, NULL, course_skill_fields),
  ENTITY ("enrolment", "enrolment", N_("Enrolment"), ZX_SCOPE_PARENT, "staff_id", NULL, enrolment_fields),
  ENTITY ("staff_skill", "staff_skill", N_("Skill of a person"), ZX_SCOPE_PARENT, "staff_id", NULL, staff_skill_fields),
  ENTITY ("skill_need", "skill_need", N_("Skill needed"), ZX_SCOPE_HOSPITAL, NULL, NULL, skill_need_fields),
  ENTITY ("mentorship", "mentorship", N_("Mentorship"), ZX_SCOPE_PARENT, "mentee_id", NULL, mentorship_fields),
  ENTITY ("fund_proposal", "fund_proposal", N_("Fund proposal"), ZX_SCOPE_FIELD, "department_id", "title", fund_proposal_fields),
  ENTITY ("fund_budget_line", "fund_budget_line", N_("Budget line"), ZX_SCOPE_PARENT, "proposal_id", "item", fund_budget_line_fields),
  ENTITY ("fund_approval", "fund_approval", N_("Approval"), ZX_SCOPE_PARENT, "proposal_id", NULL, fund_approval_fields),
  ENTITY ("setting", "setting", N_("Setting"), ZX_SCOPE_HOSPITAL, NULL, "key", setting_fields),
  ENTITY ("audit_entry", "audit_entry", N_("Audit entry"), ZX_SCOPE_HOSPITAL, NULL, NULL, audit_entry_fields),
  ENTITY ("warning_ack", "warning_ack", N_("Warning acknowledgement"), ZX_SCOPE_HOSPITAL, NULL, NULL, warning_ack_fields),
};

guint
zx_schema_n_entities (void)
{
  return G_N_ELEMENTS (entities);
}

const ZxEntity *
zx_schema_entity_at (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (entities), NULL);
  return &entities[index];
}

const ZxEntity *
zx_schema_lookup (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_str_equal (entities[i].name, name))
      return &entities[i];

  return NULL;
}

const ZxField *
zx_entity_lookup_field (const ZxEntity *entity,
                        const char     *name)
{
  g_return_val_if_fail (entity != NULL, NULL);

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < entity->n_fields; i++)
    if (g_str_equal (entity->fields[i].name, name))
      return &entity->fields[i];

  return NULL;
}

gboolean
zx_entity_has_rank (const ZxEntity *entity)
{
  return zx_entity_lookup_field (entity, "rank") != NULL;
}

gboolean
zx_enum_is_valid (const ZxField *field,
                  const char    *value)
{
  g_return_val_if_fail (field != NULL && field->type == ZX_FIELD_ENUM, FALSE);

  if (value == NULL)
    return FALSE;

  for (guint i = 0; field->values[i] != NULL; i++)
    if (g_str_equal (field->values[i], value))
      return TRUE;

  return FALSE;
}

static const char *
sql_type (ZxFieldType type)
{
  switch (type)
    {
    case ZX_FIELD_INT:
    case ZX_FIELD_BOOL:
      return "INTEGER";
    case ZX_FIELD_REAL:
      return "REAL";
    case ZX_FIELD_TEXT:
    case ZX_FIELD_DATE:
    case ZX_FIELD_DATETIME:
    case ZX_FIELD_MONTH:
    case ZX_FIELD_ENUM:
    case ZX_FIELD_REF:
    default:
      return "TEXT";
    }
}

/* The DDL these descriptors imply.  Used once to write migrations/001, and
 * by the schema test to check the migrations still agree with the code. */
char *
zx_schema_ddl (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      const ZxEntity *e = &entities[i];

      g_string_append_printf (s, "CREATE TABLE %s (\n", e->table);
      g_string_append (s, "  id TEXT PRIMARY KEY NOT NULL,\n");
      for (guint j = 0; j < e->n_fields; j++)
        {
          const ZxField *f = &e->fields[j];

          g_string_append_printf (s, "  %s %s", f->name, sql_type (f->type));
          if (f->type == ZX_FIELD_BOOL)
            g_string_append (s, " NOT NULL DEFAULT 0");
          if (f->type == ZX_FIELD_REF)
            g_string_append_printf (s, " REFERENCES %s (id) DEFERRABLE INITIALLY DEFERRED",
                                    zx_schema_lookup (f->ref)->table);
          g_string_append (s, ",\n");
        }
      g_string_append (s, "  version INTEGER NOT NULL DEFAULT 0,\n");
      g_string_append (s, "  updated_at TEXT NOT NULL,\n");
      g_string_append (s, "  updated_by TEXT NOT NULL,\n");
      g_string_append (s, "  deleted INTEGER NOT NULL DEFAULT 0,\n");
      g_string_append (s, "  scope TEXT NOT NULL DEFAULT 'hospital'\n");
      g_string_append (s, ");\n\n");
    }

  return g_string_free (s, FALSE);
}
