/* zx-print-operation.c — print any document that can count and draw its pages
 *
 * A GtkPrintOperation that asks a ZxPrintable for its page count, paper and
 * pages.  The document draws on the whole sheet in points, the same way it
 * writes a PDF, so what the preview shows is what the PDF holds.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-print-operation"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "zx-print-operation.h"

/* ZxPrintable ---------------------------------------------------------------- */

G_DEFINE_INTERFACE (ZxPrintable, zx_printable, G_TYPE_OBJECT)

static void
zx_printable_default_init (ZxPrintableInterface *iface)
{
}

guint
zx_printable_get_n_pages (ZxPrintable *self)
{
  ZxPrintableInterface *iface;

  g_return_val_if_fail (ZX_IS_PRINTABLE (self), 0);

  iface = ZX_PRINTABLE_GET_IFACE (self);
  g_return_val_if_fail (iface->get_n_pages != NULL, 0);
  return iface->get_n_pages (self);
}

void
zx_printable_draw_page (ZxPrintable *self,
                        cairo_t     *cr,
                        guint        page,
                        double       width,
                        double       height)
{
  ZxPrintableInterface *iface;

  g_return_if_fail (ZX_IS_PRINTABLE (self));
  g_return_if_fail (cr != NULL);

  iface = ZX_PRINTABLE_GET_IFACE (self);
  g_return_if_fail (iface->draw_page != NULL);
  iface->draw_page (self, cr, page, width, height);
}

GtkPageSetup *
zx_printable_get_page_setup (ZxPrintable *self)
{
  ZxPrintableInterface *iface;
  GtkPageSetup *setup;
  g_autoptr(GtkPaperSize) a4 = NULL;

  g_return_val_if_fail (ZX_IS_PRINTABLE (self), NULL);

  iface = ZX_PRINTABLE_GET_IFACE (self);
  if (iface->get_page_setup != NULL)
    return iface->get_page_setup (self);

  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

char *
zx_printable_get_title (ZxPrintable *self)
{
  ZxPrintableInterface *iface;

  g_return_val_if_fail (ZX_IS_PRINTABLE (self), NULL);

  iface = ZX_PRINTABLE_GET_IFACE (self);
  if (iface->get_title != NULL)
    return iface->get_title (self);
  return NULL;
}

/* PDF ---------------------------------------------------------------------------- */

typedef struct
{
  FILE *file;
  int   error;   /* errno of the first failed write */
} PdfSink;

static cairo_status_t
pdf_write (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (fwrite (data, 1, length, sink->file) != length)
    {
      sink->error = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: %s is a file, then the reason */
               _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
}

gboolean
zx_printable_export_pdf (ZxPrintable *self,
                         const char  *path,
                         double       width,
                         double       height,
                         const char  *title,
                         const char  *subject,
                         const char  *author,
                         GError     **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *creator = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  PdfSink sink = { NULL, 0 };
  guint n_pages;
  int fd;

  g_return_val_if_fail (ZX_IS_PRINTABLE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0666);
  if (fd < 0)
    {
      set_write_error (error, path, errno);
      return FALSE;
    }
  sink.file = fdopen (fd, "wb");
  if (sink.file == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp_path);
      set_write_error (error, path, saved_errno);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (pdf_write, &sink, width, height);
  /* Translators: the application's name in a PDF's "Creator"; %s is the version */
  creator = g_strdup_printf (_("Zhixing %s"), PACKAGE_VERSION);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);

  cr = cairo_create (surface);
  n_pages = zx_printable_get_n_pages (self);
  for (guint i = 0; i < n_pages; i++)
    {
      zx_printable_draw_page (self, cr, i, width, height);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error == 0 && fflush (sink.file) != 0)
    sink.error = errno;
  if (sink.error == 0 && fsync (fileno (sink.file)) != 0)
    sink.error = errno;
  if (fclose (sink.file) != 0 && sink.error == 0)
    sink.error = errno;

  if (sink.error == 0 && status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, cairo_status_to_string (status));
      return FALSE;
    }
  if (sink.error != 0)
    {
      g_unlink (tmp_path);
      set_write_error (error, path, sink.error);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      set_write_error (error, path, saved_errno);
      return FALSE;
    }
  return TRUE;
}

