/* zx-cockpit-data.c — the cockpit's figures as the charts and tiles take them
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-cockpit-data"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-bar-chart.h"
#include "zx-cockpit-data.h"
#include "zx-heat-map.h"
#include "zx-line-chart.h"
#include "zx-ring-chart.h"

const ZxHealth zx_cockpit_column_health[ZX_COCKPIT_N_COLUMNS] = {
  ZX_HEALTH_ON_TRACK, ZX_HEALTH_AT_RISK, ZX_HEALTH_OFF_TRACK, ZX_HEALTH_NOT_STARTED,
};

ZxChartColor
zx_cockpit_health_color (ZxHealth health)
{
  switch (health)
    {
    case ZX_HEALTH_ON_TRACK:
      return ZX_CHART_GREEN;
    case ZX_HEALTH_AT_RISK:
      return ZX_CHART_ORANGE;
    case ZX_HEALTH_OFF_TRACK:
      return ZX_CHART_VERMILION;
    case ZX_HEALTH_NOT_STARTED:
    default:
      return ZX_CHART_GREY;
    }
}

const char * const *
zx_cockpit_column_labels (void)
{
  static const char *labels[ZX_COCKPIT_N_COLUMNS + 1];

  for (guint i = 0; i < ZX_COCKPIT_N_COLUMNS; i++)
    labels[i] = zx_health_get_label (zx_cockpit_column_health[i]);
  return labels;
}

const ZxChartColor *
zx_cockpit_column_colors (void)
{
  static ZxChartColor colors[ZX_COCKPIT_N_COLUMNS];

  for (guint i = 0; i < ZX_COCKPIT_N_COLUMNS; i++)
    colors[i] = zx_cockpit_health_color (zx_cockpit_column_health[i]);
  return colors;
}

char *
zx_cockpit_percent (double share)
{
  /* Translators: a percentage */
  return g_strdup_printf (_("%.0f%%"), share * 100);
}

char *
zx_cockpit_format_date (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);

  /* Translators: a date, as strftime() writes it; in Chinese "%Y年%-m月%-d日" */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

guint
zx_cockpit_count_open (GPtrArray *warnings)
{
  guint n = 0;

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    n += !((ZxWarning *) g_ptr_array_index (warnings, i))->acknowledged;
  return n;
}

void
zx_cockpit_tile_free (ZxCockpitTile *tile)
{
  if (tile == NULL)
    return;
  g_free (tile->value);
  g_free (tile->caption);
  g_free (tile->detail);
  g_free (tile);
}

static void
add_tile (GPtrArray    *tiles,
          char         *value,
          const char   *caption,
          char         *detail,
          ZxChartColor  color)
{
  ZxCockpitTile *tile = g_new0 (ZxCockpitTile, 1);

  tile->value = value;
  tile->caption = g_strdup (caption);
  tile->detail = detail;
  tile->color = color;
  g_ptr_array_add (tiles, tile);
}

