/* zx-warnings.c — early warnings of execution deviation
 *
 * The rules are in the header.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-warnings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "zx-cockpit.h"
#include "zx-cockpit-private.h"
#include "zx-store-private.h"
#include "zx-warnings.h"

static const char * const kind_names[ZX_WARNING_N_KINDS] = {
  "behind_pace", "stale", "low_confidence", "request_overdue", "decision_owner", "no_battle_map", "pledge_unsigned",
};

static const char * const kind_labels[ZX_WARNING_N_KINDS] = {
  N_("Behind pace"), N_("No check-in"), N_("Low confidence"), N_("Request overdue"),
  N_("Decision without owner"), N_("No battle map"), N_("Pledge not signed"),
};

const char *
zx_warning_kind_to_string (ZxWarningKind kind)
{
  g_return_val_if_fail (kind < ZX_WARNING_N_KINDS, NULL);
  return kind_names[kind];
}

const char *
zx_warning_kind_get_label (ZxWarningKind kind)
{
  g_return_val_if_fail (kind < ZX_WARNING_N_KINDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kind_labels[kind]);
}

void
zx_warning_params_init_default (ZxWarningParams *params)
{
  g_return_if_fail (params != NULL);
  zx_progress_params_init_default (&params->progress);
  params->decision_owner_hours = 24;
}

/* A warning and its strings are one block of memory */
void
zx_warning_free (ZxWarning *w)
{
  g_free (w);
}