/* ZxPrintOperation ------------------------------------------------------------ */

struct _ZxPrintOperation
{
  GtkPrintOperation  parent_instance;

  ZxPrintable       *document;
  GtkWindow         *parent;      /* weak */
  gboolean           running;
};

G_DEFINE_FINAL_TYPE (ZxPrintOperation, zx_print_operation, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The printer and options chosen last time, for the next dialog */
static GtkPrintSettings *last_settings;

static void
zx_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  ZxPrintOperation *self = ZX_PRINT_OPERATION (operation);

  gtk_print_operation_set_n_pages (operation, MAX (1u, zx_printable_get_n_pages (self->document)));
}

static void
zx_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  ZxPrintOperation *self = ZX_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  cairo_save (cr);
  zx_printable_draw_page (self->document, cr, (guint) page_nr,
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context));
  cairo_restore (cr);
}

static void
show_error (ZxPrintOperation *self,
            const GError     *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->parent,
                                                       _("Could Not Print"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  /* Translators: %s is the reason, e.g. the printer is not available */
                                  _("The document was not printed: %s"),
                                  error != NULL ? error->message : _("unknown error"));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
zx_print_operation_done (GtkPrintOperation       *operation,
                         GtkPrintOperationResult  result)
{
  ZxPrintOperation *self = ZX_PRINT_OPERATION (operation);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      g_warning ("Printing failed: %s", error != NULL ? error->message : "unknown error");
      show_error (self, error);
    }

  if (GTK_PRINT_OPERATION_CLASS (zx_print_operation_parent_class)->done)
    GTK_PRINT_OPERATION_CLASS (zx_print_operation_parent_class)->done (operation, result);

  /* The reference run_async took */
  if (self->running)
    {
      self->running = FALSE;
      g_object_unref (self);
    }
}

static void
zx_print_operation_constructed (GObject *object)
{
  ZxPrintOperation *self = ZX_PRINT_OPERATION (object);
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (object);
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (zx_print_operation_parent_class)->constructed (object);

  g_assert (self->document != NULL);

  setup = zx_printable_get_page_setup (self->document);
  title = zx_printable_get_title (self->document);

  /* Documents draw on the whole sheet, in points, with their own margins */
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (title != NULL)
    gtk_print_operation_set_job_name (operation, title);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);
}

static void
zx_print_operation_dispose (GObject *object)
{
  ZxPrintOperation *self = ZX_PRINT_OPERATION (object);

  g_clear_object (&self->document);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (zx_print_operation_parent_class)->dispose (object);
}

static void
zx_print_operation_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ZxPrintOperation *self = ZX_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_print_operation_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ZxPrintOperation *self = ZX_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_print_operation_class_init (ZxPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->constructed = zx_print_operation_constructed;
  object_class->dispose = zx_print_operation_dispose;
  object_class->get_property = zx_print_operation_get_property;
  object_class->set_property = zx_print_operation_set_property;

  operation_class->begin_print = zx_print_operation_begin_print;
  operation_class->draw_page = zx_print_operation_draw_page;
  operation_class->done = zx_print_operation_done;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         ZX_TYPE_PRINTABLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zx_print_operation_init (ZxPrintOperation *self)
{
}

ZxPrintOperation *
zx_print_operation_new (ZxPrintable *document)
{
  g_return_val_if_fail (ZX_IS_PRINTABLE (document), NULL);

  return g_object_new (ZX_TYPE_PRINT_OPERATION,
                       "document", document,
                       NULL);
}

ZxPrintable *
zx_print_operation_get_document (ZxPrintOperation *self)
{
  g_return_val_if_fail (ZX_IS_PRINT_OPERATION (self), NULL);

  return self->document;
}

void
zx_print_operation_run_async (ZxPrintOperation *self,
                              GtkWindow        *parent)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (ZX_IS_PRINT_OPERATION (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (!self->running);

  g_set_weak_pointer (&self->parent, parent);

  /* Released in ::done, which comes after the dialog and the job */
  self->running = TRUE;
  g_object_ref (self);

  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_warning ("Printing failed: %s", error->message);
      show_error (self, error);
    }

  /* Without ::done (a synchronous failure or cancel) nobody else drops it */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && self->running)
    {
      self->running = FALSE;
      g_object_unref (self);
    }
}
