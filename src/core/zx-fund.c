/* zx-fund.c — the micro-innovation fund (the rules are in the header)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-fund"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "zx-error.h"
#include "zx-fund.h"
#include "zx-store-private.h"

static const char * const tier_names[ZX_FUND_N_TIERS] = { "head", "finance", "president" };

const char *
zx_fund_tier_name (ZxFundTier tier)
{
  g_return_val_if_fail (tier < ZX_FUND_N_TIERS, NULL);
  return tier_names[tier];
}

int
zx_fund_tier_from_name (const char *name)
{
  for (int i = 0; i < ZX_FUND_N_TIERS; i++)
    if (g_strcmp0 (tier_names[i], name) == 0)
      return i;
  return -1;
}

const char *
zx_fund_tier_label (ZxFundTier tier)
{
  switch (tier)
    {
    case ZX_FUND_TIER_HEAD:
      return _("Department head");
    case ZX_FUND_TIER_FINANCE:
      return _("Finance");
    case ZX_FUND_TIER_PRESIDENT:
      return _("President");
    case ZX_FUND_N_TIERS:
    default:
      return "";
    }
}

const char *
zx_fund_state_label (const char *state)
{
  if (g_strcmp0 (state, "draft") == 0)
    return C_("fund state", "Draft");
  if (g_strcmp0 (state, "submitted") == 0)
    return C_("fund state", "Awaiting approval");
  if (g_strcmp0 (state, "approved") == 0)
    return C_("fund state", "Approved");
  if (g_strcmp0 (state, "rejected") == 0)
    return C_("fund state", "Rejected");
  if (g_strcmp0 (state, "piloting") == 0)
    return C_("fund state", "Piloting");
  if (g_strcmp0 (state, "reported") == 0)
    return C_("fund state", "Result reported");
  return state != NULL ? state : "";
}

/* Reading ---------------------------------------------------------------------- */

static char *
select_text (ZxStore    *store,
             const char *sql,
             const char *param)
{
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static const char *
get_s (JsonObject *o,
       const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static double
get_r (JsonObject *o,
       const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_double (node);
  return 0;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gint64
fen (double amount)
{
  return (gint64) llround (amount * 100.0);
}

static double
setting_amount (ZxStore    *store,
                const char *key,
                double      fallback)
{
  g_autofree char *text = select_text (store, "SELECT value FROM setting WHERE key = ? AND deleted = 0", key);
  char *end = NULL;
  double value;

  if (text == NULL)
    return fallback;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value <= 0)
    return fallback;
  return value;
}

void
zx_fund_get_thresholds (ZxStore *store,
                        double  *head_max,
                        double  *finance_max)
{
  double x = setting_amount (store, ZX_FUND_SETTING_HEAD_MAX, ZX_FUND_DEFAULT_HEAD_MAX);
  double y = setting_amount (store, ZX_FUND_SETTING_FINANCE_MAX, ZX_FUND_DEFAULT_FINANCE_MAX);

  /* a finance limit below the head's would let the head approve what
   * finance may not: the head's limit wins, finance sees nothing alone */
  if (y < x)
    y = x;
  if (head_max != NULL)
    *head_max = x;
  if (finance_max != NULL)
    *finance_max = y;
}

static gboolean
put_setting (ZxStore     *store,
             const char  *key,
             double       value,
             GError     **error)
{
  g_autofree char *id = select_text (store, "SELECT id FROM setting WHERE key = ?", key);
  g_autoptr(JsonObject) o = json_object_new ();
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (text, sizeof text, "%.2f", value);
  /* "20000.00" → "20000" */
  if (g_str_has_suffix (text, ".00"))
    text[strlen (text) - 3] = '\0';
  json_object_set_string_member (o, "value", text);
  if (id == NULL)
    {
      g_autofree char *new_id = NULL;

      json_object_set_string_member (o, "key", key);
      new_id = zx_store_create (store, "setting", o, error);
      return new_id != NULL;
    }
  {
    g_autofree char *deleted = select_text (store, "SELECT deleted FROM setting WHERE id = ?", id);

    if (g_strcmp0 (deleted, "1") == 0 && !zx_store_restore (store, "setting", id, error))
      return FALSE;
  }
  return zx_store_update (store, "setting", id, o, error);
}

gboolean
zx_fund_set_thresholds (ZxStore  *store,
                        double    head_max,
                        double    finance_max,
                        GError  **error)
{
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  if (!isfinite (head_max) || !isfinite (finance_max) || fen (head_max) <= 0 ||
      fen (finance_max) <= fen (head_max) || finance_max > 1e9)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                           _("The department head’s limit must be above zero and below the finance department’s limit."));
      return FALSE;
    }
  if (!zx_store_begin (store, error))
    return FALSE;
  if (!put_setting (store, ZX_FUND_SETTING_HEAD_MAX, head_max, error) ||
      !put_setting (store, ZX_FUND_SETTING_FINANCE_MAX, finance_max, error))
    {
      zx_store_rollback (store);
      return FALSE;
    }
  return zx_store_commit (store, error);
}

