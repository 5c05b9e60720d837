/* zx-people-labels.h — words for the people enums
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Translated label of a department kind ("clinical") or a role ("head");
 * the value itself when unknown. */
const char *zx_department_kind_label (const char *kind);
const char *zx_role_label            (const char *role);

/* A GtkStringList of the labels of every value of @entity.@field (an enum),
 * in schema order, so position i is the schema's value i. */
GtkStringList *zx_enum_label_list    (const char *entity,
                                      const char *field);
/* The schema value at @position of that list, or NULL. */
const char    *zx_enum_value_at      (const char *entity,
                                      const char *field,
                                      guint       position);
/* The position of @value, or GTK_INVALID_LIST_POSITION. */
guint          zx_enum_position_of   (const char *entity,
                                      const char *field,
                                      const char *value);

G_END_DECLS
