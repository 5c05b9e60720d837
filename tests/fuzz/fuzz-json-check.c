/* fuzz-json-check.c — the strict pre-scan and zx_wire_parse()
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every input, with the default limits and with tight ones:
 *  - zx_json_check() never crashes, and a refusal comes with an error of
 *    its own domain and a message;
 *  - what it accepts, a cheap independent scan agrees is within the limits
 *    (size, nesting depth, no NUL byte, valid UTF-8), and zx_wire_parse()
 *    reads without error into a tree whose numbers are within ±(2^53 − 1)
 *    or finite, whose strings are within the limit, and that has as many
 *    object members as the text has colons outside strings (no duplicate
 *    key was dropped);
 *  - that tree written back by zx_wire_append_node() passes the pre-scan
 *    again and reads back as the same tree;
 *  - what the tight limits accept, the default ones accept too.
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "zx-fuzz.h"
#include "zx-json-check.h"
#include "zx-wire.h"

#define MAX_SAFE 9007199254740991LL

typedef struct
{
  guint depth;       /* deepest nesting of arrays and objects */
  guint colons;      /* ':' outside strings */
  gboolean nul;      /* a NUL byte anywhere */
} Raw;

static void
scan_raw (const char *data,
          gsize       size,
          Raw        *raw)
{
  gboolean in_string = FALSE, escaped = FALSE;
  guint depth = 0;

  memset (raw, 0, sizeof *raw);
  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (c == '\0')
        raw->nul = TRUE;
      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          depth++;
          raw->depth = MAX (raw->depth, depth);
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        case ':':
          raw->colons++;
          break;
        default:
          break;
        }
    }
}

typedef struct
{
  guint depth;
  guint members;
  guint max_string;
} Tree;

static void
check_string (const char *s,
              guint       max_string)
{
  ZX_FUZZ_CHECK (s != NULL, "a NULL string in the tree");
  ZX_FUZZ_CHECK (strlen (s) <= max_string, "a string of %zu bytes passed a limit of %u", strlen (s), max_string);
  ZX_FUZZ_CHECK (g_utf8_validate (s, -1, NULL), "a string in the tree is not UTF-8");
}

static void
walk (JsonNode *node,
      guint     depth,
      Tree     *tree)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      tree->depth = MAX (tree->depth, depth + 1);
      for (GList *l = names; l != NULL; l = l->next)
        {
          check_string (l->data, tree->max_string);
          tree->members++;
          walk (json_object_get_member (object, l->data), depth + 1, tree);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      tree->depth = MAX (tree->depth, depth + 1);
      for (guint i = 0; i < json_array_get_length (array); i++)
        walk (json_array_get_element (array, i), depth + 1, tree);
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          {
            gint64 v = json_node_get_int (node);

            ZX_FUZZ_CHECK (v >= -MAX_SAFE && v <= MAX_SAFE, "the integer %" G_GINT64_FORMAT " passed", v);
          }
          break;
        case G_TYPE_DOUBLE:
          ZX_FUZZ_CHECK (isfinite (json_node_get_double (node)), "a number that is not finite passed");
          break;
        case G_TYPE_STRING:
          check_string (json_node_get_string (node), tree->max_string);
          break;
        case G_TYPE_BOOLEAN:
          break;
        default:
          ZX_FUZZ_CHECK (FALSE, "a value of type %s", g_type_name (json_node_get_value_type (node)));
        }
    }
}

static double
number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