guint
zx_fund_tiers_needed (double amount,
                      double head_max,
                      double finance_max)
{
  if (fen (amount) > fen (finance_max))
    return 3;
  if (fen (amount) > fen (head_max))
    return 2;
  return 1;
}

/* The finance department: code CWB, else the one named 财务部 */
static char *
finance_department (ZxStore *store)
{
  return select_text (store,
                      "SELECT id FROM department WHERE deleted = 0 AND (code = 'CWB' OR name = ?)"
                      " ORDER BY code = 'CWB' DESC, id LIMIT 1", "财务部");
}

static gboolean
staff_is_live (ZxStore    *store,
               const char *staff_id)
{
  g_autofree char *id = select_text (store, "SELECT id FROM staff WHERE id = ? AND deleted = 0", staff_id);

  return id != NULL;
}

static gboolean
is_president (ZxStore    *store,
              const char *staff_id)
{
  g_autofree char *role = select_text (store, "SELECT role FROM staff WHERE id = ? AND deleted = 0", staff_id);
  g_autofree char *post = NULL;
  g_autofree char *anyone = NULL;

  if (g_strcmp0 (role, "leadership") != 0)
    return FALSE;
  post = select_text (store, "SELECT trim(post) FROM staff WHERE id = ?", staff_id);
  if (g_strcmp0 (post, "院长") == 0)
    return TRUE;
  anyone = select_text (store, "SELECT id FROM staff WHERE deleted = 0 AND role = 'leadership' AND trim(post) = ? LIMIT 1",
                        "院长");
  return anyone == NULL;
}

char *
zx_fund_approver (ZxStore    *store,
                  ZxFundTier  tier,
                  JsonObject *proposal)
{
  g_autofree char *finance = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  switch (tier)
    {
    case ZX_FUND_TIER_HEAD:
      return select_text (store,
                          "SELECT s.id FROM department d JOIN staff s ON s.id = d.head_id AND s.deleted = 0"
                          " WHERE d.id = ?", get_s (proposal, "department_id"));
    case ZX_FUND_TIER_FINANCE:
      finance = finance_department (store);
      if (finance == NULL)
        return NULL;
      return select_text (store,
                          "SELECT s.id FROM department d JOIN staff s ON s.id = d.head_id AND s.deleted = 0"
                          " WHERE d.id = ?", finance);
    case ZX_FUND_TIER_PRESIDENT:
      {
        char *id = select_text (store,
                                "SELECT id FROM staff WHERE deleted = 0 AND role = 'leadership' AND trim(post) = ?"
                                " ORDER BY id LIMIT 1", "院长");

        if (id == NULL)
          id = select_text (store, "SELECT id FROM staff WHERE deleted = 0 AND role = 'leadership' ORDER BY id LIMIT 1", NULL);
        return id;
      }
    case ZX_FUND_N_TIERS:
    default:
      return NULL;
    }
}

static char *
staff_name (ZxStore    *store,
            const char *id)
{
  char *name = zx_store_get_display (store, "staff", id);

  return name != NULL ? name : g_strdup (_("someone no longer in the hospital’s data"));
}

/* Who may act -------------------------------------------------------------------- */

