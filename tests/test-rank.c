/* test-rank.c — fractional indexing
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zx-rank.h"

static void
test_between_open_ends (void)
{
  g_autofree char *mid = zx_rank_between (NULL, NULL);
  g_autofree char *first = zx_rank_between (NULL, mid);
  g_autofree char *last = zx_rank_between (mid, NULL);

  g_assert_true (zx_rank_is_valid (mid));
  g_assert_cmpint (strcmp (first, mid), <, 0);
  g_assert_cmpint (strcmp (mid, last), <, 0);
}

static void
test_between_neighbours (void)
{
  static const char *pairs[][2] = {
    { "A", "B" }, { "A", "A1" }, { "V", "W" }, { "z", NULL }, { NULL, "1" }, { "Vz", "W" }, { "0001", "0002" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *k = zx_rank_between (pairs[i][0], pairs[i][1]);

      g_assert_true (zx_rank_is_valid (k));
      if (pairs[i][0])
        g_assert_cmpint (strcmp (pairs[i][0], k), <, 0);
      if (pairs[i][1])
        g_assert_cmpint (strcmp (k, pairs[i][1]), <, 0);
    }
}

/* Inserting again and again at the same place keeps working and keys stay short */
static void
test_repeated_inserts (void)
{
  g_autofree char *low = g_strdup ("A");
  g_autofree char *high = g_strdup ("B");

  for (guint i = 0; i < 200; i++)
    {
      char *k = zx_rank_between (low, high);

      g_assert_cmpint (strcmp (low, k), <, 0);
      g_assert_cmpint (strcmp (k, high), <, 0);
      if (i % 2)
        {
          g_free (low);
          low = k;
        }
      else
        {
          g_free (high);
          high = k;
        }
    }
  g_assert_cmpuint (strlen (low), <=, 64);
}

/* Appending one after another keeps keys short: a table that grows to
 * 200,000 rows at its end never nears the 64 digits a key may have (it
 * used to run out after a few hundred) */
static void
test_appends_stay_short (void)
{
  g_autofree char *key = zx_rank_between (NULL, NULL);
  gsize longest = 0;

  for (guint i = 0; i < 200000; i++)
    {
      char *next = zx_rank_between (key, NULL);

      g_assert_nonnull (next);
      g_assert_true (zx_rank_is_valid (next));
      g_assert_cmpint (strcmp (key, next), <, 0);
      longest = MAX (longest, strlen (next));
      g_free (key);
      key = next;
    }
  g_assert_cmpuint (longest, <=, 8);

  /* after the greatest key of a length, the next is longer but still in order */
  {
    g_autofree char *after_z = zx_rank_between ("zz", NULL);

    g_assert_cmpstr (after_z, ==, "zz01");
  }
}

static void
test_spread (void)
{
  g_auto(GStrv) keys = zx_rank_spread (1000);

  g_assert_cmpuint (g_strv_length (keys), ==, 1000);
  for (guint i = 0; i < 1000; i++)
    {
      g_assert_true (zx_rank_is_valid (keys[i]));
      if (i > 0)
        g_assert_cmpint (strcmp (keys[i - 1], keys[i]), <, 0);
    }
}

static void
test_invalid (void)
{
  g_assert_false (zx_rank_is_valid (""));
  g_assert_false (zx_rank_is_valid ("A0"));
  g_assert_false (zx_rank_is_valid ("a b"));
  g_assert_false (zx_rank_is_valid (NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rank/open-ends", test_between_open_ends);
  g_test_add_func ("/rank/neighbours", test_between_neighbours);
  g_test_add_func ("/rank/repeated-inserts", test_repeated_inserts);
  g_test_add_func ("/rank/appends-stay-short", test_appends_stay_short);
  g_test_add_func ("/rank/spread", test_spread);
  g_test_add_func ("/rank/invalid", test_invalid);

  return g_test_run ();
}
