/* zx-demo-empowerment.c — the demo hospital's empowerment ring, completed
 *
 * zx-demo.c writes the courses, skills, enrolments, needs and mentorships;
 * this adds what HR does next: the lectures of the strategy series that
 * people never opened are assigned to them with a deadline, and a few of
 * those deadlines have already passed.  Ids are name-based like the rest of
 * the demo, so the same today gives byte-identical data.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-demo"

#include "config.h"

#include <string.h>

#include "zx-demo-empowerment.h"
#include "zx-empowerment.h"

#define SERIES "《我们的战略与我》"

static char *
demo_id (const char *entity,
         guint       serial)
{
  g_autofree char *name = g_strdup_printf ("zhixing-demo-empowerment/%s/%u", entity, serial);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("%.8s-%.4s-5%.3s-%c%.3s-%.12s", sum, sum + 8, sum + 13,
                          "89ab"[g_ascii_xdigit_value (sum[16]) & 3], sum + 17, sum + 20);
}

static char *
date_before (const GDate *today,
             guint        days)
{
  GDate date = *today;
  char buffer[16];

  g_date_subtract_days (&date, days);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &date);
  return g_strdup (buffer);
}

void
zx_demo_put_empowerment_follow_up (ZxStore     *store,
                                   const GDate *today,
                                   const char  *stamp,
                                   GError     **error)
{
  const char *series[] = { SERIES, NULL };
  const ZxEntity *enrolment = zx_schema_lookup ("enrolment");
  g_autoptr(GListStore) courses = NULL;
  g_autoptr(GListStore) staff = NULL;
  g_autoptr(GListStore) hr = NULL;
  g_autoptr(ZxRecord) assigner = NULL;
  guint serial = 0;

  if (error == NULL || *error != NULL)
    return;

  courses = zx_store_list (store, "course", "series = ?", series);
  staff = zx_store_list (store, "staff", NULL, NULL);
  hr = zx_store_list (store, "staff", "role = 'hr'", NULL);
  if (g_list_model_get_n_items (G_LIST_MODEL (hr)) > 0)
    assigner = g_list_model_get_item (G_LIST_MODEL (hr), 0);

  for (guint c = 0; c < g_list_model_get_n_items (G_LIST_MODEL (courses)); c++)
    {
      g_autoptr(ZxRecord) course = g_list_model_get_item (G_LIST_MODEL (courses), c);
      /* Later lectures went out later: their deadlines are closer */
      g_autofree char *due = date_before (today, 3 + 5 * (g_list_model_get_n_items (G_LIST_MODEL (courses)) - 1 - c));

      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (staff)); s++)
        {
          g_autoptr(ZxRecord) person = g_list_model_get_item (G_LIST_MODEL (staff), s);
          const char *params[] = { zx_record_get_id (course), zx_record_get_id (person), NULL };
          g_autoptr(JsonObject) row = NULL;
          g_autofree char *id = NULL;

          if (zx_store_count (store, "enrolment", "course_id = ? AND staff_id = ?", params) > 0 ||
              !zx_empowerment_course_is_for (store, zx_record_get_id (course), zx_record_get_id (person)))
            continue;

          id = demo_id ("enrolment", ++serial);
          row = json_object_new ();
          json_object_set_string_member (row, ZX_COLUMN_ID, id);
          json_object_set_string_member (row, "course_id", zx_record_get_id (course));
          json_object_set_string_member (row, "staff_id", zx_record_get_id (person));
          json_object_set_boolean_member (row, "assigned", TRUE);
          if (assigner != NULL)
            json_object_set_string_member (row, "assigned_by", zx_record_get_id (assigner));
          json_object_set_string_member (row, "due_date", due);
          json_object_set_int_member (row, ZX_COLUMN_VERSION, 0);
          json_object_set_string_member (row, ZX_COLUMN_UPDATED_AT, stamp);
          json_object_set_string_member (row, ZX_COLUMN_UPDATED_BY, "demo");
          json_object_set_boolean_member (row, ZX_COLUMN_DELETED, FALSE);
          json_object_set_string_member (row, ZX_COLUMN_SCOPE, zx_record_get_string (person, ZX_COLUMN_SCOPE));
          if (!zx_store_insert_row (store, enrolment, row, error))
            {
              g_prefix_error (error, "enrolment: ");
              return;
            }
        }
    }
}
