/* test-pledge.c — the yearly pledge (军令状) as a PDF, headless and from the command line
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "strategy/zx-map-document.h"
#include "strategy/zx-pledge-document.h"
#include "strategy/zx-print-operation.h"
#include "zx-demo.h"
#include "zx-test-util.h"

#define TODAY "2026-11-22"
#define YEAR  2026

typedef struct
{
  char    *dir;
  char    *db_path;
  ZxStore *store;
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
  g_assert_no_error (error);
}

/* Removes @dir with everything in it (the command line's data folder nests) */
static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

/* Helpers ------------------------------------------------------------------- */

static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The text of @path (pages @first to @last, 0 for all), without white
 * space, so that a cell's text wrapped over lines still reads as one string;
 * NULL when pdftotext is missing. */
static char *
pdf_text (const char *path,
          int         first,
          int         last)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *first_s = g_strdup_printf ("%d", first);
  g_autofree char *last_s = g_strdup_printf ("%d", last);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status;

  if (pdftotext == NULL)
    return NULL;

  g_ptr_array_add (argv, pdftotext);
  g_ptr_array_add (argv, "-raw");
  g_ptr_array_add (argv, "-enc");
  g_ptr_array_add (argv, "UTF-8");
  if (first > 0)
    {
      g_ptr_array_add (argv, "-f");
      g_ptr_array_add (argv, first_s);
      g_ptr_array_add (argv, "-l");
      g_ptr_array_add (argv, last_s);
    }
  g_ptr_array_add (argv, (char *) path);
  g_ptr_array_add (argv, "-");
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return without_spaces (out);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_autofree char *bare = without_spaces (needle);

  if (strstr (haystack, bare) == NULL)
    g_error ("“%s” is not in the document: %s", needle, haystack);
}

