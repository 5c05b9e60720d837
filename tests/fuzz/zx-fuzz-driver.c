/* zx-fuzz-driver.c — runs a fuzz target over files, without libFuzzer
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with one tests/fuzz/fuzz-*.c, this main() feeds every file named
 * on the command line, and every file of every folder named there (sorted,
 * not recursive, dot files skipped), to LLVMFuzzerTestOneInput(): the
 * corpora then run as regression tests in `meson test` with any compiler.
 * Each input is copied into a buffer of exactly its size, so that a build
 * with AddressSanitizer catches a read past its end.  A target reports a
 * violation by aborting; the driver names the input first.
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint n_run;

static void
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  uint8_t *copy;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  /* Name the input before running it: a crash then says which one */
  fprintf (stderr, "%s\n", path);
  copy = malloc (length > 0 ? length : 1);
  memcpy (copy, contents, length);
  LLVMFuzzerTestOneInput (copy, length);
  free (copy);
  n_run++;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
run_folder (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (!g_file_test (names->pdata[i], G_FILE_TEST_IS_DIR))
      run_file (names->pdata[i]);
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s FILE-OR-FOLDER…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        run_folder (argv[i]);
      else
        run_file (argv[i]);
    }

  if (n_run == 0)
    {
      fprintf (stderr, "No inputs: an empty corpus tests nothing\n");
      return 1;
    }
  printf ("%u inputs passed\n", n_run);
  return 0;
}
