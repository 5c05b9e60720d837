/* zx-backup.c — the whole database as a JSON document in the wire format
 *
 * The document:
 *
 *   {"format":"zhixing","format_version":1,"schema_version":2,"rows":[
 *   {"entity":"hospital","id":"…","version":0,…,"fields":{…}},
 *   …
 *   ]}
 *
 * one row per line, entities in schema order, rows by id.  It carries no
 * per-device state (no client id, no queue, no sync cursor), so the same
 * data always exports to the same bytes, and it is what `zhixing-server
 * import` reads to seed a server.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-backup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "zx-backup.h"
#include "zx-wire.h"

#define BACKUP_FORMAT         "zhixing"
#define BACKUP_FORMAT_VERSION 1
#define PROGRESS_EVERY        2000

static char *
select_all_sql (const ZxEntity *entity)
{
  GString *s = g_string_new ("SELECT id");

  for (guint i = 0; i < entity->n_fields; i++)
    g_string_append_printf (s, ", %s", entity->fields[i].name);
  g_string_append_printf (s, ", version, updated_at, updated_by, deleted, scope FROM %s ORDER BY id",
                          entity->table);
  return g_string_free (s, FALSE);
}

static JsonObject *
read_row (const ZxEntity *entity,
          sqlite3_stmt   *stmt)
{
  JsonObject *row = json_object_new ();
  int col = 0;

  json_object_set_string_member (row, "id", (const char *) sqlite3_column_text (stmt, col++));
  for (guint i = 0; i < entity->n_fields; i++)
    {
      JsonNode *node;

      if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
        node = json_node_new (JSON_NODE_NULL);
      else
        {
          node = json_node_new (JSON_NODE_VALUE);
          switch (entity->fields[i].type)
            {
            case ZX_FIELD_INT:
              json_node_set_int (node, sqlite3_column_int64 (stmt, col));
              break;
            case ZX_FIELD_BOOL:
              json_node_set_boolean (node, sqlite3_column_int64 (stmt, col) != 0);
              break;
            case ZX_FIELD_REAL:
              json_node_set_double (node, sqlite3_column_double (stmt, col));
              break;
            case ZX_FIELD_TEXT:
            case ZX_FIELD_DATE:
            case ZX_FIELD_DATETIME:
            case ZX_FIELD_MONTH:
            case ZX_FIELD_ENUM:
            case ZX_FIELD_REF:
            default:
              json_node_set_string (node, (const char *) sqlite3_column_text (stmt, col));
            }
        }
      json_object_set_member (row, entity->fields[i].name, node);
      col++;
    }
  json_object_set_int_member (row, "version", sqlite3_column_int64 (stmt, col++));
  json_object_set_string_member (row, "updated_at", (const char *) sqlite3_column_text (stmt, col++));
  json_object_set_string_member (row, "updated_by", (const char *) sqlite3_column_text (stmt, col++));
  json_object_set_boolean_member (row, "deleted", sqlite3_column_int (stmt, col++) != 0);
  json_object_set_string_member (row, "scope", (const char *) sqlite3_column_text (stmt, col++));
  return row;
}

static gboolean
write_chunk (GOutputStream  *stream,
             GString        *buffer,
             GCancellable   *cancellable,
             GError        **error)
{
  gboolean ok = g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, cancellable, error);

  g_string_truncate (buffer, 0);
  return ok;
}

gboolean
zx_backup_export (ZxStore       *store,
                  const char    *path,
                  ZxProgressFunc progress,
                  gpointer       user_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  gint64 total = 0;
  gint64 done = 0;
  gboolean first = TRUE;
  gboolean ok = FALSE;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A connection of our own, so an export in a worker thread reads one
   * consistent snapshot while the window goes on writing. */
  if (sqlite3_open_v2 (zx_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                   _("The database could not be read for the backup (%s)."), sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }

  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", zx_schema_entity_at (i)->table);
      sqlite3_stmt *stmt;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        total += sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_FAILED,
                   _("The backup file “%s” could not be written: %s"), path, local_error->message);
      goto out;
    }

  buffer = g_string_sized_new (1 << 20);
  g_string_append_printf (buffer,
                          "{\"format\":\"%s\",\"format_version\":%d,\"schema_version\":%d,\"rows\":[\n",
                          BACKUP_FORMAT, BACKUP_FORMAT_VERSION, zx_store_get_schema_version (store));

  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autofree char *sql = select_all_sql (entity);
      sqlite3_stmt *stmt;
      int rc;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                       _("The database could not be read for the backup (%s)."), sqlite3_errmsg (db));
          goto out;
        }

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(JsonObject) row = read_row (entity, stmt);

          if (!first)
            g_string_append (buffer, ",\n");
          first = FALSE;
          zx_wire_append_row (buffer, entity, row);
          done++;

          if (buffer->len > (1 << 20) &&
              !write_chunk (G_OUTPUT_STREAM (stream), buffer, cancellable, &local_error))
            break;

          if (done % PROGRESS_EVERY == 0)
            {
              if (progress != NULL && total > 0)
                progress ((double) done / total, user_data);
              if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
                break;
            }
        }
      sqlite3_finalize (stmt);

      if (local_error != NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_set_error (error, ZX_ERROR, ZX_ERROR_CANCELLED, _("The backup was cancelled."));
          else
            g_set_error (error, ZX_ERROR, ZX_ERROR_FAILED,
                         _("The backup file “%s” could not be written: %s"), path, local_error->message);
          goto out;
        }
      if (rc != SQLITE_DONE)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                       _("The database could not be read for the backup (%s)."), sqlite3_errmsg (db));
          goto out;
        }
    }

  g_string_append (buffer, first ? "]}\n" : "\n]}\n");
  if (!write_chunk (G_OUTPUT_STREAM (stream), buffer, cancellable, &local_error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_FAILED,
                   _("The backup file “%s” could not be written: %s"), path, local_error->message);
      goto out;
    }

  if (progress != NULL)
    progress (1.0, user_data);
  ok = TRUE;