static char *
department_id (ZxStore    *store,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  char *id = zx_pledge_document_find_department (store, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
export (Fixture    *f,
        const char *department,
        const char *file)
{
  g_autofree char *id = department_id (f->store, department);
  g_autofree char *path = g_build_filename (f->dir, file, NULL);
  g_autoptr(ZxPledgeDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = zx_pledge_document_new (f->store, id, YEAR, &error);
  g_assert_no_error (error);
  g_assert_true (zx_pledge_document_export_pdf (document, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return g_steal_pointer (&path);
}

static ZxRecord *
pledge_of (ZxStore    *store,
           const char *dept_id)
{
  g_autofree char *year = g_strdup_printf ("%d", YEAR);
  g_autoptr(GListStore) list = zx_store_list (store, "pledge", "department_id = ? AND year = ?",
                                              (const char * const[]) { dept_id, year, NULL });

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  return g_list_model_get_item (G_LIST_MODEL (list), 0);
}

/* The date the signed pledges of the demo were signed, as the document prints it */
static char *
signed_date (ZxRecord *pledge)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (zx_record_get_string (pledge, "signed_at"), NULL);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%B %-d, %Y");
}

/* The department, its head, every battle and the year are in the text */
static void
assert_pledge_text (Fixture    *f,
                    const char *text,
                    const char *department)
{
  g_autofree char *id = department_id (f->store, department);
  g_autoptr(JsonObject) dept = zx_store_get (f->store, "department", id, NULL);
  g_autofree char *head = zx_store_get_display (f->store, "staff",
                                                json_object_get_string_member (dept, "head_id"));
  g_autoptr(GListStore) battles = zx_store_list (f->store, "battle", "department_id = ?",
                                                 (const char * const[]) { id, NULL });
  g_autofree char *year = g_strdup_printf ("%d", YEAR);

  assert_contains (text, department);
  assert_contains (text, head);
  assert_contains (text, year);
  assert_contains (text, "Department Responsibility Pledge for 2026");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (battles)), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (battles)); i++)
    {
      g_autoptr(ZxRecord) battle = g_list_model_get_item (G_LIST_MODEL (battles), i);

      assert_contains (text, zx_record_get_string (battle, "name"));
      assert_contains (text, zx_record_get_string (battle, "target"));
    }
}

/* Cases ---------------------------------------------------------------------- */

/* 心血管内科 signed at the spring rally: its date and signer are printed */
static void
test_signed (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = export (f, "心血管内科", "signed.pdf");
  g_autofree char *text = pdf_text (path, 0, 0);
  g_autofree char *id = department_id (f->store, "心血管内科");
  g_autoptr(ZxRecord) pledge = pledge_of (f->store, id);
  g_autofree char *date = NULL;

  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  g_assert_false (zx_record_is_null (pledge, "signed_at"));
  date = signed_date (pledge);
  assert_pledge_text (f, text, "心血管内科");
  assert_contains (text, date);
  assert_contains (text, zx_record_get_string (pledge, "commitment"));
  assert_contains (text, "(Hospital seal)");
  assert_contains (text, "Page 1 of 1");
}

/* 儿科 (found by its code) has not signed: no date, no signer */
static void
test_unsigned (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = export (f, "ek", "unsigned.pdf");
  g_autofree char *text = pdf_text (path, 0, 0);
  g_autofree char *signed_id = department_id (f->store, "心血管内科");
  g_autofree char *id = department_id (f->store, "儿科");
  g_autoptr(ZxRecord) signed_pledge = pledge_of (f->store, signed_id);
  g_autoptr(ZxRecord) pledge = pledge_of (f->store, id);
  g_autofree char *date = signed_date (signed_pledge);
  g_autofree char *bare_date = without_spaces (date);

  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  g_assert_true (zx_record_is_null (pledge, "signed_at"));
  assert_pledge_text (f, text, "儿科");
  g_assert_null (strstr (text, bare_date));
  g_assert_null (strstr (text, "February"));
  g_assert_null (strstr (text, "Witness"));
  /* the blank date lines */
  assert_contains (text, "year month day");
}

/* A department with 25 battles: the table runs onto a second page, with its header */
static void
test_pagination (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) pillars = zx_store_list (f->store, "pillar", NULL, NULL);
  g_autoptr(ZxRecord) pillar = g_list_model_get_item (G_LIST_MODEL (pillars), 0);
  g_autoptr(JsonObject) dept = zx_test_fields ("name", "康复医学科", "code", "KFYXK", "kind", "clinical", NULL);
  g_autofree char *dept_id = zx_store_create (f->store, "department", dept, &error);
  g_autoptr(ZxPledgeDocument) document = NULL;
  g_autofree char *path = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *all = NULL;
  guint n_pages;

  g_assert_no_error (error);
  for (int i = 1; i <= 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("康复专项攻坚战役第%02d号", i);
      g_autofree char *target = g_strdup_printf ("完成康复评估%d例，患者满意度不低于95分", i * 10);
      g_autoptr(JsonObject) battle = zx_test_fields ("department_id", dept_id,
                                                     "pillar_id", zx_record_get_id (pillar),
                                                     "name", name, "target", target,
                                                     "deadline", "2026-12-31",
                                                     "status", "in_progress", NULL);
      g_autofree char *battle_id = zx_store_create (f->store, "battle", battle, &error);

      g_assert_no_error (error);
    }

  document = zx_pledge_document_new (f->store, dept_id, YEAR, &error);
  g_assert_no_error (error);
  n_pages = zx_pledge_document_get_n_pages (document);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_true (zx_pledge_document_export_pdf (document, path, &error));
  g_assert_no_error (error);

  all = pdf_text (path, 0, 0);
  if (all == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  for (int i = 1; i <= 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("康复专项攻坚战役第%02d号", i);

      assert_contains (all, name);
    }

  /* The header on the first page and again on the next */
  for (guint page = 1; page <= 2; page++)
    {
      g_autofree char *text = pdf_text (path, page, page);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", page, n_pages);

      assert_contains (text, "Measurable target");
      assert_contains (text, "Pillar served");
      assert_contains (text, number);
    }
  /* the second page starts with the running header, the table continues */
  {
    g_autofree char *second = pdf_text (path, 2, 2);

    assert_contains (second, "康复医学科");
    g_assert_null (strstr (second, "康复专项攻坚战役第01号"));
  }
}

/* A department without battles still gets its pledge, which says so */
static void
test_no_battles (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) dept = zx_test_fields ("name", "营养科", "kind", "clinical", NULL);
  g_autofree char *dept_id = zx_store_create (f->store, "department", dept, &error);
  ZxPledgeDocument *document;
  g_autofree char *path = g_build_filename (f->dir, "empty.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  document = zx_pledge_document_new (f->store, dept_id, YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zx_pledge_document_get_n_pages (document), ==, 1);
  g_assert_true (zx_pledge_document_export_pdf (document, path, &error));
  g_assert_no_error (error);
  /* nothing else holds the document */
  g_assert_finalize_object (document);

  text = pdf_text (path, 0, 0);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  assert_contains (text, "营养科");
  assert_contains (text, "No battles are set for this department for 2026 yet.");
  /* the default commitment */
  assert_contains (text, "The department takes the battles above as the central work of the year.");
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(ZxPledgeDocument) document = NULL;
  g_autofree char *xnk = department_id (f->store, "XNK");
  g_autofree char *bad_path = g_build_filename (f->dir, "no-such-folder", "pledge.pdf", NULL);

  id = zx_pledge_document_find_department (f->store, "不存在的科室", &error);
  g_assert_null (id);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no department named or coded “不存在的科室”.");
  g_clear_error (&error);

  document = zx_pledge_document_new (f->store, "00000000-0000-4000-8000-000000000000", YEAR, &error);
  g_assert_null (document);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
  g_clear_error (&error);

  document = zx_pledge_document_new (f->store, xnk, 1999, &error);
  g_assert_null (document);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);

  /* A place that cannot be written leaves nothing behind */
  document = zx_pledge_document_new (f->store, xnk, YEAR, &error);
  g_assert_no_error (error);
  g_assert_false (zx_pledge_document_export_pdf (document, bad_path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "pledge.pdf"));
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
}

