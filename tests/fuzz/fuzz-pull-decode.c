/* fuzz-pull-decode.c — the desktop's reading of pull and bootstrap answers
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same bytes go to zx_sync_decode_pull() and zx_sync_decode_bootstrap()
 * (which reads its pages without json-glib, zx-bootstrap-page.c).  Neither
 * crashes; a refusal is a ZX_SYNC_ERROR_PROTOCOL with a message; an
 * accepted page passed the strict pre-scan, has a cursor ≥ 0 (and for pull
 * a last mutation id ≥ 0), and each of its rows has an entity and, written
 * back with zx_wire_append_row() and read again with zx_wire_parse_row(),
 * comes back the same: the bootstrap reader accepts no value the row
 * reader would refuse.
 */
#include <math.h>
#include <string.h>

#include "zx-fuzz.h"
#include "zx-json-check.h"
#include "zx-replica.h"
#include "zx-sync-client.h"
#include "zx-wire.h"

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  gboolean null_a = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean null_b = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (null_a || null_b)
    return null_a == null_b;
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b))
    {
      GType ta = json_node_get_value_type (a), tb = json_node_get_value_type (b);

      if ((ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE) && (tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE))
        return json_node_get_double (a) == json_node_get_double (b);
    }
  return json_node_equal (a, b);
}

static void
check_row (const ZxReplicaRow *row)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GError) error = NULL;
  const ZxEntity *entity = NULL;
  static const char * const envelope[] = { "id", "version", "updated_at", "updated_by", "deleted", "scope" };

  ZX_FUZZ_CHECK (row->entity != NULL && row->row != NULL, "a row without its entity");
  zx_wire_append_row (out, row->entity, row->row);
  node = zx_wire_parse (out->str, out->len, NULL, &error);
  ZX_FUZZ_CHECK (node != NULL, "a row written back is refused: %s\n%s", error->message, out->str);
  again = zx_wire_parse_row (node, &entity, &error);
  ZX_FUZZ_CHECK (again != NULL, "a row written back does not read: %s\n%s", error->message, out->str);
  ZX_FUZZ_CHECK (entity == row->entity, "the entity changed");
  for (guint i = 0; i < G_N_ELEMENTS (envelope); i++)
    ZX_FUZZ_CHECK (same_value (json_object_get_member (row->row, envelope[i]),
                               json_object_get_member (again, envelope[i])),
                   "“%s” changed on the way back\n%s", envelope[i], out->str);
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const char *name = entity->fields[i].name;

      ZX_FUZZ_CHECK (same_value (json_object_get_member (row->row, name), json_object_get_member (again, name)),
                     "the field “%s” changed on the way back\n%s", name, out->str);
    }
}

static void
check_refusal (GError *error)
{
  ZX_FUZZ_CHECK (g_error_matches (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL),
                 "a refusal that is not a protocol error: %s", error ? error->message : "(none)");
  ZX_FUZZ_CHECK (error->message[0] != '\0' && g_utf8_validate (error->message, -1, NULL),
                 "a refusal without a message");
}

static void
check_pull (ZxPullPage *page,
            GError     *error,
            gboolean    json_ok)
{
  if (page == NULL)
    {
      check_refusal (error);
      return;
    }
  ZX_FUZZ_CHECK (error == NULL, "a page with an error");
  ZX_FUZZ_CHECK (json_ok, "a page from a document the pre-scan refuses");
  ZX_FUZZ_CHECK (page->rows != NULL, "a page without rows");
  ZX_FUZZ_CHECK (page->cursor >= 0, "cursor %" G_GINT64_FORMAT, page->cursor);
  ZX_FUZZ_CHECK (page->last_mutation_id >= 0, "last_mutation_id of a pull");
  for (guint i = 0; i < page->rows->len; i++)
    check_row (&g_array_index (page->rows, ZxReplicaRow, i));
}

static void
check_bootstrap (ZxBootstrapPage *page,
                 GError          *error,
                 gboolean         json_ok)
{
  guint rows = 0;

  if (page == NULL)
    {
      check_refusal (error);
      return;
    }
  ZX_FUZZ_CHECK (error == NULL, "a page with an error");
  ZX_FUZZ_CHECK (json_ok, "a page from a document the pre-scan refuses");
  ZX_FUZZ_CHECK (page->tables != NULL, "a page without tables");
  ZX_FUZZ_CHECK (page->cursor >= 0 && page->total >= -1, "cursor %" G_GINT64_FORMAT, page->cursor);
  ZX_FUZZ_CHECK (page->next == NULL || page->next[0] != '\0', "an empty next");
  for (guint t = 0; t < page->tables->len; t++)
    {
      const ZxReplicaTable *table = &g_array_index (page->tables, ZxReplicaTable, t);
      guint width = table->entity->n_fields + 6;

      for (guint i = 0; i < table->n_rows; i++)
        {
          ZxReplicaRow row = { table->entity, zx_wire_row_from_values (table->entity, table->values + i * width) };

          check_row (&row);
          json_object_unref (row.row);
        }
      rows += table->n_rows;
    }
  ZX_FUZZ_CHECK (rows == page->n_rows, "n_rows %u, rows %u", page->n_rows, rows);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ZxPullPage) pull = NULL;
  g_autoptr(ZxBootstrapPage) bootstrap = NULL;
  g_autoptr(GError) pull_error = NULL;
  g_autoptr(GError) bootstrap_error = NULL;
  gboolean json_ok;

  zx_fuzz_init ();
  json_ok = zx_json_check ((const char *) data, size, NULL, NULL);
  pull = zx_sync_decode_pull ((const char *) data, size, &pull_error);
  check_pull (pull, pull_error, json_ok);
  bootstrap = zx_sync_decode_bootstrap ((const char *) data, size, &bootstrap_error);
  check_bootstrap (bootstrap, bootstrap_error, json_ok);
  return 0;
}
