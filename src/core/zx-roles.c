/* zx-roles.c — who may write and read which rows
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-roles"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "zx-roles.h"
#include "zx-evaluation.h"
#include "zx-store-private.h"

static const char * const roles[] = { "admin", "leadership", "office", "hr", "head", "staff", NULL };

/* Who may write rows of which entity.  "dept" roles may write only rows
 * whose scope is their own department.  @reason is what a role that may
 * not write the entity at all is told; @dept_reason what a department
 * role is told about another department's row. */
typedef struct
{
  const char *entity;
  const char *roles;        /* space-separated: may write any row */
  const char *dept_roles;   /* space-separated: may write rows of their department */
  const char *reason;
  const char *dept_reason;
} Permission;

#define STRATEGY N_("Only the hospital leadership may change the hospital’s strategy, pillars and cycles.")
#define PEOPLE   N_("Only the IT department may change departments and staff.")
#define BATTLE   N_("Only the hospital leadership or the department’s head may change a department’s battle map and pledge.")
#define BATTLE_D N_("You may change the battle map and pledge only of your own department.")
#define OKR      N_("Objectives, key results and check-ins are changed by their owners, their department’s head and the hospital leadership; your role may not change them.")
#define OKR_D    N_("You may change objectives, key results and check-ins only of your own department.")
#define MEETING  N_("Only the hospital office, the leadership or the department’s head may change meetings, their items and decisions.")
#define MEETING_D N_("You may change meetings only of your own department.")
#define COLUMNS  N_("Only the hospital office may change the board’s columns.")
#define CARDS    N_("Collaboration requests are changed by the departments that make and support them and by the hospital office; your role may not change them.")
#define INDICATOR N_("Only HR may change the list of indicators.")
#define TARGET   N_("Only HR, the hospital leadership or the department’s head may change a department’s indicator targets and values.")
#define TARGET_D N_("You may change indicator targets and values only of your own department.")
#define HR       N_("Only HR may change evaluation schemes, evaluations, courses and skills.")
#define EVAL     N_("Evaluations are HR’s; a department’s head adds the department’s assessment and comment.")
#define EVAL_D   N_("You may assess only your own department’s evaluations.")
#define ENROL    N_("Courses are assigned by HR and the department’s head; you may mark only your own courses completed and rate them.")
#define ENROL_D  N_("You may assign courses only to the staff of your own department.")
#define NEED     N_("The skills a battle or key result needs are changed by HR and by those who may change that battle or key result.")
#define FUND     N_("Fund proposals are changed by their department and the hospital leadership; your role may not change them.")
#define FUND_D   N_("You may change fund proposals only of your own department.")
#define APPROVAL N_("Fund proposals are approved by department heads, the head of the finance department and the hospital leadership; your role may not approve them.")
#define OTHER    N_("Only the IT department or the hospital leadership may change this.")

static const Permission permissions[] = {
  { "hospital",         "admin leadership", "", STRATEGY, NULL },
  { "department",       "admin",            "", PEOPLE, NULL },
  { "staff",            "admin",            "", PEOPLE, NULL },
  { "plan",             "admin leadership", "", STRATEGY, NULL },
  { "pillar",           "admin leadership", "", STRATEGY, NULL },
  { "success_factor",   "admin leadership", "", STRATEGY, NULL },
  { "cycle",            "admin leadership", "", STRATEGY, NULL },
  { "battle",           "admin leadership", "head", BATTLE, BATTLE_D },
  { "pledge",           "admin leadership", "head", BATTLE, BATTLE_D },
  { "objective",        "admin leadership", "head staff", OKR, OKR_D },
  { "key_result",       "admin leadership", "head staff", OKR, OKR_D },
  { "check_in",         "admin leadership", "head staff", OKR, OKR_D },
  { "meeting",          "admin leadership office", "head", MEETING, MEETING_D },
  { "meeting_item",     "admin leadership office", "head", MEETING, MEETING_D },
  { "decision",         "admin leadership office", "head", MEETING, MEETING_D },
  { "board",            "admin office",     "", COLUMNS, NULL },
  { "board_column",     "admin office",     "", COLUMNS, NULL },
  { "card",             "admin office leadership hr head staff", "", CARDS, NULL },
  { "card_comment",     "admin office leadership hr head staff", "", CARDS, NULL },
  { "card_event",       "admin office leadership hr head staff", "", CARDS, NULL },
  { "indicator",        "admin hr",         "", INDICATOR, NULL },
  { "indicator_target", "admin hr leadership", "head", TARGET, TARGET_D },
  { "indicator_value",  "admin hr leadership", "head", TARGET, TARGET_D },
  { "eval_scheme",      "admin hr",         "", HR, NULL },
  { "eval_scheme_item", "admin hr",         "", HR, NULL },
  { "eval_audience",    "admin hr",         "", HR, NULL },
  { "evaluation",       "admin hr",         "head", EVAL, EVAL_D },   /* the head: the assessment only, zx_roles_evaluation_refusal () */
  { "course",           "admin hr",         "", HR, NULL },
  { "course_audience",  "admin hr",         "", HR, NULL },
  { "skill",            "admin hr",         "", HR, NULL },
  { "course_skill",     "admin hr",         "", HR, NULL },
  { "enrolment",        "admin hr",         "head", ENROL, ENROL_D },   /* and the learner: below */
  { "staff_skill",      "admin hr",         "", HR, NULL },
  { "skill_need",       "admin hr",         "", NEED, NULL },   /* and the battle's or KR's writers: zx_roles_skill_need_refusal () */
  { "mentorship",       "admin hr",         "", HR, NULL },
  /* which proposal, tier and step: zx_fund_check_change () (zx-fund.h) */
  { "fund_proposal",    "admin leadership head", "staff", FUND, FUND_D },
  { "fund_budget_line", "admin leadership head", "staff", FUND, FUND_D },
  { "fund_approval",    "admin leadership head", "", APPROVAL, NULL },
  /* written with the steps they record; only added to (zhixing-server) */
  { "audit_entry",      "admin leadership office hr head staff", "", OTHER, NULL },
};

