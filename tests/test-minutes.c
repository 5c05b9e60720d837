/* test-minutes.c — a weekly review meeting's minutes as a PDF, headless
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "okr/zx-minutes-document.h"
#include "strategy/zx-print-operation.h"
#include "zx-rank.h"
#include "zx-test-util.h"

#define HOSPITAL   "华夏市第一人民医院"
#define DEPARTMENT "心血管内科"
#define CYCLE      "2026年第四季度"
#define OBJECTIVE  "建成区域胸痛诊疗中心"
#define MEETING    "心血管内科OKR周例会"
#define NOTES      "围绕“进展如何、遇到什么困难、需要什么支持”逐项复盘科室关键成果。"

typedef struct
{
  char    *dir;
  ZxStore *store;
  char    *department_id;
  char    *cycle_id;
  char    *objective_id;
  char    *head_id;        /* 张建华 */
  char    *doctor_id;      /* 李明 */
} Fixture;

/* Helpers ------------------------------------------------------------------- */

/* Creates a row (taking @fields) and returns its id */
static char *
create (ZxStore    *store,
        const char *entity,
        JsonObject *fields)
{
  g_autoptr(JsonObject) owned = fields;
  g_autoptr(GError) error = NULL;
  char *id = zx_store_create (store, entity, owned, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
create_key_result (Fixture    *f,
                   const char *title,
                   const char *kind,
                   double      start,
                   double      target,
                   double      current,
                   const char *owner_id)
{
  JsonObject *kr = zx_test_fields ("objective_id", f->objective_id, "title", title, "kind", kind,
                                   "direction", target >= start ? "higher" : "lower",
                                   "owner_id", owner_id, NULL);

  json_object_set_double_member (kr, "weight", 1);
  json_object_set_double_member (kr, "current_value", current);
  if (!g_str_equal (kind, "milestone"))
    {
      json_object_set_double_member (kr, "start_value", start);
      json_object_set_double_member (kr, "target_value", target);
    }
  return create (f->store, "key_result", kr);
}

static char *
create_meeting (Fixture    *f,
                const char *department_id,
                const char *kind,
                const char *notes)
{
  return create (f->store, "meeting",
                 zx_test_fields ("department_id", department_id, "cycle_id", f->cycle_id,
                                 "held_on", "2026-11-16", "title", MEETING, "kind", kind,
                                 "notes", notes, NULL));
}

/* @rank NULL: after the others */
static void
create_item (Fixture    *f,
             const char *meeting_id,
             const char *key_result_id,
             const char *rank,
             const char *progress,
             const char *obstacles,
             const char *support)
{
  g_autofree char *id = create (f->store, "meeting_item",
                                zx_test_fields ("meeting_id", meeting_id, "key_result_id", key_result_id,
                                                "progress", progress, "obstacles", obstacles,
                                                "support_needed", support, "rank", rank, NULL));
}

static void
create_decision (Fixture    *f,
                 const char *meeting_id,
                 const char *content,
                 const char *owner_id,
                 const char *deadline,
                 const char *status,
                 guint       minute)
{
  g_autofree char *created_at = g_strdup_printf ("2026-11-16T03:%02u:00Z", minute % 60);
  g_autofree char *id = create (f->store, "decision",
                                zx_test_fields ("meeting_id", meeting_id, "content", content,
                                                "owner_id", owner_id, "deadline", deadline,
                                                "status", status, "created_at", created_at, NULL));
}

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
 * space, so that text wrapped over lines still reads as one string; NULL
 * when pdftotext is missing. */
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

static guint
count_of (const char *haystack,
          const char *needle)
{
  g_autofree char *bare = without_spaces (needle);
  guint n = 0;

  for (const char *p = strstr (haystack, bare); p != NULL; p = strstr (p + strlen (bare), bare))
    n++;
  return n;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (count_of (haystack, needle) == 0)
    g_error ("“%s” is not in the document: %s", needle, haystack);
}

static void
assert_before (const char *haystack,
               const char *first,
               const char *second)
{
  g_autofree char *a = without_spaces (first);
  g_autofree char *b = without_spaces (second);
  const char *pa = strstr (haystack, a);
  const char *pb = strstr (haystack, b);

  g_assert_nonnull (pa);
  g_assert_nonnull (pb);
  if (pa >= pb)
    g_error ("“%s” should come before “%s”", first, second);
}

static char *
export (Fixture            *f,
        const char         *meeting_id,
        const char         *file,
        ZxMinutesDocument **out_document)
{
  g_autofree char *path = g_build_filename (f->dir, file, NULL);
  g_autoptr(ZxMinutesDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = zx_minutes_document_new (f->store, meeting_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_true (zx_minutes_document_export_pdf (document, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  if (out_document != NULL)
    *out_document = g_steal_pointer (&document);
  return g_steal_pointer (&path);
}

/* Fixture --------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *hospital_id = NULL;
  g_autofree char *year_id = NULL;
  JsonObject *objective;

  f->dir = zx_test_tmpdir ();
  db_path = g_build_filename (f->dir, "minutes.db", NULL);
  f->store = zx_store_open (db_path, &error);
  g_assert_no_error (error);

  hospital_id = create (f->store, "hospital", zx_test_fields ("name", HOSPITAL, NULL));
  f->department_id = create (f->store, "department",
                             zx_test_fields ("name", DEPARTMENT, "code", "XNK", "kind", "clinical", NULL));
  f->head_id = create (f->store, "staff",
                       zx_test_fields ("name", "张建华", "employee_no", "X001", "title", "主任医师",
                                       "department_id", f->department_id, "role", "head", NULL));
  f->doctor_id = create (f->store, "staff",
                         zx_test_fields ("name", "李明", "employee_no", "X002", "title", "副主任医师",
                                         "department_id", f->department_id, "role", "staff", NULL));
  year_id = create (f->store, "cycle",
                    zx_test_fields ("name", "2026年度", "kind", "year",
                                    "start_date", "2026-01-01", "end_date", "2026-12-31", NULL));
  f->cycle_id = create (f->store, "cycle",
                        zx_test_fields ("name", CYCLE, "kind", "quarter", "parent_id", year_id,
                                        "start_date", "2026-10-01", "end_date", "2026-12-31", NULL));
  objective = zx_test_fields ("cycle_id", f->cycle_id, "level", "department", "title", OBJECTIVE,
                              "owner_id", f->head_id, "department_id", f->department_id,
                              "status", "active", NULL);
  f->objective_id = create (f->store, "objective", objective);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->department_id);
  g_free (f->cycle_id);
  g_free (f->objective_id);
  g_free (f->head_id);
  g_free (f->doctor_id);
}

/* Cases ---------------------------------------------------------------------- */

/* Three key results reviewed in the meeting's order, two decisions (one
 * without an owner): everything is printed on one page */
static void
test_weekly (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *numeric = create_key_result (f, "急诊PCI手术量达到120例", "numeric", 60, 120, 84, f->doctor_id);
  g_autofree char *percentage = create_key_result (f, "D2B时间达标率提升至90%", "percentage", 70, 90, 95, NULL);
  g_autofree char *milestone = create_key_result (f, "胸痛中心通过国家认证", "milestone", 0, 0, 1, f->head_id);
  g_autofree char *meeting = create_meeting (f, f->department_id, "weekly_review", NOTES);
  g_auto(GStrv) ranks = zx_rank_spread (3);
  g_autoptr(ZxMinutesDocument) document = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  /* Ranked against the order they are added in */
  create_item (f, meeting, numeric, ranks[1], "本周完成急诊PCI 9例，累计84例。", "导管室夜间人手不足。",
               "请医务部协调导管室夜班排班。");
  create_item (f, meeting, percentage, ranks[2], "本月达标率95%。", NULL, NULL);
  create_item (f, meeting, milestone, ranks[0], "认证材料已提交，等待现场核查。", NULL, "");
  create_decision (f, meeting, "科室内部组织一次胸痛中心流程培训。", NULL, NULL, "open", 31);
  create_decision (f, meeting, "由李明牵头梳理导管室夜班排班方案，下周例会汇报。", f->doctor_id,
                   "2026-11-23", "open", 30);

  path = export (f, meeting, "weekly.pdf", &document);
  g_assert_cmpuint (zx_minutes_document_get_n_pages (document), ==, 1);
  g_assert_cmpstr (zx_minutes_document_get_title (document), ==, "Weekly OKR Review — Minutes");

  text = pdf_text (path, 0, 0);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  assert_contains (text, HOSPITAL);
  assert_contains (text, "Weekly OKR Review — Minutes");
  assert_contains (text, DEPARTMENT);
  assert_contains (text, CYCLE);
  assert_contains (text, MEETING);
  assert_contains (text, "2026-11-16");
  assert_contains (text, NOTES);
  assert_contains (text, "Key Results Reviewed");
  assert_contains (text, "Decisions");
  assert_contains (text, "Page 1 of 1");
  assert_contains (text, "Printed on");
  assert_contains (text, "Recorder (signature):");
  assert_contains (text, "Chair (signature):");

  /* The key results, in the meeting's order, each with its objective, owner and progress */
  assert_contains (text, "急诊PCI手术量达到120例");
  assert_contains (text, "D2B时间达标率提升至90%");
  assert_contains (text, "胸痛中心通过国家认证");
  assert_before (text, "胸痛中心通过国家认证", "急诊PCI手术量达到120例");
  assert_before (text, "急诊PCI手术量达到120例", "D2B时间达标率提升至90%");
  g_assert_cmpuint (count_of (text, "Objective: " OBJECTIVE), ==, 3);
  assert_contains (text, "胸痛中心通过国家认证100%");       /* milestone reached */
  assert_contains (text, "急诊PCI手术量达到120例40%");      /* (84 − 60) / (120 − 60) */
  assert_contains (text, "D2B时间达标率提升至90%100%");     /* beyond the target: clamped */
  assert_contains (text, "Owner: 李明");
  assert_contains (text, "Owner: 张建华");                 /* the objective's owner stands in */
  assert_contains (text, "How it is going本周完成急诊PCI 9例，累计84例。");
  assert_contains (text, "What is in the way导管室夜间人手不足。");
  assert_contains (text, "Support needed请医务部协调导管室夜班排班。");
  assert_contains (text, "What is in the way—");
  assert_contains (text, "Support needed—");

  /* The decisions, in the order they were made, numbered */
  assert_contains (text, "1.由李明牵头梳理导管室夜班排班方案，下周例会汇报。");
  assert_contains (text, "2.科室内部组织一次胸痛中心流程培训。");
  assert_contains (text, "Owner:李明");
  assert_contains (text, "Deadline: 2026-11-23");
  assert_contains (text, "Owner:No owner yet");
  assert_contains (text, "Deadline: —");
  assert_contains (text, "Status: Open");
}

/* 40 key results and 30 decisions run over several pages: every key result
 * once, no item cut between pages, a footer on each page */
static void
test_pagination (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *meeting = create_meeting (f, f->department_id, "weekly_review", NOTES);
  g_autoptr(ZxMinutesDocument) document = NULL;
  g_autofree char *path = NULL;
  g_autofree char *all = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  guint n_pages;

  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("第%02u项关键成果：日间手术占比稳步提升", i);
      g_autofree char *kr = create_key_result (f, title, "numeric", 0, 40, i, i % 2 ? f->doctor_id : NULL);
      g_autofree char *progress = g_strdup_printf ("第%02u项进展：本周按计划推进，完成率%u%%。", i, i * 2);
      /* every third item has long answers, wrapped over several lines */
      g_autofree char *obstacles = i % 3 == 0
        ? g_strdup_printf ("第%02u项困难：%s", i,
                           "床位周转偏慢，麻醉科排班紧张，日间病房与住院病房之间的转床流程尚未理顺，"
                           "患者术前检查预约等待时间较长，部分检查需要跨院区完成，影响当日手术安排。")
        : NULL;
      g_autofree char *support = g_strdup_printf ("第%02u项支持：请运营管理部协助。", i);

      create_item (f, meeting, kr, NULL, progress, obstacles, support);
    }
  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *content = g_strdup_printf ("第%02u号决定：由科室质控小组跟进日间手术流程优化，"
                                                  "每周例会通报进展。", i);

      create_decision (f, meeting, content, i % 4 ? f->head_id : NULL, "2026-12-15",
                       i % 5 ? "open" : "done", i);
    }

  path = export (f, meeting, "long.pdf", &document);
  n_pages = zx_minutes_document_get_n_pages (document);
  g_assert_cmpuint (n_pages, >, 1);

  all = pdf_text (path, 0, 0);
  if (all == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", page, n_pages);
      char *text = pdf_text (path, page, page);

      g_ptr_array_add (pages, text);
      assert_contains (text, number);
      assert_contains (text, "Printed on");
      /* later pages say what they continue */
      if (page > 1)
        assert_contains (text, DEPARTMENT "·Weekly OKR Review — Minutes·2026-11-16");
    }

  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("第%02u项关键成果：日间手术占比稳步提升", i);
      g_autofree char *progress = g_strdup_printf ("第%02u项进展", i);
      g_autofree char *support = g_strdup_printf ("第%02u项支持", i);
      gboolean found = FALSE;

      g_assert_cmpuint (count_of (all, title), ==, 1);
      /* an item's title and its last answer are on the same page */
      for (guint page = 0; page < pages->len; page++)
        if (count_of (pages->pdata[page], title) == 1)
          {
            assert_contains (pages->pdata[page], progress);
            assert_contains (pages->pdata[page], support);
            found = TRUE;
          }
      g_assert_true (found);
    }
  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *content = g_strdup_printf ("第%02u号决定：由科室质控小组跟进日间手术流程优化，"
                                                  "每周例会通报进展。", i);

      g_assert_cmpuint (count_of (all, content), ==, 1);
    }
  g_assert_cmpuint (count_of (all, "No owner yet"), ==, 7);   /* 4, 8, … 28 */
  g_assert_cmpuint (count_of (all, "Status: Done"), ==, 6);   /* 5, 10, … 30 */
  assert_before (all, "第40项关键成果", "第01号决定");
  assert_before (all, "第30号决定", "Recorder (signature):");
  /* the signatures are not left alone on the last page */
  assert_contains (pages->pdata[n_pages - 1], "第30号决定");
  assert_contains (pages->pdata[n_pages - 1], "Chair (signature):");
}

/* A hospital-wide monthly review with nothing recorded says so */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *meeting = create_meeting (f, NULL, "monthly_review", NULL);
  g_autoptr(ZxMinutesDocument) document = NULL;
  g_autofree char *path = export (f, meeting, "empty.pdf", &document);
  g_autofree char *text = NULL;

  g_assert_cmpuint (zx_minutes_document_get_n_pages (document), ==, 1);
  g_assert_cmpstr (zx_minutes_document_get_title (document), ==, "Monthly OKR Review — Minutes");
  /* nothing else holds the document */
  g_assert_finalize_object (g_steal_pointer (&document));

  text = pdf_text (path, 0, 0);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  assert_contains (text, "Monthly OKR Review — Minutes");
  assert_contains (text, "Department Whole hospital");
  assert_contains (text, "No notes were recorded for this meeting.");
  assert_contains (text, "No key results were reviewed at this meeting.");
  assert_contains (text, "No decisions were recorded at this meeting.");
  g_assert_cmpuint (count_of (text, "Department" DEPARTMENT), ==, 0);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxMinutesDocument) document = NULL;
  g_autofree char *meeting = create_meeting (f, f->department_id, "other", NOTES);
  g_autofree char *bad_path = g_build_filename (f->dir, "no-such-folder", "minutes.pdf", NULL);

  document = zx_minutes_document_new (f->store, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_null (document);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The meeting does not exist or was deleted: its minutes cannot be printed.");
  g_clear_error (&error);

  document = zx_minutes_document_new (f->store, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Any other meeting gets plain minutes; a place that cannot be written leaves nothing behind */
  document = zx_minutes_document_new (f->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zx_minutes_document_get_title (document), ==, "Meeting Minutes");
  g_assert_false (zx_minutes_document_export_pdf (document, bad_path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "minutes.pdf"));
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_clear_object (&document);

  /* A deleted meeting is not found */
  g_assert_true (zx_store_delete (f->store, "meeting", meeting, &error));
  g_assert_no_error (error);
  document = zx_minutes_document_new (f->store, meeting, &error);
  g_assert_null (document);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
}

/* The document prints through ZxPrintOperation: its pages, A4 portrait, and
 * a page drawn on a raster is inked */
static void
test_printable (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *kr = create_key_result (f, "急诊PCI手术量达到120例", "numeric", 60, 120, 84, f->doctor_id);
  g_autofree char *meeting = create_meeting (f, f->department_id, "weekly_review", NOTES);
  g_autoptr(ZxMinutesDocument) document = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean inked = FALSE;

  create_item (f, meeting, kr, NULL, "按计划推进。", NULL, NULL);
  document = zx_minutes_document_new (f->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_true (ZX_IS_PRINTABLE (document));
  g_assert_cmpuint (zx_printable_get_n_pages (ZX_PRINTABLE (document)), ==,
                    zx_minutes_document_get_n_pages (document));

  setup = zx_printable_get_page_setup (ZX_PRINTABLE (document));
  g_assert_cmpint (gtk_page_setup_get_orientation (setup), ==, GTK_PAGE_ORIENTATION_PORTRAIT);
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS), 595.28, 0.1);
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS), 841.89, 0.1);

  title = zx_printable_get_title (ZX_PRINTABLE (document));
  g_assert_nonnull (strstr (title, DEPARTMENT));
  g_assert_nonnull (strstr (title, "Weekly OKR Review — Minutes"));

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

    for (int y = 0; y < 300 && !inked; y++)
      for (int x = 0; x < 300 && !inked; x++)
        inked = (((guint32 *) (pixels + y * stride))[x] & 0xffffff) != 0xffffff;
  }
  cairo_surface_destroy (surface);
  g_assert_true (inked);
}

