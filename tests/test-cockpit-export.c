/* test-cockpit-export.c — the cockpit as a PDF handout and a PNG image,
 * from code and from the command line (--export-cockpit), without a display
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>

#include "cockpit/zx-cockpit-document.h"
#include "zx-demo.h"
#include "zx-error.h"
#include "zx-record.h"
#include "zx-test-util.h"

#define TODAY "2026-11-22"

typedef struct
{
  char    *dir;
  char    *db_path;
  ZxStore *store;
  GDate    today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = zx_test_tmpdir ();
  f->db_path = g_build_filename (f->dir, "demo.db", NULL);
  f->store = zx_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (zx_demo_populate (f->store, TODAY, &error));
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 22, 11, 2026);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

/* The text of @path without spaces or line breaks (pdftotext breaks lines
 * where the layout does); NULL without pdftotext */
static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "-enc", "UTF-8", path, "-", NULL };
  GString *bare;
  int status;

  if (pdftotext == NULL)
    return NULL;
  argv[0] = pdftotext;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  bare = g_string_new (NULL);
  for (const char *p = out; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (bare, *p);
  return g_string_free (bare, FALSE);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  GString *bare = g_string_new (NULL);

  for (const char *p = needle; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (bare, *p);
  if (strstr (text, bare->str) == NULL)
    g_error ("“%s” is not in the document: %s", needle, text);
  g_string_free (bare, TRUE);
}

static void
assert_every_pillar (Fixture    *f,
                     const char *pdf)
{
  g_autofree char *text = pdf_text (pdf);
  g_autoptr(GListStore) pillars = zx_store_list (f->store, "pillar", NULL, NULL);

  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pillars)), >=, 3);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pillars)); i++)
    {
      g_autoptr(ZxRecord) pillar = g_list_model_get_item (G_LIST_MODEL (pillars), i);
      assert_contains (text, zx_record_get_string (pillar, "name"));
    }
  assert_contains (text, "Strategy Execution Cockpit");
  assert_contains (text, "Early Warnings");
  assert_contains (text, "Key people");
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxCockpitDocument) document = zx_cockpit_document_new (f->store, &f->today, NULL, &error);
  g_autofree char *path = g_build_filename (f->dir, "cockpit.pdf", NULL);

  g_assert_no_error (error);
  g_assert_true (zx_cockpit_document_export (document, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zx_printable_get_n_pages (ZX_PRINTABLE (document)), >=, 3);
  assert_every_pillar (f, path);
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxCockpitDocument) document = zx_cockpit_document_new (f->store, &f->today, NULL, &error);
  g_autofree char *path = g_build_filename (f->dir, "cockpit.PNG", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "cockpit.docx", NULL);
  cairo_surface_t *image;

  g_assert_true (zx_cockpit_document_export (document, path, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, ZX_COCKPIT_PNG_WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1358);
  cairo_surface_destroy (image);

  /* neither PDF nor PNG: refused, nothing written */
  g_assert_false (zx_cockpit_document_export (document, bad, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  const char *exe = g_getenv ("ZHIXING_EXE");
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (exe == NULL)
    {
      g_test_skip ("ZHIXING_EXE is not set");
      return;
    }
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "XDG_DATA_HOME", f->dir, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", f->dir, TRUE);
  g_clear_object (&f->store);  /* closed, as another program writes it */
  {
    const char *argv[] = { exe, "--database", f->db_path, "--export-cockpit", "handout.pdf", NULL };

    g_spawn_sync (f->dir, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("zhixing failed: %s", err);
  }
  f->store = zx_store_open (f->db_path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *pdf = g_build_filename (f->dir, "handout.pdf", NULL);
    assert_every_pillar (f, pdf);
  }
  /* with another export: refused */
  {
    const char *argv[] = { exe, "--database", f->db_path, "--export-cockpit", "a.pdf", "--export-json", "b.json", NULL };

    g_clear_pointer (&err, g_free);
    g_spawn_sync (f->dir, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "--export-cockpit"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cockpit-export/pdf", test_pdf);
  ADD ("/cockpit-export/png", test_png);
  ADD ("/cockpit-export/command-line", test_command_line);
#undef ADD

  return g_test_run ();
}
