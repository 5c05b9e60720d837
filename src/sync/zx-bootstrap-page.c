/* zx-bootstrap-page.c — reading one page of GET /api/v1/bootstrap
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A first sync reads half a million rows.  Read into a json-glib tree,
 * each value was a node, each row an object and a hash table, and that
 * cost more than writing the rows to SQLite.  So a page's rows come as
 * columns and arrays of values (docs/sync-protocol.md), and this reader
 * goes through the page once, unescaping strings where they are, and
 * leaves each row as ZxValues in the order the store inserts them.
 *
 * The page passes the strict pre-scan (zx-json-check.h) first, as every
 * answer does, so the reader only meets RFC 8259 JSON within the limits;
 * it still checks every byte it reads and never reads past the end.  Every
 * value is checked as zx_wire_parse_row() checks it (tests/fuzz holds
 * the two to that).
 */
#define G_LOG_DOMAIN "zx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "zx-json-check.h"
#include "zx-sync-client.h"

#define MAX_SKIP_DEPTH 32

/* The six columns every table has besides the entity's fields */
enum
{
  SLOT_VERSION,
  SLOT_UPDATED_AT,
  SLOT_UPDATED_BY,
  SLOT_DELETED,
  SLOT_SCOPE,
  N_TRAILING
};

typedef struct
{
  char   *p;
  char   *end;
} Reader;

typedef struct
{
  Reader           r;
  ZxBootstrapPage *page;
  GArray          *offsets;   /* guint: where each table's values start in page->values */
  guint            row_number; /* 1-based, over the page, for messages */
  GError         **error;
} Decoder;

void
zx_bootstrap_page_free (ZxBootstrapPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->tables, g_array_unref);
  g_clear_pointer (&page->values, g_array_unref);
  g_free (page->next);
  g_free (page->buffer);
  g_free (page);
}

/* Reading JSON --------------------------------------------------------------- */

static char
peek (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
  return r->p < r->end ? *r->p : '\0';
}

static gboolean
take (Reader *r,
      char    c)
{
  if (peek (r) != c)
    return FALSE;
  r->p++;
  return TRUE;
}

