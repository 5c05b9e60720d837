/* zx-fund-proposal-editor.h — create or edit a draft fund proposal and
 * its budget lines
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_FUND_PROPOSAL_EDITOR (zx_fund_proposal_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxFundProposalEditor, zx_fund_proposal_editor, ZX, FUND_PROPOSAL_EDITOR, ZxRecordEditor)

/* @record NULL: a new draft in the name of @applicant_id (a staff id) */
GtkWidget *zx_fund_proposal_editor_new            (ZxContext            *context,
                                                   ZxRecord             *record,
                                                   const char           *applicant_id);
/* Adds a budget line (for tests and the Add button) */
void       zx_fund_proposal_editor_add_line       (ZxFundProposalEditor *self,
                                                   const char           *item,
                                                   double                amount);

G_END_DECLS
