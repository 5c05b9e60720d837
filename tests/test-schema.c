/* test-schema.c — the migrations and the descriptors agree
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "zx-store.h"
#include "zx-test-util.h"

/* Columns that are not schema fields: derived data local to each device,
 * kept by triggers from other rows, never synced, exported or imported.
 * Each is listed here on purpose; any other extra column fails the test. */
static const struct
{
  const char *table, *column, *migration;
} derived[] = {
  { "key_result", "last_check_in_at", "004-latest-check-in.sql" },
};

static void
test_tables_match_descriptors (void)
{
  g_autofree char *dir = zx_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = zx_store_open (path, &error);
  guint n_derived_seen = 0;
  sqlite3 *db;

  g_assert_no_error (error);
  db = zx_store_get_db (store);

  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", entity->table);
      g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      sqlite3_finalize (stmt);

      /* id, every field, the five sync columns, the derived local columns
       * above, and nothing else (columns added by later migrations come
       * last, so order is not checked) */
      {
        guint n_derived = 0;

        for (guint j = 0; j < G_N_ELEMENTS (derived); j++)
          if (g_str_equal (derived[j].table, entity->table))
            {
              if (!g_ptr_array_find_with_equal_func (columns, derived[j].column, g_str_equal, NULL))
                g_error ("%s.%s (%s) has no column", entity->table, derived[j].column, derived[j].migration);
              /* not a field: neither synced nor in backups */
              g_assert_null (zx_entity_lookup_field (entity, derived[j].column));
              n_derived++;
            }
        g_assert_cmpuint (columns->len, ==, entity->n_fields + 6 + n_derived);
        n_derived_seen += n_derived;
      }
      {
        static const char *sync_columns[] = { "id", "version", "updated_at", "updated_by", "deleted", "scope" };

        for (guint j = 0; j < G_N_ELEMENTS (sync_columns); j++)
          g_assert_true (g_ptr_array_find_with_equal_func (columns, sync_columns[j], g_str_equal, NULL));
      }
      for (guint j = 0; j < entity->n_fields; j++)
        if (!g_ptr_array_find_with_equal_func (columns, entity->fields[j].name, g_str_equal, NULL))
          g_error ("%s.%s has no column", entity->table, entity->fields[j].name);
    }

  /* every derived column belongs to a table of the schema */
  g_assert_cmpuint (n_derived_seen, ==, G_N_ELEMENTS (derived));

  g_clear_object (&store);
  zx_test_rmdir (dir);
}

static void
test_descriptors_consistent (void)
{
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);

      g_assert_true (zx_schema_lookup (entity->name) == entity);
      g_assert_nonnull (entity->label);
      if (entity->display_field != NULL)
        g_assert_nonnull (zx_entity_lookup_field (entity, entity->display_field));
      if (entity->scope_rule == ZX_SCOPE_FIELD || entity->scope_rule == ZX_SCOPE_PARENT)
        {
          const ZxField *f = zx_entity_lookup_field (entity, entity->scope_field);

          g_assert_nonnull (f);
          g_assert_cmpint (f->type, ==, ZX_FIELD_REF);
          if (entity->scope_rule == ZX_SCOPE_FIELD)
            g_assert_cmpstr (f->ref, ==, "department");
        }

      for (guint j = 0; j < entity->n_fields; j++)
        {
          const ZxField *f = &entity->fields[j];

          g_assert_nonnull (f->label);
          if (f->type == ZX_FIELD_REF)
            g_assert_nonnull (zx_schema_lookup (f->ref));
          if (f->type == ZX_FIELD_ENUM)
            g_assert_nonnull (f->values);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/tables-match-descriptors", test_tables_match_descriptors);
  g_test_add_func ("/schema/descriptors-consistent", test_descriptors_consistent);

  return g_test_run ();
}
