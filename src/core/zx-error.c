/* zx-error.c
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zx-error.h"

G_DEFINE_QUARK (zx-error-quark, zx_error)
