/* zx-progress.c — OKR progress, expected pace, health and staleness
 *
 * The rules are in zx-progress.h; this file computes them for the whole
 * database at once.
 *
 * Reading the figures' inputs from SQLite is what costs: on the large
 * hospital (50,000 key results, 22,000 objectives, 600,000 check-ins) the
 * rows take 25–50 ms to step through (more when the file is not in the
 * page cache), while the arithmetic takes 2–5.
 * Check-ins are not read at all: the date of each key result's latest one
 * is key_result.last_check_in_at, a derived column that triggers on
 * check_in keep (migrations/004-latest-check-in.sql; finding the latest of
 * every key result's check-ins here took 150–900 ms).
 *
 * Each store keeps a mirror of the few columns the figures need (cycles,
 * pillars, battles, objectives and key results), read in full by the first
 * index and then kept up to date row by row: an SQLite update hook on the
 * store's connection notes the rowid of every row written to those tables
 * (by the mutators, bulk loads, triggers and transactions later rolled back
 * alike), and the next index reads those rows again.  A check-in written
 * is seen through its key result, whose last_check_in_at the trigger sets.
 * The mirror is read in full again after more than MAX_DIRTY rows, after a
 * row of those tables was deleted for real (the store only ever marks rows
 * deleted), and when another connection changed the file (PRAGMA
 * data_version).  Inside a transaction, whose rows may yet be rolled back,
 * an index reads a private mirror from scratch.
 *
 * Each index is a snapshot: its own numbers and a copy of the id table,
 * sharing only the pool of id strings (refcounted, append-only).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-progress"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "zx-progress.h"
#include "zx-store-private.h"

/* Comparisons at the margins forgive rounding: 0.5 − 0.35 is 0.15000000000000002 */
#define EPSILON 1e-9

void
zx_progress_params_init_default (ZxProgressParams *params)
{
  g_return_if_fail (params != NULL);

  params->behind_margin = 0.15;
  params->stale_days = 14;
  params->low_confidence = 3;
}

/* Health ------------------------------------------------------------------------ */

static const char * const health_names[] = { "not_started", "on_track", "at_risk", "off_track" };

const char *
zx_health_to_string (ZxHealth health)
{
  g_return_val_if_fail ((guint) health < G_N_ELEMENTS (health_names), NULL);

  return health_names[health];
}

gboolean
zx_health_from_string (const char *s,
                       ZxHealth   *out_health)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (health_names); i++)
    if (g_str_equal (s, health_names[i]))
      {
        if (out_health != NULL)
          *out_health = (ZxHealth) i;
        return TRUE;
      }

  return FALSE;
}

const char *
zx_health_get_label (ZxHealth health)
{
  switch (health)
    {
    case ZX_HEALTH_NOT_STARTED:
      /* Translators: the health of a key result, objective, battle or pillar */
      return _("Not started");
    case ZX_HEALTH_ON_TRACK:
      return _("On track");
    case ZX_HEALTH_AT_RISK:
      return _("At risk");
    case ZX_HEALTH_OFF_TRACK:
      return _("Off track");
    default:
      g_return_val_if_reached (NULL);
    }
}

ZxHealth
zx_health_from (double                  progress,
                double                  expected,
                gboolean                started,
                int                     confidence,
                const ZxProgressParams *params)
{
  ZxProgressParams defaults;
  ZxHealth health;
  double gap;

  if (params == NULL)
    {
      zx_progress_params_init_default (&defaults);
      params = &defaults;
    }

  if (!started)
    return ZX_HEALTH_NOT_STARTED;

  gap = expected - progress;
  if (gap <= params->behind_margin + EPSILON)
    health = ZX_HEALTH_ON_TRACK;
  else if (gap <= 2 * params->behind_margin + EPSILON)
    health = ZX_HEALTH_AT_RISK;
  else
    health = ZX_HEALTH_OFF_TRACK;

  if (confidence > 0 && confidence <= params->low_confidence && health == ZX_HEALTH_ON_TRACK)
    health = ZX_HEALTH_AT_RISK;

  return health;
}

/* Progress and pace ------------------------------------------------------------- */

static double
clamp01 (double v)
{
  if (isnan (v))
    return 0;
  return CLAMP (v, 0.0, 1.0);
}

double
zx_kr_progress (const char *kind,
                gboolean    has_current,
                double      start,
                double      target,
                double      current)
{
  if (!has_current || !isfinite (current))
    return 0;

  if (g_strcmp0 (kind, "milestone") == 0)
    return current >= 1 ? 1 : 0;

  /* The store refuses target = start; nothing sensible to say then */
  if (!isfinite (start) || !isfinite (target) || target == start)
    return 0;

  return clamp01 ((current - start) / (target - start));
}

static double
pace_between (gint64 start,
              gint64 end,
              gint64 today)
{
  if (end <= start)
    return today >= end ? 1 : 0;
  return clamp01 ((double) (today - start) / (double) (end - start));
}

