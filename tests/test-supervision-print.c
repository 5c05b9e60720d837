/* test-supervision-print.c — the printed supervision list (督办清单), without a display
 *
 * Exports the demo's list and a list of 300 more overdue requests as PDF and
 * checks the files: a PDF, as many pages as the document laid out (one for
 * the demo; several for 300, each starting with the table's header), every
 * request in the text.  The text checks need pdftotext (poppler-utils) and
 * are skipped without it.  With ZX_TEST_SHOTS=DIR the PDFs are kept as
 * DIR/supervision-{demo,many}.pdf to look at.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kanban/zx-supervision-document.h"
#include "zx-demo.h"
#include "zx-kanban.h"
#include "zx-test-util.h"

#define TODAY "2026-11-22"
#define NOW   "2026-11-22T08:00:00Z"

typedef struct
{
  char    *dir;
  ZxStore *store;
  char    *board;
  GDate    today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "demo.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, NOW);
  g_assert_true (zx_demo_populate (f->store, TODAY, &error));
  g_assert_no_error (error);
  f->board = zx_kanban_ensure_board (f->store, &error);
  g_assert_no_error (error);
  g_date_clear (&f->today, 1);
  g_date_set_parse (&f->today, TODAY);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->board);
}

/* Helpers ------------------------------------------------------------------- */

/* The pages of a PDF: its "/Type /Page" objects (not "/Pages") */
static guint
pdf_page_count (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);

  for (gsize i = 0; i + 5 <= length; i++)
    {
      const char *q;

      if (memcmp (contents + i, "/Type", 5) != 0)
        continue;
      q = contents + i + 5;
      while (q < contents + length && (*q == ' ' || *q == '\n' || *q == '\r'))
        q++;
      if (contents + length - q >= 5 && memcmp (q, "/Page", 5) == 0 &&
          (contents + length - q == 5 || q[5] != 's'))
        n++;
    }
  return n;
}

/* With ZX_TEST_SHOTS=DIR, keeps a copy of @path as DIR/NAME */
static void
maybe_keep (const char *path,
            const char *name)
{
  const char *dir = g_getenv ("ZX_TEST_SHOTS");
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  gsize length;

  if (dir == NULL)
    return;
  copy = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
}

static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* The text of page @page (0: all) without white space; NULL without pdftotext */
static char *
pdf_text (const char *path,
          int         page)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *page_s = g_strdup_printf ("%d", page);
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
  if (page > 0)
    {
      g_ptr_array_add (argv, "-f");
      g_ptr_array_add (argv, page_s);
      g_ptr_array_add (argv, "-l");
      g_ptr_array_add (argv, page_s);
    }
  g_ptr_array_add (argv, (char *) path);
  g_ptr_array_add (argv, "-");
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
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

