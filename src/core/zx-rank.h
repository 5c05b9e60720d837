/* zx-rank.h — fractional indexing for ordered rows
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A base-62 key strictly between @before and @after (either may be NULL
 * for the open end).  Keys compare with strcmp().  The result may be one
 * digit longer than the longer neighbour (twice as long after a key of all
 * 'z'), so past the 64 digits zx_rank_is_valid() allows after some 300
 * insertions at one spot: callers give the neighbours fresh keys then
 * (zx-kanban.c make_room(), zx_rank_spread()). */
char     *zx_rank_between (const char *before,
                           const char *after);
/* @n evenly spaced keys, for a fresh list or a rebalance. */
char    **zx_rank_spread  (guint       n);
gboolean  zx_rank_is_valid (const char *rank);

G_END_DECLS
