/* zx-fuzz.h — what the fuzz targets share
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* A property of the code under test does not hold: say which, and abort
 * (libFuzzer then keeps the input as a crash; the corpus driver fails). */
#define ZX_FUZZ_CHECK(cond, ...)                                             \
  G_STMT_START {                                                             \
    if (G_UNLIKELY (!(cond)))                                                \
      {                                                                      \
        fprintf (stderr, "%s:%d: %s: ", __FILE__, __LINE__, #cond);           \
        fprintf (stderr, __VA_ARGS__);                                       \
        fputc ('\n', stderr);                                                \
        abort ();                                                            \
      }                                                                      \
  } G_STMT_END

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Criticals and warnings (a g_return_if_fail() that fires) are bugs too;
 * messages would only slow the fuzzer down. */
static inline void
zx_fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_setenv ("LANGUAGE", "C", TRUE);
      g_once_init_leave (&done, 1);
    }
}