/* Equal trees; numbers compare by value (the writer may give 2.0 as 2) */
static gboolean
same (JsonNode *a,
      JsonNode *b)
{
  if (json_node_get_node_type (a) != json_node_get_node_type (b))
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (a))
    {
      JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
      g_autoptr(GList) names = json_object_get_members (oa);

      if (json_object_get_size (oa) != json_object_get_size (ob))
        return FALSE;
      for (GList *l = names; l != NULL; l = l->next)
        if (!json_object_has_member (ob, l->data) ||
            !same (json_object_get_member (oa, l->data), json_object_get_member (ob, l->data)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *aa = json_node_get_array (a), *ab = json_node_get_array (b);

      if (json_array_get_length (aa) != json_array_get_length (ab))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (aa); i++)
        if (!same (json_array_get_element (aa, i), json_array_get_element (ab, i)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_NULL (a))
    return TRUE;

  {
    GType ta = json_node_get_value_type (a), tb = json_node_get_value_type (b);
    gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
    gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

    if (na && nb)
      return number (a) == number (b);
    if (ta != tb)
      return FALSE;
    if (ta == G_TYPE_STRING)
      return strcmp (json_node_get_string (a), json_node_get_string (b)) == 0;
    if (ta == G_TYPE_BOOLEAN)
      return json_node_get_boolean (a) == json_node_get_boolean (b);
    return FALSE;
  }
}

/* TRUE when accepted */
static gboolean
run (const char         *data,
     gsize               size,
     const ZxJsonLimits *limits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize max_bytes = limits->max_bytes ? limits->max_bytes : 1024 * 1024;
  guint max_depth = limits->max_depth ? limits->max_depth : 32;
  guint max_string = limits->max_string_bytes ? limits->max_string_bytes : 1024 * 1024;
  ZxJsonLimits written_limits = *limits;
  Tree tree = { 0, 0, max_string };
  Raw raw;

  if (!zx_json_check (data, size, limits, &error))
    {
      ZX_FUZZ_CHECK (error != NULL && error->domain == ZX_JSON_CHECK_ERROR, "a refusal without its error");
      ZX_FUZZ_CHECK (error->message != NULL && error->message[0] != '\0' &&
                     g_utf8_validate (error->message, -1, NULL), "a refusal without a message");
      ZX_FUZZ_CHECK ((error->code == ZX_JSON_CHECK_ERROR_TOO_LARGE) == (size > max_bytes),
                     "TOO_LARGE for %zu bytes (limit %zu): %s", size, max_bytes, error->message);
      return FALSE;
    }
  ZX_FUZZ_CHECK (error == NULL, "accepted with an error");

  /* The limits, checked another way */
  ZX_FUZZ_CHECK (size <= max_bytes, "%zu bytes passed a limit of %zu", size, max_bytes);
  ZX_FUZZ_CHECK (size > 0, "an empty document passed");
  scan_raw (data, size, &raw);
  ZX_FUZZ_CHECK (!raw.nul, "a NUL byte passed");
  ZX_FUZZ_CHECK (raw.depth <= max_depth, "depth %u passed a limit of %u", raw.depth, max_depth);
  ZX_FUZZ_CHECK (g_utf8_validate_len (data, size, NULL), "invalid UTF-8 passed");

  /* json-glib reads whatever passed */
  root = zx_wire_parse (data, size, limits, &error);
  ZX_FUZZ_CHECK (root != NULL, "the pre-scan passed what zx_wire_parse refused: %s",
                 error ? error->message : "(no error)");
  walk (root, 0, &tree);
  ZX_FUZZ_CHECK (tree.depth == raw.depth, "the tree is %u deep, the text %u", tree.depth, raw.depth);
  ZX_FUZZ_CHECK (tree.members == raw.colons, "%u members in the tree, %u in the text (a duplicate key?)",
                 tree.members, raw.colons);

  /* Written back, it passes again and reads the same */
  zx_wire_append_node (out, root);
  written_limits.max_bytes = MAX (out->len, 1);
  ZX_FUZZ_CHECK (zx_json_check (out->str, out->len, &written_limits, &error),
                 "the writer's output is refused: %s\n%s", error ? error->message : "", out->str);
  again = zx_wire_parse (out->str, out->len, &written_limits, &error);
  ZX_FUZZ_CHECK (again != NULL, "the writer's output does not parse: %s", error ? error->message : "");
  ZX_FUZZ_CHECK (same (root, again), "the writer changed the value:\n%.*s\n%s", (int) size, data, out->str);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const ZxJsonLimits defaults = { 0, 0, 0 };
  static const ZxJsonLimits tight = { .max_bytes = 4096, .max_depth = 3, .max_string_bytes = 8 };
  gboolean wide, narrow;

  zx_fuzz_init ();
  wide = run ((const char *) data, size, &defaults);
  narrow = run ((const char *) data, size, &tight);
  ZX_FUZZ_CHECK (!narrow || wide, "accepted within tight limits but not within the default ones");
  return 0;
}