static const char *
col_text (sqlite3_stmt *stmt,
          int           i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

static gboolean
parse_date (const char *s,
            GDate      *out)
{
  int y, m, d;

  g_date_clear (out, 1);
  if (s == NULL || sscanf (s, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

typedef struct
{
  GPtrArray  *list;
  GHashTable *acks;   /* key → char*[2] { note, at } */
} Ctx;

/* Copies @text to *@at and moves it on; NULL stays NULL */
static char *
put (char       **at,
     const char  *text)
{
  char *copy;
  gsize n;

  if (text == NULL)
    return NULL;
  n = strlen (text) + 1;
  copy = memcpy (*at, text, n);
  *at += n;
  return copy;
}

static gsize
size_of (const char *text)
{
  return text != NULL ? strlen (text) + 1 : 0;
}

static void
add (Ctx           *ctx,
     ZxWarningKind  kind,
     const char    *entity,
     const char    *id,
     const char    *subject,
     const GDate   *since,
     const char    *department_id,
     const char    *department,
     const char    *owner_id,
     const char    *owner,
     char          *what)   /* taken */
{
  char day[11] = "";
  char key[256];
  char **ack;
  ZxWarning *w;
  char *at;

  if (department == NULL)
    department = _("Hospital");
  if (owner == NULL)
    owner = _("No owner");
  if (since != NULL && g_date_valid (since))
    g_snprintf (day, sizeof day, "%04d-%02d-%02d", g_date_get_year (since), g_date_get_month (since),
                g_date_get_day (since));
  g_snprintf (key, sizeof key, "%s/%s/%s", kind_names[kind], id, day);
  ack = g_hash_table_lookup (ctx->acks, key);

  w = g_malloc0 (sizeof (ZxWarning) + size_of (key) + size_of (entity) + size_of (id) + size_of (subject) +
                 size_of (what) + size_of (department_id) + size_of (department) + size_of (owner_id) +
                 size_of (owner) + (ack ? size_of (ack[0] ? ack[0] : "") + size_of (ack[1]) : 0));
  at = (char *) (w + 1);
  w->kind = kind;
  w->key = put (&at, key);
  w->entity = put (&at, entity);
  w->target_id = put (&at, id);
  w->subject = put (&at, subject);
  w->what = put (&at, what);
  w->department_id = put (&at, department_id);
  w->department = put (&at, department);
  w->owner_id = put (&at, owner_id);
  w->owner = put (&at, owner);
  g_date_clear (&w->since, 1);
  if (day[0] != '\0')
    w->since = *since;
  if (ack != NULL)
    {
      w->acknowledged = TRUE;
      w->ack_note = put (&at, ack[0] != NULL ? ack[0] : "");
      w->acked_at = put (&at, ack[1]);
    }
  g_free (what);
  g_ptr_array_add (ctx->list, w);
}

static int
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const ZxWarning *x = *(ZxWarning * const *) a, *y = *(ZxWarning * const *) b;
  gboolean xv = g_date_valid (&x->since), yv = g_date_valid (&y->since);

  if (x->acknowledged != y->acknowledged)
    return x->acknowledged ? 1 : -1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (xv && yv && g_date_compare (&x->since, &y->since) != 0)
    return g_date_compare (&x->since, &y->since);
  if (xv != yv)
    return xv ? -1 : 1;
  return strcmp (x->key, y->key);
}

static gboolean
load_acks (ZxStore    *store,
           GHashTable *acks,
           GError    **error)
{
  sqlite3_stmt *stmt = zx_store_prepare (store,
                                         "SELECT warning_key, note, acked_at FROM warning_ack WHERE deleted = 0 "
                                         "ORDER BY acked_at", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **ack = g_new0 (char *, 3);

      ack[0] = g_strdup (col_text (stmt, 1));
      ack[1] = g_strdup (col_text (stmt, 2));
      g_hash_table_insert (acks, g_strdup (col_text (stmt, 0)), ack);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
key_result_rules (Ctx                   *ctx,
                  ZxStore               *store,
                  ZxProgressIndex       *index,
                  const GDate           *today,
                  const ZxWarningParams *params,
                  GError               **error)
{
  GArray *rows = zx_cockpit_kr_rows (store, today, error);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      ZxKrRow *row = &g_array_index (rows, ZxKrRow, i);
      const ZxProgress *p = zx_progress_index_lookup (index, row->id);
      GDate since;
      double gap;

      if (p == NULL)
        continue;
      g_date_clear (&since, 1);
      if (p->last_check_in > 0 && g_date_valid_julian ((guint32) p->last_check_in))
        g_date_set_julian (&since, (guint32) p->last_check_in);

      gap = p->judged_against - p->progress;
      if (p->health != ZX_HEALTH_NOT_STARTED && gap > params->progress.behind_margin + 1e-9)
        add (ctx, ZX_WARNING_BEHIND_PACE, "key_result", row->id, row->title, &since,
             row->department_id, row->department, row->owner_id, row->owner,
             /* Translators: progress and expected pace, in percent */
             g_strdup_printf (_("At %.0f%%, %.0f points behind the %.0f%% expected by now"),
                              p->progress * 100, gap * 100, p->judged_against * 100));
      if (p->stale)
        {
          GDate stale_since = since;
          char *what;

          if (!g_date_valid (&stale_since))
            stale_since = row->cycle_start;
          if (p->last_check_in > 0)
            {
              int days = g_date_days_between (&stale_since, today);
              what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No check-in for %d day",
                                                   "No check-in for %d days", days), days);
            }
          else
            what = g_strdup (_("No check-in since the cycle began"));
          add (ctx, ZX_WARNING_STALE, "key_result", row->id, row->title, &stale_since,
               row->department_id, row->department, row->owner_id, row->owner, what);
        }
      if (p->confidence > 0 && p->confidence <= params->progress.low_confidence)
        add (ctx, ZX_WARNING_LOW_CONFIDENCE, "key_result", row->id, row->title, &since,
             row->department_id, row->department, row->owner_id, row->owner,
             g_strdup_printf (_("Confidence %d out of 10"), p->confidence));
    }
  return TRUE;
}

static gboolean
request_rule (Ctx          *ctx,
              ZxStore      *store,
              const GDate  *today,
              GError      **error)
{
  char day[11];
  sqlite3_stmt *stmt;

  g_snprintf (day, sizeof day, "%04d-%02d-%02d", g_date_get_year (today), g_date_get_month (today),
              g_date_get_day (today));
  stmt = zx_store_prepare (store,
                           "SELECT c.id, c.title, c.due_date, c.to_department_id, td.name, "
                           "COALESCE (c.assignee_id, td.head_id), s.name, fd.name "
                           "FROM card c JOIN board_column bc ON bc.id = c.column_id "
                           "JOIN department td ON td.id = c.to_department_id "
                           "JOIN department fd ON fd.id = c.from_department_id "
                           "LEFT JOIN staff s ON s.id = COALESCE (c.assignee_id, td.head_id) "
                           "WHERE c.deleted = 0 AND bc.is_done = 0 AND c.due_date IS NOT NULL AND c.due_date < ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GDate due;
      int days;

      if (!parse_date (col_text (stmt, 2), &due))
        continue;
      days = g_date_days_between (&due, today);
      add (ctx, ZX_WARNING_REQUEST_OVERDUE, "card", col_text (stmt, 0), col_text (stmt, 1), &due,
           col_text (stmt, 3), col_text (stmt, 4), col_text (stmt, 5), col_text (stmt, 6),
           /* Translators: %s is the requesting department */
           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Requested by %s, %d day overdue",
                                         "Requested by %s, %d days overdue", days),
                            col_text (stmt, 7), days));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
decision_rule (Ctx                   *ctx,
               ZxStore               *store,
               GDateTime             *now,
               const ZxWarningParams *params,
               GError               **error)
{
  sqlite3_stmt *stmt = zx_store_prepare (store,
                                         "SELECT dc.id, dc.content, dc.created_at, m.department_id, d.name, "
                                         "d.head_id, s.name, m.title "
                                         "FROM decision dc JOIN meeting m ON m.id = dc.meeting_id "
                                         "LEFT JOIN department d ON d.id = m.department_id "
                                         "LEFT JOIN staff s ON s.id = d.head_id "
                                         "WHERE dc.deleted = 0 AND m.deleted = 0 AND dc.status = 'open' "
                                         "AND dc.owner_id IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) made = g_date_time_new_from_iso8601 (col_text (stmt, 2), NULL);
      GTimeSpan age;
      GDate since;
      int hours;

      if (made == NULL)
        continue;
      age = g_date_time_difference (now, made);
      if (age < (GTimeSpan) params->decision_owner_hours * G_TIME_SPAN_HOUR)
        continue;
      {
        g_autoptr(GDateTime) local = g_date_time_to_local (made);
        g_date_clear (&since, 1);
        g_date_set_dmy (&since, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                        g_date_time_get_year (local));
      }
      hours = (int) (age / G_TIME_SPAN_HOUR);
      add (ctx, ZX_WARNING_DECISION_OWNER, "decision", col_text (stmt, 0), col_text (stmt, 1), &since,
           col_text (stmt, 3), col_text (stmt, 4), col_text (stmt, 5), col_text (stmt, 6),
           /* Translators: %s is the meeting's title */
           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Decided in “%s” %d hour ago, nobody owns it",
                                         "Decided in “%s” %d hours ago, nobody owns it", hours),
                            col_text (stmt, 7), hours));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
department_rules (Ctx          *ctx,
                  ZxStore      *store,
                  const GDate  *today,
                  GError      **error)
{
  GDate jan1;
  sqlite3_stmt *stmt;

  g_date_clear (&jan1, 1);
  g_date_set_dmy (&jan1, 1, G_DATE_JANUARY, g_date_get_year (today));
  stmt = zx_store_prepare (store,
                           "SELECT d.id, d.name, d.head_id, s.name, d.kind, "
                           "EXISTS (SELECT 1 FROM battle b WHERE b.department_id = d.id AND b.deleted = 0), "
                           "EXISTS (SELECT 1 FROM pledge p WHERE p.department_id = d.id AND p.deleted = 0 "
                           "        AND p.year = ?1 AND p.signed_at IS NOT NULL) "
                           "FROM department d LEFT JOIN staff s ON s.id = d.head_id WHERE d.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, g_date_get_year (today));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean has_battles = sqlite3_column_int (stmt, 5) != 0;
      gboolean signed_pledge = sqlite3_column_int (stmt, 6) != 0;
      const char *kind = col_text (stmt, 4);

      if (!has_battles && g_strcmp0 (kind, "functional") != 0)
        add (ctx, ZX_WARNING_NO_BATTLE_MAP, "department", col_text (stmt, 0), col_text (stmt, 1), &jan1,
             col_text (stmt, 0), col_text (stmt, 1), col_text (stmt, 2), col_text (stmt, 3),
             g_strdup (_("Has not decoded the strategy into a battle map")));
      if (has_battles && !signed_pledge)
        add (ctx, ZX_WARNING_PLEDGE_UNSIGNED, "department", col_text (stmt, 0), col_text (stmt, 1), &jan1,
             col_text (stmt, 0), col_text (stmt, 1), col_text (stmt, 2), col_text (stmt, 3),
             g_strdup_printf (_("No signed pledge for %d"), g_date_get_year (today)));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
ack_free (gpointer data)
{
  g_strfreev (data);
}

GPtrArray *
zx_warnings_compute (ZxStore               *store,
                     ZxProgressIndex       *index,
                     const GDate           *today,
                     GDateTime             *now,
                     const ZxWarningParams *params,
                     GError               **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) acks = NULL;
  g_autoptr(ZxProgressIndex) own_index = NULL;
  ZxWarningParams defaults;
  Ctx ctx;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (params == NULL)
    {
      zx_warning_params_init_default (&defaults);
      params = &defaults;
    }
  if (index == NULL)
    {
      own_index = zx_progress_index_new (store, today, &params->progress, error);
      if (own_index == NULL)
        return NULL;
      index = own_index;
    }

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_warning_free);
  acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ack_free);
  ctx.list = list;
  ctx.acks = acks;
  if (!load_acks (store, acks, error) ||
      !key_result_rules (&ctx, store, index, today, params, error) ||
      !request_rule (&ctx, store, today, error) ||
      !decision_rule (&ctx, store, now, params, error) ||
      !department_rules (&ctx, store, today, error))
    return NULL;

  g_ptr_array_sort (list, compare_warnings);
  return g_steal_pointer (&list);
}

gboolean
zx_warnings_acknowledge (ZxStore    *store,
                         const char *key,
                         const char *note,
                         GError    **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) actor_row = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  const char *actor;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && *key != '\0', FALSE);

  now = zx_store_now (store);
  actor = zx_store_get_actor (store);
  json_object_set_string_member (fields, "warning_key", key);
  if (note != NULL && *note != '\0')
    json_object_set_string_member (fields, "note", note);
  json_object_set_string_member (fields, "acked_at", now);
  if (actor != NULL && (actor_row = zx_store_get (store, "staff", actor, NULL)) != NULL &&
      json_object_get_int_member_with_default (actor_row, "deleted", 0) == 0)
    json_object_set_string_member (fields, "acked_by", actor);

  id = zx_store_create (store, "warning_ack", fields, error);
  return id != NULL;
}
