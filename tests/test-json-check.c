/* test-json-check.c — the strict pre-scan refuses what json-glib 1.6 mishandles
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zx-json-check.h"

/* Checks the first @length bytes of @text (which need not end there) with
 * @limits.  @code < 0: it must pass; otherwise it must fail with @code, and
 * the message (returned) must say where. */
static char *
check_full (const char         *text,
            gsize               length,
            const ZxJsonLimits *limits,
            int                 code)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = zx_json_check (text, length, limits, &error);

  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return NULL;
    }

  g_assert_false (ok);
  g_assert_error (error, ZX_JSON_CHECK_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (code != ZX_JSON_CHECK_ERROR_TOO_LARGE && !g_str_equal (error->message, "The data is empty."))
    g_assert_true (g_str_has_prefix (error->message, "Line "));
  g_test_message ("%s", error->message);
  return g_strdup (error->message);
}

static void
pass (const char *text)
{
  check_full (text, strlen (text), NULL, -1);
}

static void
fail (const char *text,
      int         code)
{
  g_free (check_full (text, strlen (text), NULL, code));
}

static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

/* ---- documents that must pass ---- */

static void
test_valid_scalars (void)
{
  pass ("true");
  pass ("false");
  pass ("null");
  pass ("0");
  pass ("\"\"");
  pass ("\"医院\"");
  pass ("-12.5e-3");
}

static void
test_valid_containers (void)
{
  pass ("{}");
  pass ("[]");
  pass ("[[], {}, [{}], {\"a\": []}]");
  pass ("{\"a\":[1,2.5,{\"b\":\"c\"}],\"d\":false,\"e\":null,\"f\":{\"g\":{}}}");
  pass ("[true,false,null,\"x\",0,-1]");
}

static void
test_valid_whitespace (void)
{
  pass (" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : { } }\r\n\t ");
  pass ("\n\n  42  \n");
}

static void
test_valid_strings (void)
{
  pass ("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"");
  pass ("\"\\u4e2d\\u6587 \\u00e9 \\u0041 \\uFFFD\"");
  pass ("\"\\ud83d\\ude00 😀\"");                 /* pair escape and raw 4-byte UTF-8 */
  pass ("\"心血管内科 é ß ¢ € 𝄞\"");
  pass ("\"\x7f\"");                             /* DEL is not a control character in JSON */
}

static void
test_valid_numbers (void)
{
  pass ("[0, -0, 1, -1, 10, 0.5, -0.5, 1e5, 1E5, 1e+5, 1e-5, 1.5E-300, 0e0]");
  pass ("[9007199254740991, -9007199254740991, 1000000000000000]");
  pass ("1e308");
  pass ("1.7976931348623157e308");           /* DBL_MAX */
  pass ("1.7976931348623158e308");           /* still rounds to DBL_MAX */
  pass ("0.00001e310");                      /* 1e305 */
  pass ("1e-400");                           /* underflows to 0: finite */
  pass ("0.0e99999999999999999999");         /* zero however large the exponent */
  pass ("9007199254740992.0");               /* not an integer: a finite double */
}

static void
test_valid_sibling_keys (void)
{
  pass ("[{\"a\":1},{\"a\":2}]");
  pass ("{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":2}}");
  pass ("{\"x\":{\"a\":1,\"b\":2},\"y\":{\"a\":1,\"b\":2}}");
  pass ("{\"a\":1,\"A\":2,\"a \":3,\"\":4}");
}

static void
test_valid_large_object (void)
{
  g_autoptr(GString) s = g_string_new ("{");

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (s, "%s\"key%u\":{\"key%u\":%u}", i ? "," : "", i, i, i);
  g_string_append_c (s, '}');
  pass (s->str);
}

/* The document need not end in a NUL, and nothing past @length is read */
static void
test_valid_not_terminated (void)
{
  check_full ("[1]xyz", 3, NULL, -1);
  check_full ("1e40000", 4, NULL, -1);          /* “1e40”, not 1e40000 */
  check_full ("123456789012345678", 3, NULL, -1);
  check_full ("\"ab\"\"", 4, NULL, -1);
}

