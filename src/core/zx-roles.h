/* zx-roles.h — who may write and read which rows (DESIGN.md, "Roles")
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table zhixing-server enforces on every pushed change, here in core
 * so that the desktop can mirror it (grey out what the server would
 * refuse).  An account has a role (admin, leadership, office, hr, head,
 * staff), may have a department (the id of a department row) and may be
 * linked to a staff row (the person it is).
 *
 * Writing is decided per row: the row as it was before a change and every
 * row the change leaves (cascades included) must each be allowed, so that
 * nobody moves a row out of, or creates one outside, what they may write.
 *   - "any row" roles may write every row of the entity;
 *   - "department" roles only rows whose scope is their department;
 *   - a staff account may write objectives, key results and check-ins
 *     only when it owns them (zx_roles_row_owner ()): the row's owner is
 *     its linked staff member; a staff account that is not linked owns
 *     nothing.  A head may write every OKR row of their department.
 * Enrolments: HR, and a head for the staff of their department, assign
 * courses; any account linked to a staff member may also write its own
 * enrolments (owner: the enrolment's staff_id), but only the learner's
 * fields (zx_roles_enrolment_refusal ()).  The skills a battle or key
 * result needs (skill_need) are written by HR and by whoever may write
 * that battle or key result (zx_roles_skill_need_refusal ()).
 * Collaboration requests (card, card_comment, card_event) are open to every
 * role here; which request one may create, move, edit or supervise is
 * zx_kanban_may ()'s (zx-kanban.h), decided for the linked staff member.
 *
 * Reading: everyone reads every row, except evaluations (HR, admin,
 * leadership, and the head of the evaluated department).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "zx-kanban.h"
#include "zx-store.h"

G_BEGIN_DECLS

/* admin, leadership, office, hr, head, staff; NULL-terminated */
const char * const  *zx_roles_all            (void);
gboolean             zx_roles_is_valid       (const char  *role);

/* Entities whose rows a staff account may write only when it owns them */
gboolean             zx_roles_entity_is_owned (const char *entity);

/* May an account of @role, department @department_id (may be NULL) and
 * linked staff member @staff_id (may be NULL) write a row of @entity
 * whose scope is @scope and, for objective, key_result and check_in,
 * whose owner is @owner_id (NULL: nobody's)? */
gboolean             zx_roles_may_write      (const char  *role,
                                              const char  *department_id,
                                              const char  *staff_id,
                                              const char  *entity,
                                              const char  *scope,
                                              const char  *owner_id);
/* NULL when zx_roles_may_write () allows it; else a translated sentence
 * saying who may, for the person who was refused. */
char                *zx_roles_write_refusal  (const char  *role,
                                              const char  *department_id,
                                              const char  *staff_id,
                                              const char  *entity,
                                              const char  *scope,
                                              const char  *owner_id);

gboolean             zx_roles_may_read       (const char  *role,
                                              const char  *department_id,
                                              const char  *entity,
                                              const char  *scope);

/* NULL when the account may change an enrolment from @before (NULL: a
 * new row) to @after (NULL: none): HR, admin and the department's head
 * everything; the learner (@staff_id) only completed_at, rating and
 * comment of their own rows, and a voluntary (not assigned) enrolment of
 * their own.  Else the translated sentence. */
/* An evaluation row's change by @role: HR and IT change everything; a
 * department's head only the assessment and comment of their department's
 * rows, with the total those give (NULL when allowed). */
char                *zx_roles_evaluation_refusal (ZxStore    *store,
                                                  const char *role,
                                                  const char *department_id,
                                                  JsonObject *before,
                                                  JsonObject *after);
char                *zx_roles_enrolment_refusal (const char *role,
                                                 const char *department_id,
                                                 const char *staff_id,
                                                 JsonObject *before,
                                                 JsonObject *after);

/* NULL when the account may write a skill_need row of the battle
 * @battle_id or (when NULL) the key result @key_result_id as they are in
 * @store: HR and admin, or whoever may write that battle or key result
 * (zx_roles_write_refusal () with its scope and owner).  Else the
 * translated sentence. */
char                *zx_roles_skill_need_refusal (ZxStore    *store,
                                                  const char *role,
                                                  const char *department_id,
                                                  const char *staff_id,
                                                  const char *battle_id,
                                                  const char *key_result_id);

/* What zx_kanban_may () refusing @action means, translated. */
const char          *zx_roles_kanban_refusal (ZxKanbanAction action);

/* The staff member who owns the row @id of @entity as it is in @store:
 * an objective's owner_id; a key result's owner_id, or its objective's
 * owner when it has none; a check-in's key result's owner (as above).
 * an enrolment's staff_id (the learner).
 * NULL for other entities, missing rows and rows without an owner. */
char                *zx_roles_row_owner      (ZxStore     *store,
                                              const char  *entity,
                                              const char  *id);

G_END_DECLS
