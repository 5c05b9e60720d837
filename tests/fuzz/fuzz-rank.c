/* fuzz-rank.c — fractional-index keys
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is read as
 *   byte 0         what to do (below)
 *   byte 1         the length of the first key (mod 65)
 *   then           its digits (each byte mod 62), then the second key's
 * Trailing '0's are dropped (keys never end in '0'); an empty key is the
 * open end (NULL).  The two keys are put in order, and then:
 *   a < zx_rank_between (a, b) < b      (strcmp, as the store sorts)
 *   zx_rank_between (a, NULL) > a,  zx_rank_between (NULL, b) < b
 * and every result is made of base-62 digits, does not end in '0' and is
 * at most one digit longer than the longer key (twice as long after "zz…").
 * With byte 0 odd, the remaining bytes after the keys also drive a list
 * of up to 300 insertions (each byte picks a gap of the list, starting
 * from the two keys) that must stay strictly ordered while the keys stay
 * within the 64 digits zx_rank_is_valid() allows; byte 0 / 2 mod 8 picks
 * a zx_rank_spread() of up to 2,000 keys to check the same way.
 */
#include <string.h>

#include "zx-fuzz.h"
#include "zx-rank.h"

#define MAX_KEY 64

static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* Base-62 digits, not ending in '0' (any length: results may pass 64) */
static gboolean
is_key (const char *key)
{
  gsize len;

  if (key == NULL || key[0] == '\0')
    return FALSE;
  len = strlen (key);
  if (key[len - 1] == '0')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (strchr (digits, key[i]) == NULL || key[i] == '\0')
      return FALSE;
  return TRUE;
}

static char *
take_key (const uint8_t **p,
          const uint8_t  *end)
{
  gsize len, i;
  GString *key;

  if (*p >= end)
    return NULL;
  len = *(*p)++ % (MAX_KEY + 1);
  key = g_string_new (NULL);
  for (i = 0; i < len && *p < end; i++)
    g_string_append_c (key, digits[*(*p)++ % 62]);
  while (key->len > 0 && key->str[key->len - 1] == '0')
    g_string_truncate (key, key->len - 1);
  if (key->len == 0)
    {
      g_string_free (key, TRUE);
      return NULL;
    }
  return g_string_free (key, FALSE);
}

static char *
between (const char *a,
         const char *b)
{
  char *mid = zx_rank_between (a, b);

  ZX_FUZZ_CHECK (mid != NULL, "between (%s, %s) gave NULL", a ? a : "NULL", b ? b : "NULL");
  ZX_FUZZ_CHECK (is_key (mid), "between (%s, %s) = %s is not a key", a ? a : "NULL", b ? b : "NULL", mid);
  ZX_FUZZ_CHECK (a == NULL || strcmp (a, mid) < 0, "between (%s, %s) = %s is not after the first",
                 a, b ? b : "NULL", mid);
  ZX_FUZZ_CHECK (b == NULL || strcmp (mid, b) < 0, "between (%s, %s) = %s is not before the second",
                 a ? a : "NULL", b, mid);
  /* as zx-rank.h promises: one digit more than the longer neighbour at
   * most, or twice as long after a key of all 'z' */
  {
    gsize la = a ? strlen (a) : 0, lb = b ? strlen (b) : 0;

    if (a != NULL && b == NULL && strspn (a, "z") == la)
      ZX_FUZZ_CHECK (strlen (mid) == 2 * la, "between (%s, NULL) = %s", a, mid);
    else
      ZX_FUZZ_CHECK (strlen (mid) <= MAX (la, lb) + 1, "between (%s, %s) = %s is too long",
                     a ? a : "NULL", b ? b : "NULL", mid);
  }
  return mid;
}

static void
insertions (char          *a,
            char          *b,
            const uint8_t *p,
            const uint8_t *end)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  if (a != NULL)
    g_ptr_array_add (list, g_strdup (a));
  if (b != NULL)
    g_ptr_array_add (list, g_strdup (b));

  for (guint n = 0; p < end && n < 300; p++, n++)
    {
      guint gap = *p % (list->len + 1);
      const char *lo = gap > 0 ? list->pdata[gap - 1] : NULL;
      const char *hi = gap < list->len ? list->pdata[gap] : NULL;
      char *mid;

      if ((lo != NULL && strlen (lo) > MAX_KEY) || (hi != NULL && strlen (hi) > MAX_KEY))
        break;  /* the store refuses such a key: the server rebalances first */
      mid = between (lo, hi);
      g_ptr_array_insert (list, gap, mid);
    }
  for (guint i = 1; i < list->len; i++)
    ZX_FUZZ_CHECK (strcmp (list->pdata[i - 1], list->pdata[i]) < 0, "the list is out of order at %u", i);
}

static void
spread (guint n)
{
  g_auto(GStrv) keys = zx_rank_spread (n);

  ZX_FUZZ_CHECK (keys != NULL && g_strv_length (keys) == n, "spread (%u) gave %u keys", n,
                 keys ? g_strv_length (keys) : 0);
  for (guint i = 0; i < n; i++)
    {
      ZX_FUZZ_CHECK (zx_rank_is_valid (keys[i]), "spread (%u)[%u] = %s", n, i, keys[i]);
      ZX_FUZZ_CHECK (i == 0 || strcmp (keys[i - 1], keys[i]) < 0, "spread (%u) out of order at %u", n, i);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *p = data, *end = data + size;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint8 mode;

  zx_fuzz_init ();
  if (size == 0)
    return 0;
  mode = *p++;
  a = take_key (&p, end);
  b = take_key (&p, end);

  ZX_FUZZ_CHECK (a == NULL || zx_rank_is_valid (a), "made an invalid key %s", a);
  ZX_FUZZ_CHECK (b == NULL || zx_rank_is_valid (b), "made an invalid key %s", b);

  if (a != NULL && b != NULL)
    {
      int order = strcmp (a, b);

      if (order > 0)
        {
          char *t = a;
          a = b;
          b = t;
        }
      if (order != 0)
        g_free (between (a, b));
    }
  if (a != NULL)
    {
      g_free (between (a, NULL));
      g_free (between (NULL, a));
    }
  if (b != NULL)
    {
      g_free (between (b, NULL));
      g_free (between (NULL, b));
    }
  g_free (between (NULL, NULL));

  if (mode & 1)
    insertions (a, (b != NULL && a != NULL && strcmp (a, b) == 0) ? NULL : b, p, end);
  if (((mode >> 1) & 7) == 0 && p < end)
    spread ((guint) (((p[0] << 8) | (p + 1 < end ? p[1] : 0)) % 2001));
  return 0;
}
