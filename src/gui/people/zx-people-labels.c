/* zx-people-labels.c — words for the people enums
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-people-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-people-labels.h"
#include "zx-schema.h"

typedef struct
{
  const char *value;
  const char *label;
} Label;

static const Label kind_labels[] = {
  /* Translators: a kind of department, 临床科室 */
  { "clinical", N_("Clinical") },
  /* Translators: a kind of department (laboratory, imaging, pharmacy…), 医技科室 */
  { "medtech", N_("Medical-technical") },
  /* Translators: a kind of department (administration), 职能科室 */
  { "functional", N_("Functional") },
};

static const Label role_labels[] = {
  /* Translators: the role of IT staff who manage accounts, 系统管理员 */
  { "admin", N_("Administrator") },
  /* Translators: the role of hospital leaders, 院领导 */
  { "leadership", N_("Leadership") },
  /* Translators: the role of the hospital office, 院办 */
  { "office", N_("Hospital office") },
  /* Translators: the role of the HR department, 人力资源部 */
  { "hr", N_("Human resources") },
  /* Translators: the role of a department head, 科主任 */
  { "head", N_("Department head") },
  /* Translators: the role of ordinary staff, 员工 */
  { "staff", N_("Staff") },
};

static const char *
lookup (const Label *labels,
        guint        n_labels,
        const char  *value)
{
  if (value == NULL)
    return "";
  for (guint i = 0; i < n_labels; i++)
    if (g_str_equal (labels[i].value, value))
      return _(labels[i].label);
  return value;
}

const char *
zx_department_kind_label (const char *kind)
{
  return lookup (kind_labels, G_N_ELEMENTS (kind_labels), kind);
}

const char *
zx_role_label (const char *role)
{
  return lookup (role_labels, G_N_ELEMENTS (role_labels), role);
}

static const char *
label_of (const char *entity,
          const char *field,
          const char *value)
{
  if (g_str_equal (field, "kind"))
    return zx_department_kind_label (value);
  if (g_str_equal (field, "role"))
    return zx_role_label (value);
  return value;
}

static const ZxField *
enum_field (const char *entity,
            const char *field)
{
  const ZxEntity *e = zx_schema_lookup (entity);
  const ZxField *f = e != NULL ? zx_entity_lookup_field (e, field) : NULL;

  g_return_val_if_fail (f != NULL && f->type == ZX_FIELD_ENUM, NULL);
  return f;
}

GtkStringList *
zx_enum_label_list (const char *entity,
                    const char *field)
{
  const ZxField *f = enum_field (entity, field);
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; f != NULL && f->values[i] != NULL; i++)
    gtk_string_list_append (list, label_of (entity, field, f->values[i]));

  return list;
}

const char *
zx_enum_value_at (const char *entity,
                  const char *field,
                  guint       position)
{
  const ZxField *f = enum_field (entity, field);

  for (guint i = 0; f != NULL && f->values[i] != NULL; i++)
    if (i == position)
      return f->values[i];
  return NULL;
}

guint
zx_enum_position_of (const char *entity,
                     const char *field,
                     const char *value)
{
  const ZxField *f = enum_field (entity, field);

  for (guint i = 0; f != NULL && value != NULL && f->values[i] != NULL; i++)
    if (g_str_equal (f->values[i], value))
      return i;
  return GTK_INVALID_LIST_POSITION;
}
