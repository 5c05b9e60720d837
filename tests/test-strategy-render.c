/* test-strategy-render.c — drawing and exporting the strategy map
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>

#include "zx-demo.h"
#include "strategy/zx-strategy-render.h"
#include "zx-test-util.h"

#define TODAY "2026-05-15"

typedef struct
{
  char    *dir;
  ZxStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, TODAY "T08:00:00Z");
  g_assert_true (zx_demo_populate (f->store, TODAY, &error));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
names_of (ZxStore    *store,
          const char *entity)
{
  g_autoptr(GListStore) rows = zx_store_list (store, entity, NULL, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(ZxRecord) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

      g_ptr_array_add (names, g_strdup (zx_record_get_string (row, "name")));
    }
  g_assert_cmpuint (names->len, >, 0);
  return names;
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "map.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) pillars = names_of (f->store, "pillar");
  g_autoptr(GPtrArray) battles = names_of (f->store, "battle");
  g_autoptr(GPtrArray) factors = names_of (f->store, "success_factor");

  g_assert_true (zx_strategy_export (f->store, path, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  /* A3 landscape */
  g_assert_nonnull (strstr (contents, "width=\"1190.55pt\""));
  g_assert_nonnull (strstr (contents, "<text "));

  for (guint i = 0; i < pillars->len; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (pillars, i), -1);
      g_autofree char *text = g_strdup_printf (">%s</text>", escaped);

      if (strstr (contents, escaped) == NULL)
        g_error ("pillar “%s” is not in the SVG", (char *) g_ptr_array_index (pillars, i));
      /* a pillar's name is one line of real text */
      g_assert_nonnull (strstr (contents, text));
    }
  for (guint i = 0; i < battles->len; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (battles, i), -1);

      if (strstr (contents, escaped) == NULL)
        g_error ("battle “%s” is not in the SVG", (char *) g_ptr_array_index (battles, i));
    }
  for (guint i = 0; i < factors->len; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (factors, i), -1);

      g_assert_nonnull (strstr (contents, escaped));
    }
  /* the unsigned pledges are marked, the title names the hospital and plan */
  g_assert_nonnull (strstr (contents, "Pledge not signed"));
  g_assert_nonnull (strstr (contents, "2025—2027年发展规划"));
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "map.pdf", NULL);
  g_autofree char *text_path = g_build_filename (f->dir, "map.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GPtrArray) pillars = names_of (f->store, "pillar");
  const char *argv[] = { pdftotext, "-enc", "UTF-8", path, text_path, NULL };
  int status;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (zx_strategy_export (f->store, path, 0, &error));
  g_assert_no_error (error);
  g_test_message ("PDF export of the demo: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is missing (apt-get install poppler-utils)");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (text_path, &text, NULL, &error));

  /* pdftotext may break lines anywhere a node wraps: compare without spaces */
  {
    GString *s = g_string_new (NULL);

    for (const char *p = text; *p; p++)
      if (!g_ascii_isspace (*p))
        g_string_append_c (s, *p);
    squeezed = g_string_free (s, FALSE);
  }
  for (guint i = 0; i < pillars->len; i++)
    if (strstr (squeezed, g_ptr_array_index (pillars, i)) == NULL)
      g_error ("pillar “%s” is not in the PDF's text:\n%s", (char *) g_ptr_array_index (pillars, i), text);
  g_assert_nonnull (strstr (squeezed, "建设区域医疗中心"));
  g_assert_nonnull (strstr (squeezed, "胸痛中心提质增效"));
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "map.PNG", NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  cairo_surface_t *surface;

  g_assert_true (zx_strategy_export (f->store, path, 2400, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 2400);
  g_assert_cmpint (cairo_image_surface_get_height (surface), >, 600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), <, 4000);
  cairo_surface_destroy (surface);

  if (g_getenv ("ZX_TEST_KEEP_PNG") != NULL)
    {
      g_autofree char *copy = g_build_filename (g_getenv ("ZX_TEST_KEEP_PNG"), NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (copy, contents, length, NULL));
    }
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = g_build_filename (f->dir, "map.docx", NULL);
  g_autofree char *png = g_build_filename (f->dir, "map.png", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "map.pdf", NULL);

  g_assert_false (zx_strategy_export (f->store, doc, 1000, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, ".pdf"));
  g_clear_error (&error);
  g_assert_false (g_file_test (doc, G_FILE_TEST_EXISTS));

  g_assert_false (zx_strategy_export (f->store, png, 10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  g_assert_false (zx_strategy_export (f->store, missing, 0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

/* The screen drawing at every level of detail, with highlight and
 * selection, on a surface, without errors; the cached-frame path too */
static void
test_render (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStrategyLayout) layout = zx_strategy_layout_new (f->store, NULL, 0, &error);
  ZxStrategyPalette palette;
  ZxStrategyRenderOptions options;
  static const double scales[] = { 0.1, 0.3, 1.0, 2.5 };
  guint n = zx_strategy_layout_get_n_nodes (layout);
  g_autofree guint8 *chain = g_malloc0 (n);

  g_assert_no_error (error);
  zx_strategy_layout_get_chain (layout, 1, chain);

  for (guint dark = 0; dark < 2; dark++)
    for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
      {
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
        cairo_t *cr = cairo_create (surface);
        guint32 *pixels;
        guint32 first;
        gboolean varied = FALSE;

        if (dark)
          zx_strategy_palette_init_dark (&palette);
        else
          zx_strategy_palette_init_light (&palette);
        zx_strategy_render_options_init (&options, &palette);
        options.scale = scales[i];
        options.clip = (ZxStrategyRect) { 0, 0, 800 / scales[i], 600 / scales[i] };
        options.highlight = i % 2 ? chain : NULL;
        options.selected = (int) n - 1;
        cairo_scale (cr, scales[i], scales[i]);
        zx_strategy_render (cr, layout, &options);
        zx_strategy_render_nodes (cr, layout, &options, chain);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_flush (surface);

        pixels = (guint32 *) cairo_image_surface_get_data (surface);
        first = pixels[0];
        for (int p = 0; p < 800 * 600 && !varied; p++)
          varied = pixels[p] != first;
        g_assert_true (varied);
        cairo_surface_destroy (surface);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/strategy-render/export/svg", Fixture, NULL, fixture_setup, test_svg, fixture_teardown);
  g_test_add ("/strategy-render/export/pdf", Fixture, NULL, fixture_setup, test_pdf, fixture_teardown);
  g_test_add ("/strategy-render/export/png", Fixture, NULL, fixture_setup, test_png, fixture_teardown);
  g_test_add ("/strategy-render/export/bad-input", Fixture, NULL, fixture_setup, test_bad_input, fixture_teardown);
  g_test_add ("/strategy-render/draw", Fixture, NULL, fixture_setup, test_render, fixture_teardown);

  return g_test_run ();
}