const char * const *
zx_roles_all (void)
{
  return roles;
}

gboolean
zx_roles_is_valid (const char *role)
{
  return role != NULL && g_strv_contains (roles, role);
}

gboolean
zx_roles_entity_is_owned (const char *entity)
{
  return g_strcmp0 (entity, "objective") == 0 || g_strcmp0 (entity, "key_result") == 0 ||
         g_strcmp0 (entity, "check_in") == 0;
}

/* Is @word one of the space-separated @words? */
static gboolean
word_in (const char *words,
         const char *word)
{
  gsize length;

  if (word == NULL || *word == '\0')
    return FALSE;
  length = strlen (word);
  for (const char *p = words; (p = strstr (p, word)) != NULL; p += length)
    if ((p == words || p[-1] == ' ') && (p[length] == ' ' || p[length] == '\0'))
      return TRUE;
  return FALSE;
}

static const Permission *
lookup (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (permissions); i++)
    if (g_strcmp0 (permissions[i].entity, entity) == 0)
      return &permissions[i];
  return NULL;
}

char *
zx_roles_write_refusal (const char *role,
                        const char *department_id,
                        const char *staff_id,
                        const char *entity,
                        const char *scope,
                        const char *owner_id)
{
  const Permission *permission = lookup (entity);

  if (permission == NULL)
    {
      /* every other entity: admin and leadership */
      if (g_strcmp0 (role, "admin") == 0 || g_strcmp0 (role, "leadership") == 0)
        return NULL;
      return g_strdup (_(OTHER));
    }
  if (word_in (permission->roles, role))
    return NULL;
  /* a learner's own enrolment: which fields, zx_roles_enrolment_refusal () */
  if (g_str_equal (entity, "enrolment") && zx_roles_is_valid (role) && staff_id != NULL &&
      g_strcmp0 (owner_id, staff_id) == 0)
    return NULL;
  if (!word_in (permission->dept_roles, role))
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, permission->reason));
  if (department_id == NULL || scope == NULL || !g_str_equal (scope, department_id))
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, permission->dept_reason));

  if (g_str_equal (role, "staff") && zx_roles_entity_is_owned (entity))
    {
      if (staff_id == NULL)
        return g_strdup (_("Your account is not linked to a staff member, so it may not change objectives, key results or check-ins. Ask the IT department to link it."));
      if (g_strcmp0 (owner_id, staff_id) != 0)
        return g_strdup (_("You may change only your own objectives, key results and check-ins. Ask your department’s head to change this one."));
    }
  return NULL;
}

gboolean
zx_roles_may_write (const char *role,
                    const char *department_id,
                    const char *staff_id,
                    const char *entity,
                    const char *scope,
                    const char *owner_id)
{
  g_autofree char *refusal = zx_roles_write_refusal (role, department_id, staff_id, entity, scope, owner_id);

  return refusal == NULL;
}