/* An export over an existing file replaces it whole, and no temporary file stays */
static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "pledge.pdf", NULL);
  g_autofree char *again = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  again = export (f, "心血管内科", "pledge.pdf");
  g_assert_true (g_file_get_contents (again, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "pledge.pdf."));
}

/* The document prints through ZxPrintOperation: its pages, A4 portrait */
static void
test_printable (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = department_id (f->store, "心血管内科");
  g_autoptr(ZxPledgeDocument) document = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  document = zx_pledge_document_new (f->store, id, YEAR, &error);
  g_assert_no_error (error);
  g_assert_true (ZX_IS_PRINTABLE (document));
  g_assert_cmpuint (zx_printable_get_n_pages (ZX_PRINTABLE (document)), ==,
                    zx_pledge_document_get_n_pages (document));

  setup = zx_printable_get_page_setup (ZX_PRINTABLE (document));
  g_assert_cmpint (gtk_page_setup_get_orientation (setup), ==, GTK_PAGE_ORIENTATION_PORTRAIT);
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS), 595.28, 0.1);
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS), 841.89, 0.1);

  /* Drawing on a raster at another size (a preview) works and marks it */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 300);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  zx_printable_draw_page (ZX_PRINTABLE (document), cr, 0, 300, 300);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  {
    unsigned char *pixels = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);
    gboolean inked = FALSE;

    for (int y = 0; y < 300 && !inked; y++)
      for (int x = 0; x < 300 && !inked; x++)
        inked = (((guint32 *) (pixels + y * stride))[x] & 0xffffff) != 0xffffff;
    g_assert_true (inked);
  }
  cairo_surface_destroy (surface);
}

/* GtkPrintOperation's own PDF export runs the same pages through ZxPrintOperation */
static void
test_print_operation (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = department_id (f->store, "心血管内科");
  g_autofree char *path = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autoptr(ZxPledgeDocument) document = NULL;
  g_autoptr(ZxPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }

  document = zx_pledge_document_new (f->store, id, YEAR, &error);
  g_assert_no_error (error);
  operation = zx_print_operation_new (ZX_PRINTABLE (document));
  g_assert_true (zx_print_operation_get_document (operation) == ZX_PRINTABLE (document));

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  text = pdf_text (path, 0, 0);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  assert_pledge_text (f, text, "心血管内科");
}