double
zx_expected_pace (const GDate *start,
                  const GDate *end,
                  const GDate *today)
{
  g_return_val_if_fail (start != NULL && g_date_valid (start), 0);
  g_return_val_if_fail (end != NULL && g_date_valid (end), 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  return pace_between (g_date_get_julian (start), g_date_get_julian (end), g_date_get_julian (today));
}

/* Dates ------------------------------------------------------------------------- */

/* Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), to read the many dates of the index quickly. */
static gint64
days_from_civil (gint64   y,
                 unsigned m,
                 unsigned d)
{
  gint64 era;
  unsigned yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (unsigned) (y - era * 400);
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

#define UNIX_EPOCH_JULIAN G_GINT64_CONSTANT (719163) /* g_date_get_julian() of 1970-01-01 */

static gboolean
parse_digits (const char *s,
              guint       n,
              int        *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* "YYYY-MM-DD…" → julian day (as GDate counts), 0 when it is not a date */
static gint64
julian_of (const char *s)
{
  int y, m, d;

  if (s == NULL || strnlen (s, 10) < 10 || s[4] != '-' || s[7] != '-' ||
      !parse_digits (s, 4, &y) || !parse_digits (s + 5, 2, &m) || !parse_digits (s + 8, 2, &d) ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;

  return days_from_civil (y, (unsigned) m, (unsigned) d) + UNIX_EPOCH_JULIAN;
}

/* "YYYY-MM-DDTHH:MM:SSZ" → seconds since the Unix epoch; FALSE when malformed */
static gboolean
seconds_of (const char *s,
            gint64     *out)
{
  int hh, mm, ss;
  gint64 jd = julian_of (s);

  if (jd == 0 || strnlen (s, 19) < 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
      !parse_digits (s + 11, 2, &hh) || !parse_digits (s + 14, 2, &mm) || !parse_digits (s + 17, 2, &ss))
    return FALSE;

  *out = (jd - UNIX_EPOCH_JULIAN) * 86400 + hh * 3600 + mm * 60 + ss;
  return TRUE;
}

/* The local UTC offset at noon on @julian, in seconds */
static gint64
local_offset (gint64 julian)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 noon = (julian - UNIX_EPOCH_JULIAN) * 86400 + 12 * 3600;
  gint interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, noon);

  return interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
}

/* The calendar day of @seconds shifted by @offset, as a julian day */
static gint64
day_of (gint64 seconds,
        gint64 offset)
{
  gint64 local = seconds + offset;
  gint64 days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);

  return days + UNIX_EPOCH_JULIAN;
}

/* Ids to values ----------------------------------------------------------------------
 *
 * An open-addressing table keyed by id strings, with the low 32 bits of a
 * 64-bit hash kept in each slot (they pick the slot too), that a snapshot
 * can copy with one memcpy().  Values are ENCODE()d rows, never 0.
 */
typedef struct
{
  guint32     hash;
  guint32     value; /* 0: empty */
  const char *key;   /* not owned */
} Slot;

typedef struct
{
  Slot  *slots;
  gsize  mask;
  gsize  n;
} IdMap;

static guint64
id_hash (const char *s,
         gsize       len)
{
  guint64 h = 0x9E3779B97F4A7C15u ^ len;

  for (; len >= 8; s += 8, len -= 8)
    {
      guint64 w;

      memcpy (&w, s, 8);
      h = (h ^ w) * 0xBF58476D1CE4E5B9u;
      h ^= h >> 31;
    }
  if (len > 0)
    {
      guint64 w = 0;

      memcpy (&w, s, len);
      h = (h ^ w) * 0x94D049BB133111EBu;
    }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9u;
  h ^= h >> 32;
  return h;
}

static void
id_map_init (IdMap *map,
             gsize  expected)
{
  gsize size = 16;

  /* at most two thirds full */
  while (size * 2 < expected * 3)
    size *= 2;
  map->slots = g_new0 (Slot, size);
  map->mask = size - 1;
  map->n = 0;
}

static void
id_map_clear (IdMap *map)
{
  g_clear_pointer (&map->slots, g_free);
  map->mask = 0;
  map->n = 0;
}

static Slot *
id_map_find_slot (const IdMap *map,
                  guint32      hash,
                  const char  *key)
{
  for (gsize i = hash & map->mask;; i = (i + 1) & map->mask)
    {
      Slot *slot = &map->slots[i];

      if (slot->value == 0 || (slot->hash == hash && strcmp (slot->key, key) == 0))
        return slot;
    }
}

static gpointer
id_map_lookup (const IdMap *map,
               guint64      hash,
               const char  *key)
{
  return key != NULL ? GUINT_TO_POINTER (id_map_find_slot (map, (guint32) hash, key)->value) : NULL;
}

static void
id_map_grow (IdMap *map)
{
  Slot *old = map->slots;
  gsize old_size = map->mask + 1;

  map->slots = g_new0 (Slot, old_size * 2);
  map->mask = old_size * 2 - 1;
  for (gsize i = 0; i < old_size; i++)
    if (old[i].value != 0)
      *id_map_find_slot (map, old[i].hash, old[i].key) = old[i];
  g_free (old);
}

/* Sets @key's value (non-NULL); @key must outlive the map */
static void
id_map_insert (IdMap      *map,
               guint64     hash,
               const char *key,
               gpointer    value)
{
  Slot *slot;

  if ((map->n + 1) * 3 > (map->mask + 1) * 2)
    id_map_grow (map);

  slot = id_map_find_slot (map, (guint32) hash, key);
  if (slot->value == 0)
    map->n++;
  slot->hash = (guint32) hash;
  slot->key = key;
  slot->value = GPOINTER_TO_UINT (value);
}

static void
id_map_copy (IdMap       *to,
             const IdMap *from)
{
  to->slots = g_memdup2 (from->slots, (from->mask + 1) * sizeof (Slot));
  to->mask = from->mask;
  to->n = from->n;
}

/* The mirror ---------------------------------------------------------------------
 *
 * What the figures need of cycles, pillars, battles, objectives and key
 * results (with the date of their latest check-in), in memory: one per
 * store, read in full once and then kept up to date row by row (see the top
 * of this file).
 */

/* Ids live in a pool the indexes share, so they can outlive the mirror */
typedef struct
{
  gatomicrefcount ref_count;
  GStringChunk   *chunk;
} Pool;

static Pool *
pool_new (void)
{
  Pool *pool = g_new0 (Pool, 1);

  g_atomic_ref_count_init (&pool->ref_count);
  pool->chunk = g_string_chunk_new (256 * 1024);
  return pool;
}

static Pool *
pool_ref (Pool *pool)
{
  g_atomic_ref_count_inc (&pool->ref_count);
  return pool;
}

static void
pool_unref (Pool *pool)
{
  if (g_atomic_ref_count_dec (&pool->ref_count))
    {
      g_string_chunk_free (pool->chunk);
      g_free (pool);
    }
}

typedef enum
{
  T_CYCLE,
  T_PILLAR,
  T_BATTLE,
  T_OBJECTIVE,
  T_KEY_RESULT,
  N_TABLES,
} Table;

static const char * const table_names[N_TABLES] = {
  "cycle", "pillar", "battle", "objective", "key_result",
};

/* Every column the mirror reads, rowid, id and deleted first; the same
 * statement reads all rows or (with the WHERE) the rows the update hook
 * noted, by rowid */
static const char * const table_sql[N_TABLES] = {
  "SELECT rowid, id, deleted, start_date, end_date FROM cycle",
  "SELECT rowid, id, deleted FROM pillar",
  "SELECT rowid, id, deleted, pillar_id FROM battle",
  "SELECT rowid, id, deleted, cycle_id, level, battle_id, pillar_id FROM objective",
  "SELECT rowid, id, deleted, objective_id, kind, start_value, target_value, current_value, "
  "weight, due_date, challenge, confidence, last_check_in_at FROM key_result",
};

/* A reference to another row: its id, and its row once found (-1 not) */
typedef struct
{
  const char *id;
  gint        row;
} Link;

typedef struct
{
  const char *id;
  gboolean    live;
} Head;

typedef struct
{
  Head   h;
  gint64 start, end; /* julian days; 0 unknown */
} CycleRow;

typedef struct
{
  Head h;
} PillarRow;

typedef struct
{
  Head h;
  Link pillar;
} BattleRow;

typedef enum
{
  LEVEL_OTHER,
  LEVEL_HOSPITAL,
  LEVEL_DEPARTMENT,
} Level;

typedef struct
{
  Head  h;
  Link  cycle, battle, pillar;
  Level level;
} ObjectiveRow;

typedef struct
{
  Head     h;
  Link     objective;
  gboolean milestone;
  gboolean has_current;
  gboolean challenge;
  double   start, target, current, weight;
  gint64   due;           /* julian day, 0 none */
  int      confidence;
  gint64   latest_at;     /* last_check_in_at: its latest live check-in's created_at
                          * (epoch seconds), 0 none */
} KeyResultRow;

static const gsize row_size[N_TABLES] = {
  sizeof (CycleRow), sizeof (PillarRow), sizeof (BattleRow), sizeof (ObjectiveRow), sizeof (KeyResultRow),
};

typedef struct
{
  Pool     *pool;
  IdMap     ids;                 /* id → ENCODE (table, row) */
  GArray   *rows[N_TABLES];
  GArray   *dirty[N_TABLES];     /* rowids written since */
  guint     n_dirty;
  GArray   *unresolved;          /* ENCODE (table, row) of rows with a link not found */
  gboolean  valid;
  gint64    data_version;        /* PRAGMA data_version when last brought up to date */
} Mirror;

#define ENCODE(table, row) GUINT_TO_POINTER (((guint) (table) << 28) | ((guint) (row) + 1))
#define DECODE_TABLE(v)    ((Table) (GPOINTER_TO_UINT (v) >> 28))
#define DECODE_ROW(v)      ((GPOINTER_TO_UINT (v) & 0x0FFFFFFF) - 1)
#define ROW(m, t, type, i) (&g_array_index ((m)->rows[t], type, (i)))

/* Past this many rows written, read everything again */
#define MAX_DIRTY 4096

static const char mirror_key[] = "zx-progress-mirror";

static void
mirror_reset (Mirror *m)
{
  g_clear_pointer (&m->pool, pool_unref);
  id_map_clear (&m->ids);
  for (guint t = 0; t < N_TABLES; t++)
    g_clear_pointer (&m->rows[t], g_array_unref);
  for (guint t = 0; t < N_TABLES; t++)
    if (m->dirty[t] != NULL)
      g_array_set_size (m->dirty[t], 0);
  m->n_dirty = 0;
  if (m->unresolved != NULL)
    g_array_set_size (m->unresolved, 0);
  m->valid = FALSE;
}

static Mirror *
mirror_new (void)
{
  Mirror *m = g_new0 (Mirror, 1);

  for (guint t = 0; t < N_TABLES; t++)
    m->dirty[t] = g_array_new (FALSE, FALSE, sizeof (gint64));
  m->unresolved = g_array_new (FALSE, FALSE, sizeof (gpointer));
  return m;
}

static void
mirror_free (gpointer data)
{
  Mirror *m = data;

  mirror_reset (m);
  for (guint t = 0; t < N_TABLES; t++)
    g_array_unref (m->dirty[t]);
  g_array_unref (m->unresolved);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mirror, mirror_free)

static int
table_of (const char *name)
{
  switch (name[0])
    {
    case 'c':
      return strcmp (name, "cycle") == 0 ? T_CYCLE : -1;
    case 'p':
      return strcmp (name, "pillar") == 0 ? T_PILLAR : -1;
    case 'b':
      return strcmp (name, "battle") == 0 ? T_BATTLE : -1;
    case 'o':
      return strcmp (name, "objective") == 0 ? T_OBJECTIVE : -1;
    case 'k':
      return strcmp (name, "key_result") == 0 ? T_KEY_RESULT : -1;
    default:
      return -1;
    }
}

/* The SQLite update hook: runs inside sqlite3_step(), so it only notes the
 * row.  Rows written in a transaction later rolled back are noted too;
 * reading them again finds what was kept. */
static void
on_update (void          *data,
           int            op,
           const char    *db_name,
           const char    *table,
           sqlite3_int64  rowid)
{
  Mirror *m = data;
  gint64 r = rowid;
  int t;

  if (!m->valid || (t = table_of (table)) < 0)
    return;

  /* The store never deletes rows (it keeps tombstones); should something
   * else, read everything again rather than track it */
  if (op == SQLITE_DELETE || m->n_dirty >= MAX_DIRTY)
    {
      m->valid = FALSE;
      return;
    }

  g_array_append_val (m->dirty[t], r);
  m->n_dirty++;
}

static Head *
row_head (Mirror *m,
          Table   t,
          guint   row)
{
  return (Head *) (void *) (m->rows[t]->data + row * row_size[t]);
}

/* Finds the row @link names in @table, unless found already (a found id
 * keeps its row); FALSE when it names one not found */
static gboolean
link_resolve (Mirror *m,
              Link   *link,
              Table   table)
{
  gpointer v;

  if (link->id == NULL || link->row >= 0)
    return TRUE;
  v = id_map_lookup (&m->ids, id_hash (link->id, strlen (link->id)), link->id);
  if (v == NULL || DECODE_TABLE (v) != table)
    return FALSE;
  link->row = (gint) DECODE_ROW (v);
  return TRUE;
}

/* An id read from a column (NULL when the column is) and its hash */
typedef struct
{
  const char *id;
  gsize       len;
  guint64     hash;
} IdText;

static void
id_text_read (Mirror       *m,
              IdText       *x,
              sqlite3_stmt *stmt,
              int           column)
{
  x->id = (const char *) sqlite3_column_text (stmt, column);
  if (x->id == NULL)
    return;
  x->len = strlen (x->id);
  x->hash = id_hash (x->id, x->len);
#ifdef __GNUC__
  /* Its slot is seldom in the cache: fetch it while the other columns are
   * read (a first index makes some 100,000 lookups) */
  __builtin_prefetch (&m->ids.slots[x->hash & m->ids.mask]);
#endif
}

/* Sets @link to the row of @table @x names, when it changed.  The tables
 * are read in the order they refer to each other, so the row is usually
 * there already: then the link shares its id; else it keeps a copy until
 * row_resolve() finds the row. */
static void
link_set (Mirror       *m,
          Link         *link,
          Table         table,
          const IdText *x)
{
  gpointer v;

  if (x->id == NULL)
    {
      link->id = NULL;
      link->row = -1;
      return;
    }
  if (link->id != NULL && strcmp (x->id, link->id) == 0)
    return;

  v = id_map_lookup (&m->ids, x->hash, x->id);
  if (v != NULL && DECODE_TABLE (v) == table)
    {
      link->row = (gint) DECODE_ROW (v);
      link->id = row_head (m, table, (guint) link->row)->id;
    }
  else
    {
      link->id = g_string_chunk_insert_len (m->pool->chunk, x->id, (gssize) x->len);
      link->row = -1;
    }
}

/* Resolves the links of one row; FALSE when one is not found */
static gboolean
row_resolve (Mirror *m,
             Table   t,
             guint   row)
{
  gboolean ok = TRUE;

  switch (t)
    {
    case T_BATTLE:
      ok = link_resolve (m, &ROW (m, t, BattleRow, row)->pillar, T_PILLAR);
      break;
    case T_OBJECTIVE:
      {
        ObjectiveRow *o = ROW (m, t, ObjectiveRow, row);

        ok = link_resolve (m, &o->cycle, T_CYCLE);
        ok = link_resolve (m, &o->battle, T_BATTLE) && ok;
        ok = link_resolve (m, &o->pillar, T_PILLAR) && ok;
      }
      break;
    case T_KEY_RESULT:
      ok = link_resolve (m, &ROW (m, t, KeyResultRow, row)->objective, T_OBJECTIVE);
      break;
    case T_CYCLE:
    case T_PILLAR:
    default:
      break;
    }

  if (!ok)
    {
      gpointer v = ENCODE (t, row);

      g_array_append_val (m->unresolved, v);
    }
  return ok;
}

/* Reads the row @stmt is on into the mirror, adding it when new.  The
 * columns are read first and the ids looked up last, so that their slots
 * have come into the cache meanwhile. */
static void
mirror_read_row (Mirror       *m,
                 Table         t,
                 sqlite3_stmt *stmt)
{
  IdText id, links[3];
  KeyResultRow k;
  gint64 start = 0, end = 0;
  Level level = LEVEL_OTHER;
  gboolean live;
  gpointer v;
  Head *h;
  guint row;

  id_text_read (m, &id, stmt, 1);
  if (id.id == NULL)
    return;

  switch (t)
    {
    case T_CYCLE:
      start = julian_of ((const char *) sqlite3_column_text (stmt, 3));
      end = julian_of ((const char *) sqlite3_column_text (stmt, 4));
      break;

    case T_BATTLE:
      id_text_read (m, &links[0], stmt, 3); /* pillar */
      break;

    case T_OBJECTIVE:
      {
        const char *text = (const char *) sqlite3_column_text (stmt, 4);

        id_text_read (m, &links[0], stmt, 3); /* cycle */
        id_text_read (m, &links[1], stmt, 5); /* battle */
        id_text_read (m, &links[2], stmt, 6); /* pillar */
        level = g_strcmp0 (text, "hospital") == 0 ? LEVEL_HOSPITAL :
                g_strcmp0 (text, "department") == 0 ? LEVEL_DEPARTMENT : LEVEL_OTHER;
      }
      break;

    case T_KEY_RESULT:
      id_text_read (m, &links[0], stmt, 3); /* objective */
      k.milestone = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "milestone") == 0;
      k.start = sqlite3_column_double (stmt, 5);
      k.target = sqlite3_column_double (stmt, 6);
      k.has_current = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
      k.current = sqlite3_column_double (stmt, 7);
      k.weight = sqlite3_column_double (stmt, 8);
      k.due = julian_of ((const char *) sqlite3_column_text (stmt, 9));
      k.challenge = sqlite3_column_int (stmt, 10) != 0;
      k.confidence = sqlite3_column_int (stmt, 11);
      /* kept by the triggers of 004-latest-check-in.sql */
      if (!seconds_of ((const char *) sqlite3_column_text (stmt, 12), &k.latest_at))
        k.latest_at = 0;
      break;

    case T_PILLAR:
    default:
      break;
    }
  live = sqlite3_column_int (stmt, 2) == 0;

  v = id_map_lookup (&m->ids, id.hash, id.id);
  if (v != NULL && DECODE_TABLE (v) != t)
    return; /* the same id in two tables: the first one read keeps it */

  if (v != NULL)
    {
      row = DECODE_ROW (v);
      h = row_head (m, t, row);
    }
  else
    {
      row = m->rows[t]->len;
      g_array_set_size (m->rows[t], row + 1);
      h = row_head (m, t, row);
      h->id = g_string_chunk_insert_len (m->pool->chunk, id.id, (gssize) id.len);
      id_map_insert (&m->ids, id.hash, h->id, ENCODE (t, row));
    }
  h->live = live;

  switch (t)
    {
    case T_CYCLE:
      ((CycleRow *) h)->start = start;
      ((CycleRow *) h)->end = end;
      break;

    case T_BATTLE:
      link_set (m, &((BattleRow *) h)->pillar, T_PILLAR, &links[0]);
      break;

    case T_OBJECTIVE:
      {
        ObjectiveRow *o = (ObjectiveRow *) h;

        link_set (m, &o->cycle, T_CYCLE, &links[0]);
        link_set (m, &o->battle, T_BATTLE, &links[1]);
        link_set (m, &o->pillar, T_PILLAR, &links[2]);
        o->level = level;
      }
      break;

    case T_KEY_RESULT:
      {
        KeyResultRow *kr = (KeyResultRow *) h;

        k.h = kr->h;
        k.objective = kr->objective;
        *kr = k;
        link_set (m, &kr->objective, T_OBJECTIVE, &links[0]);
      }
      break;

    case T_PILLAR:
    default:
      break;
    }

  row_resolve (m, t, row);
}

