/* zx-evaluation-page.h — the Evaluation area (考核): indicators, schemes
 * and evaluations
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_EVALUATION_PAGE (zx_evaluation_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxEvaluationPage, zx_evaluation_page, ZX, EVALUATION_PAGE, AdwBin)

GtkWidget  *zx_evaluation_page_new         (ZxContext        *context);
/* "indicators", "schemes" or "evaluations" */
void        zx_evaluation_page_set_view    (ZxEvaluationPage *self,
                                            const char       *name);
/* Shows the evaluations of @scheme_id in the Evaluations tab */
void        zx_evaluation_page_select_scheme (ZxEvaluationPage *self,
                                              const char       *scheme_id);
/* The evaluation row selected in the Evaluations tab, or NULL */
const char *zx_evaluation_page_get_selected (ZxEvaluationPage *self);

G_END_DECLS