/* The names of the live battles of department @dept_id (@mine) or of the
 * other departments */
static GPtrArray *
battle_names (ZxStore    *store,
              const char *dept_id,
              gboolean    mine)
{
  const char *params[] = { dept_id, NULL };
  g_autoptr(GListStore) rows = zx_store_list (store, "battle", mine ? "department_id = ?" : "department_id <> ?", params);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(ZxRecord) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      const char *name = zx_record_get_string (row, "name");
      const char *same[] = { name, NULL };

      /* some battles are named like a key success factor, which every
       * battle map shows: those say nothing about whose battles are drawn */
      if (mine || zx_store_count (store, "success_factor", "name = ?", same) == 0)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_assert_cmpuint (names->len, >, 0);
  return names;
}

static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

/* A department's battle map printed through the print operation: one A3
 * landscape page with that department's battles and no other's */
static void
test_battle_map_print (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = department_id (f->store, "心血管内科");
  g_autofree char *path = g_build_filename (f->dir, "battle-map.pdf", NULL);
  g_autoptr(ZxStrategyLayout) layout = NULL;
  g_autoptr(ZxMapDocument) document = NULL;
  g_autoptr(ZxPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GPtrArray) mine = battle_names (f->store, id, TRUE);
  g_autoptr(GPtrArray) others = battle_names (f->store, id, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  g_autofree char *title = NULL;
  GtkPrintOperationResult result;

  /* (a second gtk_init_check() after a failed one claims success) */
  if (!gtk_init_check () || gdk_display_get_default () == NULL)
    {
      g_test_skip ("no display");
      return;
    }

  layout = zx_strategy_layout_new_for_department (f->store, NULL, id, YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zx_strategy_layout_get_department_name (layout), ==, "心血管内科");
  document = zx_map_document_new (layout);
  g_assert_cmpuint (zx_printable_get_n_pages (ZX_PRINTABLE (document)), ==, 1);
  setup = zx_printable_get_page_setup (ZX_PRINTABLE (document));
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (setup)), ==, GTK_PAPER_NAME_A3);
  g_assert_cmpint (gtk_page_setup_get_orientation (setup), ==, GTK_PAGE_ORIENTATION_LANDSCAPE);
  title = zx_printable_get_title (ZX_PRINTABLE (document));
  g_assert_nonnull (strstr (title, "心血管内科"));

  operation = zx_print_operation_new (ZX_PRINTABLE (document));
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  text = pdf_text (path, 0, 0);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  squeezed = squeeze (text);
  g_assert_nonnull (strstr (squeezed, "心血管内科"));
  for (guint i = 0; i < mine->len; i++)
    {
      g_autofree char *name = squeeze (g_ptr_array_index (mine, i));

      if (strstr (squeezed, name) == NULL)
        g_error ("battle “%s” is not on the printed battle map:\n%s", name, text);
    }
  for (guint i = 0; i < others->len; i++)
    {
      g_autofree char *name = squeeze (g_ptr_array_index (others, i));

      if (strstr (squeezed, name) != NULL)
        g_error ("another department's battle “%s” is on the battle map", name);
    }
}