gboolean
zx_roles_may_read (const char *role,
                   const char *department_id,
                   const char *entity,
                   const char *scope)
{
  /* evaluations are HR's: HR, admin, leadership, and the head of the
   * evaluated department */
  if (g_strcmp0 (entity, "evaluation") == 0)
    return g_strcmp0 (role, "hr") == 0 || g_strcmp0 (role, "admin") == 0 ||
           g_strcmp0 (role, "leadership") == 0 ||
           (g_strcmp0 (role, "head") == 0 && department_id != NULL && g_strcmp0 (scope, department_id) == 0);
  return TRUE;
}

static char *
select_owner (ZxStore    *store,
              const char *sql,
              const char *id)
{
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);
  char *owner = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return owner;
}

char *
zx_roles_row_owner (ZxStore    *store,
                    const char *entity,
                    const char *id)
{
  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  if (id == NULL)
    return NULL;
  if (g_strcmp0 (entity, "objective") == 0)
    return select_owner (store, "SELECT owner_id FROM objective WHERE id = ?", id);
  if (g_strcmp0 (entity, "key_result") == 0)
    return select_owner (store,
                         "SELECT coalesce (k.owner_id, o.owner_id) FROM key_result k"
                         " LEFT JOIN objective o ON o.id = k.objective_id WHERE k.id = ?", id);
  if (g_strcmp0 (entity, "check_in") == 0)
    return select_owner (store,
                         "SELECT coalesce (k.owner_id, o.owner_id) FROM check_in c"
                         " JOIN key_result k ON k.id = c.key_result_id"
                         " LEFT JOIN objective o ON o.id = k.objective_id WHERE c.id = ?", id);
  if (g_strcmp0 (entity, "enrolment") == 0)
    return select_owner (store, "SELECT staff_id FROM enrolment WHERE id = ?", id);
  return NULL;
}

static const char *
member_string (JsonObject *row,
               const char *name)
{
  JsonNode *node;

  if (row == NULL || (node = json_object_get_member (row, name)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A field's value as text, for comparing (NULL: null or absent) */
static char *
member_text (JsonObject *row,
             const char *name)
{
  JsonNode *node;

  if (row == NULL || (node = json_object_get_member (row, name)) == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return json_node_get_boolean (node) ? g_strdup ("1") : NULL;
      if (type == G_TYPE_INT64)
        return json_node_get_int (node) != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node)) : NULL;
      if (type == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));
    }
  return g_strdup ("?");
}

char *
zx_roles_enrolment_refusal (const char *role,
                            const char *department_id,
                            const char *staff_id,
                            JsonObject *before,
                            JsonObject *after)
{
  /* what only those who assign courses set */
  static const char * const assigning[] = { "course_id", "staff_id", "assigned", "assigned_by", "skill_id",
                                            "due_date", "deleted", NULL };
  JsonObject *row = after != NULL ? after : before;
  const char *scope = member_string (row, ZX_COLUMN_SCOPE);
  g_autofree char *refusal = NULL;

  if (row == NULL)
    return NULL;
  /* HR, IT and the department's head: everything */
  refusal = zx_roles_write_refusal (role, department_id, NULL, "enrolment", scope ? scope : ZX_SCOPE_ALL, NULL);
  if (refusal == NULL)
    return NULL;
  /* the learner: their own row, the learner's fields only */
  if (staff_id == NULL ||
      (before != NULL && g_strcmp0 (member_string (before, "staff_id"), staff_id) != 0) ||
      (after != NULL && g_strcmp0 (member_string (after, "staff_id"), staff_id) != 0))
    return g_steal_pointer (&refusal);
  for (guint i = 0; assigning[i] != NULL; i++)
    {
      g_autofree char *old = before != NULL ? member_text (before, assigning[i]) : NULL;
      g_autofree char *new = after != NULL ? member_text (after, assigning[i]) : NULL;

      if (before == NULL && (g_str_equal (assigning[i], "course_id") || g_str_equal (assigning[i], "staff_id")))
        continue;   /* a voluntary enrolment of one's own */
      if (g_strcmp0 (old, new) != 0)
        return g_strdup (_("You may only mark your own courses completed and rate them: assigning a course, its due date and the skill it is for are HR’s and the department head’s."));
    }
  return NULL;
}

