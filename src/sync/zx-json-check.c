/* zx-json-check.c — the strict pre-scan every untrusted JSON document passes
 *
 * json-glib 1.6 crashes on deep nesting, turns 1e400 into infinity (and
 * writes it back as invalid JSON), wraps integers past 2^63, cuts strings
 * at \u0000 and accepts comments, single quotes and duplicate keys.  This
 * scanner reads the whole document once, as strict RFC 8259, and refuses
 * all of that before json-glib sees a byte.
 *
 * It is a state machine over a byte pointer: no recursion, and the stack
 * of open arrays and objects never grows past the depth limit.  The keys
 * of the open objects live on one shared array (each object owns the
 * stretch from its key_base up), so small objects cost no allocation;
 * an object with more than SMALL_OBJECT keys gets a hash table of its
 * own, made when it needs one and freed when it closes.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-json-check"

#include "config.h"

/* gi18n-lib.h, like the rest of src/sync and src/core: _() is bound to
 * GETTEXT_PACKAGE, so the messages are translated in any program that
 * links this library, whatever its text domain. */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "zx-json-check.h"

G_DEFINE_QUARK (zx-json-check-error-quark, zx_json_check_error)

#define DEFAULT_MAX_BYTES        (1024 * 1024)
#define DEFAULT_MAX_DEPTH        32
#define DEFAULT_MAX_STRING_BYTES (1024 * 1024)

#define MAX_SAFE_INTEGER         G_GUINT64_CONSTANT (9007199254740991)  /* 2^53 − 1 */
#define MAX_SAFE_INTEGER_DIGITS  16

/* An object's keys are compared one by one up to this many, then hashed */
#define SMALL_OBJECT             32

/* How much of a duplicate key the message shows, in characters */
#define KEY_SHOWN                40

typedef struct
{
  const char *data;   /* in the document, or in Scan.decoded when it had escapes */
  gsize       len;
} KeyRef;

typedef struct
{
  gboolean    is_object;
  guint       n_keys;
  guint       key_base;      /* this object's keys start here in Scan.keys … */
  guint       decoded_base;  /* … and its unescaped keys here in Scan.decoded */
  GHashTable *key_set;       /* NULL until it has more than SMALL_OBJECT keys */
} Level;

typedef struct
{
  const guchar *start;
  const guchar *end;
  guint         max_string;
  guint         max_depth;
  GError      **error;

  /* Where the problem is, for the message */
  guint         line;
  guint         column;

  Level        *stack;
  guint         depth;
  guint         stack_size;

  GArray       *keys;        /* KeyRef of the open small objects, innermost last */
  GPtrArray    *decoded;     /* unescaped copies of keys that had escapes */
} Scan;

/* Sets s->line and s->column to where @at is, as a person counts them:
 * lines from 1, columns from 1 in characters (the text before @at has
 * been checked to be UTF-8).  Only runs when there is an error. */
static void
locate (Scan         *s,
        const guchar *at)
{
  s->line = 1;
  s->column = 1;
  for (const guchar *q = s->start; q < at && q < s->end; q++)
    {
      if (*q == '\n')
        {
          s->line++;
          s->column = 1;
        }
      else if ((*q & 0xc0) != 0x80)
        s->column++;
    }
}

/* Sets the error from a translated format that starts with the line and
 * column of @at, and is FALSE.  The format is checked by -Wformat. */