out:
  if (!ok && stream != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (stream)))
    {
      /* Closing after a cancel leaves the old file in place */
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancelled, NULL);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
  return ok;
}

/* Import -------------------------------------------------------------------- */

typedef struct
{
  const ZxEntity *entity;
  JsonObject     *row;
  guint           number; /* 1-based position in "rows" */
} ParsedRow;

static void
parsed_row_clear (gpointer data)
{
  ParsedRow *p = data;

  g_clear_pointer (&p->row, json_object_unref);
}

static void
describe_row (GString   *out,
              ParsedRow *p)
{
  const char *display = NULL;

  if (p->entity->display_field != NULL)
    display = json_object_get_string_member_with_default (p->row, p->entity->display_field, NULL);

  if (display != NULL)
    g_string_append_printf (out, _("row %u (%s “%s”)"), p->number,
                            g_dgettext (GETTEXT_PACKAGE, p->entity->label), display);
  else
    g_string_append_printf (out, _("row %u (%s %s)"), p->number,
                            g_dgettext (GETTEXT_PACKAGE, p->entity->label),
                            json_object_get_string_member (p->row, "id"));
}

static void
import_error (GError     **error,
              const char  *path,
              ParsedRow   *p,
              const char  *message)
{
  g_autoptr(GString) where = g_string_new (NULL);

  if (p != NULL)
    describe_row (where, p);

  if (p != NULL)
    /* Translators: “backup.json”, row 12 (Staff member “张三”): Department is required. */
    g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("“%s”, %s: %s Nothing was imported."),
                 path, where->str, message);
  else
    g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("“%s”: %s Nothing was imported."), path, message);
}

static gboolean
check_header (JsonNode    *root,
              const char  *path,
              JsonArray  **out_rows,
              GError     **error)
{
  JsonObject *object;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      import_error (error, path, NULL, _("This is not a Zhixing backup."));
      return FALSE;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "format");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (node), BACKUP_FORMAT))
    {
      import_error (error, path, NULL, _("This is not a Zhixing backup."));
      return FALSE;
    }

  node = json_object_get_member (object, "format_version");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) != BACKUP_FORMAT_VERSION)
    {
      import_error (error, path, NULL, _("The backup was written in a format this version of Zhixing does not know."));
      return FALSE;
    }

  node = json_object_get_member (object, "schema_version");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1 || json_node_get_int (node) > ZX_SCHEMA_VERSION)
    {
      import_error (error, path, NULL, _("The backup comes from a newer version of Zhixing; update Zhixing to import it."));
      return FALSE;
    }

  node = json_object_get_member (object, "rows");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      import_error (error, path, NULL, _("The backup has no list of rows."));
      return FALSE;
    }

  if (json_object_get_size (object) != 4)
    {
      import_error (error, path, NULL, _("The backup has members this version of Zhixing does not know."));
      return FALSE;
    }

  *out_rows = json_node_get_array (node);
  return TRUE;
}

