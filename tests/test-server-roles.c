/* test-server-roles.c — who may change what, on the real zhixing-server
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The role × change matrix of DESIGN.md ("Roles") and docs/sync-protocol.md
 * ("What is enforced"): a demo hospital (zx_demo_populate, the desktop's
 * backup export, `zhixing-server import`), one account per role (admin,
 * leadership, office, hr, the head of department A and a staff member of
 * A, both linked to staff rows), and for every kind of change one push per
 * role.  Exactly the allowed ones are applied; a refused one carries a
 * reason and leaves the hospital data byte-identical (a dump of every
 * table but client_state, whose last mutation id a refusal advances).
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "zx-backup.h"
#include "zx-demo.h"
#include "zx-evaluation.h"
#include "zx-store.h"
#include "zx-test-server.h"
#include "zx-test-util.h"

#define WAIT_SECONDS 30
#define PASSWORD ZX_TEST_PASSWORD

typedef enum
{
  ADMIN,
  LEADERSHIP,
  OFFICE,
  HR,
  HEAD,
  STAFF,
  N_ROLES
} Role;

static const char * const role_names[N_ROLES] = { "admin", "leadership", "office", "hr", "head-a", "staff-a" };
static const char * const role_roles[N_ROLES] = { "admin", "leadership", "office", "hr", "head", "staff" };

static char *tmpdir;
static ZxTestServer *zts;
static SoupSession *session;
static char *tokens[N_ROLES];
static gint64 next_id[N_ROLES];
static guint serial;

/* the hospital's rows the cases change */
static char *dept_a, *dept_b, *cycle_id, *week;
static char *staff_a, *head_a;          /* staff rows the accounts are linked to */
static char *other_a;                   /* another person of department A */
static char *board_id, *first_column;

/* The real server (tests/zx-test-server.h) */
#define run_cli(input, err, ...) zx_test_server_cli (zts, (input), (err), __VA_ARGS__)

/* HTTP ---------------------------------------------------------------------- */

static JsonNode *
request (const char *method,
         const char *path,
         const char *body,
         const char *token,
         guint      *out_status)
{
  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autofree char *uri = g_strconcat (zts->base, path, NULL);
      g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (body != NULL)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

          soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
          soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
        }
      if (token != NULL)
        {
          g_autofree char *header = g_strconcat ("Bearer ", token, NULL);

          soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
        }
      answer = soup_session_send_and_read (session, msg, NULL, &error);
      if (answer == NULL)
        {
          g_test_message ("%s %s: %s", method, path, error->message);
          g_usleep (20 * 1000);
          continue;
        }
      *out_status = soup_message_get_status (msg);
      json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), &error);
      g_assert_no_error (error);
      return json_node_ref (json_parser_get_root (parser));
    }
  g_assert_not_reached ();
  return NULL;
}

static char *
sign_in (const char *name)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", name, PASSWORD);
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;

  root = request ("POST", "/api/v1/session", body, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "token"));
}

/* The database, read directly ------------------------------------------------ */

