/* test-json-check.c — the strict pre-scan refuses what json-glib 1.6 mishandles
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zx-json-check.h"

static gboolean
check (const char *text,
       int         expected_code)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = zx_json_check (text, strlen (text), NULL, &error);

  if (expected_code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, ZX_JSON_CHECK_ERROR, expected_code);
    }
  return ok;
}

#define VALID(t)        check (t, -1)
#define INVALID(t, c)   check (t, ZX_JSON_CHECK_ERROR_##c)

static void
test_valid (void)
{
  VALID ("{}");
  VALID ("[]");
  VALID ("0");
  VALID ("-0.5e-3");
  VALID ("\"医院\"");
  VALID ("true");
  VALID (" null \n");
  VALID ("{\"a\":[1,2.5,{\"b\":\"c\\n\\u4e2d\\ud83d\\ude00\"}],\"d\":false,\"e\":null}");
  VALID ("[9007199254740991, -9007199254740991, 1e300]");
  VALID ("[{\"a\":1},{\"a\":2}]");   /* same key in sibling objects */
}

static void
test_deep_nesting (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *at_limit = NULL;
  g_autofree char *over = NULL;
  GString *s = g_string_new (NULL);

  INVALID (deep, TOO_DEEP);

  for (int i = 0; i < 32; i++)
    g_string_append_c (s, '[');
  for (int i = 0; i < 32; i++)
    g_string_append_c (s, ']');
  at_limit = g_string_free (s, FALSE);
  VALID (at_limit);

  over = g_strdup_printf ("[%s]", at_limit);
  INVALID (over, TOO_DEEP);
}

static void
test_numbers (void)
{
  INVALID ("1e400", NUMBER);
  INVALID ("[-1e400]", NUMBER);
  INVALID ("9007199254740992", NUMBER);
  INVALID ("-9007199254740992", NUMBER);
  INVALID ("99999999999999999999", NUMBER);
  INVALID ("01", SYNTAX);
  INVALID ("+1", SYNTAX);
  INVALID (".5", SYNTAX);
  INVALID ("1.", SYNTAX);
  INVALID ("1e", SYNTAX);
  INVALID ("NaN", SYNTAX);
  INVALID ("Infinity", SYNTAX);
  INVALID ("-", SYNTAX);
}

static void
test_strings (void)
{
  g_autoptr(GError) error = NULL;
  const char with_nul[] = "[\"a\0b\"]";

  INVALID ("\"a\\u0000b\"", STRING);
  g_assert_false (zx_json_check (with_nul, sizeof with_nul - 1, NULL, &error));
  g_assert_error (error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_STRING);
  INVALID ("\"\\ud800\"", STRING);
  INVALID ("\"\\udc00\"", STRING);
  INVALID ("\"\\ud800\\u0041\"", STRING);
  INVALID ("\"\\x41\"", STRING);
  INVALID ("\"\\u12\"", STRING);
  INVALID ("\"tab\there\"", STRING);
  INVALID ("\"\xff\xfe\"", ENCODING);
  INVALID ("\"\xe4\xb8\"", ENCODING);
  INVALID ("\"open", SYNTAX);
}

static void
test_extensions (void)
{
  INVALID ("// comment\n{}", SYNTAX);
  INVALID ("{/* c */}", SYNTAX);
  INVALID ("{'a': 1}", SYNTAX);
  INVALID ("['a']", SYNTAX);
  INVALID ("[1,2,]", SYNTAX);
  INVALID ("{\"a\":1,}", SYNTAX);
  INVALID ("{a:1}", SYNTAX);
  INVALID ("{\"a\" 1}", SYNTAX);
  INVALID ("[1 2]", SYNTAX);
  INVALID ("{\"a\":1]", SYNTAX);
  INVALID ("[1}", SYNTAX);
  INVALID ("tru", SYNTAX);
}

static void
test_duplicate_keys (void)
{
  INVALID ("{\"a\":1,\"a\":2}", DUPLICATE_KEY);
  INVALID ("{\"a\":1,\"b\":2,\"c\":3,\"b\":4}", DUPLICATE_KEY);
  INVALID ("{\"x\":{\"a\":1,\"a\":2}}", DUPLICATE_KEY);
  VALID ("{\"a\":{\"a\":{\"a\":1}}}");
}

static void
test_top_level (void)
{
  INVALID ("", SYNTAX);
  INVALID ("   \n ", SYNTAX);
  INVALID ("{} {}", SYNTAX);
  INVALID ("1 2", SYNTAX);
  INVALID ("[", SYNTAX);
}

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  ZxJsonLimits small = { 10, 0, 0 };
  ZxJsonLimits short_strings = { 0, 0, 8 };
  const char *text = "[\"0123456789\"]";

  g_assert_false (zx_json_check (text, strlen (text), &small, &error));
  g_assert_error (error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_false (zx_json_check (text, strlen (text), &short_strings, &error));
  g_assert_error (error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_STRING);
}

/* The message says where, as a person counts lines and columns */
static void
test_position (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "{\n  \"科室\": 1,\n  \"b\": 1e999\n}";

  g_assert_false (zx_json_check (text, strlen (text), NULL, &error));
  g_assert_error (error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_NUMBER);
  g_assert_nonnull (strstr (error->message, "Line 3, column 8"));
}

/* A large valid document is checked in one linear pass */
static void
test_large (void)
{
  g_autoptr(GString) s = g_string_new ("[");
  g_autoptr(GError) error = NULL;
  ZxJsonLimits limits = { 64 * 1024 * 1024, 0, 0 };

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (s, "%s{\"id\":\"%08u\",\"name\":\"心血管内科\",\"beds\":%u,\"rate\":0.%u}",
                            i ? "," : "", i, i, i);
  g_string_append_c (s, ']');

  g_assert_true (zx_json_check (s->str, s->len, &limits, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-check/valid", test_valid);
  g_test_add_func ("/json-check/deep-nesting", test_deep_nesting);
  g_test_add_func ("/json-check/numbers", test_numbers);
  g_test_add_func ("/json-check/strings", test_strings);
  g_test_add_func ("/json-check/extensions", test_extensions);
  g_test_add_func ("/json-check/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/json-check/top-level", test_top_level);
  g_test_add_func ("/json-check/limits", test_limits);
  g_test_add_func ("/json-check/position", test_position);
  g_test_add_func ("/json-check/large", test_large);

  return g_test_run ();
}