gboolean
zx_backup_import (ZxStore       *store,
                  const char    *path,
                  gint64         max_bytes,
                  ZxProgressFunc progress,
                  gpointer       user_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) parsed = NULL;
  g_autoptr(GHashTable) ids = NULL;
  JsonArray *rows;
  gsize length = 0;
  guint n;
  ZxJsonLimits limits = { 0, };

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (max_bytes <= 0)
    max_bytes = ZX_BACKUP_DEFAULT_MAX_BYTES;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_CANCELLED, _("The import was cancelled; nothing was imported."));
      return FALSE;
    }

  if (!zx_store_is_empty (store))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_EMPTY,
                   _("A backup can only be imported into an empty database, and this one already holds a hospital. Open a new database file to import into; nothing was imported."));
      return FALSE;
    }

  /* Size first: a huge file is refused before it is read */
  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT,
                   _("The backup file “%s” could not be read: %s"), path, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_size (info) > max_bytes)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT,
                   _("The backup file “%s” is too large (%s; at most %s). Nothing was imported."),
                   path, size, limit);
      return FALSE;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT,
                   _("The backup file “%s” could not be read: %s"), path, local_error->message);
      return FALSE;
    }

  limits.max_bytes = max_bytes;
  limits.max_depth = 8;
  limits.max_string_bytes = 1024 * 1024;
  root = zx_wire_parse (contents, length, &limits, &local_error);
  if (root == NULL)
    {
      import_error (error, path, NULL, local_error->message);
      return FALSE;
    }
  g_clear_pointer (&contents, g_free);

  if (!check_header (root, path, &rows, error))
    return FALSE;

  /* Every row on its own: envelope, fields and types */
  n = json_array_get_length (rows);
  parsed = g_array_sized_new (FALSE, TRUE, sizeof (ParsedRow), n);
  g_array_set_clear_func (parsed, parsed_row_clear);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      ParsedRow p = { NULL, NULL, i + 1 };
      g_autofree char *key = NULL;

      p.row = zx_wire_parse_row (json_array_get_element (rows, i), &p.entity, &local_error);
      if (p.row == NULL)
        {
          g_autofree char *where = g_strdup_printf (_("row %u"), i + 1);
          g_autofree char *message = g_strdup_printf ("%s: %s", where, local_error->message);

          import_error (error, path, NULL, message);
          return FALSE;
        }

      g_array_append_val (parsed, p);

      key = g_strconcat (p.entity->name, "/", json_object_get_string_member (p.row, "id"), NULL);
      if (g_hash_table_contains (ids, key))
        {
          import_error (error, path, &g_array_index (parsed, ParsedRow, parsed->len - 1),
                        _("The same row appears twice."));
          return FALSE;
        }
      g_hash_table_add (ids, g_steal_pointer (&key));

      if (progress != NULL && i % PROGRESS_EVERY == 0)
        progress (0.5 * i / n, user_data);
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_CANCELLED, _("The import was cancelled; nothing was imported."));
          return FALSE;
        }
    }

  /* References: each must name a row of the right kind in the file */
  for (guint i = 0; i < parsed->len; i++)
    {
      ParsedRow *p = &g_array_index (parsed, ParsedRow, i);

      for (guint j = 0; j < p->entity->n_fields; j++)
        {
          const ZxField *field = &p->entity->fields[j];
          const char *target;
          g_autofree char *key = NULL;

          if (field->type != ZX_FIELD_REF)
            continue;
          target = json_object_get_string_member_with_default (p->row, field->name, NULL);
          if (target == NULL)
            continue;

          key = g_strconcat (field->ref, "/", target, NULL);
          if (!g_hash_table_contains (ids, key))
            {
              const ZxEntity *ref = zx_schema_lookup (field->ref);
              g_autofree char *message =
                g_strdup_printf (_("%s refers to a %s that is not in the file (%s)."),
                                 g_dgettext (GETTEXT_PACKAGE, field->label),
                                 g_dgettext (GETTEXT_PACKAGE, ref->label), target);

              import_error (error, path, p, message);
              return FALSE;
            }
        }
    }

  /* All or nothing */
  if (!zx_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < parsed->len; i++)
    {
      ParsedRow *p = &g_array_index (parsed, ParsedRow, i);

      if (!zx_store_insert_row (store, p->entity, p->row, &local_error))
        {
          zx_store_rollback (store);
          import_error (error, path, p, local_error->message);
          return FALSE;
        }

      if (i % PROGRESS_EVERY == 0)
        {
          if (progress != NULL)
            progress (0.5 + 0.5 * i / parsed->len, user_data);
          if (g_cancellable_is_cancelled (cancellable))
            {
              zx_store_rollback (store);
              g_set_error (error, ZX_ERROR, ZX_ERROR_CANCELLED, _("The import was cancelled; nothing was imported."));
              return FALSE;
            }
        }
    }

  if (!zx_store_commit (store, &local_error))
    {
      import_error (error, path, NULL, local_error->message);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, user_data);

  return TRUE;
}
