/* zx-bench.h — the startup benchmark hook (ZX_BENCH_FIRST_FRAME)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* TRUE when the environment asks for the first-frame benchmark. */
gboolean zx_bench_enabled               (void);
/* Once @widget's window paints its next frame, prints the startup and
 * peak-memory metrics as JSON lines on stdout and quits the application. */
void     zx_bench_report_after_paint    (GtkWidget *widget);
/* Milliseconds since the kernel started this process (/proc/self/stat
 * starttime against CLOCK_BOOTTIME), or -1 when unknown. */
double   zx_bench_ms_since_process_start (void);
/* The peak resident set size (VmHWM) in MB, or -1 when unknown. */
double   zx_bench_peak_rss_mb            (void);

G_END_DECLS