char *
zx_fund_refusal (ZxStore      *store,
                 ZxFundAction  action,
                 JsonObject   *proposal,
                 const char   *staff_id)
{
  const char *state = get_s (proposal, "state");
  const char *applicant = get_s (proposal, "applicant_id");
  int tier;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  if (proposal == NULL)
    return g_strdup (_("Choose a proposal first."));
  if (staff_id == NULL)
    return g_strdup (_("Only a person acts on a fund proposal: sign in with an account linked to a staff member, or choose whom you act as."));
  if (!staff_is_live (store, staff_id))
    return g_strdup (_("The staff member you act as is no longer in the hospital’s data."));

  switch (action)
    {
    case ZX_FUND_EDIT:
    case ZX_FUND_SUBMIT:
      if (g_strcmp0 (state, "draft") != 0)
        return g_strdup (_("Only a draft can be changed or submitted; this proposal has moved on."));
      break;
    case ZX_FUND_APPROVE:
    case ZX_FUND_REJECT:
      if (g_strcmp0 (state, "submitted") != 0)
        return g_strdup (_("This proposal is not waiting for a decision."));
      tier = zx_fund_tier_from_name (get_s (proposal, "current_tier"));
      if (tier < 0)
        return g_strdup (_("This proposal does not say which tier it awaits."));
      if (tier == ZX_FUND_TIER_PRESIDENT)
        {
          if (!is_president (store, staff_id))
            return g_strdup (_("This proposal awaits the president’s decision; only the president (院长) may decide it."));
        }
      else
        {
          g_autofree char *approver = zx_fund_approver (store, tier, proposal);
          g_autofree char *name = NULL;

          if (approver == NULL)
            return g_strdup (tier == ZX_FUND_TIER_HEAD
                             ? _("The proposal’s department has no head to decide it. Ask the IT department to set one.")
                             : _("The finance department has no head to decide this proposal. Ask the IT department to set one."));
          if (!g_str_equal (approver, staff_id))
            {
              name = staff_name (store, approver);
              return g_strdup_printf (tier == ZX_FUND_TIER_HEAD
                                      ? _("This proposal awaits its department head’s decision; only %s may decide it.")
                                      : _("This proposal awaits the finance department’s decision; only its head, %s, may decide it."),
                                      name);
            }
        }
      return NULL;
    case ZX_FUND_START_PILOT:
      if (g_strcmp0 (state, "approved") != 0)
        return g_strdup (_("Only an approved proposal can start its pilot."));
      break;
    case ZX_FUND_REPORT:
      if (g_strcmp0 (state, "piloting") != 0)
        return g_strdup (_("Only a proposal in its pilot can report its result."));
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (g_strcmp0 (applicant, staff_id) != 0)
    {
      g_autofree char *name = staff_name (store, applicant);

      return g_strdup_printf (_("Only the applicant, %s, may do this."), name);
    }
  return NULL;
}

gboolean
zx_fund_may (ZxStore      *store,
             ZxFundAction  action,
             JsonObject   *proposal,
             const char   *staff_id)
{
  g_autofree char *refusal = zx_fund_refusal (store, action, proposal, staff_id);

  return refusal == NULL;
}

char *
zx_fund_submit_problem (ZxStore    *store,
                        JsonObject *proposal)
{
  sqlite3_stmt *stmt;
  double total = 0;
  gint64 lines = 0;

  if (is_blank (get_s (proposal, "title")))
    return g_strdup (_("Give the proposal a title."));
  if (is_blank (get_s (proposal, "plan")))
    return g_strdup (_("Describe the plan: what will be done, by whom and how."));
  if (get_s (proposal, "key_result_id") == NULL)
    return g_strdup (_("Choose the key result the proposal supports."));
  if (fen (get_r (proposal, "amount")) <= 0)
    return g_strdup (_("Give the amount the proposal asks for."));

  stmt = zx_store_prepare (store, "SELECT count(*), total (amount) FROM fund_budget_line"
                                  " WHERE proposal_id = ? AND deleted = 0", NULL);
  if (stmt == NULL)
    return g_strdup (_("The budget lines could not be read."));
  sqlite3_bind_text (stmt, 1, get_s (proposal, "id"), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      lines = sqlite3_column_int64 (stmt, 0);
      total = sqlite3_column_double (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (lines == 0)
    return g_strdup (_("Add the budget lines the amount is made of."));
  if (fen (total) != fen (get_r (proposal, "amount")))
    return g_strdup_printf (_("The budget lines add up to %.2f 元, not the %.2f 元 asked for."),
                            total, get_r (proposal, "amount"));
  return NULL;
}

/* The steps ------------------------------------------------------------------------ */

static gboolean
audit (ZxStore     *store,
       JsonObject  *proposal,
       const char  *new_state,
       const char  *reason,
       const char  *staff_id,
       const char  *now,
       GError     **error)
{
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autofree char *id = NULL;

  json_object_set_string_member (entry, "entity", "fund_proposal");
  json_object_set_string_member (entry, "row_id", get_s (proposal, "id"));
  json_object_set_string_member (entry, "field", "state");
  json_object_set_string_member (entry, "old_value", get_s (proposal, "state"));
  json_object_set_string_member (entry, "new_value", new_state);
  if (reason != NULL)
    json_object_set_string_member (entry, "reason", reason);
  json_object_set_string_member (entry, "actor", staff_id);
  json_object_set_string_member (entry, "at", now);
  id = zx_store_create (store, "audit_entry", entry, error);
  return id != NULL;
}

static gboolean
take_step (ZxStore      *store,
           const char   *proposal_id,
           const char   *staff_id,
           ZxFundAction  action,
           const char   *text,
           GError      **error)
{
  g_autoptr(JsonObject) proposal = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *refusal = NULL;
  g_autofree char *now = NULL;
  g_autofree char *audit_reason = NULL;
  const char *new_state = NULL;
  int tier = -1;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (proposal_id != NULL, FALSE);

  proposal = zx_store_get (store, "fund_proposal", proposal_id, error);
  if (proposal == NULL)
    return FALSE;
  if (json_object_get_boolean_member_with_default (proposal, "deleted", FALSE))
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_DELETED, _("This proposal was deleted."));
      return FALSE;
    }
  refusal = zx_fund_refusal (store, action, proposal, staff_id);
  if (refusal != NULL)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_PERMISSION, refusal);
      return FALSE;
    }
  now = zx_store_now (store);

  switch (action)
    {
    case ZX_FUND_SUBMIT:
      {
        g_autofree char *problem = zx_fund_submit_problem (store, proposal);

        if (problem != NULL)
          {
            g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID, problem);
            return FALSE;
          }
        new_state = "submitted";
        json_object_set_string_member (changes, "current_tier", tier_names[ZX_FUND_TIER_HEAD]);
        json_object_set_string_member (changes, "submitted_at", now);
        audit_reason = g_strdup (tier_names[ZX_FUND_TIER_HEAD]);
      }
      break;
    case ZX_FUND_APPROVE:
    case ZX_FUND_REJECT:
      {
        double x, y;
        guint needed;

        if (action == ZX_FUND_REJECT && is_blank (text))
          {
            g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                                 _("Say why the proposal is rejected: the applicant sees the reason."));
            return FALSE;
          }
        zx_fund_get_thresholds (store, &x, &y);
        needed = zx_fund_tiers_needed (get_r (proposal, "amount"), x, y);
        tier = zx_fund_tier_from_name (get_s (proposal, "current_tier"));
        if (action == ZX_FUND_REJECT)
          {
            new_state = "rejected";
            json_object_set_null_member (changes, "current_tier");
          }
        else if ((guint) tier + 1 < needed)
          {
            new_state = "submitted";
            json_object_set_string_member (changes, "current_tier", tier_names[tier + 1]);
          }
        else
          {
            new_state = "approved";
            json_object_set_null_member (changes, "current_tier");
          }
        audit_reason = is_blank (text) ? g_strdup (tier_names[tier])
                                       : g_strdup_printf ("%s: %s", tier_names[tier], text);
      }
      break;
    case ZX_FUND_START_PILOT:
      new_state = "piloting";
      if (get_s (proposal, "pilot_start") == NULL)
        {
          g_autofree char *today = g_strndup (now, 10);

          json_object_set_string_member (changes, "pilot_start", today);
        }
      break;
    case ZX_FUND_REPORT:
      if (is_blank (text))
        {
          g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                               _("Describe the result of the pilot: what changed, measured how."));
          return FALSE;
        }
      new_state = "reported";
      json_object_set_string_member (changes, "result", text);
      break;
    case ZX_FUND_EDIT:
    default:
      g_return_val_if_reached (FALSE);
    }
  json_object_set_string_member (changes, "state", new_state);

  if (!zx_store_begin (store, error))
    return FALSE;
  if (tier >= 0)
    {
      g_autoptr(JsonObject) approval = json_object_new ();
      g_autofree char *approval_id = NULL;

      json_object_set_string_member (approval, "proposal_id", proposal_id);
      json_object_set_string_member (approval, "tier", tier_names[tier]);
      json_object_set_string_member (approval, "approver_id", staff_id);
      json_object_set_string_member (approval, "decision", action == ZX_FUND_REJECT ? "rejected" : "approved");
      if (!is_blank (text))
        json_object_set_string_member (approval, "reason", text);
      json_object_set_string_member (approval, "decided_at", now);
      approval_id = zx_store_create (store, "fund_approval", approval, error);
      if (approval_id == NULL)
        goto fail;
    }
  if (!zx_store_update (store, "fund_proposal", proposal_id, changes, error) ||
      !audit (store, proposal, new_state, audit_reason != NULL ? audit_reason : text, staff_id, now, error))
    goto fail;
  return zx_store_commit (store, error);