static sqlite3 *
db_open (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (zts->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
db_append (sqlite3    *db,
           const char *sql,
           GString    *out)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

static char *
db_text (const char *sql)
{
  sqlite3 *db = db_open ();
  GString *out = g_string_new (NULL);

  db_append (db, sql, out);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* The first column of the first row, without the separator */
static char *
db_value (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static char *
db_value (const char *format,
          ...)
{
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;
  char *bar;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  text = db_text (sql);
  bar = strchr (text, '|');
  if (bar == NULL)
    g_error ("no row: %s", sql);
  return g_strndup (text, bar - text);
}

/* Everything a refused change must leave as it was: every table of the
 * hospital data, the change log and the per-field records */
static char *
dump_all (void)
{
  GString *dump = g_string_new (NULL);
  sqlite3 *db = db_open ();

  /* one read transaction: one state */
  db_append (db, "BEGIN", dump);
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", zx_schema_entity_at (i)->table);

      db_append (db, sql, dump);
    }
  db_append (db, "SELECT * FROM change_log ORDER BY seq", dump);
  db_append (db, "SELECT * FROM field_change ORDER BY seq, field", dump);
  db_append (db, "SELECT * FROM conflict ORDER BY client_id, mutation_id, position", dump);
  db_append (db, "COMMIT", dump);
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

/* Pushing -------------------------------------------------------------------- */

static char *
new_uuid (void)
{
  return g_strdup_printf ("00000000-0000-4000-a000-%012u", ++serial);
}

/* Pushes one mutation as @role; returns the result object (a new ref) */
static JsonObject *
push (Role        role,
      const char *name,
      const char *args)
{
  g_autofree char *client = g_strdup_printf ("client-%s", role_names[role]);
  g_autofree char *body = g_strdup_printf ("{\"client_id\":\"%s\",\"mutations\":[{\"id\":%" G_GINT64_FORMAT
                                           ",\"name\":\"%s\",\"base_version\":0,\"args\":%s}]}",
                                           client, ++next_id[role], name, args);
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;
  JsonArray *results;

  root = request ("POST", "/api/v1/push", body, tokens[role], &status);
  g_assert_cmpuint (status, ==, 200);
  results = json_object_get_array_member (json_node_get_object (root), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  return json_object_ref (json_array_get_object_element (results, 0));
}

/* Makes a change as the admin (fixtures) */
static void
setup_push (const char *name,
            const char *args)
{
  g_autoptr(JsonObject) result = push (ADMIN, name, args);

  if (!g_str_equal (json_object_get_string_member (result, "status"), "applied"))
    g_error ("fixture %s %s: %s", name, args, json_object_get_string_member_with_default (result, "reason", ""));
}

/* The args of one change for @role: a new string */
typedef char *(*ArgsFunc) (Role role);

typedef struct
{
  const char *kind;      /* what the case is, for messages */
  const char *name;      /* the mutation */
  ArgsFunc    args;
  guint       allowed;   /* bit per Role */
  const char *reason;    /* a part of the refusal every refused role gets, or NULL */
} Case;

#define R(r) (1u << (r))

static void
run_case (const Case *c)
{
  for (Role role = 0; role < N_ROLES; role++)
    {
      gboolean allowed = (c->allowed & R (role)) != 0;
      g_autofree char *args = c->args (role);
      g_autofree char *before = allowed ? NULL : dump_all ();
      g_autofree char *after = NULL;
      g_autoptr(JsonObject) result = push (role, c->name, args);
      const char *status = json_object_get_string_member (result, "status");

      g_test_message ("%s as %s: %s %s", c->kind, role_names[role], status,
                      json_object_get_string_member_with_default (result, "reason", ""));
      if (allowed)
        {
          if (!g_str_equal (status, "applied"))
            g_error ("%s as %s: expected applied, got %s (%s)", c->kind, role_names[role], status,
                     json_object_get_string_member_with_default (result, "reason", ""));
          continue;
        }

      if (!g_str_equal (status, "refused"))
        g_error ("%s as %s: expected refused, got %s", c->kind, role_names[role], status);
      g_assert_true (json_object_has_member (result, "reason"));
      g_assert_cmpuint (strlen (json_object_get_string_member (result, "reason")), >, 20);
      if (c->reason != NULL && strstr (json_object_get_string_member (result, "reason"), c->reason) == NULL)
        g_error ("%s as %s: the reason “%s” does not say “%s”", c->kind, role_names[role],
                 json_object_get_string_member (result, "reason"), c->reason);
      after = dump_all ();
      g_assert_cmpstr (before, ==, after);
    }
}

/* The cases ------------------------------------------------------------------ */

static char *fx_obj_own, *fx_obj_same, *fx_obj_other;   /* objectives: staff-a's, another person's of A, B's */
static char *fx_kr_own, *fx_kr_same, *fx_kr_other;
static char *fx_battle_a, *fx_battle_b;
static char *fx_card_to_a;    /* from B to A: A supports it */
static char *fx_card_from_a;  /* from A to B: A asked */

static char *
update_name (const char *table,
             const char *field,
             const char *id,
             Role        role)
{
  (void) table;
  return g_strdup_printf ("{\"id\":\"%s\",\"%s\":\"%s by %s %u\"}", id, field, table, role_names[role], ++serial);
}

static char *
args_hospital (Role role)
{
  g_autofree char *id = db_value ("SELECT id FROM hospital WHERE deleted = 0 LIMIT 1");

  return update_name ("hospital", "short_name", id, role);
}

static char *
args_plan (Role role)
{
  g_autofree char *id = db_value ("SELECT id FROM plan WHERE deleted = 0 ORDER BY id LIMIT 1");

  return update_name ("plan", "name", id, role);
}

static char *
args_pillar (Role role)
{
  g_autofree char *id = db_value ("SELECT id FROM pillar WHERE deleted = 0 ORDER BY id LIMIT 1");

  return update_name ("pillar", "name", id, role);
}

static char *
args_department (Role role)
{
  return g_strdup_printf ("{\"id\":\"%s\",\"beds\":%u}", dept_a, 100 + ++serial % 100);
}

static char *
args_staff (Role role)
{
  return g_strdup_printf ("{\"id\":\"%s\",\"phone\":\"1380000%04u\"}", other_a, ++serial);
}

static char *
args_battle_a (Role role)
{
  return update_name ("battle", "name", fx_battle_a, role);
}

static char *
args_battle_b (Role role)
{
  return update_name ("battle", "name", fx_battle_b, role);
}

static char *args_obj_own (Role role) { return update_name ("objective", "title", fx_obj_own, role); }
static char *args_obj_same (Role role) { return update_name ("objective", "title", fx_obj_same, role); }
static char *args_obj_other (Role role) { return update_name ("objective", "title", fx_obj_other, role); }
static char *args_kr_own (Role role) { return update_name ("key_result", "title", fx_kr_own, role); }
static char *args_kr_same (Role role) { return update_name ("key_result", "title", fx_kr_same, role); }
static char *args_kr_other (Role role) { return update_name ("key_result", "title", fx_kr_other, role); }

static char *
check_in_args (const char *kr)
{
  g_autofree char *id = new_uuid ();

  return g_strdup_printf ("{\"id\":\"%s\",\"key_result_id\":\"%s\",\"week\":\"%s\",\"value\":%u,"
                          "\"confidence\":7,\"note\":\"On track\",\"created_at\":\"2026-11-16T08:00:00Z\"}",
                          id, kr, week, ++serial % 50);
}

static char *args_ci_own (Role role) { return check_in_args (fx_kr_own); }
static char *args_ci_same (Role role) { return check_in_args (fx_kr_same); }
static char *args_ci_other (Role role) { return check_in_args (fx_kr_other); }

static char *
args_column (Role role)
{
  return update_name ("board_column", "name", first_column, role);
}

static char *
args_card_create (Role role)
{
  g_autofree char *id = new_uuid ();

  return g_strdup_printf ("{\"id\":\"%s\",\"board_id\":\"%s\",\"column_id\":\"%s\",\"title\":\"Request %u\","
                          "\"from_department_id\":\"%s\",\"to_department_id\":\"%s\",\"priority\":\"normal\","
                          "\"rank\":\"z%06uV\"}",
                          id, board_id, first_column, serial + 1, dept_a, dept_b, serial + 1);
  serial++;
}

static char *
args_card_move (Role role)
{
  g_autofree char *column = db_value ("SELECT id FROM board_column WHERE board_id = '%s' AND deleted = 0 AND archived = 0"
                                      " AND id <> (SELECT column_id FROM card WHERE id = '%s') ORDER BY rank, id LIMIT 1",
                                      board_id, fx_card_to_a);
  g_autofree char *event = new_uuid ();

  return g_strdup_printf ("{\"id\":\"%s\",\"column_id\":\"%s\",\"rank\":\"y%06uV\",\"event_id\":\"%s\","
                          "\"at\":\"2026-11-16T09:00:00Z\"}", fx_card_to_a, column, ++serial, event);
}

static char *args_card_edit (Role role) { return update_name ("card", "title", fx_card_from_a, role); }

static char *
args_card_supervise (Role role)
{
  return update_name ("card", "supervision_note", fx_card_from_a, role);
}

static char *
args_card_comment (Role role)
{
  g_autofree char *id = new_uuid ();

  return g_strdup_printf ("{\"id\":\"%s\",\"card_id\":\"%s\",\"body\":\"A comment %u\","
                          "\"created_at\":\"2026-11-16T10:00:00Z\"}", id, fx_card_to_a, ++serial);
}

static char *
args_indicator (Role role)
{
  g_autofree char *id = db_value ("SELECT id FROM indicator WHERE deleted = 0 ORDER BY id LIMIT 1");

  return update_name ("indicator", "name", id, role);
}

static char *fx_evaluation;

static char *
args_evaluation (Role role)
{
  return update_name ("evaluation", "hr_comment", fx_evaluation, role);
}

static char *
args_course (Role role)
{
  g_autofree char *id = db_value ("SELECT id FROM course WHERE deleted = 0 ORDER BY id LIMIT 1");

  return update_name ("course", "title", id, role);
}

/* Courses: staff-a's enrolment and another person's of A (assigned by HR in
 * setup); the learner marks their own completed and rates it */
static char *fx_course, *fx_skill, *fx_enrol_own, *fx_enrol_other;

static char *
completion_args (const char *id)
{
  return g_strdup_printf ("{\"id\":\"%s\",\"completed_at\":\"2026-11-16T09:%02u:00Z\",\"rating\":%u,"
                          "\"comment\":\"Useful %u\"}", id, serial % 60, 1 + serial % 5, serial + 1);
  serial++;
}

static char *args_enrol_complete_own (Role role) { return completion_args (fx_enrol_own); }
static char *args_enrol_complete_other (Role role) { return completion_args (fx_enrol_other); }

static char *
args_enrol_assign (Role role)
{
  return g_strdup_printf ("{\"id\":\"%s\",\"due_date\":\"2026-12-%02u\"}", fx_enrol_own, 1 + ++serial % 28);
}

static char *
enrol_create_args (gboolean assigned)
{
  g_autofree char *id = new_uuid ();

  return g_strdup_printf ("{\"id\":\"%s\",\"course_id\":\"%s\",\"staff_id\":\"%s\",\"assigned\":%s,"
                          "\"completed_at\":%s}", id, fx_course, staff_a, assigned ? "true" : "false",
                          assigned ? "null" : "\"2026-11-16T10:00:00Z\"");
}

static char *args_enrol_voluntary (Role role) { return enrol_create_args (FALSE); }
static char *args_enrol_assign_self (Role role) { return enrol_create_args (TRUE); }

/* The skills a battle or key result needs */
static char *
need_args (const char *field,
           const char *row)
{
  g_autofree char *id = new_uuid ();

  return g_strdup_printf ("{\"id\":\"%s\",\"skill_id\":\"%s\",\"%s\":\"%s\",\"level\":%u}",
                          id, fx_skill, field, row, 1 + ++serial % 5);
}

static char *args_need_battle_a (Role role) { return need_args ("battle_id", fx_battle_a); }
static char *args_need_battle_b (Role role) { return need_args ("battle_id", fx_battle_b); }
static char *args_need_kr_own (Role role) { return need_args ("key_result_id", fx_kr_own); }
static char *args_need_kr_same (Role role) { return need_args ("key_result_id", fx_kr_same); }

/* The micro-innovation fund: staff-a's draft and staff-a's proposal of
 * 150,000 awaiting A's head (made by staff-a in setup) */
static char *fx_fund_draft, *fx_fund_submitted;

static const char *
role_staff (Role role)
{
  return role == HEAD ? head_a : role == STAFF ? staff_a : head_a;
}

static char *
args_fund_edit (Role role)
{
  return update_name ("fund_proposal", "problem", fx_fund_draft, role);
}

static char *
fund_approval_args (const char *tier,
                    Role        role)
{
  g_autofree char *id = new_uuid ();

  return g_strdup_printf ("{\"id\":\"%s\",\"proposal_id\":\"%s\",\"tier\":\"%s\",\"approver_id\":\"%s\","
                          "\"decision\":\"approved\",\"decided_at\":\"2026-11-16T09:00:00Z\"}",
                          id, fx_fund_submitted, tier, role_staff (role));
}

static char *args_fund_approve_head (Role role) { return fund_approval_args ("head", role); }
static char *args_fund_approve_finance (Role role) { return fund_approval_args ("finance", role); }

static char *
args_fund_skip (Role role)
{
  return g_strdup_printf ("{\"id\":\"%s\",\"state\":\"approved\",\"current_tier\":null}", fx_fund_submitted);
}

#define ALL (R (ADMIN) | R (LEADERSHIP) | R (OFFICE) | R (HR) | R (HEAD) | R (STAFF))
#define LEAD (R (ADMIN) | R (LEADERSHIP))

static const Case cases[] = {
  { "hospital", "hospital.update", args_hospital, LEAD, "leadership" },
  { "plan", "plan.update", args_plan, LEAD, "leadership" },
  { "pillar", "pillar.update", args_pillar, LEAD, "leadership" },
  { "department", "department.update", args_department, R (ADMIN), "IT department" },
  { "staff", "staff.update", args_staff, R (ADMIN), "IT department" },
  { "battle of own department", "battle.update", args_battle_a, LEAD | R (HEAD), "battle map" },
  { "battle of another department", "battle.update", args_battle_b, LEAD, "battle map" },
  { "own objective", "objective.update", args_obj_own, LEAD | R (HEAD) | R (STAFF), NULL },
  { "objective of another person", "objective.update", args_obj_same, LEAD | R (HEAD), NULL },
  { "objective of another department", "objective.update", args_obj_other, LEAD, NULL },
  { "own key result", "key_result.update", args_kr_own, LEAD | R (HEAD) | R (STAFF), NULL },
  { "key result of another person", "key_result.update", args_kr_same, LEAD | R (HEAD), NULL },
  { "key result of another department", "key_result.update", args_kr_other, LEAD, NULL },
  { "own check-in", "check_in.create", args_ci_own, LEAD | R (HEAD) | R (STAFF), NULL },
  { "check-in of another person", "check_in.create", args_ci_same, LEAD | R (HEAD), NULL },
  { "check-in of another department", "check_in.create", args_ci_other, LEAD, NULL },
  { "board column", "board_column.update", args_column, R (ADMIN) | R (OFFICE),
    "Only the hospital office may change the board’s columns." },
  { "request from own department", "card.create", args_card_create, R (ADMIN) | R (OFFICE) | R (HEAD) | R (STAFF), NULL },
  { "move a request A supports", "card.move", args_card_move, R (ADMIN) | R (OFFICE) | R (HEAD) | R (STAFF), NULL },
  { "edit a request A made", "card.update", args_card_edit, R (ADMIN) | R (OFFICE) | R (HEAD) | R (STAFF), NULL },
  { "supervise a request", "card.update", args_card_supervise, R (ADMIN) | R (OFFICE), NULL },
  { "comment on a request", "card_comment.create", args_card_comment, R (ADMIN) | R (OFFICE) | R (HEAD) | R (STAFF),
    "not linked to a staff member" },
  { "indicator", "indicator.update", args_indicator, R (ADMIN) | R (HR), "HR" },
  { "evaluation", "evaluation.update", args_evaluation, R (ADMIN) | R (HR), "HR" },
  { "course", "course.update", args_course, R (ADMIN) | R (HR), "HR" },
  { "complete and rate one's own course", "enrolment.update", args_enrol_complete_own,
    R (ADMIN) | R (HR) | R (HEAD) | R (STAFF), NULL },
  { "complete another person's course", "enrolment.update", args_enrol_complete_other,
    R (ADMIN) | R (HR) | R (HEAD), "HR" },
  { "take a course of one's own accord", "enrolment.create", args_enrol_voluntary,
    R (ADMIN) | R (HR) | R (HEAD) | R (STAFF), NULL },
  { "set the due date of a course", "enrolment.update", args_enrol_assign, R (ADMIN) | R (HR) | R (HEAD), "HR" },
  { "assign oneself a course", "enrolment.create", args_enrol_assign_self, R (ADMIN) | R (HR) | R (HEAD), "HR" },
  { "skill needed by a battle of A", "skill_need.create", args_need_battle_a, LEAD | R (HR) | R (HEAD), NULL },
  { "skill needed by a battle of B", "skill_need.create", args_need_battle_b, LEAD | R (HR), NULL },
  { "skill needed by one's own key result", "skill_need.create", args_need_kr_own,
    LEAD | R (HR) | R (HEAD) | R (STAFF), NULL },
  { "skill needed by another person's key result", "skill_need.create", args_need_kr_same,
    LEAD | R (HR) | R (HEAD), NULL },
  { "edit one's own fund draft", "fund_proposal.update", args_fund_edit, R (STAFF), NULL },
  { "approve at A's head tier", "fund_approval.create", args_fund_approve_head, R (HEAD), NULL },
  { "approve at the finance tier, skipping the head", "fund_approval.create", args_fund_approve_finance, 0, NULL },
  { "approve a proposal past its tiers", "fund_proposal.update", args_fund_skip, 0, NULL },
};

static void
test_case (gconstpointer data)
{
  run_case (data);
}

/* Reasons a person can act on ------------------------------------------------ */

static void
test_reasons (void)
{
  g_autoptr(JsonObject) own = NULL;
  g_autoptr(JsonObject) dept = NULL;
  g_autoptr(JsonObject) card = NULL;
  g_autoptr(JsonObject) lead_card = NULL;
  g_autofree char *a1 = args_obj_same (STAFF);
  g_autofree char *a2 = args_obj_other (HEAD);
  g_autofree char *a3 = args_card_supervise (STAFF);
  g_autofree char *a4 = args_card_edit (LEADERSHIP);

  own = push (STAFF, "objective.update", a1);
  g_assert_cmpstr (json_object_get_string_member (own, "reason"), ==,
                   "You may change only your own objectives, key results and check-ins. Ask your department’s head to change this one.");
  dept = push (HEAD, "objective.update", a2);
  g_assert_cmpstr (json_object_get_string_member (dept, "reason"), ==,
                   "You may change objectives, key results and check-ins only of your own department.");
  card = push (STAFF, "card.update", a3);
  g_assert_cmpstr (json_object_get_string_member (card, "reason"), ==,
                   "Only the hospital office can supervise requests.");
  lead_card = push (LEADERSHIP, "card.update", a4);
  {
    g_autofree char *other = args_enrol_complete_other (STAFF);
    g_autofree char *assign = args_enrol_assign (STAFF);
    g_autoptr(JsonObject) r1 = push (STAFF, "enrolment.update", other);
    g_autoptr(JsonObject) r2 = push (STAFF, "enrolment.update", assign);

    g_assert_cmpstr (json_object_get_string_member (r1, "reason"), ==,
                     "Courses are assigned by HR and the department’s head; you may mark only your own courses completed and rate them.");
    g_assert_cmpstr (json_object_get_string_member (r2, "reason"), ==,
                     "You may only mark your own courses completed and rate them: assigning a course, its due date and the skill it is for are HR’s and the department head’s.");
  }
  g_assert_nonnull (strstr (json_object_get_string_member (lead_card, "reason"), "Ask the IT department to link it"));

  /* a link to a staff row that is gone is no licence (zx_kanban_may ()
   * lets non-staff actors do everything) */
  {
    g_autofree char *err = NULL;
    g_autofree char *token = NULL;
    g_autofree char *args = args_card_comment (STAFF);
    g_autofree char *body = g_strdup_printf ("{\"client_id\":\"client-stale\",\"mutations\":[{\"id\":1,"
                                             "\"name\":\"card_comment.create\",\"base_version\":0,\"args\":%s}]}", args);
    g_autofree char *before = NULL, *after = NULL;
    g_autoptr(JsonNode) root = NULL;
    JsonObject *result;
    sqlite3 *db = NULL;
    guint status = 0;

    g_assert_cmpint (run_cli (PASSWORD "\n", &err, "user", "add", "stale", "--role", "staff", "--staff", other_a, NULL), ==, 0);
    g_assert_cmpint (sqlite3_open (zts->db_path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 5000);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE account SET staff_id = 'gone' WHERE name = 'stale'", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    token = sign_in ("stale");
    before = dump_all ();
    root = request ("POST", "/api/v1/push", body, token, &status);
    g_assert_cmpuint (status, ==, 200);
    result = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "results"), 0);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "refused");
    g_assert_nonnull (strstr (json_object_get_string_member (result, "reason"), "no longer in the hospital’s data"));
    after = dump_all ();
    g_assert_cmpstr (before, ==, after);
  }

  /* whoami tells the link */
  {
    g_autoptr(JsonNode) root = NULL;
    guint status = 0;

    root = request ("GET", "/api/v1/whoami", NULL, tokens[STAFF], &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "staff_id"), ==, staff_a);
    json_node_unref (root);
    root = request ("GET", "/api/v1/whoami", NULL, tokens[HR], &status);
    g_assert_true (json_object_get_null_member (json_node_get_object (root), "staff_id"));
  }
}

/* The fund's tiers, end to end ------------------------------------------------ */

/* Pushes one mutation with @token; TRUE when applied.  A refusal must
 * leave every table as it was. */
static gboolean
push_token (const char *who,
            const char *token,
            const char *name,
            const char *args)
{
  static GHashTable *last_ids;   /* who → the last mutation id of its client */
  guint mutation_id;
  g_autofree char *body = NULL;
  g_autofree char *before = dump_all ();
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result;
  guint status = 0;
  gboolean applied;

  if (last_ids == NULL)
    last_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  mutation_id = GPOINTER_TO_UINT (g_hash_table_lookup (last_ids, who)) + 1;
  g_hash_table_insert (last_ids, g_strdup (who), GUINT_TO_POINTER (mutation_id));
  body = g_strdup_printf ("{\"client_id\":\"fund-%s\",\"mutations\":[{\"id\":%u,"
                          "\"name\":\"%s\",\"base_version\":0,\"args\":%s}]}",
                          who, mutation_id, name, args);
  root = request ("POST", "/api/v1/push", body, token, &status);
  g_assert_cmpuint (status, ==, 200);
  result = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "results"), 0);
  applied = g_str_equal (json_object_get_string_member (result, "status"), "applied");
  g_test_message ("%s as %s: %s %s", name, who, json_object_get_string_member (result, "status"),
                  json_object_get_string_member_with_default (result, "reason", ""));
  if (!applied)
    {
      g_assert_cmpuint (strlen (json_object_get_string_member_with_default (result, "reason", "")), >, 20);
      after = dump_all ();
      g_assert_cmpstr (before, ==, after);
    }
  return applied;
}

