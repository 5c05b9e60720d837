/* zx-demo-fund.c — the demo hospital's micro-innovation fund trail
 *
 * The proposals, budget lines and approvals are zx-demo.c's (put_fund);
 * here every step they show is written to the audit trail the way
 * zx-fund.c writes it, so the demo's history reads like a real one.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-demo-fund"

#include "config.h"

#include <string.h>

#include "zx-demo-fund.h"
#include "zx-fund.h"
#include "zx-schema.h"
#include "zx-store-private.h"

typedef struct
{
  ZxStore        *store;
  const ZxEntity *entity;
  guint           serial;
  GError        **error;
} Trail;

static char *
trail_id (Trail *t)
{
  g_autofree char *name = g_strdup_printf ("zhixing-demo/audit_entry/fund/%u", ++t->serial);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("%.8s-%.4s-5%.3s-%c%.3s-%.12s", sum, sum + 8, sum + 13,
                          "89ab"[g_ascii_xdigit_value (sum[16]) & 3], sum + 17, sum + 20);
}

static gboolean
entry (Trail      *t,
       const char *proposal_id,
       const char *old_state,
       const char *new_state,
       const char *reason,
       const char *actor,
       const char *at)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autofree char *id = trail_id (t);

  json_object_set_string_member (o, ZX_COLUMN_ID, id);
  json_object_set_string_member (o, "entity", "fund_proposal");
  json_object_set_string_member (o, "row_id", proposal_id);
  json_object_set_string_member (o, "field", "state");
  json_object_set_string_member (o, "old_value", old_state);
  json_object_set_string_member (o, "new_value", new_state);
  if (reason != NULL)
    json_object_set_string_member (o, "reason", reason);
  if (actor != NULL)
    json_object_set_string_member (o, "actor", actor);
  json_object_set_string_member (o, "at", at);
  json_object_set_int_member (o, ZX_COLUMN_VERSION, 0);
  json_object_set_string_member (o, ZX_COLUMN_UPDATED_AT, at);
  json_object_set_string_member (o, ZX_COLUMN_UPDATED_BY, "demo");
  json_object_set_boolean_member (o, ZX_COLUMN_DELETED, FALSE);
  json_object_set_string_member (o, ZX_COLUMN_SCOPE, ZX_SCOPE_ALL);
  return zx_store_insert_row (t->store, t->entity, o, t->error);
}

static const char *
text (sqlite3_stmt *stmt,
      int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

gboolean
zx_demo_fund_populate (ZxStore  *store,
                       GError  **error)
{
  Trail t = { store, zx_schema_lookup ("audit_entry"), 0, error };
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt;

  stmt = zx_store_prepare (store,
                           "SELECT id, state, applicant_id, submitted_at, pilot_start, pilot_end, updated_at"
                           " FROM fund_proposal WHERE deleted = 0 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 8);

      for (int c = 0; c < 7; c++)
        row[c] = g_strdup (text (stmt, c));
      g_ptr_array_add (proposals, row);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < proposals->len; i++)
    {
      char **p = proposals->pdata[i];
      const char *id = p[0], *state = p[1], *applicant = p[2], *submitted = p[3];
      gboolean went_on = g_strv_contains ((const char * const[]) { "approved", "piloting", "reported", NULL }, state);
      g_autoptr(GPtrArray) decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      if (submitted == NULL)
        continue;
      if (!entry (&t, id, "draft", "submitted", zx_fund_tier_name (ZX_FUND_TIER_HEAD), applicant, submitted))
        return FALSE;

      stmt = zx_store_prepare (store,
                               "SELECT tier, decision, reason, approver_id, decided_at FROM fund_approval"
                               " WHERE proposal_id = ? AND deleted = 0 ORDER BY decided_at, id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          char **row = g_new0 (char *, 6);

          for (int c = 0; c < 5; c++)
            row[c] = g_strdup (text (stmt, c));
          g_ptr_array_add (decisions, row);
        }
      sqlite3_reset (stmt);

      for (guint k = 0; k < decisions->len; k++)
        {
          char **a = decisions->pdata[k];
          gboolean last = k + 1 == decisions->len;
          const char *to = g_strcmp0 (a[1], "rejected") == 0 ? "rejected"
                         : last && went_on ? "approved" : "submitted";
          g_autofree char *reason = a[2] ? g_strdup_printf ("%s: %s", a[0], a[2]) : g_strdup (a[0]);

          if (!entry (&t, id, "submitted", to, reason, a[3], a[4]))
            return FALSE;
        }

      if ((g_str_equal (state, "piloting") || g_str_equal (state, "reported")) && p[4] != NULL)
        {
          g_autofree char *at = g_strdup_printf ("%sT09:00:00Z", p[4]);

          if (!entry (&t, id, "approved", "piloting", NULL, applicant, at))
            return FALSE;
        }
      if (g_str_equal (state, "reported") && p[5] != NULL)
        {
          g_autofree char *at = g_strdup_printf ("%sT17:00:00Z", p[5]);

          if (!entry (&t, id, "piloting", "reported", NULL, applicant, at))
            return FALSE;
        }
    }
  return TRUE;
}
