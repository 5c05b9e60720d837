/* zx-areas.h — the areas the sidebar lists
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* An area page is a GtkWidget with a construct-only "context" property
 * (ZxContext) and a boolean "folded" property the window sets when the
 * leaflet folds (the page then shows a back button in its header). */
typedef struct
{
  const char *id;          /* stack page name, GSettings last-area */
  const char *title;       /* N_() */
  const char *icon_name;
  GType     (*get_type) (void);
} ZxArea;

const ZxArea *zx_areas_get   (guint      *n_areas);
const ZxArea *zx_areas_lookup (const char *id);

G_END_DECLS