static char *
decision (const char *proposal,
          const char *tier,
          const char *approver,
          const char *verdict,
          const char *reason)
{
  g_autofree char *id = new_uuid ();

  return g_strdup_printf ("{\"id\":\"%s\",\"proposal_id\":\"%s\",\"tier\":\"%s\",\"approver_id\":\"%s\","
                          "\"decision\":\"%s\",\"reason\":%s%s%s,\"decided_at\":\"2026-11-16T10:00:00Z\"}",
                          id, proposal, tier, approver, verdict,
                          reason ? "\"" : "", reason ? reason : "null", reason ? "\"" : "");
}

static char *
moves (const char *proposal,
       const char *state,
       const char *tier)
{
  return tier ? g_strdup_printf ("{\"id\":\"%s\",\"state\":\"%s\",\"current_tier\":\"%s\"}", proposal, state, tier)
              : g_strdup_printf ("{\"id\":\"%s\",\"state\":\"%s\",\"current_tier\":null}", proposal, state);
}

static void
test_fund_tiers (void)
{
  g_autofree char *err = NULL;
  g_autofree char *finance_head = db_value ("SELECT head_id FROM department WHERE code = 'CWB'");
  g_autofree char *president = db_value ("SELECT id FROM staff WHERE post = '院长'");
  g_autofree char *vice = db_value ("SELECT id FROM staff WHERE role = 'leadership' AND post LIKE '副院长%%' ORDER BY id LIMIT 1");
  g_autofree char *t_fin = NULL, *t_pres = NULL, *t_vice = NULL;
  g_autofree char *proposal = new_uuid ();
  const char *t_head = tokens[HEAD], *t_staff = tokens[STAFF];

  g_assert_cmpint (run_cli (PASSWORD "\n", &err, "user", "add", "finance", "--role", "head", "--staff", finance_head, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (PASSWORD "\n", &err, "user", "add", "president", "--role", "leadership", "--staff", president, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (PASSWORD "\n", &err, "user", "add", "vice", "--role", "leadership", "--staff", vice, NULL), ==, 0);
  t_fin = sign_in ("finance");
  t_pres = sign_in ("president");
  t_vice = sign_in ("vice");

  /* 150,000.00: head → finance → president */
  {
    g_autofree char *line = new_uuid ();
    g_autofree char *p = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"Tiers\",\"plan\":\"All three\","
                                          "\"key_result_id\":\"%s\",\"applicant_id\":\"%s\",\"department_id\":\"%s\","
                                          "\"amount\":150000,\"state\":\"draft\"}", proposal, fx_kr_own, staff_a, dept_a);
    g_autofree char *as_head = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"Tiers\",\"applicant_id\":\"%s\","
                                                "\"department_id\":\"%s\",\"amount\":1,\"state\":\"draft\"}",
                                                line, staff_a, dept_a);
    g_autofree char *l = g_strdup_printf ("{\"id\":\"%s\",\"proposal_id\":\"%s\",\"item\":\"All\",\"amount\":150000,"
                                          "\"rank\":\"a\"}", line, proposal);
    g_autofree char *submit = g_strdup_printf ("{\"id\":\"%s\",\"state\":\"submitted\",\"current_tier\":\"head\","
                                               "\"submitted_at\":\"2026-11-16T09:00:00Z\"}", proposal);
    g_autofree char *to_finance = g_strdup_printf ("{\"id\":\"%s\",\"state\":\"submitted\",\"current_tier\":\"finance\","
                                                   "\"submitted_at\":\"2026-11-16T09:00:00Z\"}", proposal);

    g_assert_false (push_token ("head-a", t_head, "fund_proposal.create", as_head));   /* not in one's own name */
    g_assert_true (push_token ("staff-a", t_staff, "fund_proposal.create", p));
    g_assert_true (push_token ("staff-a", t_staff, "fund_budget_line.create", l));
    g_assert_false (push_token ("head-a", t_head, "fund_proposal.update", submit));     /* the applicant submits */
    g_assert_false (push_token ("staff-a", t_staff, "fund_proposal.update", to_finance)); /* not past the head */
    g_assert_true (push_token ("staff-a", t_staff, "fund_proposal.update", submit));
  }

  /* the head's tier: not finance, not the president, not skipped */
  {
    g_autofree char *fin_early = decision (proposal, "finance", finance_head, "approved", NULL);
    g_autofree char *fin_as_head = decision (proposal, "head", finance_head, "approved", NULL);
    g_autofree char *pres_early = decision (proposal, "head", president, "approved", NULL);
    g_autofree char *head_ok = decision (proposal, "head", head_a, "approved", "Agreed");
    g_autofree char *skip = moves (proposal, "approved", NULL);
    g_autofree char *next = moves (proposal, "submitted", "finance");

    g_assert_false (push_token ("finance", t_fin, "fund_approval.create", fin_early));
    g_assert_false (push_token ("finance", t_fin, "fund_approval.create", fin_as_head));
    g_assert_false (push_token ("president", t_pres, "fund_approval.create", pres_early));
    g_assert_false (push_token ("head-a", t_head, "fund_proposal.update", next));   /* no approval recorded yet */
    g_assert_true (push_token ("head-a", t_head, "fund_approval.create", head_ok));
    g_assert_false (push_token ("head-a", t_head, "fund_proposal.update", skip));
    g_assert_true (push_token ("head-a", t_head, "fund_proposal.update", next));
  }

  /* finance */
  {
    g_autofree char *head_again = decision (proposal, "finance", head_a, "approved", NULL);
    g_autofree char *no_reason = decision (proposal, "finance", finance_head, "rejected", NULL);
    g_autofree char *fin_ok = decision (proposal, "finance", finance_head, "approved", NULL);
    g_autofree char *next = moves (proposal, "submitted", "president");

    g_assert_false (push_token ("head-a", t_head, "fund_approval.create", head_again));
    g_assert_false (push_token ("finance", t_fin, "fund_approval.create", no_reason));
    g_assert_true (push_token ("finance", t_fin, "fund_approval.create", fin_ok));
    g_assert_true (push_token ("finance", t_fin, "fund_proposal.update", next));
  }

  /* the president, not a vice president */
  {
    g_autofree char *vice_ok = decision (proposal, "president", vice, "approved", NULL);
    g_autofree char *pres_ok = decision (proposal, "president", president, "approved", NULL);
    g_autofree char *done = moves (proposal, "approved", NULL);
    g_autofree char *audit = NULL;
    g_autofree char *audit_id = NULL;
    g_autofree char *audit_edit = NULL;
    g_autofree char *approval_edit = NULL;
    g_autofree char *state = NULL;

    g_assert_false (push_token ("vice", t_vice, "fund_approval.create", vice_ok));
    g_assert_true (push_token ("president", t_pres, "fund_approval.create", pres_ok));
    g_assert_true (push_token ("president", t_pres, "fund_proposal.update", done));
    state = db_value ("SELECT state FROM fund_proposal WHERE id = '%s'", proposal);
    g_assert_cmpstr (state, ==, "approved");

    /* the audit trail is added to, never changed; approvals stay */
    audit_id = new_uuid ();
    audit = g_strdup_printf ("{\"id\":\"%s\",\"entity\":\"fund_proposal\",\"row_id\":\"%s\","
                             "\"field\":\"state\",\"old_value\":\"submitted\",\"new_value\":\"approved\","
                             "\"actor\":\"%s\",\"at\":\"2026-11-16T11:00:00Z\"}", audit_id, proposal, president);
    g_assert_true (push_token ("president", t_pres, "audit_entry.create", audit));
    audit_edit = g_strdup_printf ("{\"id\":\"%s\",\"reason\":\"changed\"}", audit_id);
    g_assert_false (push_token ("admin", tokens[ADMIN], "audit_entry.update", audit_edit));
    {
      g_autofree char *approval = db_value ("SELECT id FROM fund_approval WHERE proposal_id = '%s' AND tier = 'president'", proposal);

      approval_edit = g_strdup_printf ("{\"id\":\"%s\",\"decision\":\"rejected\",\"reason\":\"changed my mind\"}", approval);
    }
    g_assert_false (push_token ("president", t_pres, "fund_approval.update", approval_edit));
  }
}

