/* zx-bench.c — the startup benchmark hook (ZX_BENCH_FIRST_FRAME)
 *
 * The time is measured from the moment the kernel created the process
 * (field 22 of /proc/self/stat, in clock ticks since boot) to the end of
 * the first painted frame that shows data (CLOCK_BOOTTIME then), so the
 * dynamic linking and GTK start-up are counted too.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "zx-bench.h"

gboolean
zx_bench_enabled (void)
{
  const char *value = g_getenv ("ZX_BENCH_FIRST_FRAME");

  return value != NULL && *value != '\0' && g_strcmp0 (value, "0") != 0;
}

double
zx_bench_ms_since_process_start (void)
{
  g_autofree char *stat = NULL;
  const char *p;
  struct timespec now;
  unsigned long long start_ticks = 0;
  long ticks_per_s = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) || ticks_per_s <= 0)
    return -1;

  /* The command name (field 2) may hold spaces: count after its ')' */
  p = strrchr (stat, ')');
  if (p == NULL)
    return -1;
  p++;
  /* Fields 3..21 come before starttime (field 22) */
  for (int field = 3; field <= 22; field++)
    {
      char *end;

      while (*p == ' ')
        p++;
      if (field == 22)
        {
          start_ticks = g_ascii_strtoull (p, &end, 10);
          if (end == p)
            return -1;
          break;
        }
      p = strchr (p, ' ');
      if (p == NULL)
        return -1;
    }

  if (clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;

  return (now.tv_sec * 1000.0 + now.tv_nsec / 1e6) - (start_ticks * 1000.0 / ticks_per_s);
}

double
zx_bench_peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  p = strstr (status, "VmHWM:");
  if (p == NULL)
    return -1;

  /* In kB */
  return g_ascii_strtod (p + strlen ("VmHWM:"), NULL) / 1024.0;
}

static void
after_paint (GdkFrameClock *clock,
             GtkWidget     *widget)
{
  double ms = zx_bench_ms_since_process_start ();
  double rss = zx_bench_peak_rss_mb ();
  GtkRoot *root = gtk_widget_get_root (widget);
  GApplication *app;

  g_signal_handlers_disconnect_by_func (clock, after_paint, widget);

  printf ("{\"metric\": \"startup_first_frame\", \"value\": %.1f, \"unit\": \"ms\", \"budget\": 500}\n", ms);
  printf ("{\"metric\": \"peak_rss\", \"value\": %.1f, \"unit\": \"MB\", \"budget\": 200}\n", rss);
  fflush (stdout);

  app = g_application_get_default ();
  if (root != NULL && GTK_IS_WINDOW (root))
    gtk_window_destroy (GTK_WINDOW (root));
  if (app != NULL)
    g_application_quit (app);
  g_object_unref (widget);
}

static void
connect_clock (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, connect_clock, NULL);
  g_assert (clock != NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), widget);
  gtk_widget_queue_draw (widget);
}

void
zx_bench_report_after_paint (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_ref (widget);
  if (gtk_widget_get_mapped (widget))
    connect_clock (widget);
  else
    g_signal_connect (widget, "map", G_CALLBACK (connect_clock), NULL);
}
