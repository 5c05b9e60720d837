/* zx-pledge-editor.h — record the signing of a department's yearly pledge
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_PLEDGE_EDITOR (zx_pledge_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxPledgeEditor, zx_pledge_editor, ZX, PLEDGE_EDITOR, ZxRecordEditor)

/* @record is the department's pledge for @year, or NULL when there is none
 * yet: saving then creates it.  The signing date starts at today and the
 * signer at the department head when the pledge is not signed yet. */
GtkWidget *zx_pledge_editor_new (ZxContext  *context,
                                 ZxRecord   *record,
                                 const char *department_id,
                                 int         year);

/* "2026-02-26T02:00:00Z" → "2026-02-26" in local time; NULL when unparsable */
char      *zx_pledge_format_date (const char *signed_at);

G_END_DECLS