GPtrArray *
zx_cockpit_make_tiles (ZxCockpit *c,
                       GPtrArray *warnings,
                       int        stale_days)
{
  GPtrArray *tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_cockpit_tile_free);
  double on_track = c->kr_total > 0 ? (double) c->kr_counts[ZX_HEALTH_ON_TRACK] / c->kr_total : 0;
  double completion = c->enrolments > 0 ? (double) c->enrolments_completed / c->enrolments : 0;
  g_autofree char *expected = zx_cockpit_percent (c->expected);

  add_tile (tiles, zx_cockpit_percent (c->progress), _("Strategy progress"),
            /* Translators: the expected pace, then a health such as “At risk” */
            g_strdup_printf (_("Expected %s by now · %s"), expected, zx_health_get_label (c->health)),
            zx_cockpit_health_color (c->health));
  add_tile (tiles, zx_cockpit_percent (on_track), _("Key results on track"),
            g_strdup_printf (_("%u at risk · %u off track · %u not started, of %u"),
                             c->kr_counts[ZX_HEALTH_AT_RISK], c->kr_counts[ZX_HEALTH_OFF_TRACK],
                             c->kr_counts[ZX_HEALTH_NOT_STARTED], c->kr_total),
            ZX_CHART_GREEN);
  add_tile (tiles, g_strdup_printf ("%u", c->kr_stale), _("Stale check-ins"),
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Key results without a check-in for over %d day",
                                          "Key results without a check-in for over %d days", stale_days),
                             stale_days),
            c->kr_stale > 0 ? ZX_CHART_ORANGE : ZX_CHART_N_COLORS);
  add_tile (tiles, g_strdup_printf ("%u", c->requests_overdue), _("Overdue requests"),
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Of %u open collaboration request",
                                          "Of %u open collaboration requests", c->requests_open),
                             c->requests_open),
            c->requests_overdue > 0 ? ZX_CHART_VERMILION : ZX_CHART_N_COLORS);
  add_tile (tiles, g_strdup_printf ("%u / %u", c->pledges_signed, c->departments), _("Pledges signed"),
            g_strdup_printf (_("Departments with a signed pledge for %d"), g_date_get_year (&c->today)),
            ZX_CHART_N_COLORS);
  add_tile (tiles, zx_cockpit_percent (completion), _("Courses completed"),
            c->ratings > 0
              ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Satisfaction %.1f / 5 (%u rating)",
                                              "Satisfaction %.1f / 5 (%u ratings)", c->ratings),
                                 c->satisfaction, c->ratings)
              : g_strdup (_("No ratings yet")),
            ZX_CHART_BLUE);
  add_tile (tiles, g_strdup_printf ("%u", c->fund_in_progress), _("Fund proposals in progress"),
            /* Translators: an amount of money in yuan */
            g_strdup_printf (_("¥%.0f requested"), c->fund_amount),
            ZX_CHART_N_COLORS);
  add_tile (tiles, warnings != NULL ? g_strdup_printf ("%u", zx_cockpit_count_open (warnings)) : g_strdup ("…"),
            _("Early warnings"),
            g_strdup (warnings != NULL ? _("Not yet acknowledged") : _("Being checked")),
            zx_cockpit_count_open (warnings) > 0 ? ZX_CHART_VERMILION : ZX_CHART_N_COLORS);
  return tiles;
}

GPtrArray *
zx_cockpit_pillar_bars (ZxCockpit *c)
{
  GPtrArray *bars = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_bar_item_free);

  for (guint i = 0; i < c->pillars->len; i++)
    {
      ZxCockpitPillar *p = g_ptr_array_index (c->pillars, i);
      g_autofree char *progress = zx_cockpit_percent (p->progress);
      g_autofree char *expected = zx_cockpit_percent (p->expected);
      /* Translators: pillar: progress (expected pace), health */
      g_autofree char *tip = g_strdup_printf (_("%s: %s, expected %s — %s"), p->name, progress, expected,
                                              zx_health_get_label (p->health));

      g_ptr_array_add (bars, zx_bar_item_new (p->name, p->progress, p->has_progress ? p->expected : -1,
                                              zx_cockpit_health_color (p->health), tip));
    }
  return bars;
}

void
zx_cockpit_set_pillar_chart (GtkWidget *bar_chart,
                             GPtrArray *bars)
{
  zx_bar_chart_set_items (ZX_BAR_CHART (bar_chart), bars, zx_cockpit_column_colors (),
                          zx_cockpit_column_labels (), 3, _("Expected pace"));
}

GPtrArray *
zx_cockpit_health_segments (ZxCockpit *c)
{
  GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_ring_segment_free);

  for (guint i = 0; i < ZX_COCKPIT_N_COLUMNS; i++)
    {
      ZxHealth h = zx_cockpit_column_health[i];

      g_ptr_array_add (segments, zx_ring_segment_new (zx_health_get_label (h), c->kr_counts[h],
                                                      zx_cockpit_health_color (h)));
    }
  return segments;
}