#define FAIL(s, at, code, format, ...)                                       \
  ({                                                                         \
    locate ((s), (at));                                                      \
    g_set_error ((s)->error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_##code, \
                 (format), (s)->line, (s)->column, ##__VA_ARGS__);           \
    FALSE;                                                                   \
  })

static inline gboolean
is_digit (guchar c)
{
  return (guchar) (c - '0') < 10;
}

static inline gboolean
is_continuation (guchar c)
{
  return (c & 0xc0) == 0x80;
}

/* The length of the well-formed UTF-8 sequence at @p whose first byte is
 * not ASCII, or 0: no overlong forms, no surrogates, nothing past U+10FFFF. */
static inline gsize
utf8_sequence (const guchar *p,
               const guchar *end)
{
  guchar c = p[0];
  gsize avail = end - p;

  if (c < 0xc2)
    return 0;

  if (c < 0xe0)
    return avail >= 2 && is_continuation (p[1]) ? 2 : 0;

  if (c < 0xf0)
    {
      guchar lo = c == 0xe0 ? 0xa0 : 0x80;
      guchar hi = c == 0xed ? 0x9f : 0xbf;

      return avail >= 3 && p[1] >= lo && p[1] <= hi && is_continuation (p[2]) ? 3 : 0;
    }

  if (c < 0xf5)
    {
      guchar lo = c == 0xf0 ? 0x90 : 0x80;
      guchar hi = c == 0xf4 ? 0x8f : 0xbf;

      return avail >= 4 && p[1] >= lo && p[1] <= hi &&
             is_continuation (p[2]) && is_continuation (p[3]) ? 4 : 0;
    }

  return 0;
}

/* Before a syntax error at @p: if what stands there is not even UTF-8,
 * says that instead (ENCODING) and is TRUE. */
static gboolean
bad_encoding_at (Scan         *s,
                 const guchar *p)
{
  if (p < s->end && *p >= 0x80 && utf8_sequence (p, s->end) == 0)
    {
      /* Translators: every message of the JSON check starts with the line and the
       * column (both counted from 1) where the problem is: keep the two %u first */
      FAIL (s, p, ENCODING, _("Line %u, column %u: the data is not valid UTF-8 text."));
      return TRUE;
    }
  return FALSE;
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* The four hex digits at @p (at least four bytes), or -1 */
static inline int
hex4 (const guchar *p)
{
  int a = hex_value (p[0]), b = hex_value (p[1]), c = hex_value (p[2]), d = hex_value (p[3]);

  if ((a | b | c | d) < 0)
    return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}

static inline gsize
utf8_length (gunichar u)
{
  return u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0x10000 ? 3 : 4;
}

/* *pp is at the opening quote; moves it past the closing one.  Sets
 * *has_escapes when the string contains a backslash. */
static gboolean
scan_string (Scan          *s,
             const guchar **pp,
             gboolean      *has_escapes)
{
  const guchar *begin = *pp;
  const guchar *p = begin + 1;
  const guchar *end = s->end;
  gsize saved = 0;  /* bytes the escapes take beyond what they stand for */

  *has_escapes = FALSE;

  for (;;)
    {
      guchar c;

      /* The common case: printable ASCII other than " and \ */
      while (p < end && (guchar) (*p - 0x20) < 0x60 && *p != '"' && *p != '\\')
        p++;

      if (p >= end)
        return FAIL (s, begin, SYNTAX,
                     _("Line %u, column %u: the text that starts here has no closing double quote."));

      c = *p;
      if (c == '"')
        break;

      if (c == '\\')
        {
          *has_escapes = TRUE;
          if (end - p < 2)
            return FAIL (s, begin, SYNTAX,
                         _("Line %u, column %u: the text that starts here has no closing double quote."));

          switch (p[1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              p += 2;
              saved += 1;
              break;

            case 'u':
              {
                int u = end - p >= 6 ? hex4 (p + 2) : -1;

                if (u < 0)
                  return FAIL (s, p, STRING,
                               _("Line %u, column %u: “\\u” must be followed by four hexadecimal digits."));
                if (u == 0)
                  return FAIL (s, p, STRING,
                               _("Line %u, column %u: the text contains a NUL character (\\u0000), which is not allowed."));
                if (u >= 0xdc00 && u <= 0xdfff)
                  return FAIL (s, p, STRING,
                               _("Line %u, column %u: this \\u escape is half of a character pair and the other half is missing."));
                if (u >= 0xd800 && u <= 0xdbff)
                  {
                    int low = end - p >= 12 && p[6] == '\\' && p[7] == 'u' ? hex4 (p + 8) : -1;

                    if (low < 0xdc00 || low > 0xdfff)
                      return FAIL (s, p, STRING,
                                   _("Line %u, column %u: this \\u escape is half of a character pair and the other half is missing."));
                    p += 12;
                    saved += 12 - 4;
                  }
                else
                  {
                    p += 6;
                    saved += 6 - utf8_length ((gunichar) u);
                  }
                break;
              }

            default:
              return FAIL (s, p, STRING,
                           _("Line %u, column %u: this backslash does not start a valid escape; "
                             "write \\\\ for a backslash."));
            }
          continue;
        }

      if (c < 0x20)
        {
          if (c == 0)
            return FAIL (s, p, STRING,
                         _("Line %u, column %u: the text contains a NUL character, which is not allowed."));
          return FAIL (s, p, STRING,
                       _("Line %u, column %u: the text contains a control character such as a tab or "
                         "a line break; write it as an escape like \\t or \\n."));
        }

      /* c >= 0x80 */
      {
        gsize n = utf8_sequence (p, end);

        if (n == 0)
          return FAIL (s, p, ENCODING, _("Line %u, column %u: the data is not valid UTF-8 text."));
        p += n;
      }
    }

  if ((gsize) (p - begin - 1) - saved > s->max_string)
    return FAIL (s, begin, STRING,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Line %u, column %u: this text is longer than %u byte.",
                              "Line %u, column %u: this text is longer than %u bytes.",
                              s->max_string),
                 s->max_string);

  *pp = p + 1;
  return TRUE;
}

/* *pp is at a '-' or a digit; moves it past the number. */
static gboolean
scan_number (Scan          *s,
             const guchar **pp)
{
  const guchar *begin = *pp;
  const guchar *p = begin;
  const guchar *end = s->end;
  const guchar *int_start;
  gsize int_digits;
  gboolean fraction = FALSE;
  gboolean exponent = FALSE;
  gint64 exp_value = 0;
  gint64 bound;

  if (*p == '-')
    p++;

  if (p >= end || !is_digit (*p))
    {
      if (p < end && (*p == 'I' || *p == 'N'))
        return FAIL (s, begin, SYNTAX,
                     _("Line %u, column %u: NaN and Infinity are not numbers JSON allows."));
      if (p < end && *p == '.')
        return FAIL (s, begin, SYNTAX,
                     _("Line %u, column %u: a number must start with a digit; write 0.5, not .5."));
      return FAIL (s, begin, SYNTAX, _("Line %u, column %u: this number is incomplete or malformed."));
    }

  int_start = p;
  if (*p == '0')
    {
      p++;
      if (p < end && is_digit (*p))
        return FAIL (s, begin, SYNTAX,
                     _("Line %u, column %u: a number must not start with 0 followed by more digits."));
    }
  else
    while (p < end && is_digit (*p))
      p++;
  int_digits = p - int_start;

  if (p < end && *p == '.')
    {
      fraction = TRUE;
      p++;
      if (p >= end || !is_digit (*p))
        return FAIL (s, begin, SYNTAX, _("Line %u, column %u: this number is incomplete or malformed."));
      while (p < end && is_digit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean negative = FALSE;

      exponent = TRUE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        negative = *p++ == '-';
      if (p >= end || !is_digit (*p))
        return FAIL (s, begin, SYNTAX, _("Line %u, column %u: this number is incomplete or malformed."));
      for (; p < end && is_digit (*p); p++)
        if (exp_value < 1000000000)  /* anything this large is decided below anyway */
          exp_value = exp_value * 10 + (*p - '0');
      if (negative)
        exp_value = -exp_value;
    }

  *pp = p;

  if (!fraction && !exponent)
    {
      /* An integer: json-glib reads it as gint64, JavaScript as a double;
       * only ±(2^53 − 1) survives both.  No leading zeros, so the number
       * of digits tells its size. */
      guint64 v = 0;

      if (int_digits > MAX_SAFE_INTEGER_DIGITS)
        return FAIL (s, begin, NUMBER,
                     _("Line %u, column %u: numbers this large are not supported; whole numbers can be "
                       "at most 9007199254740991."));
      for (const guchar *q = int_start; q < int_start + int_digits; q++)
        v = v * 10 + (*q - '0');
      if (v > MAX_SAFE_INTEGER)
        return FAIL (s, begin, NUMBER,
                     _("Line %u, column %u: numbers this large are not supported; whole numbers can be "
                       "at most 9007199254740991."));
      return TRUE;
    }

  /* Anything else must be a finite double.  Its magnitude is below
   * 10^bound, and 10^308 < DBL_MAX, so most numbers need no conversion;
   * the rest are converted exactly as json-glib will. */
  bound = (int_digits == 1 && *int_start == '0') ? 0 : (gint64) int_digits;
  bound += exp_value;
  if (bound > 308)
    {
      gsize len = p - begin;
      char small[64];
      g_autofree char *large = NULL;
      char *copy;
      double v;

      /* The document need not end in a NUL, so convert a copy */
      if (len < sizeof small)
        {
          memcpy (small, begin, len);
          small[len] = '\0';
          copy = small;
        }
      else
        copy = large = g_strndup ((const char *) begin, len);

      v = g_ascii_strtod (copy, NULL);
      if (!isfinite (v))
        return FAIL (s, begin, NUMBER,
                     _("Line %u, column %u: numbers this large are not supported."));
    }

  return TRUE;
}

/* The raw string between the quotes at @raw, @raw_len bytes, already
 * checked by scan_string(), with its escapes replaced: a new string. */
static char *
unescape (const guchar *raw,
          gsize         raw_len,
          gsize        *out_len)
{
  char *out = g_malloc (raw_len + 1);
  char *o = out;
  const guchar *end = raw + raw_len;

  for (const guchar *p = raw; p < end;)
    {
      gunichar u;

      if (*p != '\\')
        {
          *o++ = (char) *p++;
          continue;
        }

      switch (p[1])
        {
        case 'b': *o++ = '\b'; p += 2; continue;
        case 'f': *o++ = '\f'; p += 2; continue;
        case 'n': *o++ = '\n'; p += 2; continue;
        case 'r': *o++ = '\r'; p += 2; continue;
        case 't': *o++ = '\t'; p += 2; continue;
        case 'u': break;
        default:  *o++ = (char) p[1]; p += 2; continue;
        }

      u = (gunichar) hex4 (p + 2);
      p += 6;
      if (u >= 0xd800 && u <= 0xdbff)
        {
          u = 0x10000 + ((u - 0xd800) << 10) + ((gunichar) hex4 (p + 2) - 0xdc00);
          p += 6;
        }
      o += g_unichar_to_utf8 (u, o);
    }

  *o = '\0';
  *out_len = o - out;
  return out;
}

/* A duplicate key as the message shows it: at most KEY_SHOWN characters,
 * control characters (which an escape may have produced) as spaces. */
static char *
key_for_message (const char *key,
                 gsize       len)
{
  GString *shown = g_string_new (NULL);
  const char *p = key;
  const char *end = key + len;
  guint n = 0;

  for (; p < end && n < KEY_SHOWN; p = g_utf8_next_char (p), n++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_c (shown, ' ');
      else
        g_string_append_len (shown, p, g_utf8_next_char (p) - p);
    }
  if (p < end)
    g_string_append (shown, "…");

  return g_string_free (shown, FALSE);
}

static gboolean
duplicate_key (Scan         *s,
               const guchar *at,
               const char   *key,
               gsize         len)
{
  g_autofree char *shown = key_for_message (key, len);

  return FAIL (s, at, DUPLICATE_KEY,
               /* Translators: %s is the key, cut after 40 characters */
               _("Line %u, column %u: the key “%s” appears twice in the same object."), shown);
}

/* Records the key whose quoted text runs from @quote to @after in the
 * innermost open object, which must not have it already. */
static gboolean
add_key (Scan         *s,
         const guchar *quote,
         const guchar *after,
         gboolean      has_escapes)
{
  Level *level = &s->stack[s->depth - 1];
  const char *key = (const char *) quote + 1;
  gsize len = after - quote - 2;
  char *copy;

  if (has_escapes)
    {
      char *decoded = unescape (quote + 1, len, &len);

      g_ptr_array_add (s->decoded, decoded);
      key = decoded;
    }

  if (level->key_set == NULL)
    {
      /* (an empty GArray's data may be NULL: no pointer arithmetic on it) */
      const KeyRef *refs = level->n_keys > 0 ? &g_array_index (s->keys, KeyRef, level->key_base) : NULL;
      KeyRef ref = { key, len };

      for (guint i = 0; i < level->n_keys; i++)
        if (refs[i].len == len && memcmp (refs[i].data, key, len) == 0)
          return duplicate_key (s, quote, key, len);

      if (level->n_keys < SMALL_OBJECT)
        {
          g_array_append_val (s->keys, ref);
          level->n_keys++;
          return TRUE;
        }

      /* A large object: from now on its keys are hashed */
      level->key_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < level->n_keys; i++)
        g_hash_table_add (level->key_set, g_strndup (refs[i].data, refs[i].len));
      g_array_set_size (s->keys, level->key_base);
    }

  /* Keys hold no NUL (scan_string() refuses it), so they are C strings */
  copy = g_strndup (key, len);
  if (g_hash_table_contains (level->key_set, copy))
    {
      g_free (copy);
      return duplicate_key (s, quote, key, len);
    }
  g_hash_table_add (level->key_set, copy);
  level->n_keys++;
  return TRUE;
}

static void
open_level (Scan     *s,
            gboolean  is_object)
{
  Level *level;

  if (s->depth == s->stack_size)
    {
      s->stack_size = MIN (s->stack_size * 2, s->max_depth);
      s->stack = g_renew (Level, s->stack, s->stack_size);
    }

  level = &s->stack[s->depth++];
  level->is_object = is_object;
  level->n_keys = 0;
  level->key_set = NULL;
  if (is_object)
    {
      if (s->keys == NULL)
        {
          s->keys = g_array_new (FALSE, FALSE, sizeof (KeyRef));
          s->decoded = g_ptr_array_new_with_free_func (g_free);
        }
      level->key_base = s->keys->len;
      level->decoded_base = s->decoded->len;
    }
}

static void
close_level (Scan *s)
{
  Level *level = &s->stack[--s->depth];

  if (level->is_object)
    {
      g_array_set_size (s->keys, level->key_base);
      g_ptr_array_set_size (s->decoded, level->decoded_base);
      g_clear_pointer (&level->key_set, g_hash_table_unref);
    }
}

typedef enum
{
  EXPECT_VALUE,            /* at the top, after a colon or after a comma in an array */
  EXPECT_VALUE_OR_CLOSE,   /* right after [ */
  EXPECT_KEY,              /* after a comma in an object */
  EXPECT_KEY_OR_CLOSE,     /* right after { */
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,   /* after a value */
} Expect;

/* Says what is wrong where a value should start */
static gboolean
not_a_value (Scan         *s,
             const guchar *p,
             gboolean      after_comma)
{
  guchar c = *p;

  if (bad_encoding_at (s, p))
    return FALSE;
  if (c == '/')
    return FAIL (s, p, SYNTAX, _("Line %u, column %u: comments are not allowed in JSON."));
  if (c == '\'')
    return FAIL (s, p, SYNTAX,
                 _("Line %u, column %u: text must be in double quotes, not single quotes."));
  if (c == ']' && after_comma)
    return FAIL (s, p, SYNTAX,
                 _("Line %u, column %u: there is an extra comma before this; remove it."));
  if (c == 'N' || c == 'I')
    return FAIL (s, p, SYNTAX, _("Line %u, column %u: NaN and Infinity are not numbers JSON allows."));
  if (c == '+')
    return FAIL (s, p, SYNTAX, _("Line %u, column %u: a number must not start with “+”."));
  if (c == '.')
    return FAIL (s, p, SYNTAX,
                 _("Line %u, column %u: a number must start with a digit; write 0.5, not .5."));
  if (g_ascii_isalpha (c))
    return FAIL (s, p, SYNTAX,
                 _("Line %u, column %u: text must be in double quotes; only true, false and null "
                   "are written without them."));
  return FAIL (s, p, SYNTAX, _("Line %u, column %u: a value was expected here."));
}

static gboolean
scan_literal (Scan          *s,
              const guchar **pp,
              const char    *word,
              gsize          len)
{
  if ((gsize) (s->end - *pp) < len || memcmp (*pp, word, len) != 0 ||
      ((gsize) (s->end - *pp) > len && g_ascii_isalnum ((*pp)[len])))
    return not_a_value (s, *pp, FALSE);
  *pp += len;
  return TRUE;
}

gboolean
zx_json_check (const char          *data,
               gsize                length,
               const ZxJsonLimits  *limits,
               GError             **error)
{
  gsize max_bytes = limits && limits->max_bytes ? limits->max_bytes : DEFAULT_MAX_BYTES;
  guint max_depth = limits && limits->max_depth ? limits->max_depth : DEFAULT_MAX_DEPTH;
  Scan scan = { 0, };
  Scan *s = &scan;
  const guchar *p;
  const guchar *end;
  Expect expect = EXPECT_VALUE;
  gboolean after_comma = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Size first: nothing is read from a document that is too large */
  if (length > max_bytes)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_TOO_LARGE,
                   /* Translators: the sizes, as in “The data is too large (2.1 MB; at most 1.0 MB).” */
                   _("The data is too large (%s; at most %s)."), size, limit);
      return FALSE;
    }

  s->start = p = (const guchar *) data;
  s->end = end = s->start + length;
  s->max_string = limits && limits->max_string_bytes ? limits->max_string_bytes : DEFAULT_MAX_STRING_BYTES;
  s->max_depth = max_depth;
  s->error = error;
  s->stack_size = MIN (max_depth, 16);
  s->stack = g_new (Level, s->stack_size);

  if (length >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    {
      FAIL (s, p, SYNTAX,
            _("Line %u, column %u: the data starts with a byte order mark, which JSON does not allow; "
              "save it as UTF-8 without one."));
      goto out;
    }

  for (;;)
    {
      guchar c;

      while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;

      if (p == end)
        {
          if (expect == EXPECT_COMMA_OR_CLOSE && s->depth == 0)
            ok = TRUE;
          else if (expect == EXPECT_VALUE && s->depth == 0)
            g_set_error (error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_SYNTAX, _("The data is empty."));
          else
            FAIL (s, p, SYNTAX,
                  _("Line %u, column %u: the data ends before it is complete; something is missing here."));
          goto out;
        }

      c = *p;
      switch (expect)
        {
        case EXPECT_COMMA_OR_CLOSE:
          if (s->depth == 0)
            {
              if (c == '/')
                FAIL (s, p, SYNTAX, _("Line %u, column %u: comments are not allowed in JSON."));
              else if (!bad_encoding_at (s, p))
                FAIL (s, p, SYNTAX,
                      _("Line %u, column %u: the data should end here, but more follows; "
                        "there must be exactly one value."));
              goto out;
            }
          if (c == ',')
            {
              p++;
              expect = s->stack[s->depth - 1].is_object ? EXPECT_KEY : EXPECT_VALUE;
              after_comma = TRUE;
              continue;
            }
          if (c == (s->stack[s->depth - 1].is_object ? '}' : ']'))
            {
              p++;
              close_level (s);
              continue;
            }
          if (bad_encoding_at (s, p))
            goto out;
          if (c == '/')
            FAIL (s, p, SYNTAX, _("Line %u, column %u: comments are not allowed in JSON."));
          else if (s->stack[s->depth - 1].is_object)
            FAIL (s, p, SYNTAX, _("Line %u, column %u: a comma or a closing “}” was expected here."));
          else
            FAIL (s, p, SYNTAX, _("Line %u, column %u: a comma or a closing “]” was expected here."));
          goto out;

        case EXPECT_KEY_OR_CLOSE:
          if (c == '}')
            {
              p++;
              close_level (s);
              expect = EXPECT_COMMA_OR_CLOSE;
              continue;
            }
          G_GNUC_FALLTHROUGH;

        case EXPECT_KEY:
          if (c == '"')
            {
              const guchar *quote = p;
              gboolean has_escapes;

              if (!scan_string (s, &p, &has_escapes) || !add_key (s, quote, p, has_escapes))
                goto out;
              expect = EXPECT_COLON;
              continue;
            }
          if (bad_encoding_at (s, p))
            goto out;
          if (c == '}' && expect == EXPECT_KEY)
            FAIL (s, p, SYNTAX,
                  _("Line %u, column %u: there is an extra comma before this; remove it."));
          else if (c == '/')
            FAIL (s, p, SYNTAX, _("Line %u, column %u: comments are not allowed in JSON."));
          else if (c == '\'')
            FAIL (s, p, SYNTAX,
                  _("Line %u, column %u: text must be in double quotes, not single quotes."));
          else
            FAIL (s, p, SYNTAX, _("Line %u, column %u: a key in double quotes was expected here."));
          goto out;

        case EXPECT_COLON:
          if (c == ':')
            {
              p++;
              expect = EXPECT_VALUE;
              after_comma = FALSE;
              continue;
            }
          if (bad_encoding_at (s, p))
            goto out;
          if (c == '/')
            FAIL (s, p, SYNTAX, _("Line %u, column %u: comments are not allowed in JSON."));
          else
            FAIL (s, p, SYNTAX, _("Line %u, column %u: a colon was expected after the key."));
          goto out;

        case EXPECT_VALUE_OR_CLOSE:
          if (c == ']')
            {
              p++;
              close_level (s);
              expect = EXPECT_COMMA_OR_CLOSE;
              continue;
            }
          G_GNUC_FALLTHROUGH;

        case EXPECT_VALUE:
        default:
          switch (c)
            {
            case '{':
            case '[':
              if (s->depth >= max_depth)
                {
                  FAIL (s, p, TOO_DEEP,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "Line %u, column %u: the data is nested more than %u level deep.",
                                     "Line %u, column %u: the data is nested more than %u levels deep.",
                                     max_depth),
                        max_depth);
                  goto out;
                }
              open_level (s, c == '{');
              p++;
              expect = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
              continue;

            case '"':
              {
                gboolean has_escapes;

                if (!scan_string (s, &p, &has_escapes))
                  goto out;
                break;
              }

            case '-': case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
              if (!scan_number (s, &p))
                goto out;
              break;

            case 't':
              if (!scan_literal (s, &p, "true", 4))
                goto out;
              break;

            case 'f':
              if (!scan_literal (s, &p, "false", 5))
                goto out;
              break;

            case 'n':
              if (!scan_literal (s, &p, "null", 4))
                goto out;
              break;

            default:
              not_a_value (s, p, after_comma && expect == EXPECT_VALUE);
              goto out;
            }
          expect = EXPECT_COMMA_OR_CLOSE;
          continue;
        }
    }

out:
  while (s->depth > 0)
    close_level (s);
  g_free (s->stack);
  if (s->keys != NULL)
    g_array_unref (s->keys);
  if (s->decoded != NULL)
    g_ptr_array_unref (s->decoded);
  return ok;
}