/* Linking accounts ----------------------------------------------------------- */

static void
test_link (void)
{
  g_autofree char *err = NULL;
  g_autofree char *employee_no = db_value ("SELECT employee_no FROM staff WHERE id = '%s'", other_a);

  /* unknown people and departments are refused */
  g_assert_cmpint (run_cli (PASSWORD "\n", &err, "user", "add", "ghost", "--role", "staff", "--staff", "E-nobody", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no staff member “E-nobody”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (PASSWORD "\n", &err, "user", "add", "ghost", "--role", "head", "--department", "No such ward", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no department “No such ward”"));
  g_clear_pointer (&err, g_free);
  /* a person of A with the department B */
  g_assert_cmpint (run_cli (PASSWORD "\n", &err, "user", "add", "ghost", "--role", "staff", "--staff", employee_no,
                            "--department", dept_b, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "another department"));
  g_clear_pointer (&err, g_free);

  /* by employee number: the department comes with the person */
  g_assert_cmpint (run_cli (PASSWORD "\n", &err, "user", "add", "other-a", "--role", "staff", "--staff", employee_no, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *row = db_text ("SELECT department_id, staff_id FROM account WHERE name = 'other-a'");
    g_autofree char *expected = g_strdup_printf ("%s|%s|\n", dept_a, other_a);

    g_assert_cmpstr (row, ==, expected);
  }

  /* linked again, what it may read may change: a pull from before must
   * download everything again (410); one from after goes on */
  {
    g_autofree char *token = sign_in ("other-a");
    g_autofree char *b_person = g_strdup (staff_a);
    g_autoptr(JsonNode) before = NULL;
    g_autoptr(JsonNode) gone = NULL;
    g_autoptr(JsonNode) bootstrap = NULL;
    g_autoptr(JsonNode) after = NULL;
    g_autofree char *old_path = NULL;
    g_autofree char *new_path = NULL;
    guint status = 0;

    before = request ("GET", "/api/v1/pull?cursor=0&limit=1", NULL, token, &status);
    g_assert_cmpuint (status, ==, 200);
    old_path = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT "&limit=1",
                                json_object_get_int_member (json_node_get_object (before), "cursor"));

    g_assert_cmpint (run_cli (NULL, &err, "user", "link", "other-a", "--staff", b_person, NULL), ==, 0);
    g_clear_pointer (&err, g_free);

    gone = request ("GET", old_path, NULL, token, &status);
    g_assert_cmpuint (status, ==, 410);
    bootstrap = request ("GET", "/api/v1/bootstrap?limit=1", NULL, token, &status);
    g_assert_cmpuint (status, ==, 200);
    new_path = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT "&limit=1",
                                json_object_get_int_member (json_node_get_object (bootstrap), "cursor"));
    after = request ("GET", new_path, NULL, token, &status);
    g_assert_cmpuint (status, ==, 200);
  }
}

/* A person who moves takes their account along ------------------------------ */

static void
test_department_move (void)
{
  g_autofree char *person = new_uuid ();
  g_autofree char *employee_no = g_strdup_printf ("E-MOVE-%u", ++serial);
  g_autofree char *create = g_strdup_printf ("{\"id\":\"%s\",\"name\":\"调动测试\",\"employee_no\":\"%s\","
                                             "\"department_id\":\"%s\",\"role\":\"head\"}",
                                             person, employee_no, dept_a);
  g_autofree char *move = g_strdup_printf ("{\"id\":\"%s\",\"department_id\":\"%s\"}", person, dept_b);
  g_autofree char *delete = g_strdup_printf ("{\"id\":\"%s\"}", person);
  g_autofree char *err = NULL;
  g_autofree char *token = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *log = NULL;
  g_autoptr(JsonNode) bootstrap = NULL;
  g_autoptr(JsonNode) gone = NULL;
  guint status = 0;

  /* the head of A, linked to their staff row, has a desktop in step */
  setup_push ("staff.create", create);
  g_assert_cmpint (run_cli (PASSWORD "\n", &err, "user", "add", "mover", "--role", "head", "--staff", employee_no, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  token = sign_in ("mover");
  bootstrap = request ("GET", "/api/v1/bootstrap?limit=1", NULL, token, &status);
  g_assert_cmpuint (status, ==, 200);
  old_path = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT "&limit=1",
                              json_object_get_int_member (json_node_get_object (bootstrap), "cursor"));
  {
    g_autofree char *a = update_name ("battle", "name", fx_battle_a, HEAD);
    g_autofree char *b = update_name ("battle", "name", fx_battle_b, HEAD);

    g_assert_true (push_token ("mover", token, "battle.update", a));
    g_assert_false (push_token ("mover", token, "battle.update", b));
  }

  /* the admin moves the person to B from a desktop: the account follows */
  setup_push ("staff.update", move);
  {
    g_autofree char *a = update_name ("battle", "name", fx_battle_a, HEAD);
    g_autofree char *b = update_name ("battle", "name", fx_battle_b, HEAD);

    g_assert_false (push_token ("mover", token, "battle.update", a));
    g_assert_true (push_token ("mover", token, "battle.update", b));
  }
  {
    g_autofree char *department = db_value ("SELECT department_id FROM account WHERE name = 'mover'");
    g_autofree char *head = db_value ("SELECT department_id FROM account WHERE name = '%s'", role_names[HEAD]);

    g_assert_cmpstr (department, ==, dept_b);
    g_assert_cmpstr (head, ==, dept_a);   /* nobody else moved */
  }
  /* what it may read changed: its desktop downloads everything again */
  gone = request ("GET", old_path, NULL, token, &status);
  g_assert_cmpuint (status, ==, 410);

  /* the person's row deleted: the account keeps its link and department */
  setup_push ("staff.delete", delete);
  {
    g_autofree char *row = db_text ("SELECT department_id, staff_id FROM account WHERE name = 'mover'");
    g_autofree char *expected = g_strdup_printf ("%s|%s|\n", dept_b, person);

    g_assert_cmpstr (row, ==, expected);
  }

  /* and the IT department can read what happened */
  g_assert_true (g_file_get_contents (zts->err_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "account mover follows staff 调动测试"));
  g_assert_nonnull (strstr (log, "account mover stays in department"));
}

/* A department's head assesses their department's evaluations: the
 * assessment, the comment and the total these give; nothing else */
static void
test_head_assessment (void)
{
  g_autofree char *desktop_path = g_build_filename (tmpdir, "desktop.db", NULL);
  g_autoptr(ZxStore) store = zx_store_open (desktop_path, NULL);
  g_autofree char *scheme = db_value ("SELECT scheme_id FROM evaluation WHERE id = '%s'", fx_evaluation);
  g_autofree char *okr = db_value ("SELECT ifnull(okr_score, 0) FROM evaluation WHERE id = '%s'", fx_evaluation);
  g_autofree char *adjustment = db_value ("SELECT ifnull(adjustment, 0) FROM evaluation WHERE id = '%s'", fx_evaluation);
  g_autofree char *indicator = db_value ("SELECT ifnull(indicator_score, '') FROM evaluation WHERE id = '%s'", fx_evaluation);
  ZxEvalRules rules;
  double total;

  g_assert_nonnull (store);
  g_assert_true (zx_evaluation_get_rules (store, scheme, &rules, NULL));
  total = zx_evaluation_total (&rules, g_ascii_strtod (okr, NULL),
                               indicator != NULL && indicator[0] != '\0', indicator ? g_ascii_strtod (indicator, NULL) : 0,
                               TRUE, 85, g_ascii_strtod (adjustment, NULL));

  /* the right total: applied */
  {
    g_autofree char *args = g_strdup_printf ("{\"id\":\"%s\",\"assessment_score\":85,"
                                             "\"head_comment\":\"科室评价：完成良好\",\"total\":%.2f}",
                                             fx_evaluation, total);
    g_autoptr(JsonObject) result = push (HEAD, "evaluation.update", args);

    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  }
  /* a total set by hand: refused */
  {
    g_autofree char *args = g_strdup_printf ("{\"id\":\"%s\",\"assessment_score\":86,\"total\":99.5}", fx_evaluation);
    g_autoptr(JsonObject) result = push (HEAD, "evaluation.update", args);

    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "refused");
    g_assert_nonnull (strstr (json_object_get_string_member (result, "reason"), "total"));
  }
  /* another score: refused */
  {
    g_autofree char *args = g_strdup_printf ("{\"id\":\"%s\",\"okr_score\":100}", fx_evaluation);
    g_autoptr(JsonObject) result = push (HEAD, "evaluation.update", args);

    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "refused");
  }
  /* staff may not assess */
  {
    g_autofree char *args = g_strdup_printf ("{\"id\":\"%s\",\"head_comment\":\"自评\"}", fx_evaluation);
    g_autoptr(JsonObject) result = push (STAFF, "evaluation.update", args);

    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "refused");
  }
  {
    g_autofree char *score = db_value ("SELECT assessment_score FROM evaluation WHERE id = '%s'", fx_evaluation);
    g_autofree char *comment = db_value ("SELECT head_comment FROM evaluation WHERE id = '%s'", fx_evaluation);

    g_assert_cmpstr (score, ==, "85.0");
    g_assert_cmpstr (comment, ==, "科室评价：完成良好");
  }
}