char *
zx_cockpit_ring_center (ZxCockpit *c)
{
  return zx_cockpit_percent (c->kr_total > 0 ? (double) c->kr_counts[ZX_HEALTH_ON_TRACK] / c->kr_total : 0);
}

const char *
zx_cockpit_ring_caption (void)
{
  return _("of current key results on track");
}

void
zx_cockpit_trend_data (ZxCockpit  *c,
                       GPtrArray **labels,
                       GPtrArray **series)
{
  ZxLineSeries *progress = zx_line_series_new (_("Progress of hospital objectives"), ZX_CHART_BLUE, FALSE);
  ZxLineSeries *expected = zx_line_series_new (_("Expected pace"), ZX_CHART_ORANGE, TRUE);

  *labels = g_ptr_array_new_with_free_func (g_free);
  *series = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_line_series_free);
  for (guint i = 0; i < c->trend->len; i++)
    {
      ZxCockpitWeek *w = &g_array_index (c->trend, ZxCockpitWeek, i);

      /* Translators: a week's Monday as month-day, in Chinese "%-m月%-d日" */
      g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&w->week), g_date_get_month (&w->week),
                                                       g_date_get_day (&w->week), 0, 0, 0);
      g_ptr_array_add (*labels, g_date_time_format (dt, _("%b %-d")));
      g_array_append_val (progress->values, w->progress);
      g_array_append_val (expected->values, w->expected);
    }
  g_ptr_array_add (*series, progress);
  g_ptr_array_add (*series, expected);
}

static double
trouble (const ZxCockpitGroup *g)
{
  if (g->total == 0)
    return -1;
  return (g->counts[ZX_HEALTH_OFF_TRACK] * 2.0 + g->counts[ZX_HEALTH_AT_RISK]) / g->total;
}

static int
compare_trouble (gconstpointer a,
                 gconstpointer b)
{
  const ZxCockpitGroup *x = *(ZxCockpitGroup * const *) a, *y = *(ZxCockpitGroup * const *) b;
  double tx = trouble (x), ty = trouble (y);

  if (tx != ty)
    return tx > ty ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

GPtrArray *
zx_cockpit_departments_by_trouble (ZxCockpit *c,
                                   guint      max)
{
  GPtrArray *groups = g_ptr_array_new ();

  for (guint i = 0; i < c->department_list->len; i++)
    {
      ZxCockpitGroup *g = g_ptr_array_index (c->department_list, i);
      if (g->total > 0)
        g_ptr_array_add (groups, g);
    }
  g_ptr_array_sort (groups, compare_trouble);
  if (max > 0 && groups->len > max)
    g_ptr_array_set_size (groups, max);
  return groups;
}

GPtrArray *
zx_cockpit_heat_rows (GPtrArray *groups)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_heat_row_free);

  for (guint i = 0; i < groups->len; i++)
    {
      ZxCockpitGroup *g = g_ptr_array_index (groups, i);
      ZxHeatRow *row = zx_heat_row_new (g->name);

      for (guint c = 0; c < ZX_COCKPIT_N_COLUMNS; c++)
        row->counts[c] = g->counts[zx_cockpit_column_health[c]];
      g_ptr_array_add (rows, row);
    }
  return rows;
}

void
zx_cockpit_params_from_settings (GSettings       *settings,
                                 ZxWarningParams *params)
{
  zx_warning_params_init_default (params);
  if (settings == NULL)
    return;
  params->progress.behind_margin = g_settings_get_double (settings, "warn-behind-pace-margin");
  params->progress.stale_days = g_settings_get_int (settings, "warn-stale-days");
  params->progress.low_confidence = g_settings_get_int (settings, "warn-low-confidence");
  params->decision_owner_hours = g_settings_get_int (settings, "warn-decision-owner-hours");
}