char *
zx_roles_evaluation_refusal (ZxStore    *store,
                             const char *role,
                             const char *department_id,
                             JsonObject *before,
                             JsonObject *after)
{
  /* what the head may set, besides the total these give */
  static const char * const heads[] = { "assessment_score", "head_comment", "total", NULL };
  const ZxEntity *entity = zx_schema_lookup ("evaluation");
  JsonObject *row = after != NULL ? after : before;
  const char *scope = row != NULL ? member_string (row, ZX_COLUMN_SCOPE) : NULL;
  g_autofree char *refusal = NULL;
  ZxEvalRules rules;

  if (row == NULL)
    return NULL;
  refusal = zx_roles_write_refusal (role, department_id, NULL, "evaluation", scope ? scope : ZX_SCOPE_ALL, NULL);
  if (refusal != NULL || g_strcmp0 (role, "head") != 0)
    return g_steal_pointer (&refusal);

  /* a head: their department's rows, the assessment and comment only */
  if (before == NULL || after == NULL ||
      json_object_get_boolean_member_with_default (before, ZX_COLUMN_DELETED, FALSE) !=
      json_object_get_boolean_member_with_default (after, ZX_COLUMN_DELETED, FALSE))
    return g_strdup (_("A department’s head adds the assessment and comment to evaluations HR made; only HR makes or removes them."));
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const char *name = entity->fields[i].name;
      g_autofree char *old = member_text (before, name);
      g_autofree char *new = member_text (after, name);

      if (!g_strv_contains (heads, name) && g_strcmp0 (old, new) != 0)
        return g_strdup (_("A department’s head may change only the department’s assessment and comment of an evaluation; the rest is HR’s."));
    }

  /* and the total must be what the components give */
  if (zx_evaluation_get_rules (store, member_string (after, "scheme_id"), &rules, NULL))
    {
      JsonNode *assessment = json_object_get_member (after, "assessment_score");
      JsonNode *indicator = json_object_get_member (after, "indicator_score");
      gboolean has_assessment = assessment != NULL && !JSON_NODE_HOLDS_NULL (assessment);
      gboolean has_indicator = indicator != NULL && !JSON_NODE_HOLDS_NULL (indicator);
      double total = zx_evaluation_total (&rules,
                                          json_object_get_double_member_with_default (after, "okr_score", 0),
                                          has_indicator, has_indicator ? json_node_get_double (indicator) : 0,
                                          has_assessment, has_assessment ? json_node_get_double (assessment) : 0,
                                          json_object_get_double_member_with_default (after, "adjustment", 0));

      if (fabs (total - json_object_get_double_member_with_default (after, "total", -1)) > 0.011)
        return g_strdup (_("The total of an evaluation follows from its scores; it cannot be set by hand."));
    }
  return NULL;
}

char *
zx_roles_skill_need_refusal (ZxStore    *store,
                             const char *role,
                             const char *department_id,
                             const char *staff_id,
                             const char *battle_id,
                             const char *key_result_id)
{
  g_autofree char *refusal = zx_roles_write_refusal (role, department_id, staff_id, "skill_need", ZX_SCOPE_ALL, NULL);
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *owner = NULL;
  const char *entity = battle_id != NULL ? "battle" : "key_result";
  const char *id = battle_id != NULL ? battle_id : key_result_id;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  if (refusal == NULL || id == NULL)
    return g_steal_pointer (&refusal);
  row = zx_store_get (store, entity, id, NULL);
  if (row == NULL)
    return g_steal_pointer (&refusal);
  if (g_str_equal (entity, "key_result"))
    owner = zx_roles_row_owner (store, entity, id);
  g_clear_pointer (&refusal, g_free);
  return zx_roles_write_refusal (role, department_id, staff_id, entity,
                                 json_object_get_string_member_with_default (row, ZX_COLUMN_SCOPE, ZX_SCOPE_ALL),
                                 owner);
}

const char *
zx_roles_kanban_refusal (ZxKanbanAction action)
{
  /* the sentences of zx-kanban.c's own refusals */
  switch (action)
    {
    case ZX_KANBAN_CREATE:
      return _("You can file requests only on behalf of your own department.");
    case ZX_KANBAN_MOVE:
      return _("Only the supporting department can move this request; the requesting department can move it only while it is still in the first column.");
    case ZX_KANBAN_EDIT:
      return _("Only the requesting department can change this request.");
    case ZX_KANBAN_SUPERVISE:
      return _("Only the hospital office can supervise requests.");
    case ZX_KANBAN_COLUMNS:
    case ZX_KANBAN_COMMENT:
    default:
      return _("Only the hospital office can change the columns of the board.");
    }
}
