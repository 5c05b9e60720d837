/* zx-evaluation.h — performance evaluation (绩效考核): scoring, the
 * department's assessment, HR's adjustments, grades and locking
 *
 * The rules (the help page quotes them; tests/test-evaluation.c has a
 * worked example of each).  Every score is a number from 0 to 100.
 *
 * Who is evaluated
 *   - A scheme of subject "person": every live staff member matched by one
 *     of the scheme's audience rows (a row with a department matches that
 *     department's staff, a row with a role matches that role, a row with
 *     both matches both); a scheme without audience rows evaluates everyone.
 *   - A scheme of subject "department": every live department named by an
 *     audience row (roles are ignored), or every department when none is.
 *
 * OKR score
 *   - A person's key results of the scheme's cycle are those of live
 *     objectives of that cycle whose owner is the person (the key result's
 *     own owner, else its objective's owner).  A department's are the key
 *     results of its department-level objectives of the cycle.
 *   - Each key result earns credit = its progress (zx-progress.h, 0–1);
 *     a challenge key result earns min (1, progress / challenge_credit):
 *     with the credit 0.7, 70% progress on a challenge counts as full.
 *   - OKR score = 100 × Σ weight × credit / Σ weight (the plain mean when
 *     every weight is 0).  No key results at all: 0 — the OKR part is the
 *     core of the evaluation and is never skipped.
 *
 * Indicator score (the department's, also given to each of its people)
 *   - Only scheme items whose indicator's direction is "higher" or "lower"
 *     count ("monitor" and "qualitative" ones are skipped).
 *   - actual = the mean of the department's monthly values (indicator_value
 *     of that department) in the months of the cycle.
 *   - target = the department's target for the period, else the hospital's
 *     (department_id NULL); the period is the cycle's name ("2026-Q3")
 *     or, when no target has it, the cycle's year ("2026").
 *   - higher: 100 × actual / target; lower: 100 × target / actual; each
 *     capped to 0–100 (meeting the target is 100).  A target of 0 or an
 *     actual of 0 that meets the target gives 100.
 *   - Missing data: an item without a value in the cycle or without a
 *     target is skipped and the weights of the others renormalised
 *     (score = Σ weight × item / Σ weight of the items that count).  No
 *     item counts: the department has no indicator score.
 *
 * Department assessment
 *   - 0–100, entered by the department's head with a comment
 *     (zx_evaluation_assess()); none yet: no assessment score.
 *
 * Total and grade
 *   - total = Σ component weight × score / Σ weight of the components that
 *     have a score (a missing indicator or assessment score is skipped and
 *     the weights renormalised), + HR's adjustment, clamped to 0–100.
 *     Scores are stored rounded to 2 decimals.
 *   - grade: A from grade_a, B from grade_b, C from grade_c, else D
 *     (zx_evaluation_assign_grades() sets them all).  Quota: when the
 *     scheme has quota_a, at most floor (quota_a × n) rows (at least 1) may
 *     hold A; more is a warning (zx_evaluation_check_quota()), not a refusal.
 *
 * Locking
 *   - zx_evaluation_lock() needs every row graded; it sets locked on every
 *     evaluation row and the scheme's status to "locked", in one
 *     transaction.  From then on the store refuses every change to those
 *     evaluations, the scheme, its items and audience (zx-validate.c), on
 *     the desktop and on the server.
 *
 * Every write below is one transaction through the mutators (so it is
 * queued and synced); an adjustment writes its audit_entry (entity
 * evaluation, field adjustment, old and new value, the reason, the store's
 * actor) in the same transaction.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zx-store.h"

G_BEGIN_DECLS

typedef struct
{
  double okr_weight, indicator_weight, assessment_weight;
  double challenge_credit;
  double grade_a, grade_b, grade_c;
  double quota_a;          /* 0: no quota */
} ZxEvalRules;

/* One evaluated person (staff_id set) or department (staff_id NULL) */
typedef struct
{
  char    *id;              /* the evaluation row, NULL before the first write */
  char    *staff_id;
  char    *department_id;
  double   okr_score;
  gboolean has_indicator;
  double   indicator_score;
  gboolean has_assessment;
  double   assessment_score;
  double   adjustment;
  double   total;
  guint    n_key_results;   /* how many key results counted */
} ZxEvalScore;

void         zx_eval_score_free             (ZxEvalScore *score);

/* The pure rules ------------------------------------------------------------ */

/* The credit (0–1) a key result of @progress (0–1) earns */
double       zx_evaluation_kr_credit        (double      progress,
                                             gboolean    challenge,
                                             double      challenge_credit);
/* One indicator item's score 0–100; FALSE when it does not count (a
 * direction other than "higher"/"lower", or a negative target or value) */
gboolean     zx_evaluation_item_score       (const char *direction,
                                             double      actual,
                                             double      target,
                                             double     *out_score);
/* The total from the components (see above), clamped to 0–100 */
double       zx_evaluation_total            (const ZxEvalRules *rules,
                                             double             okr_score,
                                             gboolean           has_indicator,
                                             double             indicator_score,
                                             gboolean           has_assessment,
                                             double             assessment_score,
                                             double             adjustment);
/* "A" … "D" */
const char  *zx_evaluation_grade_for        (const ZxEvalRules *rules,
                                             double             total);

/* Reading --------------------------------------------------------------------- */

/* The scheme's rules; FALSE with ZX_ERROR_NOT_FOUND for an unknown scheme */
gboolean     zx_evaluation_get_rules        (ZxStore      *store,
                                             const char   *scheme_id,
                                             ZxEvalRules  *out_rules,
                                             GError      **error);
gboolean     zx_evaluation_scheme_is_locked (ZxStore      *store,
                                             const char   *scheme_id);
/* The scores of everyone the scheme evaluates, computed from the data
 * (a few queries, nothing written); the assessment and adjustment come
 * from existing evaluation rows.  Elements are ZxEvalScore. */
GPtrArray   *zx_evaluation_score            (ZxStore      *store,
                                             const char   *scheme_id,
                                             GError      **error);

/* Writing ---------------------------------------------------------------------- */

/* Writes one evaluation row per person (or department), creating,
 * updating only what changed, and deleting the rows of those the scheme
 * no longer evaluates; a draft scheme becomes "running".  Refused for a
 * locked scheme.  *@out_n: how many are evaluated. */
gboolean     zx_evaluation_compute          (ZxStore      *store,
                                             const char   *scheme_id,
                                             guint        *out_n,
                                             GError      **error);
/* The head's assessment (0–100; NAN clears it) and comment; the total follows */
gboolean     zx_evaluation_assess           (ZxStore      *store,
                                             const char   *evaluation_id,
                                             double        score,
                                             const char   *comment,
                                             GError      **error);
/* HR's adjustment (−100…100) with a reason (required), audit-logged */
gboolean     zx_evaluation_adjust           (ZxStore      *store,
                                             const char   *evaluation_id,
                                             double        adjustment,
                                             const char   *reason,
                                             GError      **error);
/* Grades every row of the scheme by the bands */
gboolean     zx_evaluation_assign_grades    (ZxStore      *store,
                                             const char   *scheme_id,
                                             GError      **error);
/* FALSE when more rows hold A than the quota allows; the counts */
gboolean     zx_evaluation_check_quota      (ZxStore      *store,
                                             const char   *scheme_id,
                                             guint        *out_n_a,
                                             guint        *out_allowed,
                                             guint        *out_n);
gboolean     zx_evaluation_lock             (ZxStore      *store,
                                             const char   *scheme_id,
                                             GError      **error);

G_END_DECLS