fail:
  zx_store_rollback (store);
  return FALSE;
}

gboolean
zx_fund_submit (ZxStore     *store,
                const char  *proposal_id,
                const char  *staff_id,
                GError     **error)
{
  return take_step (store, proposal_id, staff_id, ZX_FUND_SUBMIT, NULL, error);
}

gboolean
zx_fund_approve (ZxStore     *store,
                 const char  *proposal_id,
                 const char  *staff_id,
                 const char  *comment,
                 GError     **error)
{
  return take_step (store, proposal_id, staff_id, ZX_FUND_APPROVE, comment, error);
}

gboolean
zx_fund_reject (ZxStore     *store,
                const char  *proposal_id,
                const char  *staff_id,
                const char  *reason,
                GError     **error)
{
  return take_step (store, proposal_id, staff_id, ZX_FUND_REJECT, reason, error);
}

gboolean
zx_fund_start_pilot (ZxStore     *store,
                     const char  *proposal_id,
                     const char  *staff_id,
                     GError     **error)
{
  return take_step (store, proposal_id, staff_id, ZX_FUND_START_PILOT, NULL, error);
}

gboolean
zx_fund_report (ZxStore     *store,
                const char  *proposal_id,
                const char  *staff_id,
                const char  *result,
                GError     **error)
{
  return take_step (store, proposal_id, staff_id, ZX_FUND_REPORT, result, error);
}

