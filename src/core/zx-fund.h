/* zx-fund.h — the micro-innovation fund (战略微创新基金): tiers of
 * approval by amount, the steps of a proposal and who may take them
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A proposal moves draft → submitted → approved or rejected → piloting →
 * reported, one step at a time.  While submitted it waits for one tier
 * (current_tier); the tiers it needs depend on its amount and two
 * thresholds the admin sets (setting rows fund.tier.head_max = X and
 * fund.tier.finance_max = Y; 20,000 and 100,000 元 when absent):
 *
 *   amount ≤ X        department head
 *   X < amount ≤ Y    department head → finance
 *   amount > Y        department head → finance → president
 *
 * Each threshold is the largest amount its tier approves alone: exactly X
 * is the head's, one fen more goes on to finance; exactly Y stops at
 * finance, one fen more goes to the president.  Amounts are compared in
 * fen (rounded), so 20000.004 is 20000.00.
 *
 * Who decides: the head (department.head_id) of the proposal's department
 * for "head"; the head of the finance department (code CWB, or the one
 * named 财务部) for "finance"; a staff member of role leadership whose post
 * is 院长 for "president" (any leadership member when nobody holds that
 * post).  The applicant edits a draft, submits it, starts the pilot and
 * reports the result.
 *
 * Each step is one transaction: the proposal, a fund_approval row for a
 * decision, and an audit_entry row (entity fund_proposal, field state, the
 * old and new state, the tier and reason, the staff member's id as actor).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "zx-store.h"

G_BEGIN_DECLS

#define ZX_FUND_SETTING_HEAD_MAX      "fund.tier.head_max"
#define ZX_FUND_SETTING_FINANCE_MAX   "fund.tier.finance_max"
#define ZX_FUND_DEFAULT_HEAD_MAX      20000.0
#define ZX_FUND_DEFAULT_FINANCE_MAX   100000.0

typedef enum
{
  ZX_FUND_TIER_HEAD,
  ZX_FUND_TIER_FINANCE,
  ZX_FUND_TIER_PRESIDENT,
  ZX_FUND_N_TIERS
} ZxFundTier;

typedef enum
{
  ZX_FUND_EDIT,          /* change a draft and its budget lines */
  ZX_FUND_SUBMIT,
  ZX_FUND_APPROVE,       /* at the proposal's current tier */
  ZX_FUND_REJECT,
  ZX_FUND_START_PILOT,
  ZX_FUND_REPORT
} ZxFundAction;

/* "head", "finance", "president"; -1 for anything else */
const char  *zx_fund_tier_name        (ZxFundTier    tier);
int          zx_fund_tier_from_name   (const char   *name);
/* Translated: "Department head", "Finance", "President" */
const char  *zx_fund_tier_label       (ZxFundTier    tier);
/* Translated label of a state ("draft" → "Draft") */
const char  *zx_fund_state_label      (const char   *state);

/* The thresholds as the settings say (defaults when absent or unreadable) */
void         zx_fund_get_thresholds   (ZxStore      *store,
                                       double       *head_max,
                                       double       *finance_max);
/* Writes both setting rows (creating them when absent): 0 < X < Y */
gboolean     zx_fund_set_thresholds   (ZxStore      *store,
                                       double        head_max,
                                       double        finance_max,
                                       GError      **error);
/* How many tiers an amount needs (1, 2 or 3): the first N of head,
 * finance, president */
guint        zx_fund_tiers_needed     (double        amount,
                                       double        head_max,
                                       double        finance_max);

/* The staff member who decides @tier for @proposal (a row as
 * zx_store_get () returns it): a new id, or NULL when nobody does (no
 * head, no finance department).  For the president tier: the 院长. */
char        *zx_fund_approver         (ZxStore      *store,
                                       ZxFundTier    tier,
                                       JsonObject   *proposal);

/* May the live staff member @staff_id take @action on @proposal now (its
 * state, current tier and applicant as in the row)?  NULL @staff_id: nobody
 * may.  zx_fund_refusal () says why not, translated (NULL when allowed). */
gboolean     zx_fund_may              (ZxStore      *store,
                                       ZxFundAction  action,
                                       JsonObject   *proposal,
                                       const char   *staff_id);
char        *zx_fund_refusal          (ZxStore      *store,
                                       ZxFundAction  action,
                                       JsonObject   *proposal,
                                       const char   *staff_id);

/* What a proposal still lacks before it can be submitted (title, plan, key
 * result, budget lines adding up to the amount): NULL when nothing, else a
 * translated sentence. */
char        *zx_fund_submit_problem   (ZxStore      *store,
                                       JsonObject   *proposal);

/* The steps, each one transaction as @staff_id; ZX_ERROR_PERMISSION when
 * zx_fund_may () refuses, ZX_ERROR_INVALID for a missing reason or result
 * or an incomplete proposal. */
gboolean     zx_fund_submit           (ZxStore      *store,
                                       const char   *proposal_id,
                                       const char   *staff_id,
                                       GError      **error);
gboolean     zx_fund_approve          (ZxStore      *store,
                                       const char   *proposal_id,
                                       const char   *staff_id,
                                       const char   *comment,
                                       GError      **error);
gboolean     zx_fund_reject           (ZxStore      *store,
                                       const char   *proposal_id,
                                       const char   *staff_id,
                                       const char   *reason,
                                       GError      **error);
gboolean     zx_fund_start_pilot      (ZxStore      *store,
                                       const char   *proposal_id,
                                       const char   *staff_id,
                                       GError      **error);
gboolean     zx_fund_report           (ZxStore      *store,
                                       const char   *proposal_id,
                                       const char   *staff_id,
                                       const char   *result,
                                       GError      **error);

/* For zhixing-server: may the account linked to @staff_id (NULL: none)
 * make the change @op ("create", "update", "delete", "restore") of a row of
 * @entity with @args, the row being @before (NULL: none) in @store?  Only
 * fund_proposal, fund_budget_line and fund_approval are judged (TRUE for
 * others).  The steps above, pushed as their rows, pass; anything else
 * that moves a proposal's state or tier, edits it outside a draft, or
 * changes an approval is refused with a translated reason. */
gboolean     zx_fund_check_change     (ZxStore      *store,
                                       const char   *entity,
                                       const char   *op,
                                       JsonObject   *args,
                                       JsonObject   *before,
                                       const char   *staff_id,
                                       GError      **error);

G_END_DECLS
