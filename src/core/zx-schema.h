/* zx-schema.h — the descriptors of every synced entity
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZX_FIELD_TEXT,
  ZX_FIELD_INT,
  ZX_FIELD_REAL,
  ZX_FIELD_BOOL,
  ZX_FIELD_DATE,      /* YYYY-MM-DD */
  ZX_FIELD_DATETIME,  /* ISO 8601 UTC, YYYY-MM-DDTHH:MM:SSZ */
  ZX_FIELD_MONTH,     /* YYYY-MM */
  ZX_FIELD_ENUM,
  ZX_FIELD_REF,
} ZxFieldType;

typedef enum
{
  ZX_FIELD_FLAG_NONE      = 0,
  ZX_FIELD_FLAG_REQUIRED  = 1 << 0,
  ZX_FIELD_FLAG_UNIQUE    = 1 << 1, /* unique among live rows */
  ZX_FIELD_FLAG_FREE_TEXT = 1 << 2, /* conflicts are surfaced, never overwritten */
  ZX_FIELD_FLAG_RANK      = 1 << 3, /* fractional index for ordering */
  ZX_FIELD_FLAG_CASCADE   = 1 << 4, /* a REF whose rows are deleted with their parent */
} ZxFieldFlags;

typedef enum
{
  ZX_SCOPE_HOSPITAL, /* always "hospital" */
  ZX_SCOPE_SELF,     /* the row's own id (departments) */
  ZX_SCOPE_FIELD,    /* the department id in scope_field, "hospital" when NULL */
  ZX_SCOPE_PARENT,   /* the scope of the row referenced by scope_field */
} ZxScopeRule;

typedef struct
{
  const char         *name;
  ZxFieldType         type;
  ZxFieldFlags        flags;
  const char         *label;       /* translatable, N_() */
  const char         *ref;         /* entity name for ZX_FIELD_REF */
  const char * const *values;      /* NULL-terminated for ZX_FIELD_ENUM */
  double              min;         /* for INT/REAL when min < max */
  double              max;
  guint               max_length;  /* TEXT, in bytes; 0 = default */
} ZxField;

/* One value without a JSON tree: what a bootstrap's millions of values are
 * read into.  Text is valid UTF-8, NUL-terminated at @len, and lives as
 * long as whatever holds the value says. */
typedef enum
{
  ZX_VALUE_NULL,
  ZX_VALUE_INT,
  ZX_VALUE_REAL,
  ZX_VALUE_BOOL,
  ZX_VALUE_TEXT,
} ZxValueType;

typedef struct
{
  ZxValueType type;
  union
  {
    gint64    i;
    double    d;
    gboolean  b;
    struct
    {
      const char *s;
      gsize       len;
    } text;
  } v;
} ZxValue;

typedef struct _ZxEntity ZxEntity;

struct _ZxEntity
{
  const char    *name;        /* wire name: "key_result" */
  const char    *table;       /* SQL table */
  const char    *label;       /* translatable, N_() */
  const ZxField *fields;
  guint          n_fields;
  ZxScopeRule    scope_rule;
  const char    *scope_field;
  const char    *display_field; /* names a row in messages */
};

#define ZX_TEXT_DEFAULT_MAX   (16 * 1024)
#define ZX_TEXT_LONG_MAX      (64 * 1024)

guint            zx_schema_n_entities     (void);
const ZxEntity  *zx_schema_entity_at      (guint           index);
const ZxEntity  *zx_schema_lookup         (const char     *name);
const ZxField   *zx_entity_lookup_field   (const ZxEntity *entity,
                                           const char     *name);
gboolean         zx_entity_has_rank       (const ZxEntity *entity);
gboolean         zx_enum_is_valid         (const ZxField  *field,
                                           const char     *value);
char            *zx_schema_ddl            (void);

/* The sync columns every entity table carries, in wire order */
#define ZX_COLUMN_ID         "id"
#define ZX_COLUMN_VERSION    "version"
#define ZX_COLUMN_UPDATED_AT "updated_at"
#define ZX_COLUMN_UPDATED_BY "updated_by"
#define ZX_COLUMN_DELETED    "deleted"
#define ZX_COLUMN_SCOPE      "scope"
#define ZX_SCOPE_ALL         "hospital"

G_END_DECLS
