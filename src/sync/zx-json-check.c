/* zx-json-check.c — the strict pre-scan every untrusted JSON document passes
 *
 * json-glib 1.6 crashes on deep nesting, turns 1e400 into infinity, wraps
 * integers past 2^63, cuts strings at \u0000 and accepts comments, single
 * quotes and duplicate keys.  This scanner reads the whole document once,
 * without recursion (an explicit stack bounded by the depth limit), and
 * refuses all of that before json-glib sees a byte.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-json-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "zx-json-check.h"

G_DEFINE_QUARK (zx-json-check-error-quark, zx_json_check_error)

#define DEFAULT_MAX_BYTES        (1024 * 1024)
#define DEFAULT_MAX_DEPTH        32
#define DEFAULT_MAX_STRING_BYTES (1024 * 1024)
#define MAX_SAFE_INTEGER         G_GINT64_CONSTANT (9007199254740991)

typedef struct
{
  const guchar *start;
  const guchar *p;
  const guchar *end;
  guint         max_string;
  GError      **error;
} Scanner;

typedef struct
{
  gboolean    is_object;
  GHashTable *keys;   /* created at the second key */
  const char *first_key;
  gsize       first_key_len;
} Level;

static void
position (Scanner *s,
          guint   *line,
          guint   *column)
{
  *line = 1;
  *column = 1;
  for (const guchar *q = s->start; q < s->p && q < s->end; q++)
    {
      if (*q == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if ((*q & 0xc0) != 0x80)
        (*column)++;
    }
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Scanner    *s,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  position (s, &line, &column);
  /* Translators: “Line 3, column 14: a comma or a closing bracket was expected” */
  g_set_error (s->error, ZX_JSON_CHECK_ERROR, code, _("Line %u, column %u: %s."), line, column, what);
  return FALSE;
}

static inline void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Scanner *s,
           guint   *out)
{
  guint v = 0;

  if (s->end - s->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (s->p[i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | (guint) h;
    }
  s->p += 4;
  *out = v;
  return TRUE;
}

/* Validates the UTF-8 sequence at s->p, moves past it */
static gboolean
skip_utf8 (Scanner *s)
{
  const gchar *next;
  gunichar c;

  c = g_utf8_get_char_validated ((const gchar *) s->p, s->end - s->p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return fail (s, ZX_JSON_CHECK_ERROR_ENCODING, _("the text is not valid UTF-8"));
  next = g_utf8_next_char ((const gchar *) s->p);
  s->p = (const guchar *) next;
  return TRUE;
}

/* At the opening quote; leaves s->p after the closing one */
static gboolean
scan_string (Scanner *s)
{
  const guchar *begin = s->p;

  s->p++;
  for (;;)
    {
      guchar c;

      if (s->p >= s->end)
        return fail (s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a text value is not closed"));

      if ((gsize) (s->p - begin) > s->max_string)
        return fail (s, ZX_JSON_CHECK_ERROR_STRING, _("a text value is longer than %u bytes"), s->max_string);

      c = *s->p;
      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        {
          if (c == 0)
            return fail (s, ZX_JSON_CHECK_ERROR_STRING, _("a text value contains a NUL character"));
          return fail (s, ZX_JSON_CHECK_ERROR_STRING, _("a text value contains a raw control character"));
        }
      if (c == '\\')
        {
          s->p++;
          if (s->p >= s->end)
            return fail (s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a text value is not closed"));
          switch (*s->p)
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              s->p++;
              break;

            case 'u':
              {
                guint u;

                s->p++;
                if (!read_hex4 (s, &u))
                  return fail (s, ZX_JSON_CHECK_ERROR_STRING, _("a \\u escape needs four hexadecimal digits"));
                if (u == 0)
                  return fail (s, ZX_JSON_CHECK_ERROR_STRING, _("a text value contains a NUL character"));
                if (u >= 0xdc00 && u <= 0xdfff)
                  return fail (s, ZX_JSON_CHECK_ERROR_STRING, _("a text value contains a lone surrogate"));
                if (u >= 0xd800 && u <= 0xdbff)
                  {
                    guint low;

                    if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u')
                      return fail (s, ZX_JSON_CHECK_ERROR_STRING, _("a text value contains a lone surrogate"));
                    s->p += 2;
                    if (!read_hex4 (s, &low) || low < 0xdc00 || low > 0xdfff)
                      return fail (s, ZX_JSON_CHECK_ERROR_STRING, _("a text value contains a lone surrogate"));
                  }
                break;
              }

            default:
              return fail (s, ZX_JSON_CHECK_ERROR_STRING, _("a text value contains an unknown escape"));
            }
          continue;
        }
      if (c < 0x80)
        {
          s->p++;
          continue;
        }
      if (!skip_utf8 (s))
        return FALSE;
    }
}

static gboolean
scan_number (Scanner *s)
{
  const guchar *begin = s->p;
  gboolean is_integer = TRUE;
  char buf[64];
  gsize len;

  if (*s->p == '-')
    s->p++;

  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return fail (s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a number is malformed"));

  if (*s->p == '0')
    {
      s->p++;
      if (s->p < s->end && g_ascii_isdigit (*s->p))
        return fail (s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a number starts with a zero"));
    }
  else
    while (s->p < s->end && g_ascii_isdigit (*s->p))
      s->p++;

  if (s->p < s->end && *s->p == '.')
    {
      is_integer = FALSE;
      s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return fail (s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a number is malformed"));
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      is_integer = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return fail (s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a number is malformed"));
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  len = s->p - begin;
  if (len >= sizeof buf)
    {
      s->p = begin;
      return fail (s, ZX_JSON_CHECK_ERROR_NUMBER, _("numbers this long are not supported"));
    }
  memcpy (buf, begin, len);
  buf[len] = '\0';

  if (is_integer)
    {
      gint64 v;
      char *endp;

      errno = 0;
      v = g_ascii_strtoll (buf, &endp, 10);
      if (errno != 0 || v > MAX_SAFE_INTEGER || v < -MAX_SAFE_INTEGER)
        {
          s->p = begin;
          return fail (s, ZX_JSON_CHECK_ERROR_NUMBER, _("numbers this large are not supported"));
        }
    }
  else
    {
      double v = g_ascii_strtod (buf, NULL);

      if (!isfinite (v))
        {
          s->p = begin;
          return fail (s, ZX_JSON_CHECK_ERROR_NUMBER, _("numbers this large are not supported"));
        }
    }

  return TRUE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return fail (s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a value was expected"));
  s->p += len;
  return TRUE;
}

static gboolean
add_key (Scanner     *s,
         Level       *level,
         const guchar *key,
         gsize        len)
{
  g_autofree char *copy = NULL;

  if (level->first_key == NULL)
    {
      level->first_key = (const char *) key;
      level->first_key_len = len;
      return TRUE;
    }

  if (level->keys == NULL)
    {
      level->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (level->keys, g_strndup (level->first_key, level->first_key_len));
    }

  copy = g_strndup ((const char *) key, len);
  if (g_hash_table_contains (level->keys, copy))
    {
      s->p = key;
      return fail (s, ZX_JSON_CHECK_ERROR_DUPLICATE_KEY, _("the key %s appears twice in the same object"), copy);
    }
  g_hash_table_add (level->keys, g_steal_pointer (&copy));
  return TRUE;
}

static void
level_clear (Level *level)
{
  g_clear_pointer (&level->keys, g_hash_table_unref);
  level->first_key = NULL;
  level->first_key_len = 0;
}

gboolean
zx_json_check (const char          *data,
               gsize                length,
               const ZxJsonLimits  *limits,
               GError             **error)
{
  gsize max_bytes = limits && limits->max_bytes ? limits->max_bytes : DEFAULT_MAX_BYTES;
  guint max_depth = limits && limits->max_depth ? limits->max_depth : DEFAULT_MAX_DEPTH;
  Scanner s;
  g_autofree Level *stack = NULL;
  guint depth = 0;
  gboolean ok = FALSE;
  /* What the grammar allows next */
  enum { VALUE, KEY_OR_CLOSE, KEY, COLON, COMMA_OR_CLOSE, VALUE_OR_CLOSE } expect = VALUE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length > max_bytes)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_TOO_LARGE,
                   _("The data is too large (%s; at most %s)."), size, limit);
      return FALSE;
    }

  s.start = s.p = (const guchar *) data;
  s.end = s.start + length;
  s.max_string = limits && limits->max_string_bytes ? limits->max_string_bytes : DEFAULT_MAX_STRING_BYTES;
  s.error = error;

  stack = g_new0 (Level, max_depth + 1);

  skip_space (&s);
  if (s.p >= s.end)
    {
      g_set_error (error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_SYNTAX, _("The data is empty."));
      return FALSE;
    }

  for (;;)
    {
      guchar c;

      skip_space (&s);
      if (s.p >= s.end)
        {
          fail (&s, ZX_JSON_CHECK_ERROR_SYNTAX, _("the data ends too early"));
          goto out;
        }
      c = *s.p;

      switch (expect)
        {
        case KEY_OR_CLOSE:
        case COMMA_OR_CLOSE:
          if ((c == '}' && stack[depth - 1].is_object) || (c == ']' && !stack[depth - 1].is_object))
            {
              s.p++;
              level_clear (&stack[--depth]);
              expect = COMMA_OR_CLOSE;
              goto after_value;
            }
          if (expect == COMMA_OR_CLOSE)
            {
              if (c != ',')
                {
                  fail (&s, ZX_JSON_CHECK_ERROR_SYNTAX,
                        stack[depth - 1].is_object ? _("a comma or a closing brace was expected")
                                                   : _("a comma or a closing bracket was expected"));
                  goto out;
                }
              s.p++;
              expect = stack[depth - 1].is_object ? KEY : VALUE;
              continue;
            }
          G_GNUC_FALLTHROUGH;

        case KEY:
          if (c != '"')
            {
              fail (&s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a key in double quotes was expected"));
              goto out;
            }
          {
            const guchar *key = s.p;

            if (!scan_string (&s) || !add_key (&s, &stack[depth - 1], key, s.p - key))
              goto out;
          }
          expect = COLON;
          continue;

        case COLON:
          if (c != ':')
            {
              fail (&s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a colon was expected"));
              goto out;
            }
          s.p++;
          expect = VALUE;
          continue;

        case VALUE_OR_CLOSE:
          if (c == ']')
            {
              s.p++;
              level_clear (&stack[--depth]);
              expect = COMMA_OR_CLOSE;
              goto after_value;
            }
          G_GNUC_FALLTHROUGH;

        case VALUE:
        default:
          if (c == '{' || c == '[')
            {
              if (depth >= max_depth)
                {
                  fail (&s, ZX_JSON_CHECK_ERROR_TOO_DEEP, _("the data is nested more than %u levels deep"), max_depth);
                  goto out;
                }
              stack[depth].is_object = c == '{';
              depth++;
              s.p++;
              expect = c == '{' ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
              continue;
            }

          if (c == '"')
            {
              if (!scan_string (&s))
                goto out;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (&s))
                goto out;
            }
          else if (c == 't')
            {
              if (!scan_literal (&s, "true"))
                goto out;
            }
          else if (c == 'f')
            {
              if (!scan_literal (&s, "false"))
                goto out;
            }
          else if (c == 'n')
            {
              if (!scan_literal (&s, "null"))
                goto out;
            }
          else
            {
              if (c == '/')
                fail (&s, ZX_JSON_CHECK_ERROR_SYNTAX, _("comments are not allowed"));
              else if (c == '\'')
                fail (&s, ZX_JSON_CHECK_ERROR_SYNTAX, _("text must be in double quotes"));
              else if (c == ']' || c == '}')
                fail (&s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a value was expected (trailing commas are not allowed)"));
              else
                fail (&s, ZX_JSON_CHECK_ERROR_SYNTAX, _("a value was expected"));
              goto out;
            }
          expect = COMMA_OR_CLOSE;
          goto after_value;
        }

    after_value:
      if (depth == 0)
        {
          skip_space (&s);
          if (s.p < s.end)
            {
              fail (&s, ZX_JSON_CHECK_ERROR_SYNTAX, _("there is more after the end of the data"));
              goto out;
            }
          ok = TRUE;
          goto out;
        }
    }

out:
  for (guint i = 0; i < depth; i++)
    level_clear (&stack[i]);
  return ok;
}