/* Setup ---------------------------------------------------------------------- */

static void
add_user (Role        role,
          const char *department,
          const char *staff)
{
  g_autofree char *err = NULL;
  int status;

  if (department != NULL && staff != NULL)
    status = run_cli (PASSWORD "\n", &err, "user", "add", role_names[role], "--role", role_roles[role],
                      "--department", department, "--staff", staff, NULL);
  else if (department != NULL)
    status = run_cli (PASSWORD "\n", &err, "user", "add", role_names[role], "--role", role_roles[role],
                      "--department", department, NULL);
  else if (staff != NULL)
    status = run_cli (PASSWORD "\n", &err, "user", "add", role_names[role], "--role", role_roles[role],
                      "--staff", staff, NULL);
  else
    status = run_cli (PASSWORD "\n", &err, "user", "add", role_names[role], "--role", role_roles[role], NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
}

static char *
objective_args (const char *id,
                const char *department,
                const char *owner)
{
  return g_strdup_printf ("{\"id\":\"%s\",\"cycle_id\":\"%s\",\"level\":\"department\",\"title\":\"Fixture\","
                          "\"department_id\":\"%s\",\"owner_id\":\"%s\",\"status\":\"active\",\"rank\":\"x%06uV\"}",
                          id, cycle_id, department, owner, ++serial);
}

static char *
key_result_args (const char *id,
                 const char *objective)
{
  return g_strdup_printf ("{\"id\":\"%s\",\"objective_id\":\"%s\",\"title\":\"Fixture KR\",\"kind\":\"numeric\","
                          "\"start_value\":0,\"target_value\":100,\"direction\":\"higher\",\"weight\":1,"
                          "\"rank\":\"x%06uV\"}", id, objective, ++serial);
}

static void
push_applied (Role        role,
              const char *name,
              const char *args)
{
  g_autoptr(JsonObject) result = push (role, name, args);

  if (!g_str_equal (json_object_get_string_member (result, "status"), "applied"))
    g_error ("%s as %s: %s", name, role_names[role], json_object_get_string_member_with_default (result, "reason", ""));
}

/* staff-a's proposal @id of @amount in department A, one budget line,
 * submitted when @submit */
static void
fund_fixture (const char *id,
              double      amount,
              gboolean    submit)
{
  g_autofree char *line = new_uuid ();
  g_autofree char *p = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"Fixture proposal\",\"plan\":\"Try it\","
                                        "\"key_result_id\":\"%s\",\"applicant_id\":\"%s\",\"department_id\":\"%s\","
                                        "\"amount\":%.2f,\"state\":\"draft\"}", id, fx_kr_own, staff_a, dept_a, amount);
  g_autofree char *l = g_strdup_printf ("{\"id\":\"%s\",\"proposal_id\":\"%s\",\"item\":\"Everything\","
                                        "\"amount\":%.2f,\"rank\":\"a\"}", line, id, amount);
  g_autofree char *s = g_strdup_printf ("{\"id\":\"%s\",\"state\":\"submitted\",\"current_tier\":\"head\","
                                        "\"submitted_at\":\"2026-11-16T08:00:00Z\"}", id);

  push_applied (STAFF, "fund_proposal.create", p);
  push_applied (STAFF, "fund_budget_line.create", l);
  if (submit)
    push_applied (STAFF, "fund_proposal.update", s);
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autofree char *desktop_path = g_build_filename (tmpdir, "desktop.db", NULL);
  g_autofree char *export_path = g_build_filename (tmpdir, "demo.json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *other_b = NULL;

  store = zx_store_open (desktop_path, &error);
  g_assert_no_error (error);
  g_assert_true (zx_demo_populate (store, "2026-11-16", &error));
  g_assert_no_error (error);
  g_assert_true (zx_backup_export (store, export_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (run_cli (NULL, &err, "import", export_path, NULL), ==, 0);

  /* two departments with at least two people each, A with an evaluation */
  dept_a = db_value ("SELECT d.id FROM department d WHERE d.deleted = 0"
                     " AND (SELECT count(*) FROM staff s WHERE s.department_id = d.id AND s.deleted = 0) >= 3"
                     " AND EXISTS (SELECT 1 FROM battle b WHERE b.department_id = d.id AND b.deleted = 0)"
                     " ORDER BY d.id LIMIT 1");
  dept_b = db_value ("SELECT d.id FROM department d WHERE d.deleted = 0 AND d.id <> '%s'"
                     " AND (SELECT count(*) FROM staff s WHERE s.department_id = d.id AND s.deleted = 0) >= 1"
                     " AND EXISTS (SELECT 1 FROM battle b WHERE b.department_id = d.id AND b.deleted = 0)"
                     " ORDER BY d.id LIMIT 1", dept_a);
  head_a = db_value ("SELECT id FROM staff WHERE department_id = '%s' AND deleted = 0 ORDER BY role = 'head' DESC, id LIMIT 1", dept_a);
  staff_a = db_value ("SELECT id FROM staff WHERE department_id = '%s' AND deleted = 0 AND id <> '%s'"
                      " ORDER BY role = 'staff' DESC, id LIMIT 1", dept_a, head_a);
  other_a = db_value ("SELECT id FROM staff WHERE department_id = '%s' AND deleted = 0 AND id NOT IN ('%s', '%s')"
                      " ORDER BY id LIMIT 1", dept_a, head_a, staff_a);
  other_b = db_value ("SELECT id FROM staff WHERE department_id = '%s' AND deleted = 0 ORDER BY id LIMIT 1", dept_b);
  cycle_id = db_value ("SELECT id FROM cycle WHERE deleted = 0 AND kind = 'year' ORDER BY start_date DESC LIMIT 1");
  week = db_value ("SELECT start_date FROM cycle WHERE id = '%s'", cycle_id);
  board_id = db_value ("SELECT id FROM board WHERE deleted = 0 ORDER BY rank, id LIMIT 1");
  first_column = db_value ("SELECT id FROM board_column WHERE board_id = '%s' AND deleted = 0 AND archived = 0"
                           " ORDER BY rank, id LIMIT 1", board_id);
  fx_battle_a = db_value ("SELECT id FROM battle WHERE department_id = '%s' AND deleted = 0 ORDER BY id LIMIT 1", dept_a);
  fx_battle_b = db_value ("SELECT id FROM battle WHERE department_id = '%s' AND deleted = 0 ORDER BY id LIMIT 1", dept_b);

  add_user (ADMIN, NULL, NULL);
  add_user (LEADERSHIP, NULL, NULL);
  add_user (OFFICE, NULL, NULL);
  add_user (HR, NULL, NULL);
  add_user (HEAD, dept_a, head_a);
  add_user (STAFF, NULL, staff_a);   /* the department comes with the person */

  zx_test_server_start (zts);
  for (Role role = 0; role < N_ROLES; role++)
    tokens[role] = sign_in (role_names[role]);

  /* the OKR rows and requests the cases change, made by the admin */
  fx_obj_own = new_uuid ();
  fx_obj_same = new_uuid ();
  fx_obj_other = new_uuid ();
  fx_kr_own = new_uuid ();
  fx_kr_same = new_uuid ();
  fx_kr_other = new_uuid ();
  fx_card_to_a = new_uuid ();
  fx_card_from_a = new_uuid ();
  fx_evaluation = new_uuid ();
  {
    g_autofree char *scheme = db_value ("SELECT id FROM eval_scheme WHERE deleted = 0 ORDER BY id LIMIT 1");
    g_autofree char *e1 = g_strdup_printf ("{\"id\":\"%s\",\"scheme_id\":\"%s\",\"staff_id\":\"%s\","
                                           "\"department_id\":\"%s\"}", fx_evaluation, scheme, staff_a, dept_a);
    g_autofree char *o1 = objective_args (fx_obj_own, dept_a, staff_a);
    g_autofree char *o2 = objective_args (fx_obj_same, dept_a, other_a);
    g_autofree char *o3 = objective_args (fx_obj_other, dept_b, other_b);
    g_autofree char *k1 = key_result_args (fx_kr_own, fx_obj_own);
    g_autofree char *k2 = key_result_args (fx_kr_same, fx_obj_same);
    g_autofree char *k3 = key_result_args (fx_kr_other, fx_obj_other);
    g_autofree char *c1 = g_strdup_printf ("{\"id\":\"%s\",\"board_id\":\"%s\",\"column_id\":\"%s\",\"title\":\"B asks A\","
                                           "\"from_department_id\":\"%s\",\"to_department_id\":\"%s\",\"priority\":\"normal\","
                                           "\"rank\":\"x1\"}", fx_card_to_a, board_id, first_column, dept_b, dept_a);
    g_autofree char *c2 = g_strdup_printf ("{\"id\":\"%s\",\"board_id\":\"%s\",\"column_id\":\"%s\",\"title\":\"A asks B\","
                                           "\"from_department_id\":\"%s\",\"to_department_id\":\"%s\",\"priority\":\"normal\","
                                           "\"rank\":\"x2\"}", fx_card_from_a, board_id, first_column, dept_a, dept_b);

    setup_push ("objective.create", o1);
    setup_push ("objective.create", o2);
    setup_push ("objective.create", o3);
    setup_push ("key_result.create", k1);
    setup_push ("key_result.create", k2);
    setup_push ("key_result.create", k3);
    setup_push ("card.create", c1);
    setup_push ("card.create", c2);
    setup_push ("evaluation.create", e1);
  }
  {
    g_autofree char *en1 = NULL, *en2 = NULL;

    fx_course = db_value ("SELECT id FROM course WHERE deleted = 0 ORDER BY id LIMIT 1");
    fx_skill = db_value ("SELECT id FROM skill WHERE deleted = 0 ORDER BY id LIMIT 1");
    fx_enrol_own = new_uuid ();
    fx_enrol_other = new_uuid ();
    en1 = g_strdup_printf ("{\"id\":\"%s\",\"course_id\":\"%s\",\"staff_id\":\"%s\",\"assigned\":true,"
                           "\"due_date\":\"2026-12-31\"}", fx_enrol_own, fx_course, staff_a);
    en2 = g_strdup_printf ("{\"id\":\"%s\",\"course_id\":\"%s\",\"staff_id\":\"%s\",\"assigned\":true,"
                           "\"due_date\":\"2026-12-31\"}", fx_enrol_other, fx_course, other_a);
    setup_push ("enrolment.create", en1);
    setup_push ("enrolment.create", en2);
  }

  /* the fund's proposals, made by their applicant: the admin may not
   * propose in someone's name */
  {
    g_autofree char *finance = db_value ("SELECT count(*) FROM department WHERE id = '%s' AND code = 'CWB'", dept_a);

    g_assert_cmpstr (finance, ==, "0");   /* A's head is not the finance head */
    fx_fund_draft = new_uuid ();
    fx_fund_submitted = new_uuid ();
    fund_fixture (fx_fund_draft, 5000, FALSE);
    fund_fixture (fx_fund_submitted, 150000, TRUE);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = zx_test_tmpdir ();
  zts = zx_test_server_new (tmpdir);
  session = soup_session_new_with_options ("timeout", WAIT_SECONDS, "idle-timeout", WAIT_SECONDS, NULL);

  setup ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/server-roles/%02u-%s", i, cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/server-roles/reasons", test_reasons);
  g_test_add_func ("/server-roles/link", test_link);
  g_test_add_func ("/server-roles/head-assessment", test_head_assessment);
  g_test_add_func ("/server-roles/fund-tiers", test_fund_tiers);
  g_test_add_func ("/server-roles/department-move", test_department_move);

  status = g_test_run ();

  zx_test_server_free (zts);
  g_object_unref (session);
  zx_test_rmdir (tmpdir);
  return status;
}