/* ---- depth ---- */

static void
test_depth_100000 (void)
{
  g_autofree char *brackets = g_strnfill (100000, '[');
  g_autofree char *objects = nested (100000, "{\"a\":", "", "");
  g_autofree char *m = NULL;

  fail (brackets, ZX_JSON_CHECK_ERROR_TOO_DEEP);
  fail (objects, ZX_JSON_CHECK_ERROR_TOO_DEEP);

  m = check_full (brackets, 100000, NULL, ZX_JSON_CHECK_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (m, "Line 1, column 33:"));
  g_assert_nonnull (strstr (m, "32 levels"));
}

static void
test_depth_32_passes (void)
{
  g_autofree char *arrays = nested (32, "[", "1", "]");
  g_autofree char *objects = nested (32, "{\"k\":", "1", "}");
  g_autofree char *mixed_ok = nested (16, "[{\"k\":", "1", "}]");

  pass (arrays);
  pass (objects);
  pass (mixed_ok);
}

static void
test_depth_33_fails (void)
{
  g_autofree char *arrays = nested (33, "[", "", "]");
  g_autofree char *objects = nested (33, "{\"k\":", "1", "}");
  g_autofree char *inner_empty = nested (32, "[", "{}", "]");
  g_autofree char *mixed = nested (16, "[{\"k\":", "[]", "}]");   /* 16 × 2 + 1 */

  fail (arrays, ZX_JSON_CHECK_ERROR_TOO_DEEP);
  fail (objects, ZX_JSON_CHECK_ERROR_TOO_DEEP);
  fail (inner_empty, ZX_JSON_CHECK_ERROR_TOO_DEEP);
  fail (mixed, ZX_JSON_CHECK_ERROR_TOO_DEEP);
}

static void
test_depth_custom_limit (void)
{
  ZxJsonLimits one = { 0, 1, 0 };
  ZxJsonLimits hundred = { 0, 100, 0 };
  g_autofree char *deep100 = nested (100, "[", "", "]");
  g_autofree char *deep101 = nested (101, "[", "", "]");

  g_free (check_full ("[1,2,{}]", 8, &one, ZX_JSON_CHECK_ERROR_TOO_DEEP));
  check_full ("[1,2]", 5, &one, -1);
  check_full ("7", 1, &one, -1);
  check_full (deep100, strlen (deep100), &hundred, -1);
  g_free (check_full (deep101, strlen (deep101), &hundred, ZX_JSON_CHECK_ERROR_TOO_DEEP));
}

/* ---- numbers ---- */

static void
test_number_infinite (void)
{
  fail ("1e400", ZX_JSON_CHECK_ERROR_NUMBER);
  fail ("-1e400", ZX_JSON_CHECK_ERROR_NUMBER);
  fail ("[1.5e99999999999999999999]", ZX_JSON_CHECK_ERROR_NUMBER);
  fail ("{\"rate\":1.7976931348623159e308}", ZX_JSON_CHECK_ERROR_NUMBER);   /* rounds to infinity */
  fail ("0.9e309", ZX_JSON_CHECK_ERROR_NUMBER);
}

static void
test_number_long_mantissa (void)
{
  g_autofree char *digits308 = g_strnfill (308, '9');
  g_autofree char *digits309 = g_strnfill (309, '9');
  g_autofree char *ok = g_strdup_printf ("%s.5", digits308);       /* < 1e308 */
  g_autofree char *too_big = g_strdup_printf ("%s.5", digits309);  /* ≈ 1e309 */
  g_autofree char *zeros = g_strnfill (5000, '0');
  g_autofree char *tiny = g_strdup_printf ("0.%s1e4000", zeros);         /* 1e-1001 */
  g_autofree char *finite = g_strdup_printf ("0.%.300s1e400", zeros);    /* 1e99 */
  g_autofree char *infinite = g_strdup_printf ("0.%.300s1e700", zeros);  /* 1e399 */

  pass (ok);
  fail (too_big, ZX_JSON_CHECK_ERROR_NUMBER);
  pass (tiny);
  pass (finite);
  fail (infinite, ZX_JSON_CHECK_ERROR_NUMBER);
}