/* GtkPrintOperation's own PDF export runs the same pages through ZxPrintOperation */
static void
test_print_operation (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *kr = create_key_result (f, "急诊PCI手术量达到120例", "numeric", 60, 120, 84, f->doctor_id);
  g_autofree char *meeting = create_meeting (f, f->department_id, "weekly_review", NOTES);
  g_autofree char *path = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autoptr(ZxMinutesDocument) document = NULL;
  g_autoptr(ZxPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }

  create_item (f, meeting, kr, NULL, "按计划推进。", NULL, NULL);
  create_decision (f, meeting, "科室内部组织一次胸痛中心流程培训。", NULL, NULL, "open", 1);
  document = zx_minutes_document_new (f->store, meeting, &error);
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
  assert_contains (text, DEPARTMENT);
  assert_contains (text, "急诊PCI手术量达到120例");
  assert_contains (text, "科室内部组织一次胸痛中心流程培训。");
  assert_contains (text, "No owner yet");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/minutes/weekly", test_weekly);
  ADD ("/minutes/pagination", test_pagination);
  ADD ("/minutes/empty", test_empty);
  ADD ("/minutes/errors", test_errors);
  ADD ("/minutes/printable", test_printable);
  ADD ("/minutes/print-operation", test_print_operation);

#undef ADD

  return g_test_run ();
}