/* The command line ------------------------------------------------------------ */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the built zhixing without a display, in @dir, with its data there too */
static void
run_zhixing (const char  *dir,
             Run         *run,
             const char  *first_arg,
             ...)
{
  const char *exe = g_getenv ("ZHIXING_EXE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list args;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "XDG_DATA_HOME", dir, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", dir, TRUE);

  g_spawn_sync (dir, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
}

static gboolean
exited_with (Run *run,
             int  code)
{
  return WIFEXITED (run->status) && WEXITSTATUS (run->status) == code;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "cli.pdf", NULL);
  g_autofree char *text = NULL;

  if (g_getenv ("ZHIXING_EXE") == NULL)
    {
      g_test_skip ("ZHIXING_EXE is not set");
      return;
    }

  /* by code, with a year, to a relative path */
  {
    g_auto(Run) run = { 0 };

    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-pledge", "XNK",
                 "--year", "2026", "cli.pdf", NULL);
    if (!exited_with (&run, 0))
      g_error ("zhixing failed: %s", run.err);
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    text = pdf_text (out, 0, 0);
    if (text != NULL)
      assert_pledge_text (f, text, "心血管内科");
  }

  /* one department's battle map, by code, as SVG */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *svg = g_build_filename (f->dir, "xnk.svg", NULL);
    g_autofree char *contents = NULL;
    g_autofree char *id = department_id (f->store, "XNK");
    g_autoptr(GPtrArray) mine = battle_names (f->store, id, TRUE);
    g_autoptr(GPtrArray) others = battle_names (f->store, id, FALSE);

    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-strategy-map", "xnk.svg",
                 "--department", "XNK", NULL);
    if (!exited_with (&run, 0))
      g_error ("zhixing failed: %s", run.err);
    g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
    for (guint i = 0; i < mine->len; i++)
      {
        g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (mine, i), -1);

        g_assert_nonnull (strstr (contents, escaped));
      }
    for (guint i = 0; i < others->len; i++)
      {
        g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (others, i), -1);

        g_assert_null (strstr (contents, escaped));
      }
  }

  /* --department without --export-strategy-map, and an unknown one */
  {
    g_auto(Run) run = { 0 };

    run_zhixing (f->dir, &run, "--database", f->db_path, "--department", "XNK", NULL);
    g_assert_true (exited_with (&run, 1));
    g_assert_nonnull (strstr (run.err, "--department goes with --export-strategy-map."));
  }
  {
    g_auto(Run) run = { 0 };

    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-strategy-map", "nobody.pdf",
                 "--department", "不存在的科室", NULL);
    g_assert_true (exited_with (&run, 1));
    g_assert_nonnull (strstr (run.err, "There is no department named or coded “不存在的科室”."));
  }

  /* unknown department */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *missing = g_build_filename (f->dir, "missing.pdf", NULL);

    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-pledge", "不存在的科室",
                 "--year", "2026", missing, NULL);
    g_assert_true (exited_with (&run, 1));
    g_assert_nonnull (strstr (run.err, "There is no department named or coded “不存在的科室”."));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  /* bad year */
  {
    g_auto(Run) run = { 0 };

    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-pledge", "XNK",
                 "--year", "20x6", "bad.pdf", NULL);
    g_assert_true (exited_with (&run, 1));
    g_assert_nonnull (strstr (run.err, "“20x6” is not a year between 2000 and 2100."));
  }

  /* no file */
  {
    g_auto(Run) run = { 0 };

    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-pledge", "XNK", NULL);
    g_assert_true (exited_with (&run, 1));
    g_assert_nonnull (strstr (run.err, "Give exactly one PDF file to write"));
  }

  /* cannot write */
  {
    g_auto(Run) run = { 0 };

    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-pledge", "XNK",
                 "no-such-folder/p.pdf", NULL);
    g_assert_true (exited_with (&run, 1));
    g_assert_nonnull (strstr (run.err, "Could not write"));
  }

  /* the demo hospital, the current year by default */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *demo_out = g_build_filename (f->dir, "demo.pdf", NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (now));
    g_autofree char *demo_text = NULL;

    run_zhixing (f->dir, &run, "--demo", "--export-pledge", "骨科", demo_out, NULL);
    if (!exited_with (&run, 0))
      g_error ("zhixing --demo failed: %s", run.err);
    demo_text = pdf_text (demo_out, 0, 0);
    if (demo_text != NULL)
      {
        assert_contains (demo_text, "骨科");
        assert_contains (demo_text, year);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/pledge/signed", test_signed);
  ADD ("/pledge/unsigned", test_unsigned);
  ADD ("/pledge/pagination", test_pagination);
  ADD ("/pledge/no-battles", test_no_battles);
  ADD ("/pledge/errors", test_errors);
  ADD ("/pledge/replace", test_replace);
  ADD ("/pledge/printable", test_printable);
  ADD ("/pledge/print-operation", test_print_operation);
  ADD ("/pledge/print-operation/battle-map", test_battle_map_print);
  ADD ("/pledge/cli", test_cli);

#undef ADD

  return g_test_run ();
}