/* The server's check ---------------------------------------------------------------- */

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, ZX_ERROR, ZX_ERROR_PERMISSION, message);
  return FALSE;
}

static gboolean
refuse_owned (GError **error,
              char    *message)
{
  g_set_error_literal (error, ZX_ERROR, ZX_ERROR_PERMISSION, message);
  g_free (message);
  return FALSE;
}

static gboolean
may_or_refuse (ZxStore      *store,
               ZxFundAction  action,
               JsonObject   *proposal,
               const char   *staff_id,
               GError      **error)
{
  char *refusal = zx_fund_refusal (store, action, proposal, staff_id);

  if (refusal != NULL)
    return refuse_owned (error, refusal);
  return TRUE;
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null == b_null;
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b) &&
      (json_node_get_value_type (a) == G_TYPE_DOUBLE || json_node_get_value_type (a) == G_TYPE_INT64) &&
      (json_node_get_value_type (b) == G_TYPE_DOUBLE || json_node_get_value_type (b) == G_TYPE_INT64))
    return json_node_get_double (a) == json_node_get_double (b);
  return json_node_equal (a, b);
}

/* The fields @args changes in @before, other than @allowed */
static gboolean
changes_only (JsonObject         *args,
              JsonObject         *before,
              const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (args);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, "id") || g_strv_contains (allowed, name))
        continue;
      if (!nodes_equal (json_object_get_member (args, name), json_object_get_member (before, name)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
decided (ZxStore    *store,
         const char *proposal_id,
         const char *tier,
         const char *decision,
         const char *staff_id)
{
  sqlite3_stmt *stmt = zx_store_prepare (store,
                                         "SELECT 1 FROM fund_approval WHERE proposal_id = ? AND tier = ?"
                                         " AND decision = ? AND approver_id = ? AND deleted = 0"
                                         " AND (decision = 'approved' OR trim(coalesce(reason, '')) <> '')", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, proposal_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tier, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, decision, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, staff_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

#define ONE_STEP N_("A proposal moves draft → submitted → approved or rejected → piloting → result reported, one step and one tier at a time; this change does not.")

static gboolean
check_proposal_update (ZxStore     *store,
                       JsonObject  *args,
                       JsonObject  *before,
                       const char  *staff_id,
                       GError     **error)
{
  static const char * const step_fields[] = { "state", "current_tier", "submitted_at", NULL };
  static const char * const pilot_fields[] = { "state", "pilot_start", "pilot_end", NULL };
  static const char * const report_fields[] = { "state", "result", NULL };
  g_autoptr(JsonObject) after = json_object_new ();
  g_autoptr(GList) members = NULL;
  const char *old_state, *new_state, *old_tier, *new_tier;
  const char *id = get_s (before, "id");

  /* the row as the change leaves it */
  members = json_object_get_members (before);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (after, l->data, json_node_copy (json_object_get_member (before, l->data)));
  g_clear_pointer (&members, g_list_free);
  members = json_object_get_members (args);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (after, l->data, json_node_copy (json_object_get_member (args, l->data)));

  old_state = get_s (before, "state");
  new_state = get_s (after, "state");
  old_tier = get_s (before, "current_tier");
  new_tier = get_s (after, "current_tier");

  if (g_strcmp0 (old_state, new_state) == 0 && g_strcmp0 (old_tier, new_tier) == 0)
    {
      if (changes_only (args, before, (const char * const[]) { NULL }))
        return TRUE;   /* nothing changes */
      return may_or_refuse (store, ZX_FUND_EDIT, before, staff_id, error);
    }

  if (g_strcmp0 (old_state, "draft") == 0 && g_strcmp0 (new_state, "submitted") == 0)
    {
      g_autofree char *problem = NULL;

      if (!may_or_refuse (store, ZX_FUND_SUBMIT, before, staff_id, error))
        return FALSE;
      if (g_strcmp0 (new_tier, tier_names[ZX_FUND_TIER_HEAD]) != 0 || !changes_only (args, before, step_fields))
        return refuse (error, _(ONE_STEP));
      problem = zx_fund_submit_problem (store, after);
      if (problem != NULL)
        return refuse_owned (error, g_steal_pointer (&problem));
      return TRUE;
    }

  if (g_strcmp0 (old_state, "submitted") == 0 &&
      (g_strcmp0 (new_state, "submitted") == 0 || g_strcmp0 (new_state, "approved") == 0))
    {
      int tier = zx_fund_tier_from_name (old_tier);
      double x, y;
      guint needed;
      gboolean last;

      if (!may_or_refuse (store, ZX_FUND_APPROVE, before, staff_id, error))
        return FALSE;
      zx_fund_get_thresholds (store, &x, &y);
      needed = zx_fund_tiers_needed (get_r (before, "amount"), x, y);
      last = (guint) tier + 1 >= needed;
      if (!changes_only (args, before, step_fields) ||
          (last && (g_strcmp0 (new_state, "approved") != 0 || new_tier != NULL)) ||
          (!last && (g_strcmp0 (new_state, "submitted") != 0 || g_strcmp0 (new_tier, tier_names[tier + 1]) != 0)))
        return refuse (error, _(ONE_STEP));
      if (!decided (store, id, old_tier, "approved", staff_id))
        return refuse (error, _("A tier is passed only with its approval recorded; record the approval first."));
      return TRUE;
    }

  if (g_strcmp0 (old_state, "submitted") == 0 && g_strcmp0 (new_state, "rejected") == 0)
    {
      if (!may_or_refuse (store, ZX_FUND_REJECT, before, staff_id, error))
        return FALSE;
      if (!changes_only (args, before, step_fields))
        return refuse (error, _(ONE_STEP));
      if (!decided (store, id, old_tier, "rejected", staff_id))
        return refuse (error, _("A proposal is rejected only with the rejection and its reason recorded."));
      return TRUE;
    }

  if (g_strcmp0 (old_state, "approved") == 0 && g_strcmp0 (new_state, "piloting") == 0 && new_tier == NULL)
    {
      if (!may_or_refuse (store, ZX_FUND_START_PILOT, before, staff_id, error))
        return FALSE;
      if (!changes_only (args, before, pilot_fields))
        return refuse (error, _(ONE_STEP));
      return TRUE;
    }

  if (g_strcmp0 (old_state, "piloting") == 0 && g_strcmp0 (new_state, "reported") == 0 && new_tier == NULL)
    {
      if (!may_or_refuse (store, ZX_FUND_REPORT, before, staff_id, error))
        return FALSE;
      if (!changes_only (args, before, report_fields))
        return refuse (error, _(ONE_STEP));
      if (is_blank (get_s (after, "result")))
        return refuse (error, _("Describe the result of the pilot: what changed, measured how."));
      return TRUE;
    }

  return refuse (error, _(ONE_STEP));
}

gboolean
zx_fund_check_change (ZxStore     *store,
                      const char  *entity,
                      const char  *op,
                      JsonObject  *args,
                      JsonObject  *before,
                      const char  *staff_id,
                      GError     **error)
{
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  if (g_strcmp0 (entity, "fund_approval") == 0)
    {
      g_autoptr(JsonObject) proposal = NULL;
      const char *decision = get_s (args, "decision");
      ZxFundAction action;

      if (g_strcmp0 (op, "create") != 0 || before != NULL)
        return refuse (error, _("Approvals are the fund’s record: once given, nobody may change or remove them."));
      proposal = zx_store_get (store, "fund_proposal", get_s (args, "proposal_id"), NULL);
      if (proposal == NULL)
        return TRUE;   /* no such proposal: the store says so */
      action = g_strcmp0 (decision, "rejected") == 0 ? ZX_FUND_REJECT : ZX_FUND_APPROVE;
      if (!may_or_refuse (store, action, proposal, staff_id, error))
        return FALSE;
      if (g_strcmp0 (get_s (args, "tier"), get_s (proposal, "current_tier")) != 0)
        return refuse (error, _("A proposal is decided one tier at a time, at the tier it awaits; no tier may be skipped."));
      if (g_strcmp0 (get_s (args, "approver_id"), staff_id) != 0)
        return refuse (error, _("An approval must name the person who gives it."));
      if (action == ZX_FUND_REJECT && is_blank (get_s (args, "reason")))
        return refuse (error, _("Say why the proposal is rejected: the applicant sees the reason."));
      return TRUE;
    }

  if (g_strcmp0 (entity, "fund_budget_line") == 0)
    {
      const char *ids[2] = { get_s (before, "proposal_id"), get_s (args, "proposal_id") };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_autoptr(JsonObject) proposal = NULL;

          if (ids[i] == NULL)
            continue;
          proposal = zx_store_get (store, "fund_proposal", ids[i], NULL);
          if (proposal != NULL && !may_or_refuse (store, ZX_FUND_EDIT, proposal, staff_id, error))
            return FALSE;
        }
      return TRUE;
    }

  if (g_strcmp0 (entity, "fund_proposal") == 0)
    {
      if (g_strcmp0 (op, "create") == 0 && before == NULL)
        {
          g_autofree char *refusal = NULL;

          if (staff_id == NULL || !staff_is_live (store, staff_id))
            return may_or_refuse (store, ZX_FUND_EDIT, args, staff_id, error);
          if (g_strcmp0 (get_s (args, "applicant_id"), staff_id) != 0)
            return refuse (error, _("You may propose only in your own name."));
          if (g_strcmp0 (get_s (args, "state"), "draft") != 0 || get_s (args, "current_tier") != NULL ||
              get_s (args, "submitted_at") != NULL)
            return refuse (error, _("A new proposal starts as a draft; submit it for approval afterwards."));
          return TRUE;
        }
      if (before == NULL)
        return TRUE;   /* no such row: the store says so */
      if (g_strcmp0 (op, "update") == 0 || g_strcmp0 (op, "create") == 0)
        return check_proposal_update (store, args, before, staff_id, error);
      /* delete, restore: drafts, by their applicant */
      return may_or_refuse (store, ZX_FUND_EDIT, before, staff_id, error);
    }

  return TRUE;
}