/* Tests ------------------------------------------------------------------- */

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ZxSupervisionDocument) document = zx_supervision_document_new (f->store, NULL, &f->today);
  g_autoptr(GPtrArray) entries = zx_kanban_supervision_list (f->store, f->board, &f->today);
  g_autofree char *path = g_build_filename (f->dir, "demo.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpstr (zx_supervision_document_get_title (document), ==, "Collaboration Requests Under Supervision");
  g_assert_cmpuint (zx_supervision_document_get_n_rows (document), ==, entries->len);
  g_assert_cmpuint (entries->len, >, 3);
  /* the demo's list fits on one page, signatures included */
  g_assert_cmpuint (zx_supervision_document_get_n_pages (document), ==, 1);
  g_assert_true (zx_supervision_document_export_pdf (document, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_page_count (path), ==, 1);
  maybe_keep (path, "supervision-demo.pdf");

  text = pdf_text (path, 0);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  assert_contains (text, "Collaboration Requests Under Supervision");
  assert_contains (text, "Days overdue");
  assert_contains (text, "Supervision deadline");
  assert_contains (text, "骨科→财务部");
  assert_contains (text, "院办督办：财务部与骨科当面对接，明确备案时间表。");
  assert_contains (text, "Hospital office (seal):");
  assert_contains (text, "Page 1 of 1");
  for (guint i = 0; i < entries->len; i++)
    {
      ZxSupervisionEntry *entry = g_ptr_array_index (entries, i);

      assert_contains (text, zx_record_get_string (entry->card, "title"));
    }
}

/* 300 more overdue requests: the table runs over pages, its header on each */
static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) departments = zx_store_list (f->store, "department", NULL, NULL);
  guint n_departments = g_list_model_get_n_items (G_LIST_MODEL (departments));
  g_autoptr(ZxSupervisionDocument) document = NULL;
  g_autofree char *path = g_build_filename (f->dir, "many.pdf", NULL);
  g_autoptr(GPtrArray) before = zx_kanban_supervision_list (f->store, f->board, &f->today);
  guint n_pages;

  g_assert_true (zx_store_begin (f->store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(ZxRecord) from = g_list_model_get_item (G_LIST_MODEL (departments), i % n_departments);
      g_autoptr(ZxRecord) to = g_list_model_get_item (G_LIST_MODEL (departments), (i * 7 + 3) % n_departments);
      g_autofree char *title = g_strdup_printf ("批量协同需求第%03u号：病区设备巡检与维护记录电子化", i + 1);
      GDate due = f->today;
      g_autofree char *due_s = NULL;
      g_autoptr(JsonObject) fields = NULL;
      g_autofree char *id = NULL;

      g_date_subtract_days (&due, 1 + i % 40);
      due_s = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&due), g_date_get_month (&due), g_date_get_day (&due));
      fields = zx_test_fields ("title", title,
                               "from_department_id", zx_record_get_id (from),
                               "to_department_id", zx_record_get_id (to),
                               "due_date", due_s, "priority", "normal", NULL);
      if (i % 3 == 0)
        json_object_set_string_member (fields, "description", "按季度统计巡检完成率。");
      id = zx_kanban_create_card (f->store, f->board, fields, &error);
      g_assert_no_error (error);
      g_assert_nonnull (id);
    }
  g_assert_true (zx_store_commit (f->store, &error));
  g_assert_no_error (error);

  document = zx_supervision_document_new (f->store, f->board, &f->today);
  g_assert_cmpuint (zx_supervision_document_get_n_rows (document), ==, before->len + 300);
  n_pages = zx_supervision_document_get_n_pages (document);
  {
    g_autoptr(GError) ignored = NULL;

    if (zx_supervision_document_export_pdf (document, path, &ignored))
      maybe_keep (path, "supervision-many.pdf");
  }
  /* from about ten to twenty rows a page */
  g_assert_cmpuint (n_pages, >=, (before->len + 300) / 25);
  g_assert_cmpuint (n_pages, <=, (before->len + 300) / 8);
  g_assert_true (zx_supervision_document_export_pdf (document, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_page_count (path), ==, n_pages);

  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

    if (pdftotext == NULL)
      {
        g_test_skip ("pdftotext is not installed");
        return;
      }
  }
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (path, page);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", page, n_pages);

      assert_contains (text, "Days overdue");
      assert_contains (text, "Requesting→Supporting");
      assert_contains (text, number);
      if (page > 1)
        /* the running header names what the page continues */
        assert_contains (text, "Collaboration Requests Under Supervision");
    }
  {
    g_autofree char *all = pdf_text (path, 0);
    g_autofree char *last = pdf_text (path, n_pages);

    for (guint i = 1; i <= 300; i++)
      {
        g_autofree char *title = g_strdup_printf ("批量协同需求第%03u号", i);

        assert_contains (all, title);
      }
    /* the totals and the office's signature close the last page */
    assert_contains (last, "Hospital office (seal):");
    assert_contains (last, "Total:");
  }
}

/* No board, nothing listed: a document that says so */
static void
test_empty (void)
{
  g_autofree char *dir = zx_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = zx_store_open (db, &error);
  g_autoptr(ZxSupervisionDocument) document = NULL;
  g_autofree char *text = NULL;
  GDate today;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_parse (&today, TODAY);
  document = zx_supervision_document_new (store, NULL, &today);
  g_assert_cmpuint (zx_supervision_document_get_n_rows (document), ==, 0);
  g_assert_cmpuint (zx_supervision_document_get_n_pages (document), ==, 1);
  g_assert_true (zx_supervision_document_export_pdf (document, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_page_count (path), ==, 1);
  text = pdf_text (path, 0);
  if (text != NULL)
    assert_contains (text, "No collaboration request is overdue or under supervision.");
  g_clear_object (&store);
  zx_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/supervision-print/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/supervision-print/many", Fixture, NULL, fixture_set_up, test_many, fixture_tear_down);
  g_test_add_func ("/supervision-print/empty", test_empty);

  return g_test_run ();
}
