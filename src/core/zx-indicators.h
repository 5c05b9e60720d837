/* zx-indicators.h — the indicator library and its monthly values
 *
 * The library ships with the app (the core resources indicators/NAME.tsv,
 * copied from ../shared/data): the national tertiary public hospital
 * performance indicators, coded GK-nn (nn = the indicator's number), and
 * the operational indicators hospitals track beside them, coded YY-nn in
 * the file's order — the codes the demo hospital uses.  Loading is
 * idempotent by code: an indicator whose code exists (even retired, even
 * edited by an administrator) is left alone.
 *
 * Monthly values come from CSV files the hospital information system
 * exports, one value a line:
 *
 *     indicator,department,month,value
 *     YY-01,心内科,2026-03,8.42
 *
 * The header line is optional (English or Chinese column names);
 * indicator is a code or a name, department a code or a name (empty or
 * "全院"/"hospital": hospital-wide), month YYYY-MM (also YYYY/MM, YYYYMM),
 * value a plain number.  UTF-8 (with or without BOM) or GB18030.
 * zx_indicator_import_check() reads everything and lists every bad line;
 * zx_indicator_import_apply() stores all rows in one transaction or none.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zx-store.h"

G_BEGIN_DECLS

/* The library --------------------------------------------------------------- */

/* Adds the shipped indicators whose codes are missing; *@out_added (may be
 * NULL) says how many. */
gboolean     zx_indicators_load_library (ZxStore     *store,
                                         guint       *out_added,
                                         GError     **error);
/* The number of shipped indicators of @source ("national", "operational") */
guint        zx_indicators_n_shipped    (const char  *source);

typedef struct
{
  const char *search;          /* in code, name, dimension; NULL: all */
  const char *dimension;       /* NULL: all */
  const char *level;           /* NULL: all */
  const char *source;          /* NULL: all */
  gboolean    include_retired;
} ZxIndicatorFilter;

/* ZxRecord rows of indicator matching @filter (NULL: live, not retired),
 * in code order */
GListStore  *zx_indicators_list         (ZxStore                 *store,
                                         const ZxIndicatorFilter *filter);
/* The dimensions in use, sorted (free with g_strfreev) */
char       **zx_indicators_dimensions   (ZxStore     *store);
gboolean     zx_indicator_set_retired   (ZxStore     *store,
                                         const char  *indicator_id,
                                         gboolean     retired,
                                         GError     **error);

/* The target of @indicator_id for @department_id (NULL: hospital-wide) in
 * @month (YYYY-MM): a target for that month, else its quarter (YYYY-Qn),
 * else its year (YYYY).  FALSE when there is none. */
gboolean     zx_indicator_target_for    (ZxStore     *store,
                                         const char  *indicator_id,
                                         const char  *department_id,
                                         const char  *month,
                                         double      *out_target);

/* Corrects a value by hand: the new value (source "manual") and an
 * audit_entry with the old and new value and @reason (required), in one
 * transaction. */
gboolean     zx_indicator_value_correct (ZxStore     *store,
                                         const char  *value_id,
                                         double       value,
                                         const char  *reason,
                                         GError     **error);

/* The CSV import -------------------------------------------------------------- */

typedef struct
{
  guint   line;            /* 1-based line in the file */
  char   *indicator_id;
  char   *indicator_code;
  char   *indicator_name;
  char   *department_id;   /* NULL: hospital-wide */
  char   *department_name; /* NULL: hospital-wide */
  char   *month;           /* YYYY-MM */
  double  value;
  char   *existing_id;     /* the value it replaces, or NULL */
  double  existing_value;
} ZxIndicatorImportRow;

typedef enum
{
  ZX_IMPORT_ERROR_FORMAT,             /* wrong number of columns, bad quoting */
  ZX_IMPORT_ERROR_UNKNOWN_INDICATOR,
  ZX_IMPORT_ERROR_UNKNOWN_DEPARTMENT,
  ZX_IMPORT_ERROR_BAD_MONTH,
  ZX_IMPORT_ERROR_BAD_NUMBER,
  ZX_IMPORT_ERROR_DUPLICATE,          /* twice in the file, or already stored */
} ZxIndicatorImportErrorKind;

typedef struct
{
  guint                      line;
  ZxIndicatorImportErrorKind kind;
  char                      *message;   /* one sentence, translated */
} ZxIndicatorImportError;

typedef struct
{
  GPtrArray *rows;      /* ZxIndicatorImportRow*, the good lines */
  GPtrArray *errors;    /* ZxIndicatorImportError*, by line */
  gboolean   replace;
  guint      n_replaced;
} ZxIndicatorImport;

void               zx_indicator_import_free  (ZxIndicatorImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxIndicatorImport, zx_indicator_import_free)

/* Parses and validates @data (@length bytes, -1: NUL-terminated).  With
 * @replace a month already stored is replaced rather than refused.
 * Returns NULL only when @data is not text at all. */
ZxIndicatorImport *zx_indicator_import_check (ZxStore     *store,
                                              const char  *data,
                                              gssize       length,
                                              gboolean     replace,
                                              GError     **error);

typedef void (*ZxIndicatorProgress) (double fraction, gpointer user_data);

/* Stores every row of @import (source "import") in one transaction; refuses
 * an import with errors.  On any failure nothing is stored. */
gboolean           zx_indicator_import_apply (ZxStore             *store,
                                              ZxIndicatorImport   *import,
                                              ZxIndicatorProgress  progress,
                                              gpointer             progress_data,
                                              GCancellable        *cancellable,
                                              GError             **error);

G_END_DECLS
