/* zx-rank.c — fractional indexing for ordered rows
 *
 * Keys are strings over the 62 digits 0-9A-Za-z, compared byte-wise, read as
 * base-62 fractions 0.d1d2d3…  A key never ends in '0', so there is always
 * room between two different keys.  Moving a row means giving it one new
 * key between its new neighbours: a single field change that merges with
 * concurrent moves of other rows.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-rank"

#include "config.h"

#include <string.h>

#include "zx-rank.h"

static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
#define BASE 62

static int
digit_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 36;
  return -1;
}

gboolean
zx_rank_is_valid (const char *rank)
{
  gsize len;

  if (rank == NULL || rank[0] == '\0')
    return FALSE;

  len = strlen (rank);
  if (len > 64 || rank[len - 1] == '0')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (digit_value (rank[i]) < 0)
      return FALSE;

  return TRUE;
}

/* Digit i of a key, with the open ends read as 0.000… and 0.zzz… (=1) */
static int
digit_at (const char *key,
          gsize       len,
          gsize       i,
          int         open_value)
{
  if (key == NULL)
    return open_value;
  if (i < len)
    return digit_value (key[i]);
  return 0;
}

/* A key after @before with nothing after it: @before plus one in its last
 * digit (carrying), so that appending keeps keys short: a key of n digits
 * leaves room for about 62^n appends.  When @before is all 'z' there is no
 * such key of its length: the next one is twice as long (@before, then
 * zeros and a 1), which gives the following appends 62^n times more room.
 * Halving the space to the top each time instead made every sixth append a
 * digit longer, and a few hundred appends to one table ran out of the 64
 * digits a key may have. */
static char *
rank_after (const char *before)
{
  gsize len = strlen (before);
  g_autofree char *out = g_strdup (before);
  gssize i = (gssize) len - 1;
  gboolean carry;

  /* The last digit runs 1…z (a key never ends in '0'), the others 0…z */
  carry = digit_value (out[i]) + 1 >= BASE;
  out[i] = carry ? '1' : digits[digit_value (out[i]) + 1];
  for (i--; carry && i >= 0; i--)
    {
      int d = digit_value (out[i]) + 1;

      carry = d >= BASE;
      out[i] = carry ? '0' : digits[d];
    }

  if (carry)
    {
      /* all 'z': before, then len - 1 zeros and a 1 */
      GString *longer = g_string_new (before);

      for (gsize j = 1; j < len; j++)
        g_string_append_c (longer, '0');
      g_string_append_c (longer, '1');
      return g_string_free (longer, FALSE);
    }
  return g_steal_pointer (&out);
}

char *
zx_rank_between (const char *before,
                 const char *after)
{
  GString *out;
  gsize blen = before ? strlen (before) : 0;
  gsize alen = after ? strlen (after) : 0;
  gboolean upper_open = after == NULL;

  g_return_val_if_fail (before == NULL || zx_rank_is_valid (before), NULL);
  g_return_val_if_fail (after == NULL || zx_rank_is_valid (after), NULL);
  g_return_val_if_fail (before == NULL || after == NULL || strcmp (before, after) < 0, NULL);

  if (before != NULL && after == NULL)
    return rank_after (before);

  out = g_string_new (NULL);

  /* Walk digit by digit: copy the common prefix, then pick a digit strictly
   * between, or take the lower digit and continue with an open upper end. */
  for (gsize i = 0;; i++)
    {
      int lo = digit_at (before, blen, i, 0);
      int hi = upper_open ? BASE : digit_at (after, alen, i, BASE);

      if (hi - lo >= 2)
        {
          int mid = lo + (hi - lo) / 2;

          g_string_append_c (out, digits[mid]);
          break;
        }

      g_string_append_c (out, digits[lo]);
      if (hi - lo == 1)
        upper_open = TRUE;

      /* The result must stay > before: once past before's digits and still
       * equal, any non-zero digit later on keeps it above. */
      if (i > 64)
        break;
    }

  return g_string_free (out, FALSE);
}

char **
zx_rank_spread (guint n)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  guint width = 1;
  guint64 space = BASE;

  while (space < (guint64) n + 1)
    {
      width++;
      space *= BASE;
    }

  for (guint i = 0; i < n; i++)
    {
      guint64 v = (space * (i + 1)) / ((guint64) n + 1);
      char buf[16];
      gsize len = width;

      for (int j = (int) width - 1; j >= 0; j--)
        {
          buf[j] = digits[v % BASE];
          v /= BASE;
        }
      /* drop trailing zeros: the value is the same and keys never end in 0 */
      while (len > 1 && buf[len - 1] == '0')
        len--;
      buf[len] = '\0';
      g_ptr_array_add (keys, g_strdup (buf));
    }

  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_steal (keys, NULL);
}
