/* zx-test-util.h — small helpers the tests share
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "zx-store.h"

G_BEGIN_DECLS

/* A fresh temporary directory, removed with its files at the end of the test. */
static inline char *
zx_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("zhixing-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
zx_test_rmdir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Builds a JsonObject from "key", value pairs: strings only, NULL-ended. */
static inline JsonObject *
zx_test_fields (const char *first_key,
                ...)
{
  JsonObject *object = json_object_new ();
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        json_object_set_null_member (object, key);
      else
        json_object_set_string_member (object, key, value);
    }
  va_end (args);

  return object;
}

/* SHA-256 of a file's bytes */
static inline char *
zx_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

G_END_DECLS