static gboolean
mirror_failed (ZxStore      *store,
               sqlite3_stmt *stmt,
               GError      **error)
{
  g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
               _("The progress figures could not be read from the database (%s)."),
               sqlite3_errmsg (zx_store_get_db (store)));
  sqlite3_reset (stmt);
  return FALSE;
}

/* Reads everything */
static gboolean
mirror_load (Mirror   *m,
             ZxStore  *store,
             GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 total = 0;
  int rc;

  mirror_reset (m);
  m->pool = pool_new ();

  for (Table t = 0; t < N_TABLES; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT max(rowid) FROM %s", table_names[t]);
      gint64 n = 0;

      /* max(rowid) bounds the count without reading the table */
      stmt = zx_store_prepare (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = CLAMP (sqlite3_column_int64 (stmt, 0), 0, 1 << 24);
      sqlite3_reset (stmt);

      m->rows[t] = g_array_sized_new (FALSE, TRUE, (guint) row_size[t], (guint) n);
      total += n;
    }
  id_map_init (&m->ids, (gsize) total);

  for (Table t = 0; t < N_TABLES; t++)
    {
      stmt = zx_store_prepare (store, table_sql[t], error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        mirror_read_row (m, t, stmt);
      if (rc != SQLITE_DONE)
        return mirror_failed (store, stmt, error);
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/* Reads again the rows written since the last time */
static gboolean
mirror_update (Mirror   *m,
               ZxStore  *store,
               GError  **error)
{
  GArray *retry;
  sqlite3_stmt *stmt;

  /* Tables in the order they refer to each other */
  for (Table t = 0; t < N_TABLES; t++)
    {
      g_autofree char *sql = NULL;

      if (m->dirty[t]->len == 0)
        continue;
      sql = g_strconcat (table_sql[t], " WHERE rowid = ?", NULL);
      for (guint i = 0; i < m->dirty[t]->len; i++)
        {
          stmt = zx_store_prepare (store, sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, g_array_index (m->dirty[t], gint64, i));
          /* Not there: written in a transaction rolled back */
          if (sqlite3_step (stmt) == SQLITE_ROW)
            mirror_read_row (m, t, stmt);
          sqlite3_reset (stmt);
        }
      g_array_set_size (m->dirty[t], 0);
    }

  /* Rows naming a row not read until now */
  retry = m->unresolved;
  m->unresolved = g_array_new (FALSE, FALSE, sizeof (gpointer));
  for (guint i = 0; i < retry->len; i++)
    {
      gpointer v = g_array_index (retry, gpointer, i);

      row_resolve (m, DECODE_TABLE (v), DECODE_ROW (v));
    }
  g_array_unref (retry);

  m->n_dirty = 0;
  return TRUE;
}

static gboolean
read_data_version (ZxStore *store,
                   gint64  *out,
                   GError **error)
{
  sqlite3_stmt *stmt = zx_store_prepare (store, "PRAGMA data_version", error);

  if (stmt == NULL)
    return FALSE;
  *out = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  return TRUE;
}

/* The store's mirror, brought up to date.  Inside a transaction, whose rows
 * may yet be rolled back, a private one is read instead (*@out_private). */
static Mirror *
mirror_get (ZxStore  *store,
            Mirror  **out_private,
            GError  **error)
{
  sqlite3 *db = zx_store_get_db (store);
  Mirror *m;
  gint64 version;

  *out_private = NULL;

  if (!sqlite3_get_autocommit (db))
    {
      g_autoptr(Mirror) fresh = mirror_new ();

      if (!mirror_load (fresh, store, error))
        return NULL;
      *out_private = g_steal_pointer (&fresh);
      return *out_private;
    }

  m = g_object_get_data (G_OBJECT (store), mirror_key);
  if (m == NULL)
    {
      m = mirror_new ();
      g_object_set_data_full (G_OBJECT (store), mirror_key, m, mirror_free);
      /* Every write of the store goes through this one connection.  The
       * connection is closed in the store's finalize, before its data
       * (and the mirror with it) are freed. */
      sqlite3_update_hook (db, on_update, m);
    }

  if (!read_data_version (store, &version, error))
    return NULL;

  if (!m->valid || version != m->data_version)
    {
      if (!mirror_load (m, store, error))
        {
          mirror_reset (m);
          return NULL;
        }
      m->valid = TRUE;
      m->data_version = version;
    }
  else if (m->n_dirty > 0 && !mirror_update (m, store, error))
    {
      mirror_reset (m);
      return NULL;
    }

  return m;
}

/* The index ------------------------------------------------------------------------ */

typedef struct
{
  ZxProgress p;
  gboolean   present;
} Entry;

struct _ZxProgressIndex
{
  gatomicrefcount ref_count;
  Pool           *pool;
  IdMap           ids;               /* the mirror's, as it was */
  Entry          *entries[N_TABLES]; /* by row; none for cycles */
  guint           n_entries[N_TABLES];
};

/* Sums for a mean, weighted or not */
typedef struct
{
  double   w, wp, we, wj;  /* weights, and weighted progress, expected and bar */
  double   p, e, j;        /* plain sums */
  guint    n;
  gboolean started;
  gboolean stale;
  gint64   last;
} Sums;

static void
sums_add (Sums             *s,
          double            weight,
          const ZxProgress *p,
          gboolean          started)
{
  if (!(weight > 0) || !isfinite (weight))
    weight = 0;
  s->w += weight;
  s->wp += weight * p->progress;
  s->we += weight * p->expected;
  s->wj += weight * p->judged_against;
  s->p += p->progress;
  s->e += p->expected;
  s->j += p->judged_against;
  s->n++;
  s->started = s->started || started;
  s->stale = s->stale || p->stale;
  s->last = MAX (s->last, p->last_check_in);
}

/* The means of @s into @p, and health by the gap rule */
static void
sums_finish (const Sums             *s,
             ZxProgress             *p,
             const ZxProgressParams *params)
{
  if (s->n == 0)
    {
      p->has_progress = FALSE;
      p->progress = 0;
      p->health = ZX_HEALTH_NOT_STARTED;
      return;
    }

  p->has_progress = TRUE;
  if (s->w > 0)
    {
      p->progress = s->wp / s->w;
      p->expected = s->we / s->w;
      p->judged_against = s->wj / s->w;
    }
  else
    {
      p->progress = s->p / s->n;
      p->expected = s->e / s->n;
      p->judged_against = s->j / s->n;
    }
  p->last_check_in = s->last;
  p->health = zx_health_from (p->progress, p->judged_against, s->started, 0, params);
}

static const CycleRow *
cycle_of (const Mirror *m,
          const Link   *link)
{
  const CycleRow *c;

  if (link->row < 0)
    return NULL;
  c = &g_array_index (m->rows[T_CYCLE], CycleRow, link->row);
  return c->start != 0 && c->end != 0 ? c : NULL;
}

static ZxProgressIndex *
compute (const Mirror           *m,
         gint64                  now,
         gint64                  offset,
         const ZxProgressParams *params)
{
  ZxProgressIndex *self = g_new0 (ZxProgressIndex, 1);
  g_autofree Sums *objective_sums = NULL;
  g_autofree Sums *battle_sums = NULL;
  g_autofree Sums *pillar_sums = NULL;
  Entry *krs, *objectives, *battles, *pillars;

  g_atomic_ref_count_init (&self->ref_count);
  self->pool = pool_ref (m->pool);
  id_map_copy (&self->ids, &m->ids);
  for (Table t = T_PILLAR; t < N_TABLES; t++)
    {
      self->n_entries[t] = m->rows[t]->len;
      self->entries[t] = g_new0 (Entry, self->n_entries[t] + 1);
    }
  krs = self->entries[T_KEY_RESULT];
  objectives = self->entries[T_OBJECTIVE];
  battles = self->entries[T_BATTLE];
  pillars = self->entries[T_PILLAR];
  objective_sums = g_new0 (Sums, self->n_entries[T_OBJECTIVE] + 1);
  battle_sums = g_new0 (Sums, self->n_entries[T_BATTLE] + 1);
  pillar_sums = g_new0 (Sums, self->n_entries[T_PILLAR] + 1);

  /* Key results */
  for (guint i = 0; i < self->n_entries[T_KEY_RESULT]; i++)
    {
      const KeyResultRow *k = &g_array_index (m->rows[T_KEY_RESULT], KeyResultRow, i);
      const ObjectiveRow *o;
      const CycleRow *c;
      ZxProgress *p = &krs[i].p;
      gboolean checked_in = k->latest_at != 0;

      if (!k->h.live || k->objective.row < 0)
        continue;
      o = &g_array_index (m->rows[T_OBJECTIVE], ObjectiveRow, k->objective.row);
      /* (a key result of a deleted objective was deleted with it) */
      if (!o->h.live)
        continue;
      c = cycle_of (m, &o->cycle);

      krs[i].present = TRUE;
      p->has_progress = TRUE;
      p->progress = zx_kr_progress (k->milestone ? "milestone" : "numeric", k->has_current,
                                    k->start, k->target, k->current);
      p->confidence = k->confidence;
      p->last_check_in = checked_in ? day_of (k->latest_at, offset) : 0;

      if (c != NULL)
        {
          gint64 end = k->due != 0 && k->due >= c->start && k->due <= c->end ? k->due : c->end;

          p->expected = pace_between (c->start, end, now);
          if (p->progress < 1 && now <= c->end)
            p->stale = checked_in ? now - p->last_check_in > params->stale_days
                                  : now - c->start > params->stale_days;
        }
      p->judged_against = p->expected * (k->challenge ? ZX_CHALLENGE_SHARE : 1.0);
      p->health = zx_health_from (p->progress, p->judged_against, checked_in || p->progress > 0,
                                  p->confidence, params);

      sums_add (&objective_sums[k->objective.row], k->weight, p, checked_in);
    }

  /* Objectives, and what they count for */
  for (guint i = 0; i < self->n_entries[T_OBJECTIVE]; i++)
    {
      const ObjectiveRow *o = &g_array_index (m->rows[T_OBJECTIVE], ObjectiveRow, i);
      const CycleRow *c = cycle_of (m, &o->cycle);
      ZxProgress *p = &objectives[i].p;

      if (!o->h.live)
        continue;
      objectives[i].present = TRUE;

      /* Without key results: its cycle's pace, for what it is worth */
      if (c != NULL)
        p->expected = p->judged_against = pace_between (c->start, c->end, now);
      sums_finish (&objective_sums[i], p, params);
      p->stale = objective_sums[i].stale;

      if (!p->has_progress)
        continue;
      if (o->level == LEVEL_DEPARTMENT && o->battle.row >= 0 &&
          g_array_index (m->rows[T_BATTLE], BattleRow, o->battle.row).h.live)
        sums_add (&battle_sums[o->battle.row], 0, p, p->health != ZX_HEALTH_NOT_STARTED);
      if (o->level == LEVEL_HOSPITAL && o->pillar.row >= 0)
        sums_add (&pillar_sums[o->pillar.row], 0, p, p->health != ZX_HEALTH_NOT_STARTED);
    }

  for (guint i = 0; i < self->n_entries[T_BATTLE]; i++)
    {
      const BattleRow *b = &g_array_index (m->rows[T_BATTLE], BattleRow, i);
      ZxProgress *p = &battles[i].p;

      if (!b->h.live)
        continue;
      battles[i].present = TRUE;
      sums_finish (&battle_sums[i], p, params);
      if (p->has_progress && b->pillar.row >= 0)
        sums_add (&pillar_sums[b->pillar.row], 0, p, p->health != ZX_HEALTH_NOT_STARTED);
    }

  for (guint i = 0; i < self->n_entries[T_PILLAR]; i++)
    {
      if (!g_array_index (m->rows[T_PILLAR], PillarRow, i).h.live)
        continue;
      pillars[i].present = TRUE;
      sums_finish (&pillar_sums[i], &pillars[i].p, params);
    }

  return self;
}

ZxProgressIndex *
zx_progress_index_new (ZxStore                *store,
                       const GDate            *today,
                       const ZxProgressParams *params,
                       GError                **error)
{
  g_autoptr(Mirror) private_mirror = NULL;
  ZxProgressParams defaults;
  Mirror *m;
  gint64 now;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (params == NULL)
    {
      zx_progress_params_init_default (&defaults);
      params = &defaults;
    }

  m = mirror_get (store, &private_mirror, error);
  if (m == NULL)
    return NULL;

  now = g_date_get_julian (today);
  return compute (m, now, local_offset (now), params);
}

ZxProgressIndex *
zx_progress_index_ref (ZxProgressIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
zx_progress_index_unref (ZxProgressIndex *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (Table t = 0; t < N_TABLES; t++)
    g_free (self->entries[t]);
  id_map_clear (&self->ids);
  pool_unref (self->pool);
  g_free (self);
}

const ZxProgress *
zx_progress_index_lookup (ZxProgressIndex *self,
                          const char      *id)
{
  gpointer v;
  Table t;
  guint row;

  g_return_val_if_fail (self != NULL, NULL);

  if (id == NULL)
    return NULL;
  v = id_map_lookup (&self->ids, id_hash (id, strlen (id)), id);
  if (v == NULL)
    return NULL;
  t = DECODE_TABLE (v);
  row = DECODE_ROW (v);
  if (t == T_CYCLE || row >= self->n_entries[t] || !self->entries[t][row].present)
    return NULL;
  return &self->entries[t][row].p;
}

guint
zx_progress_index_get_size (ZxProgressIndex *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (Table t = T_PILLAR; t < N_TABLES; t++)
    for (guint i = 0; i < self->n_entries[t]; i++)
      n += self->entries[t][i].present;
  return n;
}