static void
test_number_max_safe_integer (void)
{
  pass ("9007199254740991");
  pass ("-9007199254740991");
  pass ("[0,9007199254740991]");
}

static void
test_number_too_large_integer (void)
{
  fail ("9007199254740992", ZX_JSON_CHECK_ERROR_NUMBER);
  fail ("-9007199254740992", ZX_JSON_CHECK_ERROR_NUMBER);
  fail ("99999999999999999999", ZX_JSON_CHECK_ERROR_NUMBER);
  fail ("[1, 18446744073709551616]", ZX_JSON_CHECK_ERROR_NUMBER);   /* 2^64 */
  fail ("{\"id\":9223372036854775808}", ZX_JSON_CHECK_ERROR_NUMBER); /* 2^63 */
}

static void
test_number_leading_zero (void)
{
  fail ("01", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("-01", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[00]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("007.5", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_number_plus_sign (void)
{
  fail ("+1", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[+0.5]", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_number_no_leading_digit (void)
{
  fail (".5", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("-.5", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_number_incomplete (void)
{
  fail ("1.", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[1.]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("1e", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("1e+", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("1.e5", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("-", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[-]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("0x10", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("1.5.5", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_number_nan_infinity (void)
{
  fail ("NaN", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("Infinity", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("-Infinity", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[1, NaN]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\": Infinity}", ZX_JSON_CHECK_ERROR_SYNTAX);
}

/* ---- strings ---- */

static void
test_string_escaped_nul (void)
{
  g_autofree char *m = check_full ("\"a\\u0000b\"", 10, NULL, ZX_JSON_CHECK_ERROR_STRING);

  g_assert_nonnull (strstr (m, "NUL"));
  fail ("{\"\\u0000\":1}", ZX_JSON_CHECK_ERROR_STRING);
}

static void
test_string_raw_nul (void)
{
  const char in_string[] = "[\"a\0b\"]";
  const char outside[] = "[1,\0 2]";
  g_autofree char *m = check_full (in_string, sizeof in_string - 1, NULL, ZX_JSON_CHECK_ERROR_STRING);

  g_assert_nonnull (strstr (m, "NUL"));
  g_free (check_full (outside, sizeof outside - 1, NULL, ZX_JSON_CHECK_ERROR_SYNTAX));
}

static void
test_string_control_characters (void)
{
  fail ("\"tab\there\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"line\nbreak\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\x1f\"", ZX_JSON_CHECK_ERROR_STRING);
}

static void
test_string_lone_surrogates (void)
{
  fail ("\"\\ud800\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\\udc00\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\\ude00\\ud83d\"", ZX_JSON_CHECK_ERROR_STRING);   /* pair in the wrong order */
  fail ("\"\\ud800\\u0041\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\\ud800\\ud800\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\\ud800x\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\\ud800\"", ZX_JSON_CHECK_ERROR_STRING);
}

static void
test_string_bad_escapes (void)
{
  fail ("\"\\x41\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\\a\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\\'\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\\u12\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\\uZZZZ\"", ZX_JSON_CHECK_ERROR_STRING);
  fail ("\"\\U0041\"", ZX_JSON_CHECK_ERROR_STRING);
}

static void
test_string_invalid_utf8 (void)
{
  fail ("\"\xff\"", ZX_JSON_CHECK_ERROR_ENCODING);
  fail ("\"\xe4\xb8\"", ZX_JSON_CHECK_ERROR_ENCODING);          /* cut short */
  fail ("\"\xc0\xaf\"", ZX_JSON_CHECK_ERROR_ENCODING);          /* overlong “/” */
  fail ("\"\xe0\x80\xaf\"", ZX_JSON_CHECK_ERROR_ENCODING);      /* overlong */
  fail ("\"\xed\xa0\x80\"", ZX_JSON_CHECK_ERROR_ENCODING);      /* a surrogate, encoded */
  fail ("\"\xf4\x90\x80\x80\"", ZX_JSON_CHECK_ERROR_ENCODING);  /* past U+10FFFF */
  fail ("\"\x80\"", ZX_JSON_CHECK_ERROR_ENCODING);              /* stray continuation */
  fail ("{\"\xfe\":1}", ZX_JSON_CHECK_ERROR_ENCODING);
  fail ("[1,\xff]", ZX_JSON_CHECK_ERROR_ENCODING);              /* outside strings too */
  fail ("[1] \xc3", ZX_JSON_CHECK_ERROR_ENCODING);
}

static void
test_string_unclosed (void)
{
  fail ("\"open", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[\"open]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("\"ends in a backslash\\", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_string_too_long (void)
{
  ZxJsonLimits eight = { 0, 0, 8 };
  g_autofree char *over_default = NULL;
  g_autofree char *m = NULL;
  ZxJsonLimits big_document = { 4 * 1024 * 1024, 0, 0 };
  char *filler;

  check_full ("[\"12345678\"]", 12, &eight, -1);
  m = check_full ("[\"123456789\"]", 13, &eight, ZX_JSON_CHECK_ERROR_STRING);
  g_assert_nonnull (strstr (m, "Line 1, column 2:"));
  g_assert_nonnull (strstr (m, "8 bytes"));

  /* Counted after unescaping: \u4e2d is 3 bytes, \n is 1 */
  check_full ("\"\\u4e2d\\u4e2d\\n\\n\"", 18, &eight, -1);
  g_free (check_full ("\"\\u4e2d\\u4e2d\\u4e2d\"", 20, &eight, ZX_JSON_CHECK_ERROR_STRING));
  check_full ("\"中\\ud83d\\ude00\"", strlen ("\"中\\ud83d\\ude00\""), &eight, -1);  /* 3 + 4 */
  g_free (check_full ("{\"123456789\":1}", 15, &eight, ZX_JSON_CHECK_ERROR_STRING));

  /* The default is 1 MiB */
  over_default = g_malloc (1024 * 1024 + 3);
  over_default[0] = '"';
  filler = over_default + 1;
  memset (filler, 'x', 1024 * 1024 + 1);
  over_default[1024 * 1024 + 2] = '"';
  g_free (check_full (over_default, 1024 * 1024 + 3, &big_document, ZX_JSON_CHECK_ERROR_STRING));
  over_default[1024 * 1024 + 1] = '"';
  check_full (over_default, 1024 * 1024 + 2, &big_document, -1);
}

/* ---- extensions JSON does not have ---- */

static void
test_line_comments (void)
{
  g_autofree char *m = check_full ("// comment\n{}", 13, NULL, ZX_JSON_CHECK_ERROR_SYNTAX);

  g_assert_nonnull (strstr (m, "comments"));
  fail ("{\"a\":1 // comment\n}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[1] // trailing", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_block_comments (void)
{
  fail ("{/* c */}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[1, /* c */ 2]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\" /* c */ : 1}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("/* c */ 1", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_single_quotes (void)
{
  fail ("{'a': 1}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("['a']", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("'a'", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\": 'b'}", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_trailing_commas (void)
{
  g_autofree char *m = check_full ("[1,2,]", 6, NULL, ZX_JSON_CHECK_ERROR_SYNTAX);

  g_assert_nonnull (strstr (m, "comma"));
  fail ("{\"a\":1,}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[,]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[1,,2]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{,}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("1,", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_structure_errors (void)
{
  fail ("{a:1}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\" 1}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\":}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\"}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{1:2}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[1 2]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\":1 \"b\":2}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\":1]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[1}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[\x0b]", ZX_JSON_CHECK_ERROR_SYNTAX);     /* vertical tab is not JSON whitespace */
  fail ("[\xc2\xa0]", ZX_JSON_CHECK_ERROR_SYNTAX); /* nor is a no-break space */
}

static void
test_bad_literals (void)
{
  fail ("tru", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("True", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("nul", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[falsey]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("truefalse", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("undefined", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\":hello}", ZX_JSON_CHECK_ERROR_SYNTAX);
}

/* ---- duplicate keys ---- */

static void
test_duplicate_key (void)
{
  g_autofree char *m = check_full ("{\"a\":1,\"a\":2}", 13, NULL, ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);

  g_assert_nonnull (strstr (m, "Line 1, column 8:"));
  g_assert_nonnull (strstr (m, "“a”"));
  fail ("{\"a\":1,\"b\":2,\"c\":3,\"b\":4}", ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
  fail ("{\"科室\":1,\"科室\":2}", ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
  fail ("{\"\":1,\"\":2}", ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
}

static void
test_duplicate_key_nested (void)
{
  fail ("{\"x\":{\"a\":1,\"a\":2}}", ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
  fail ("[{}, {\"a\":1,\"a\":2}]", ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
  /* the parent's keys are still known after a child object closes */
  fail ("{\"a\":{\"b\":1,\"c\":{}},\"b\":2,\"a\":3}", ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
}

/* Keys are compared after unescaping: these are the same key */
static void
test_duplicate_key_escaped (void)
{
  g_autofree char *m = NULL;

  fail ("{\"a\":1,\"\\u0061\":2}", ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
  fail ("{\"\\u4e2d\":1,\"中\":2}", ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
  fail ("{\"a/b\":1,\"a\\/b\":2}", ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
  fail ("{\"\\ud83d\\ude00\":1,\"😀\":2}", ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
  pass ("{\"a\":1,\"\\u0062\":2,\"\\n\":3,\"\\t\":4}");

  /* A key with a line break in it is shown without one */
  m = check_full ("{\"x\\ny\":1,\"x\\ny\":2}", 19, NULL, ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
  g_assert_nonnull (strstr (m, "“x y”"));
}

/* More than 32 keys: the object's keys move into a hash table */
static void
test_duplicate_key_large_object (void)
{
  for (guint dup_at = 1; dup_at < 100; dup_at += 7)
    {
      g_autoptr(GString) s = g_string_new ("{");

      for (guint i = 0; i < 100; i++)
        g_string_append_printf (s, "\"k%u\":[{\"k%u\":%u}],", i, i, i);
      g_string_append_printf (s, "\"k%u\":0}", dup_at);
      fail (s->str, ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);
    }
}

static void
test_duplicate_key_long_shown_short (void)
{
  g_autofree char *key = g_strnfill (500, 'k');
  g_autofree char *text = g_strdup_printf ("{\"%s\":1,\"%s\":2}", key, key);
  g_autofree char *m = check_full (text, strlen (text), NULL, ZX_JSON_CHECK_ERROR_DUPLICATE_KEY);

  g_assert_cmpuint (strlen (m), <, 200);
  g_assert_nonnull (strstr (m, "…"));
}

/* ---- the document as a whole ---- */

static void
test_empty (void)
{
  fail ("", ZX_JSON_CHECK_ERROR_SYNTAX);
  g_free (check_full (NULL, 0, NULL, ZX_JSON_CHECK_ERROR_SYNTAX));
}

static void
test_whitespace_only (void)
{
  fail ("   \n\t\r ", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("\n", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_two_values (void)
{
  fail ("{} {}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[]{}", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("1 2", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("\"a\" \"b\"", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[]]", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("null null", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_unfinished (void)
{
  g_autofree char *m = check_full ("[1,\n 2", 6, NULL, ZX_JSON_CHECK_ERROR_SYNTAX);

  g_assert_nonnull (strstr (m, "Line 2, column 3:"));
  fail ("[", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\":", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("{\"a\"", ZX_JSON_CHECK_ERROR_SYNTAX);
  fail ("[1,", ZX_JSON_CHECK_ERROR_SYNTAX);
}

static void
test_byte_order_mark (void)
{
  fail ("\xef\xbb\xbf{}", ZX_JSON_CHECK_ERROR_SYNTAX);
}

/* ---- limits ---- */

static void
test_too_large_before_scanning (void)
{
  ZxJsonLimits ten = { 10, 0, 0 };
  g_autofree char *m = NULL;

  /* Garbage, deep and not UTF-8: only the size is looked at */
  m = check_full ("\xff[[[[[[[[[[[[[[[[[[[[", 21, &ten, ZX_JSON_CHECK_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (m, "too large"));
  check_full ("[1,2,3,45]", 10, &ten, -1);
  g_free (check_full ("[1,2,3,456]", 11, &ten, ZX_JSON_CHECK_ERROR_TOO_LARGE));
}

static void
test_too_large_default (void)
{
  gsize n = 1024 * 1024 + 1;
  g_autofree char *big = g_malloc (n);

  memset (big, ' ', n);
  big[0] = '0';
  g_free (check_full (big, n, NULL, ZX_JSON_CHECK_ERROR_TOO_LARGE));
  check_full (big, n - 1, NULL, -1);
}

/* ---- messages ---- */

/* The message says where, as a person counts lines and columns:
 * columns in characters, so Chinese text before the problem counts one each */
static void
test_line_and_column (void)
{
  const char *text = "{\n  \"科室\": \"内科\",\n  \"床位\": 1e999\n}";
  g_autofree char *m = check_full (text, strlen (text), NULL, ZX_JSON_CHECK_ERROR_NUMBER);

  g_assert_cmpstr (m, ==, "Line 3, column 9: numbers this large are not supported.");
}

static void
test_line_and_column_crlf (void)
{
  const char *text = "[\r\n  1,\r\n  2,\r\n  x\r\n]";
  g_autofree char *m = check_full (text, strlen (text), NULL, ZX_JSON_CHECK_ERROR_SYNTAX);

  g_assert_nonnull (strstr (m, "Line 4, column 3:"));
}

static void
test_no_error_argument (void)
{
  ZxJsonLimits four = { 4, 0, 0 };

  g_assert_false (zx_json_check ("[1,", 3, NULL, NULL));
  g_assert_false (zx_json_check ("[1,2]", 5, &four, NULL));
  g_assert_true (zx_json_check ("[1,2]", 5, NULL, NULL));
}

/* ---- size ---- */

static GString *
make_document (gsize target)
{
  GString *s = g_string_sized_new (target + 256);
  guint i = 0;

  g_string_append (s, "{\"format\":\"zhixing\",\"rows\":[\n");
  while (s->len < target)
    {
      g_string_append_printf (s,
                              "%s{\"id\":\"%08x-0000-4000-8000-%012u\",\"version\":%u,\"deleted\":false,"
                              "\"scope\":\"hospital\",\"name\":\"心血管内科 %u\",\"note\":\"line\\nbreak \\u4e2d\","
                              "\"beds\":%u,\"rate\":0.%u,\"weight\":%ue-3,\"tags\":[\"a\",\"b\",null,true],"
                              "\"parent\":{\"id\":%u,\"kind\":\"department\"}}\n",
                              i ? "," : "", i, i, i % 100, i, i % 500, i, i, i);
      i++;
    }
  g_string_append (s, "]}");
  return s;
}

static void
test_large_document (void)
{
  g_autoptr(GString) s = make_document (8 * 1024 * 1024);
  ZxJsonLimits limits = { s->len, 0, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (zx_json_check (s->str, s->len, &limits, &error));
  g_assert_no_error (error);
}

/* 100 MB, timed; run with -m slow */
static void
test_large_document_100mb (void)
{
  g_autoptr(GString) s = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(GError) error = NULL;
  ZxJsonLimits limits = { 0, 0, 0 };
  double seconds;

  if (!g_test_slow ())
    {
      g_test_skip ("100 MB document: run with -m slow");
      return;
    }

  s = make_document (100 * 1000 * 1000);
  limits.max_bytes = s->len;
  timer = g_timer_new ();
  g_assert_true (zx_json_check (s->str, s->len, &limits, &error));
  seconds = g_timer_elapsed (timer, NULL);
  g_assert_no_error (error);
  g_test_message ("%" G_GSIZE_FORMAT " bytes checked in %.3f s (%.0f MB/s)",
                  s->len, seconds, s->len / seconds / 1e6);
  g_assert_cmpfloat (seconds, <, 10.0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-check/valid/scalars", test_valid_scalars);
  g_test_add_func ("/json-check/valid/containers", test_valid_containers);
  g_test_add_func ("/json-check/valid/whitespace", test_valid_whitespace);
  g_test_add_func ("/json-check/valid/strings", test_valid_strings);
  g_test_add_func ("/json-check/valid/numbers", test_valid_numbers);
  g_test_add_func ("/json-check/valid/sibling-keys", test_valid_sibling_keys);
  g_test_add_func ("/json-check/valid/large-object", test_valid_large_object);
  g_test_add_func ("/json-check/valid/not-terminated", test_valid_not_terminated);

  g_test_add_func ("/json-check/depth/100000", test_depth_100000);
  g_test_add_func ("/json-check/depth/32-passes", test_depth_32_passes);
  g_test_add_func ("/json-check/depth/33-fails", test_depth_33_fails);
  g_test_add_func ("/json-check/depth/custom-limit", test_depth_custom_limit);

  g_test_add_func ("/json-check/number/infinite", test_number_infinite);
  g_test_add_func ("/json-check/number/long-mantissa", test_number_long_mantissa);
  g_test_add_func ("/json-check/number/max-safe-integer", test_number_max_safe_integer);
  g_test_add_func ("/json-check/number/too-large-integer", test_number_too_large_integer);
  g_test_add_func ("/json-check/number/leading-zero", test_number_leading_zero);
  g_test_add_func ("/json-check/number/plus-sign", test_number_plus_sign);
  g_test_add_func ("/json-check/number/no-leading-digit", test_number_no_leading_digit);
  g_test_add_func ("/json-check/number/incomplete", test_number_incomplete);
  g_test_add_func ("/json-check/number/nan-infinity", test_number_nan_infinity);

  g_test_add_func ("/json-check/string/escaped-nul", test_string_escaped_nul);
  g_test_add_func ("/json-check/string/raw-nul", test_string_raw_nul);
  g_test_add_func ("/json-check/string/control-characters", test_string_control_characters);
  g_test_add_func ("/json-check/string/lone-surrogates", test_string_lone_surrogates);
  g_test_add_func ("/json-check/string/bad-escapes", test_string_bad_escapes);
  g_test_add_func ("/json-check/string/invalid-utf8", test_string_invalid_utf8);
  g_test_add_func ("/json-check/string/unclosed", test_string_unclosed);
  g_test_add_func ("/json-check/string/too-long", test_string_too_long);

  g_test_add_func ("/json-check/syntax/line-comments", test_line_comments);
  g_test_add_func ("/json-check/syntax/block-comments", test_block_comments);
  g_test_add_func ("/json-check/syntax/single-quotes", test_single_quotes);
  g_test_add_func ("/json-check/syntax/trailing-commas", test_trailing_commas);
  g_test_add_func ("/json-check/syntax/structure", test_structure_errors);
  g_test_add_func ("/json-check/syntax/bad-literals", test_bad_literals);

  g_test_add_func ("/json-check/keys/duplicate", test_duplicate_key);
  g_test_add_func ("/json-check/keys/duplicate-nested", test_duplicate_key_nested);
  g_test_add_func ("/json-check/keys/duplicate-escaped", test_duplicate_key_escaped);
  g_test_add_func ("/json-check/keys/duplicate-large-object", test_duplicate_key_large_object);
  g_test_add_func ("/json-check/keys/duplicate-long-key", test_duplicate_key_long_shown_short);

  g_test_add_func ("/json-check/document/empty", test_empty);
  g_test_add_func ("/json-check/document/whitespace-only", test_whitespace_only);
  g_test_add_func ("/json-check/document/two-values", test_two_values);
  g_test_add_func ("/json-check/document/unfinished", test_unfinished);
  g_test_add_func ("/json-check/document/byte-order-mark", test_byte_order_mark);

  g_test_add_func ("/json-check/limits/too-large-before-scanning", test_too_large_before_scanning);
  g_test_add_func ("/json-check/limits/too-large-default", test_too_large_default);

  g_test_add_func ("/json-check/message/line-and-column", test_line_and_column);
  g_test_add_func ("/json-check/message/line-and-column-crlf", test_line_and_column_crlf);
  g_test_add_func ("/json-check/message/no-error-argument", test_no_error_argument);

  g_test_add_func ("/json-check/size/large-document", test_large_document);
  g_test_add_func ("/json-check/size/100mb", test_large_document_100mb);

  return g_test_run ();
}