static gboolean
take_word (Reader     *r,
           const char *word)
{
  gsize n = strlen (word);

  if (peek (r) != word[0] || (gsize) (r->end - r->p) < n || memcmp (r->p, word, n) != 0)
    return FALSE;
  r->p += n;
  return TRUE;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* A string, unescaped where it is and NUL-terminated there (the unescaped
 * form is never longer than the escaped one) */
static gboolean
read_string (Reader  *r,
             char   **out,
             gsize   *out_len)
{
  char *start, *src, *dst;

  if (!take (r, '"'))
    return FALSE;
  start = src = dst = r->p;
  for (;;)
    {
      char *run = src;

      /* a run that needs no unescaping, moved only once an escape came */
      while (src < r->end && (guchar) *src >= 0x20 && *src != '"' && *src != '\\')
        src++;
      if (dst != run)
        memmove (dst, run, src - run);
      dst += src - run;
      if (src >= r->end || (guchar) *src < 0x20)
        return FALSE;
      if (*src == '"')
        break;
      if (r->end - src < 2)
        return FALSE;
      switch (src[1])
        {
        case '"': *dst++ = '"'; src += 2; break;
        case '\\': *dst++ = '\\'; src += 2; break;
        case '/': *dst++ = '/'; src += 2; break;
        case 'b': *dst++ = '\b'; src += 2; break;
        case 'f': *dst++ = '\f'; src += 2; break;
        case 'n': *dst++ = '\n'; src += 2; break;
        case 'r': *dst++ = '\r'; src += 2; break;
        case 't': *dst++ = '\t'; src += 2; break;
        case 'u':
          {
            int u, low;
            gunichar ch;

            if (r->end - src < 6 || (u = hex4 (src + 2)) < 0)
              return FALSE;
            src += 6;
            if (u == 0 || (u >= 0xdc00 && u <= 0xdfff))
              return FALSE;
            if (u >= 0xd800 && u <= 0xdbff)
              {
                if (r->end - src < 6 || src[0] != '\\' || src[1] != 'u' ||
                    (low = hex4 (src + 2)) < 0xdc00 || low > 0xdfff)
                  return FALSE;
                src += 6;
                ch = 0x10000 + (((gunichar) u - 0xd800) << 10) + ((gunichar) low - 0xdc00);
              }
            else
              ch = (gunichar) u;
            dst += g_unichar_to_utf8 (ch, dst);
            break;
          }
        default:
          return FALSE;
        }
    }
  /* UTF-8: the pre-scan checked the page, and \u escapes were written
   * as UTF-8 here, surrogate pairs joined */
  r->p = src + 1;
  *dst = '\0';
  *out = start;
  *out_len = (gsize) (dst - start);
  return TRUE;
}

/* A number as RFC 8259 writes it: a whole number (no fraction, no
 * exponent) within ±(2^53 − 1) is an INT, any other a finite REAL */
static gboolean
read_number (Reader  *r,
             ZxValue *out)
{
  char *start = r->p, *p = r->p;
  gboolean whole = TRUE;

  if (p < r->end && *p == '-')
    p++;
  if (p >= r->end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    while (p < r->end && g_ascii_isdigit (*p))
      p++;
  if (p < r->end && *p == '.')
    {
      whole = FALSE;
      p++;
      if (p >= r->end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < r->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < r->end && (*p == 'e' || *p == 'E'))
    {
      whole = FALSE;
      p++;
      if (p < r->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= r->end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < r->end && g_ascii_isdigit (*p))
        p++;
    }

  if (whole)
    {
      gboolean negative = *start == '-';
      gint64 v = 0;

      for (const char *q = start + (negative ? 1 : 0); q < p; q++)
        {
          v = v * 10 + (*q - '0');
          if (v > G_GINT64_CONSTANT (9007199254740991))
            return FALSE;
        }
      out->type = ZX_VALUE_INT;
      out->v.i = negative ? -v : v;
    }
  else
    {
      /* the page's buffer ends in a NUL, and the number is followed by
       * something that is not part of it: strtod stops at p */
      char *stop = NULL;
      double v = g_ascii_strtod (start, &stop);

      if (stop != p || !isfinite (v))
        return FALSE;
      out->type = ZX_VALUE_REAL;
      out->v.d = v;
    }
  r->p = p;
  return TRUE;
}

/* A string, number, true, false or null */
static gboolean
read_scalar (Reader  *r,
             ZxValue *out)
{
  switch (peek (r))
    {
    case '"':
      {
        char *s;
        gsize len;

        if (!read_string (r, &s, &len))
          return FALSE;
        out->type = ZX_VALUE_TEXT;
        out->v.text.s = s;
        out->v.text.len = len;
        return TRUE;
      }
    case 't':
      out->type = ZX_VALUE_BOOL;
      out->v.b = TRUE;
      return take_word (r, "true");
    case 'f':
      out->type = ZX_VALUE_BOOL;
      out->v.b = FALSE;
      return take_word (r, "false");
    case 'n':
      out->type = ZX_VALUE_NULL;
      return take_word (r, "null");
    default:
      return read_number (r, out);
    }
}

/* Passes over a string without changing it */
static gboolean
skip_string (Reader *r)
{
  if (!take (r, '"'))
    return FALSE;
  for (char *p = r->p; p < r->end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        {
          r->p = p + 1;
          return TRUE;
        }
      else if ((guchar) *p < 0x20)
        return FALSE;
    }
  return FALSE;
}

/* Passes over any value without changing it (a member this reader does not
 * know, or rows to read once their columns are known) */
static gboolean
skip_value (Reader *r,
            guint   depth)
{
  char open = peek (r);
  char close = open == '[' ? ']' : '}';

  if (open == '"')
    return skip_string (r);
  if (open != '[' && open != '{')
    {
      ZxValue ignored;

      return read_scalar (r, &ignored);
    }
  if (depth >= MAX_SKIP_DEPTH)
    return FALSE;
  r->p++;
  if (take (r, close))
    return TRUE;
  do
    {
      if (open == '{' && (!skip_string (r) || !take (r, ':')))
        return FALSE;
      if (!skip_value (r, depth + 1))
        return FALSE;
    }
  while (take (r, ','));
  return take (r, close);
}

/* The page ------------------------------------------------------------------- */

static gboolean
invalid (Decoder    *d,
         const char *member)
{
  if (d->error != NULL && *d->error == NULL)
    g_set_error (d->error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                 _("The server’s answer has no valid “%s”."), member);
  return FALSE;
}

static gboolean
invalid_row (Decoder    *d,
             const char *message)
{
  g_set_error (d->error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
               _("Row %u of the server’s answer is not valid: %s"), d->row_number, message);
  return FALSE;
}

static gboolean
envelope_text (Decoder       *d,
               const ZxValue *value,
               const char    *name,
               gsize          max)
{
  g_autofree char *message = NULL;

  if (value->type == ZX_VALUE_TEXT && value->v.text.len > 0 && value->v.text.len <= max)
    return TRUE;
  message = g_strdup_printf (_("“%s” is missing or not valid text."), name);
  return invalid_row (d, message);
}

/* One value of a row, checked and put in its slot */
static gboolean
check_value (Decoder        *d,
             const ZxEntity *entity,
             int             slot,
             const ZxValue  *value)
{
  g_autofree char *message = NULL;
  guint nf = entity->n_fields;

  if (slot == 0)
    return envelope_text (d, value, "id", 64);
  if (slot <= (int) nf)
    {
      g_autoptr(GError) local_error = NULL;

      if (zx_field_check (&entity->fields[slot - 1], value, &local_error))
        return TRUE;
      return invalid_row (d, local_error->message);
    }
  switch (slot - 1 - (int) nf)
    {
    case SLOT_VERSION:
      if (value->type == ZX_VALUE_INT && value->v.i >= 0)
        return TRUE;
      message = g_strdup_printf (_("“%s” must be a whole number of zero or more."), "version");
      return invalid_row (d, message);
    case SLOT_UPDATED_AT:
      if (!envelope_text (d, value, "updated_at", 32))
        return FALSE;
      if (zx_datetime_is_valid (value->v.text.s))
        return TRUE;
      message = g_strdup_printf (_("“%s” must be a time such as 2026-03-31T08:30:00Z."), "updated_at");
      return invalid_row (d, message);
    case SLOT_UPDATED_BY:
      return envelope_text (d, value, "updated_by", 200);
    case SLOT_DELETED:
      if (value->type == ZX_VALUE_BOOL)
        return TRUE;
      message = g_strdup_printf (_("“%s” must be true or false."), "deleted");
      return invalid_row (d, message);
    case SLOT_SCOPE:
    default:
      return envelope_text (d, value, "scope", 64);
    }
}

/* "columns": each name's slot in a row as the store inserts it */
static gboolean
read_columns (Decoder         *d,
              const ZxEntity  *entity,
              GArray          *slots)
{
  static const char * const trailing[N_TRAILING] = { "version", "updated_at", "updated_by", "deleted", "scope" };
  guint width = entity->n_fields + 1 + N_TRAILING;
  g_autofree gboolean *seen = g_new0 (gboolean, width);
  gboolean closed;

  if (!take (&d->r, '['))
    return invalid (d, "columns");
  closed = take (&d->r, ']');
  if (!closed)
    do
      {
        char *name;
        gsize len;
        int slot = -1;

        if (!read_string (&d->r, &name, &len))
          return invalid (d, "columns");
        if (g_str_equal (name, "id"))
          slot = 0;
        for (guint i = 0; slot < 0 && i < N_TRAILING; i++)
          if (g_str_equal (name, trailing[i]))
            slot = (int) (entity->n_fields + 1 + i);
        for (guint i = 0; slot < 0 && i < entity->n_fields; i++)
          if (g_str_equal (name, entity->fields[i].name))
            slot = (int) (1 + i);
        if (slot < 0)
          {
            g_set_error (d->error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                         _("A %s has no field “%s”."), g_dgettext (GETTEXT_PACKAGE, entity->label), name);
            return FALSE;
          }
        if (seen[slot] || slots->len >= width)
          return invalid (d, "columns");
        seen[slot] = TRUE;
        g_array_append_val (slots, slot);
      }
    while (take (&d->r, ','));
  if (!closed && !take (&d->r, ']'))
    return invalid (d, "columns");

  /* the envelope is in every table; a field left out is null */
  if (!seen[0])
    return invalid (d, "id");
  for (guint i = 0; i < N_TRAILING; i++)
    if (!seen[entity->n_fields + 1 + i])
      return invalid (d, trailing[i]);
  return TRUE;
}

/* "rows": arrays of values in the order of "columns" */
static gboolean
read_rows (Decoder        *d,
           const ZxEntity *entity,
           GArray         *slots,
           guint          *out_rows)
{
  guint width = entity->n_fields + 1 + N_TRAILING;
  guint n = 0;

  if (!take (&d->r, '['))
    return invalid (d, "rows");
  if (take (&d->r, ']'))
    {
      *out_rows = 0;
      return TRUE;
    }
  do
    {
      guint at = d->page->values->len;
      ZxValue *row;
      guint k = 0;
      gboolean closed;

      d->row_number++;
      g_array_set_size (d->page->values, at + width);   /* cleared: ZX_VALUE_NULL */
      if (!take (&d->r, '['))
        return invalid_row (d, _("A row must be a JSON array."));
      closed = take (&d->r, ']');
      if (!closed)
        do
          {
            ZxValue value;

            if (k >= slots->len || !read_scalar (&d->r, &value))
              return invalid_row (d, _("A row must have one value for each column."));
            row = &g_array_index (d->page->values, ZxValue, at);
            if (!check_value (d, entity, g_array_index (slots, int, k), &value))
              return FALSE;
            row[g_array_index (slots, int, k)] = value;
            k++;
          }
        while (take (&d->r, ','));
      if (k != slots->len || (!closed && !take (&d->r, ']')))
        return invalid_row (d, _("A row must have one value for each column."));

      row = &g_array_index (d->page->values, ZxValue, at);
      for (guint i = 0; i < entity->n_fields; i++)
        if ((entity->fields[i].flags & ZX_FIELD_FLAG_REQUIRED) && row[1 + i].type == ZX_VALUE_NULL)
          {
            g_autofree char *message = g_strdup_printf (_("%s is required."),
                                                        g_dgettext (GETTEXT_PACKAGE, entity->fields[i].label));

            return invalid_row (d, message);
          }
      n++;
    }
  while (take (&d->r, ','));
  if (!take (&d->r, ']'))
    return invalid (d, "rows");
  *out_rows = n;
  return TRUE;
}

/* One member of "tables": {"entity", "columns", "rows"}, in any order */
static gboolean
read_table (Decoder *d)
{
  const ZxEntity *entity = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean have_columns = FALSE;
  char *rows_at = NULL, *columns_at = NULL;
  gboolean rows_later = FALSE;
  ZxReplicaTable table = { 0 };
  guint offset = d->page->values->len;
  gboolean closed;

  if (!take (&d->r, '{'))
    return invalid (d, "tables");
  closed = take (&d->r, '}');
  if (!closed)
    do
      {
        char *key;
        gsize len;

        if (!read_string (&d->r, &key, &len) || !take (&d->r, ':'))
          return invalid (d, "tables");
        if (g_str_equal (key, "entity"))
          {
            char *name;

            if (!read_string (&d->r, &name, &len))
              return invalid (d, "entity");
            entity = zx_schema_lookup (name);
            if (entity == NULL)
              {
                g_set_error (d->error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                             _("Unknown kind of data “%s”."), name);
                return FALSE;
              }
          }
        else if (g_str_equal (key, "columns"))
          {
            /* columns before the entity are read when it is known */
            columns_at = d->r.p;
            if (entity != NULL)
              {
                if (!read_columns (d, entity, slots))
                  return FALSE;
                have_columns = TRUE;
              }
            else if (!skip_value (&d->r, 0))
              return invalid (d, "columns");
          }
        else if (g_str_equal (key, "rows"))
          {
            /* the rows wait for the columns if they come first */
            rows_at = d->r.p;
            if (have_columns)
              {
                if (!read_rows (d, entity, slots, &table.n_rows))
                  return FALSE;
              }
            else if (!skip_value (&d->r, 0))
              return invalid (d, "rows");
            else
              rows_later = TRUE;
          }
        else if (!skip_value (&d->r, 0))
          return invalid (d, "tables");
      }
    while (take (&d->r, ','));
  if (!closed && !take (&d->r, '}'))
    return invalid (d, "tables");

  if (entity == NULL)
    return invalid (d, "entity");
  if (columns_at == NULL)
    return invalid (d, "columns");
  if (rows_at == NULL)
    return invalid (d, "rows");
  if (!have_columns || rows_later)
    {
      /* what came before what it needs is read now (a skipped value was
       * left as it was) */
      Reader saved = d->r;

      if (!have_columns)
        {
          d->r.p = columns_at;
          if (!read_columns (d, entity, slots))
            return FALSE;
        }
      d->r.p = rows_at;
      if (!read_rows (d, entity, slots, &table.n_rows))
        return FALSE;
      d->r = saved;
    }

  table.entity = entity;
  d->page->n_rows += table.n_rows;
  g_array_append_val (d->page->tables, table);
  g_array_append_val (d->offsets, offset);
  return TRUE;
}

ZxBootstrapPage *
zx_sync_decode_bootstrap (const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(ZxBootstrapPage) page = g_new0 (ZxBootstrapPage, 1);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) local_error = NULL;
  gboolean have_tables = FALSE, have_more = FALSE, have_cursor = FALSE, closed;
  Decoder d = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!zx_json_check (data ? data : "", length, &zx_sync_answer_limits, &local_error))
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                   _("The server’s answer could not be understood (%s). Is the address that of a Zhixing server?"),
                   local_error->message);
      return NULL;
    }

  page->buffer = g_malloc (length + 1);
  if (length > 0)
    memcpy (page->buffer, data, length);
  page->buffer[length] = '\0';
  page->tables = g_array_new (FALSE, FALSE, sizeof (ZxReplicaTable));
  page->values = g_array_new (FALSE, TRUE, sizeof (ZxValue));
  page->total = -1;
  d.r.p = page->buffer;
  d.r.end = page->buffer + length;
  d.page = page;
  d.offsets = offsets;
  d.error = &local_error;

  if (!take (&d.r, '{'))
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                   _("The server’s answer could not be understood (%s). Is the address that of a Zhixing server?"),
                   _("not a JSON object"));
      return NULL;
    }
  closed = take (&d.r, '}');
  if (!closed)
    do
      {
        char *key;
        gsize len;
        ZxValue value;
        gboolean ok = TRUE;

        if (!read_string (&d.r, &key, &len) || !take (&d.r, ':'))
          {
            invalid (&d, "tables");
            break;
          }
        if (g_str_equal (key, "tables"))
          {
            have_tables = TRUE;
            if (!take (&d.r, '['))
              ok = invalid (&d, "tables");
            else if (!take (&d.r, ']'))
              {
                do
                  ok = read_table (&d);
                while (ok && take (&d.r, ','));
                if (ok && !take (&d.r, ']'))
                  ok = invalid (&d, "tables");
              }
          }
        else if (g_str_equal (key, "next"))
          {
            if (!read_scalar (&d.r, &value) ||
                (value.type != ZX_VALUE_NULL && (value.type != ZX_VALUE_TEXT || value.v.text.len == 0)))
              ok = invalid (&d, "next");
            else if (value.type == ZX_VALUE_TEXT)
              page->next = g_strndup (value.v.text.s, value.v.text.len);
          }
        else if (g_str_equal (key, "has_more"))
          {
            have_more = TRUE;
            if (!read_scalar (&d.r, &value) || value.type != ZX_VALUE_BOOL)
              ok = invalid (&d, "has_more");
            else
              page->has_more = value.v.b;
          }
        else if (g_str_equal (key, "cursor") || g_str_equal (key, "total"))
          {
            gboolean is_cursor = g_str_equal (key, "cursor");

            if (!read_scalar (&d.r, &value) || value.type != ZX_VALUE_INT || value.v.i < 0)
              ok = invalid (&d, is_cursor ? "cursor" : "total");
            else if (is_cursor)
              {
                have_cursor = TRUE;
                page->cursor = value.v.i;
              }
            else
              page->total = value.v.i;
          }
        else if (!skip_value (&d.r, 0))
          ok = invalid (&d, key);
        if (!ok)
          break;
      }
    while (take (&d.r, ','));

  if (local_error == NULL && ((!closed && !take (&d.r, '}')) || peek (&d.r) != '\0' || d.r.p != d.r.end))
    invalid (&d, "tables");
  if (local_error == NULL && !have_tables)
    invalid (&d, "tables");
  if (local_error == NULL && !have_cursor)
    invalid (&d, "cursor");
  if (local_error == NULL && !have_more)
    invalid (&d, "has_more");
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* the values are where they will stay: point the tables at them */
  for (guint i = 0; i < page->tables->len && page->values->len > 0; i++)
    g_array_index (page->tables, ZxReplicaTable, i).values =
      &g_array_index (page->values, ZxValue, g_array_index (offsets, guint, i));
  return g_steal_pointer (&page);
}
