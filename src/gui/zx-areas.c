/* zx-areas.c — the areas the sidebar lists
 *
 * Adding an area is one line in this table (and its folder under src/gui).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-areas"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-areas.h"
#include "cockpit/zx-cockpit-page.h"
#include "empowerment/zx-empowerment-page.h"
#include "evaluation/zx-evaluation-page.h"
#include "kanban/zx-kanban-page.h"
#include "people/zx-people-page.h"
#include "okr/zx-okr-page.h"
#include "strategy/zx-strategy-page.h"

static const ZxArea areas[] = {
  { "cockpit", N_("Cockpit"), "power-profile-performance-symbolic", zx_cockpit_page_get_type },
  { "people", N_("People"), "system-users-symbolic", zx_people_page_get_type },
  { "strategy", N_("Strategy"), "emblem-documents-symbolic", zx_strategy_page_get_type },
  { "okr", N_("OKRs"), "object-select-symbolic", zx_okr_page_get_type },
  { "kanban", N_("Collaboration"), "network-workgroup-symbolic", zx_kanban_page_get_type },
  { "empowerment", N_("Empowerment"), "accessories-dictionary-symbolic", zx_empowerment_page_get_type },
  { "evaluation", N_("Performance Evaluation"), "starred-symbolic", zx_evaluation_page_get_type },
};

const ZxArea *
zx_areas_get (guint *n_areas)
{
  *n_areas = G_N_ELEMENTS (areas);
  return areas;
}

const ZxArea *
zx_areas_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if (g_strcmp0 (areas[i].id, id) == 0)
      return &areas[i];
  return NULL;
}
