/* test-seed-coverage.c — the standards data carry the provincial document word for word
 *
 * Reads the seed (tests/data/seed-2023-04-18.txt, a copy of the 2023-04-18 provincial
 * document), parses its standards sections — the numbered criteria, the "- " bullets under
 * them, the ①…⑦ sub-items, the definitions, the conditions （一）–（六）, the exclusions
 * （一）–（三） and the revocation grounds — and checks that each one is the zh text of the
 * right entry in the standards files, character for character, and that nothing is
 * missing or added.  Also checks the arithmetic of the files (weights, shares, bands) and the
 * quantitative rules the seed states.  Uses json-glib directly, not the standards loader.
 *
 * The only normalisations applied to the seed are those of its text extraction: Markdown bold
 * markers (**), the "- " / "- ✓ " bullet prefixes, trailing spaces, and the half-width
 * parentheses of the marks (五), (六) and of the exclusions, which become （五） etc.
 *
 * The one departure allowed is an erratum: each file's "errata" list names an entry (at), the
 * seed's slip (seed) and the data's wording (corrected).  Before comparing an entry, the slip is
 * replaced by the correction in the seed's text — which fails when the slip is not in that text.
 * The errata must be exactly the two known slips: "and" in condition （一） and
 * 源综合利用效率 in the factories' criterion 8.
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#ifndef ZHI_SOURCE_DIR
#error "ZHI_SOURCE_DIR must be defined (the source root)"
#endif

#define SEED_PATH ZHI_SOURCE_DIR "/tests/data/seed-2023-04-18.txt"
#define STANDARDS_DIR ZHI_SOURCE_DIR "/resources/standards/"

/* ---------------------------------------------------------------- the seed */

typedef struct
{
  char *mark; /* ①, or （一） */
  char *text;
} SeedMarked;

typedef struct
{
  char *text;
  GPtrArray *subs; /* SeedMarked */
} SeedItem;

typedef struct
{
  guint number;
  char *title;      /* as in the seed, with its trailing 。 */
  GPtrArray *items; /* SeedItem */
} SeedCriterion;

typedef struct
{
  GPtrArray *workshop; /* SeedCriterion */
  GPtrArray *discrete;
  GPtrArray *process;
  GPtrArray *workshop_definition; /* char * */
  GPtrArray *factory_definition;
  char *discrete_type; /* the 智能工厂申报类型 bullets */
  char *process_type;
  GPtrArray *conditions; /* SeedMarked */
  GPtrArray *exclusions;
  GPtrArray *revocations; /* char *, mark included: （一）企业… */
} Seed;

typedef enum
{
  CTX_NONE,
  CTX_WORKSHOP,
  CTX_FACTORY_DEFINITION,
  CTX_FACTORY_TYPES,
  CTX_DISCRETE,
  CTX_PROCESS,
  CTX_CONDITIONS,
  CTX_EXCLUSIONS,
  CTX_MANAGEMENT,
} SeedContext;

static Seed seed;
static char *seed_contents; /* the whole seed file, as read */

static void
seed_marked_free (gpointer p)
{
  SeedMarked *m = p;
  g_free (m->mark);
  g_free (m->text);
  g_free (m);
}

static void
seed_item_free (gpointer p)
{
  SeedItem *item = p;
  g_free (item->text);
  g_ptr_array_unref (item->subs);
  g_free (item);
}

static void
seed_criterion_free (gpointer p)
{
  SeedCriterion *c = p;
  g_free (c->title);
  g_ptr_array_unref (c->items);
  g_free (c);
}

static SeedMarked *
seed_marked_new (const char *mark, const char *text)
{
  SeedMarked *m = g_new0 (SeedMarked, 1);
  m->mark = g_strdup (mark);
  m->text = g_strdup (text);
  return m;
}

/* The seed's own typography, less the artefacts of its extraction. */
static char *
normalise_line (const char *line)
{
  g_autoptr (GString) s = g_string_new (line);
  g_string_replace (s, "**", "", 0);
  while (s->len > 0 && g_ascii_isspace (s->str[s->len - 1]))
    g_string_truncate (s, s->len - 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static SeedContext
context_for_heading (const char *line, SeedContext current)
{
  if (g_str_equal (line, "数字化车间评定标准"))
    return CTX_WORKSHOP;
  if (g_str_equal (line, "智能工厂评定标准"))
    return CTX_FACTORY_DEFINITION;
  if (g_str_equal (line, "智能工厂申报类型"))
    return CTX_FACTORY_TYPES;
  if (g_str_equal (line, "智能工厂评定标准——离散型智能工厂")
      || g_str_equal (line, "智能工厂评定细则——离散型智能工厂"))
    return CTX_DISCRETE;
  if (g_str_equal (line, "智能工厂评定标准——流程型智能工厂")
      || g_str_equal (line, "智能工厂评定细则——流程型智能工厂"))
    return CTX_PROCESS;
  if (g_str_equal (line, "文件主要内容-申报条件"))
    return current == CTX_EXCLUSIONS ? CTX_EXCLUSIONS : CTX_CONDITIONS;
  if (g_str_equal (line, "有以下情形之一不得申报"))
    return CTX_EXCLUSIONS;
  if (g_str_equal (line, "文件主要内容-管理服务"))
    return CTX_MANAGEMENT;
  if (g_str_has_prefix (line, "文件主要内容-") || g_str_equal (line, "文件编制背景")
      || g_str_equal (line, "辽宁省工业和信息化厅"))
    return CTX_NONE;
  return current;
}

static GPtrArray *
criteria_for_context (SeedContext ctx)
{
  switch (ctx)
    {
      case CTX_WORKSHOP:
        return seed.workshop;
      case CTX_DISCRETE:
        return seed.discrete;
      case CTX_PROCESS:
        return seed.process;
      case CTX_NONE:
      case CTX_FACTORY_DEFINITION:
      case CTX_FACTORY_TYPES:
      case CTX_CONDITIONS:
      case CTX_EXCLUSIONS:
      case CTX_MANAGEMENT:
      default:
        return NULL;
    }
}

static char *
full_width_mark (const char *numeral)
{
  return g_strdup_printf ("（%s）", numeral);
}

static void
seed_load (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GRegex) re_criterion = NULL;
  g_autoptr (GRegex) re_item = NULL;
  g_autoptr (GRegex) re_tick = NULL;
  g_autoptr (GRegex) re_sub = NULL;
  g_autoptr (GRegex) re_marked = NULL;
  g_autoptr (GRegex) re_revocation = NULL;
  SeedContext ctx = CTX_NONE;

  if (!g_file_get_contents (SEED_PATH, &contents, NULL, &error))
    g_error ("cannot read the seed: %s", error->message);
  seed_contents = g_strdup (contents);

  seed.workshop = g_ptr_array_new_with_free_func (seed_criterion_free);
  seed.discrete = g_ptr_array_new_with_free_func (seed_criterion_free);
  seed.process = g_ptr_array_new_with_free_func (seed_criterion_free);
  seed.workshop_definition = g_ptr_array_new_with_free_func (g_free);
  seed.factory_definition = g_ptr_array_new_with_free_func (g_free);
  seed.conditions = g_ptr_array_new_with_free_func (seed_marked_free);
  seed.exclusions = g_ptr_array_new_with_free_func (seed_marked_free);
  seed.revocations = g_ptr_array_new_with_free_func (g_free);

  re_criterion = g_regex_new ("^([0-9]+)\\. (.+)$", 0, 0, NULL);
  re_tick = g_regex_new ("^- ✓ (.+)$", 0, 0, NULL);
  re_item = g_regex_new ("^- (?!✓)(.+)$", 0, 0, NULL);
  re_sub = g_regex_new ("^ - (①|②|③|④|⑤|⑥|⑦|⑧|⑨|⑩) (.+)$", 0, 0, NULL);
  re_marked
      = g_regex_new ("^(?:- )?(?:（|\\()([一二三四五六七八九十]+)(?:）|\\)) ?(.+)$", 0, 0, NULL);
  re_revocation = g_regex_new ("^ - (（[一二三四五六七八九十]+）.+)$", 0, 0, NULL);
  g_assert_nonnull (re_criterion);
  g_assert_nonnull (re_tick);
  g_assert_nonnull (re_item);
  g_assert_nonnull (re_sub);
  g_assert_nonnull (re_marked);
  g_assert_nonnull (re_revocation);

  lines = g_strsplit (contents, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autofree char *line = normalise_line (lines[n]);
      g_autoptr (GMatchInfo) m = NULL;
      GPtrArray *criteria;

      if (*line == '\0')
        continue;
      ctx = context_for_heading (line, ctx);
      criteria = criteria_for_context (ctx);

      if (criteria != NULL && g_regex_match (re_criterion, line, 0, &m))
        {
          g_autofree char *num = g_match_info_fetch (m, 1);
          SeedCriterion *c = g_new0 (SeedCriterion, 1);
          c->number = (guint)g_ascii_strtoull (num, NULL, 10);
          c->title = g_match_info_fetch (m, 2);
          c->items = g_ptr_array_new_with_free_func (seed_item_free);
          if (c->number != criteria->len + 1)
            g_error ("seed line %u: criterion %u follows %u", n + 1, c->number, criteria->len);
          g_ptr_array_add (criteria, c);
          continue;
        }
      g_clear_pointer (&m, g_match_info_unref);

      if (ctx == CTX_WORKSHOP && g_regex_match (re_tick, line, 0, &m))
        {
          g_ptr_array_add (seed.workshop_definition, g_match_info_fetch (m, 1));
          continue;
        }
      g_clear_pointer (&m, g_match_info_unref);

      if (ctx == CTX_FACTORY_DEFINITION && g_regex_match (re_tick, line, 0, &m))
        {
          g_ptr_array_add (seed.factory_definition, g_match_info_fetch (m, 1));
          continue;
        }
      g_clear_pointer (&m, g_match_info_unref);

      if (ctx == CTX_FACTORY_TYPES && g_regex_match (re_tick, line, 0, &m))
        {
          char *text = g_match_info_fetch (m, 1);
          if (g_str_has_prefix (text, "离散型智能工厂："))
            seed.discrete_type = text;
          else if (g_str_has_prefix (text, "流程型智能工厂："))
            seed.process_type = text;
          else
            g_error ("seed line %u: unknown factory type: %s", n + 1, text);
          continue;
        }
      g_clear_pointer (&m, g_match_info_unref);

      if (criteria != NULL && criteria->len > 0 && g_regex_match (re_item, line, 0, &m))
        {
          SeedCriterion *c = g_ptr_array_index (criteria, criteria->len - 1);
          SeedItem *item = g_new0 (SeedItem, 1);
          item->text = g_match_info_fetch (m, 1);
          item->subs = g_ptr_array_new_with_free_func (seed_marked_free);
          g_ptr_array_add (c->items, item);
          continue;
        }
      g_clear_pointer (&m, g_match_info_unref);

      if (criteria != NULL && criteria->len > 0 && g_regex_match (re_sub, line, 0, &m))
        {
          SeedCriterion *c = g_ptr_array_index (criteria, criteria->len - 1);
          g_autofree char *mark = g_match_info_fetch (m, 1);
          g_autofree char *text = g_match_info_fetch (m, 2);
          SeedItem *item;
          if (c->items->len == 0)
            g_error ("seed line %u: sub-item before any item", n + 1);
          item = g_ptr_array_index (c->items, c->items->len - 1);
          g_ptr_array_add (item->subs, seed_marked_new (mark, text));
          continue;
        }
      g_clear_pointer (&m, g_match_info_unref);

      if ((ctx == CTX_CONDITIONS || ctx == CTX_EXCLUSIONS)
          && g_regex_match (re_marked, line, 0, &m))
        {
          g_autofree char *numeral = g_match_info_fetch (m, 1);
          g_autofree char *text = g_match_info_fetch (m, 2);
          g_autofree char *mark = full_width_mark (numeral);
          g_ptr_array_add (ctx == CTX_CONDITIONS ? seed.conditions : seed.exclusions,
                           seed_marked_new (mark, text));
          continue;
        }
      g_clear_pointer (&m, g_match_info_unref);

      if (ctx == CTX_MANAGEMENT && g_regex_match (re_revocation, lines[n], 0, &m))
        {
          g_autofree char *raw = g_match_info_fetch (m, 1);
          g_ptr_array_add (seed.revocations, normalise_line (raw));
          continue;
        }
    }
}

static void
seed_clear (void)
{
  g_clear_pointer (&seed.workshop, g_ptr_array_unref);
  g_clear_pointer (&seed.discrete, g_ptr_array_unref);
  g_clear_pointer (&seed.process, g_ptr_array_unref);
  g_clear_pointer (&seed.workshop_definition, g_ptr_array_unref);
  g_clear_pointer (&seed.factory_definition, g_ptr_array_unref);
  g_clear_pointer (&seed.discrete_type, g_free);
  g_clear_pointer (&seed.process_type, g_free);
  g_clear_pointer (&seed.conditions, g_ptr_array_unref);
  g_clear_pointer (&seed.exclusions, g_ptr_array_unref);
  g_clear_pointer (&seed.revocations, g_ptr_array_unref);
  g_clear_pointer (&seed_contents, g_free);
}

/* ---------------------------------------------------------------- the data */

static GHashTable *parsers; /* file name → JsonParser */

static JsonObject *
load_object (const char *name)
{
  JsonParser *parser = g_hash_table_lookup (parsers, name);
  JsonNode *root;

  if (parser == NULL)
    {
      g_autofree char *path = g_strconcat (STANDARDS_DIR, name, NULL);
      g_autoptr (GError) error = NULL;
      parser = json_parser_new ();
      if (!json_parser_load_from_file (parser, path, &error))
        g_error ("%s: %s", path, error->message);
      g_hash_table_insert (parsers, g_strdup (name), parser);
    }
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static JsonArray *
get_array (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    g_error ("member \"%s\" is missing or not an array", member);
  return json_node_get_array (node);
}

static JsonObject *
get_object (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    g_error ("member \"%s\" is missing or not an object", member);
  return json_node_get_object (node);
}

static const char *
get_string (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    g_error ("member \"%s\" is missing or not a string", member);
  return json_node_get_string (node);
}

static gint64
get_int (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    g_error ("member \"%s\" is missing or not an integer", member);
  return json_node_get_int (node);
}

/* the zh of a Text member */
static const char *
get_zh (JsonObject *obj, const char *member)
{
  return get_string (get_object (obj, member), "zh");
}

static const char *
text_zh (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return get_string (json_node_get_object (node), "zh");
}

/* Where two texts part, readable even when the terminal's charset is not UTF-8. */
static char *
describe_difference (const char *a, const char *b)
{
  guint n = 0;

  while (*a != '\0' && *b != '\0' && g_utf8_get_char (a) == g_utf8_get_char (b))
    {
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
      n++;
    }
  return g_strdup_printf ("first difference at character %u: seed %s%04X, data %s%04X", n,
                          *a ? "U+" : "end", *a ? g_utf8_get_char (a) : 0, *b ? "U+" : "end",
                          *b ? g_utf8_get_char (b) : 0);
}

/* ---------------------------------------------------------------- errata */

typedef struct
{
  char *file;
  char *at;
  char *seed;
  char *corrected;
} Erratum;

static void
erratum_free (gpointer p)
{
  Erratum *e = p;
  g_free (e->file);
  g_free (e->at);
  g_free (e->seed);
  g_free (e->corrected);
  g_free (e);
}

static Erratum *
erratum_new (const char *file, const char *at, const char *seed_text, const char *corrected)
{
  Erratum *e = g_new0 (Erratum, 1);
  e->file = g_strdup (file);
  e->at = g_strdup (at);
  e->seed = g_strdup (seed_text);
  e->corrected = g_strdup (corrected);
  return e;
}

static guint
count_occurrences (const char *haystack, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Compares the seed's text of entry @id of @file with the data's, after applying the errata
 * naming that entry.  NULL when they agree; else what is wrong. */
static char *
compare_with_errata (GPtrArray *errata,
                     const char *file,
                     const char *id,
                     const char *seed_text,
                     const char *data_text)
{
  g_autoptr (GString) expected = g_string_new (seed_text);

  for (guint i = 0; errata != NULL && i < errata->len; i++)
    {
      const Erratum *e = g_ptr_array_index (errata, i);
      guint n;

      if (!g_str_equal (e->file, file) || !g_str_equal (e->at, id))
        continue;
      n = count_occurrences (expected->str, e->seed);
      if (n != 1)
        return g_strdup_printf ("the erratum's seed text “%s” occurs %u times in the seed's "
                                "text of %s, not once: %s",
                                e->seed, n, id, seed_text);
      g_string_replace (expected, e->seed, e->corrected, 1);
    }
  if (g_strcmp0 (expected->str, data_text) != 0)
    {
      g_autofree char *diff = describe_difference (expected->str, data_text);
      return g_strdup_printf ("the data differ from the seed (%s)\n  seed: %s\n  data: %s", diff,
                              expected->str, data_text);
    }
  return NULL;
}

static GPtrArray *errata; /* Erratum *, from every standards file */

/* Records a failure naming the place; errata of (file, id) are applied first. */
static void
expect_text_at (const char *file,
                const char *id,
                const char *where,
                const char *seed_text,
                const char *data_text)
{
  g_autofree char *problem = compare_with_errata (errata, file, id, seed_text, data_text);

  if (problem != NULL)
    g_test_fail_printf ("%s: %s", where, problem);
}

/* Records a failure naming the place. */
static void
expect_text (const char *where, const char *seed_text, const char *data_text)
{
  if (g_strcmp0 (seed_text, data_text) != 0)
    {
      g_autofree char *diff = describe_difference (seed_text, data_text);
      g_test_fail_printf ("%s: the data differ from the seed (%s)\n  seed: %s\n  data: %s", where,
                          diff, seed_text, data_text);
    }
}

static void
expect_title (const char *where, const char *seed_title, const char *data_title)
{
  g_autofree char *with_stop = g_strconcat (data_title, "。", NULL);
  if (g_strcmp0 (seed_title, data_title) != 0 && g_strcmp0 (seed_title, with_stop) != 0)
    {
      g_autofree char *diff = describe_difference (seed_title, with_stop);
      g_test_fail_printf ("%s: the title differs from the seed (%s)\n  seed: %s\n  data: %s", where,
                          diff, seed_title, data_title);
    }
}

/* ---------------------------------------------------------------- tests */

typedef struct
{
  const char *file;
  const char *id;
  const char *prefix; /* criterion id prefix */
  guint n_criteria;
  GPtrArray **seed_criteria;
  char **seed_type; /* the factory type bullet, or NULL for the workshop */
} Track;

static const Track tracks[] = {
  { "workshop.json", "workshop", "w", 10, &seed.workshop, NULL },
  { "factory-discrete.json", "factory-discrete", "fd", 8, &seed.discrete, &seed.discrete_type },
  { "factory-process.json", "factory-process", "fp", 8, &seed.process, &seed.process_type },
};

static void
test_seed_parsed (void)
{
  SeedCriterion *c;
  SeedItem *item;

  /* the parser itself found what the document holds */
  g_assert_cmpuint (seed.workshop->len, ==, 10);
  g_assert_cmpuint (seed.discrete->len, ==, 8);
  g_assert_cmpuint (seed.process->len, ==, 8);
  g_assert_cmpuint (seed.conditions->len, ==, 6);
  g_assert_cmpuint (seed.exclusions->len, ==, 3);
  g_assert_cmpuint (seed.revocations->len, ==, 5);
  g_assert_cmpuint (seed.workshop_definition->len, ==, 2);
  g_assert_cmpuint (seed.factory_definition->len, ==, 2);
  g_assert_nonnull (seed.discrete_type);
  g_assert_nonnull (seed.process_type);

  for (guint t = 0; t < G_N_ELEMENTS (tracks); t++)
    for (guint i = 0; i < (*tracks[t].seed_criteria)->len; i++)
      {
        c = g_ptr_array_index (*tracks[t].seed_criteria, i);
        g_assert_cmpuint (c->items->len, >, 0);
      }

  c = g_ptr_array_index (seed.discrete, 2);
  g_assert_cmpstr (c->title, ==, "生产制造。");
  item = g_ptr_array_index (c->items, 0);
  g_assert_cmpuint (item->subs->len, ==, 7);
  c = g_ptr_array_index (seed.process, 2);
  item = g_ptr_array_index (c->items, 0);
  g_assert_cmpuint (item->subs->len, ==, 7);
  g_assert_cmpstr (((SeedMarked *)g_ptr_array_index (item->subs, 6))->text, ==,
                   "各能源、排放系统无缝整合。");
  c = g_ptr_array_index (seed.process, 1);
  g_assert_cmpstr (c->title, ==, "生产工艺。");
}

static void
test_track_criteria (gconstpointer data)
{
  const Track *track = data;
  JsonObject *root = load_object (track->file);
  JsonArray *criteria = get_array (root, "criteria");
  GPtrArray *seed_criteria = *track->seed_criteria;

  g_assert_cmpstr (get_string (root, "id"), ==, track->id);
  g_assert_cmpuint (seed_criteria->len, ==, track->n_criteria);
  g_assert_cmpuint (json_array_get_length (criteria), ==, track->n_criteria);

  for (guint i = 0; i < track->n_criteria; i++)
    {
      SeedCriterion *sc = g_ptr_array_index (seed_criteria, i);
      JsonObject *c = json_array_get_object_element (criteria, i);
      g_autofree char *cid = g_strdup_printf ("%s%02u", track->prefix, i + 1);
      JsonArray *items = get_array (c, "items");

      g_assert_cmpstr (get_string (c, "id"), ==, cid);
      g_assert_cmpint (get_int (c, "number"), ==, i + 1);
      expect_title (cid, sc->title, get_zh (c, "title"));
      g_assert_cmpuint (json_array_get_length (items), ==, sc->items->len);

      for (guint j = 0; j < sc->items->len; j++)
        {
          SeedItem *si = g_ptr_array_index (sc->items, j);
          JsonObject *item = json_array_get_object_element (items, j);
          g_autofree char *iid = g_strdup_printf ("%s.%c", cid, 'a' + j);
          guint n_subs = 0;

          g_assert_cmpstr (get_string (item, "id"), ==, iid);
          expect_text_at (track->file, iid, iid, si->text, get_zh (item, "text"));

          if (json_object_has_member (item, "sub_items"))
            n_subs = json_array_get_length (get_array (item, "sub_items"));
          g_assert_cmpuint (n_subs, ==, si->subs->len);
          for (guint k = 0; k < si->subs->len; k++)
            {
              SeedMarked *sm = g_ptr_array_index (si->subs, k);
              JsonObject *sub = json_array_get_object_element (get_array (item, "sub_items"), k);
              g_autofree char *sid = g_strdup_printf ("%s.%u", iid, k + 1);

              g_assert_cmpstr (get_string (sub, "id"), ==, sid);
              g_assert_cmpstr (get_string (sub, "mark"), ==, sm->mark);
              expect_text_at (track->file, sid, sid, sm->text, get_zh (sub, "text"));
            }
        }
    }
}

static void
test_track_definition (gconstpointer data)
{
  const Track *track = data;
  JsonObject *root = load_object (track->file);
  JsonArray *definition = get_array (root, "definition");
  GPtrArray *expected = g_ptr_array_new ();

  if (track->seed_type == NULL)
    g_ptr_array_extend (expected, seed.workshop_definition, NULL, NULL);
  else
    {
      g_ptr_array_extend (expected, seed.factory_definition, NULL, NULL);
      g_ptr_array_add (expected, *track->seed_type);
    }

  g_assert_cmpuint (json_array_get_length (definition), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autofree char *where = g_strdup_printf ("%s definition[%u]", track->id, i);
      expect_text (where, g_ptr_array_index (expected, i),
                   text_zh (json_array_get_element (definition, i)));
    }
  g_ptr_array_unref (expected);
}

static JsonObject *
find_indicator (JsonObject *root, const char *id)
{
  JsonArray *criteria = get_array (root, "criteria");
  JsonArray *track_indicators = get_array (root, "track_indicators");

  for (guint i = 0; i < json_array_get_length (track_indicators); i++)
    {
      JsonObject *ind = json_array_get_object_element (track_indicators, i);
      if (g_str_equal (get_string (ind, "id"), id))
        return ind;
    }
  for (guint i = 0; i < json_array_get_length (criteria); i++)
    {
      JsonArray *inds = get_array (json_array_get_object_element (criteria, i), "indicators");
      for (guint j = 0; j < json_array_get_length (inds); j++)
        {
          JsonObject *ind = json_array_get_object_element (inds, j);
          if (g_str_equal (get_string (ind, "id"), id))
            return ind;
        }
    }
  g_error ("no indicator %s", id);
  return NULL;
}

static void
test_track_arithmetic (gconstpointer data)
{
  const Track *track = data;
  JsonObject *root = load_object (track->file);
  JsonArray *criteria = get_array (root, "criteria");
  JsonArray *track_indicators = get_array (root, "track_indicators");
  JsonArray *gates = get_array (root, "gates");
  JsonArray *kpis = get_array (root, "kpis");
  JsonArray *bands = get_array (root, "bands");
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 weights = 0;
  gint64 previous_min = G_MAXINT64;

  for (guint i = 0; i < json_array_get_length (criteria); i++)
    {
      JsonObject *c = json_array_get_object_element (criteria, i);
      JsonArray *inds = get_array (c, "indicators");
      const char *cid = get_string (c, "id");
      gint64 weight = get_int (c, "weight");
      gint64 shares = 0;
      gboolean has_text = FALSE;

      g_assert_cmpint (weight, >, 0);
      g_assert_nonnull (get_zh (c, "weight_reason"));
      weights += weight;
      for (guint j = 0; j < json_array_get_length (inds); j++)
        {
          JsonObject *ind = json_array_get_object_element (inds, j);
          const char *id = get_string (ind, "id");
          g_autofree char *prefix = g_strconcat (cid, ".", NULL);

          g_assert_true (g_str_has_prefix (id, prefix));
          g_assert_true (g_hash_table_add (ids, (gpointer)id)); /* unique */
          shares += get_int (ind, "share");
          /* the narrative is required content and earns nothing; every other indicator earns */
          if (g_str_equal (get_string (ind, "kind"), "text"))
            {
              has_text = TRUE;
              g_assert_cmpint (get_int (ind, "share"), ==, 0);
            }
          else
            g_assert_cmpint (get_int (ind, "share"), >, 0);
        }
      if (shares != 100)
        g_test_fail_printf ("%s: indicator shares sum to %" G_GINT64_FORMAT ", not 100", cid,
                            shares);
      if (!has_text)
        g_test_fail_printf ("%s: no text (narrative) indicator", cid);
    }
  if (weights != 100)
    g_test_fail_printf ("%s: weights sum to %" G_GINT64_FORMAT ", not 100", track->id, weights);

  for (guint i = 0; i < json_array_get_length (track_indicators); i++)
    {
      JsonObject *ind = json_array_get_object_element (track_indicators, i);
      g_assert_true (g_hash_table_add (ids, (gpointer)get_string (ind, "id")));
      g_assert_cmpint (get_int (ind, "share"), ==, 0);
    }

  g_assert_cmpuint (json_array_get_length (gates), >, 0);
  for (guint i = 0; i < json_array_get_length (gates); i++)
    {
      JsonObject *gate = json_array_get_object_element (gates, i);
      g_assert_nonnull (find_indicator (root, get_string (gate, "indicator")));
      g_assert_nonnull (get_zh (gate, "text"));
      g_assert_nonnull (get_zh (gate, "source"));
    }

  /* the five KPIs of condition （四）, in its order, in the last criterion */
  {
    static const char *const slugs[]
        = { "kpi-cycle", "kpi-productivity", "kpi-om-cost", "kpi-energy", "kpi-defect" };
    static const char *const better[] = { "lower", "higher", "lower", "higher", "lower" };
    JsonObject *last = json_array_get_object_element (criteria, track->n_criteria - 1);
    JsonArray *inds = get_array (last, "indicators");

    g_assert_cmpuint (json_array_get_length (kpis), ==, G_N_ELEMENTS (slugs));
    for (guint i = 0; i < G_N_ELEMENTS (slugs); i++)
      {
        g_autofree char *id = g_strdup_printf ("%s.%s", get_string (last, "id"), slugs[i]);
        gboolean found = FALSE;

        g_assert_cmpstr (json_array_get_string_element (kpis, i), ==, id);
        for (guint j = 0; j < json_array_get_length (inds); j++)
          {
            JsonObject *ind = json_array_get_object_element (inds, j);
            if (!g_str_equal (get_string (ind, "id"), id))
              continue;
            found = TRUE;
            g_assert_cmpstr (get_string (ind, "kind"), ==, "kpi");
            g_assert_cmpstr (get_string (ind, "better"), ==, better[i]);
          }
        g_assert_true (found);
      }
  }

  /* bands: highest first, down to 0, no higher than 100 */
  g_assert_cmpuint (json_array_get_length (bands), >, 0);
  for (guint i = 0; i < json_array_get_length (bands); i++)
    {
      JsonObject *band = json_array_get_object_element (bands, i);
      gint64 min = get_int (band, "min");
      g_assert_cmpint (min, <, previous_min);
      g_assert_cmpint (min, <=, 100);
      previous_min = min;
      g_assert_nonnull (get_zh (band, "label"));
      /* the advice is the band's own; that bands are the tool's reading of a self-assessment
       * is said once, by the score page's disclaimer under it (not at the end of every band) */
      g_assert_nonnull (get_zh (band, "advice"));
      g_assert_null (strstr (get_zh (band, "advice"), "省文件未规定分档"));
      g_assert_null (strstr (get_zh (band, "advice"), "不代表"));
    }
  g_assert_cmpint (previous_min, ==, 0);
}

static gboolean
gate_on (JsonObject *root, const char *indicator)
{
  JsonArray *gates = get_array (root, "gates");
  for (guint i = 0; i < json_array_get_length (gates); i++)
    if (g_str_equal (get_string (json_array_get_object_element (gates, i), "indicator"), indicator))
      return TRUE;
  return FALSE;
}

/* the seed's numbers: ≥ 50%, ≥ L3, industry benchmark, several scenarios / workshops */
static void
test_workshop_quantities (void)
{
  JsonObject *root = load_object ("workshop.json");
  JsonObject *ratio = find_indicator (root, "w02.smart-equipment-ratio");
  JsonObject *level = find_indicator (root, "w02.equipment-maturity");
  JsonObject *network = find_indicator (root, "w03.networked-equipment-ratio");
  JsonObject *scenarios = find_indicator (root, "workshop.scenario-count");
  JsonArray *levels;
  gboolean l3_found = FALSE;

  g_assert_cmpstr (get_string (ratio, "kind"), ==, "ratio");
  g_assert_cmpfloat (json_object_get_double_member (ratio, "threshold"), ==, 0.5);
  g_assert_true (gate_on (root, "w02.smart-equipment-ratio"));

  g_assert_cmpstr (get_string (level, "kind"), ==, "level");
  g_assert_cmpstr (get_string (level, "min"), ==, "L3");
  levels = get_array (level, "levels");
  g_assert_cmpuint (json_array_get_length (levels), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *l = json_array_get_object_element (levels, i);
      g_autofree char *id = g_strdup_printf ("L%u", i + 1);
      g_assert_cmpstr (get_string (l, "id"), ==, id);
      /* only L3 感知交互级 is confirmed by the seed */
      g_assert_cmpint (json_object_get_boolean_member (l, "confirmed"), ==, i == 2);
      if (i == 2)
        l3_found = strstr (get_zh (l, "name"), "感知交互级") != NULL;
    }
  g_assert_true (l3_found);
  g_assert_true (gate_on (root, "w02.equipment-maturity"));

  g_assert_cmpstr (get_string (network, "kind"), ==, "ratio");
  g_assert_true (json_object_get_boolean_member (network, "threshold_from_benchmark"));
  g_assert_false (json_object_has_member (network, "threshold"));
  g_assert_true (gate_on (root, "w03.networked-equipment-ratio"));

  g_assert_cmpstr (get_string (scenarios, "kind"), ==, "count");
  g_assert_cmpint (get_int (scenarios, "min"), ==, 2);
  g_assert_cmpstr (get_string (scenarios, "derived"), ==, "scenarios");
  g_assert_true (gate_on (root, "workshop.scenario-count"));
}

static void
test_factory_quantities (gconstpointer data)
{
  const Track *track = data;
  JsonObject *root = load_object (track->file);
  g_autofree char *id = g_strconcat (track->id, ".workshop-count", NULL);
  JsonObject *count = find_indicator (root, id);

  g_assert_cmpstr (get_string (count, "kind"), ==, "count");
  g_assert_cmpint (get_int (count, "min"), ==, 2);
  g_assert_true (gate_on (root, id));
}

/* the optional CMMM self-assessment: five levels, earns nothing, in every track */
static void
test_track_cmmm (gconstpointer data)
{
  static const char *const names[] = { "规划级", "规范级", "集成级", "优化级", "引领级" };
  const Track *track = data;
  JsonObject *root = load_object (track->file);
  g_autofree char *id = g_strconcat (track->id, ".cmmm-level", NULL);
  JsonObject *cmmm = find_indicator (root, id);
  JsonArray *levels = get_array (cmmm, "levels");

  g_assert_cmpstr (get_string (cmmm, "kind"), ==, "level");
  g_assert_cmpint (get_int (cmmm, "share"), ==, 0);
  g_assert_false (gate_on (root, id));
  g_assert_cmpuint (json_array_get_length (levels), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (
        strstr (get_zh (json_array_get_object_element (levels, i), "name"), names[i]));
}

static void
check_marked (const char *what, GPtrArray *seed_list, JsonArray *data, const char *id_prefix)
{
  g_assert_cmpuint (json_array_get_length (data), ==, seed_list->len);
  for (guint i = 0; i < seed_list->len; i++)
    {
      SeedMarked *sm = g_ptr_array_index (seed_list, i);
      JsonObject *obj = json_array_get_object_element (data, i);
      g_autofree char *id = g_strdup_printf ("%s-%u", id_prefix, i + 1);
      g_autofree char *where = g_strdup_printf ("%s %s", what, sm->mark);

      g_assert_cmpstr (get_string (obj, "id"), ==, id);
      g_assert_cmpstr (get_string (obj, "mark"), ==, sm->mark);
      expect_text_at ("conditions.json", id, where, sm->text, get_zh (obj, "text"));
      g_assert_nonnull (get_zh (obj, "short"));
    }
}

static void
test_conditions (void)
{
  JsonObject *root = load_object ("conditions.json");
  JsonArray *conditions = get_array (root, "conditions");

  g_assert_cmpuint (seed.conditions->len, ==, 6);
  check_marked ("condition", seed.conditions, conditions, "cond");
  for (guint i = 0; i < json_array_get_length (conditions); i++)
    {
      JsonObject *c = json_array_get_object_element (conditions, i);
      /* every condition decides, （五） by its first half */
      g_assert_true (json_object_get_boolean_member (c, "required"));
      g_assert_cmpuint (json_array_get_length (get_array (c, "checks")), >, 0);
      /* only （五） has an encouraged part: its second half, the seed's own words */
      g_assert_cmpint (json_object_has_member (c, "encouraged"), ==, i == 4);
      if (i == 4)
        {
          JsonObject *part = get_object (c, "encouraged");
          const char *whole = get_zh (c, "text");
          const char *second = get_zh (part, "text");

          g_assert_cmpstr (second, ==, "鼓励使用安全可控的关键技术装备和工业软件。");
          g_assert_true (g_str_has_suffix (whole, second));
          g_assert_cmpstr (get_zh (c, "short"), ==, "智能制造实践取得技术突破");
          g_assert_null (strstr (get_zh (c, "short"), "鼓励"));
        }
    }
}

/* The errata of every file: exactly the two known slips of the seed, each found in the seed. */
static void
test_errata_known (void)
{
  static const struct
  {
    const char *file;
    const char *at;
    const char *seed;
    const char *corrected;
  } known[] = {
    { "conditions.json", "cond-1", "财务管理机构 and 制度", "财务管理机构和制度" },
    { "factory-discrete.json", "fd08.a", "提高。源综合利用效率", "提高。资源综合利用效率" },
    { "factory-process.json", "fp08.a", "提高。源综合利用效率", "提高。资源综合利用效率" },
  };

  g_assert_cmpuint (errata->len, ==, G_N_ELEMENTS (known));
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      const Erratum *e = g_ptr_array_index (errata, i);

      g_assert_cmpstr (e->file, ==, known[i].file);
      g_assert_cmpstr (e->at, ==, known[i].at);
      g_assert_cmpstr (e->seed, ==, known[i].seed);
      g_assert_cmpstr (e->corrected, ==, known[i].corrected);
      /* the slip is the seed's, word for word */
      g_assert_nonnull (strstr (seed_contents, e->seed));
    }
  /* the workshop's criterion 10 has the right wording in the seed itself: no erratum there */
  g_assert_nonnull (strstr (seed_contents, "以及产品不良品率降低和产品质量提升。资源综合利用效率"));
}

/* The errata mechanism itself: it accepts exactly the correction, and refuses a departure it
 * does not cover and an erratum whose seed text is not in the seed. */
static void
test_errata_mechanism (void)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (erratum_free);
  char *problem;

  g_ptr_array_add (list, erratum_new ("f.json", "x01.a", "机构 and 制度", "机构和制度"));
  g_ptr_array_add (list, erratum_new ("f.json", "x02.a", "不在原文", "在原文"));

  /* the correction, and only it */
  problem = compare_with_errata (list, "f.json", "x01.a", "健全的财务管理机构 and 制度。",
                                 "健全的财务管理机构和制度。");
  g_assert_null (problem);
  /* the seed's own text is now a departure */
  problem = compare_with_errata (list, "f.json", "x01.a", "健全的财务管理机构 and 制度。",
                                 "健全的财务管理机构 and 制度。");
  g_assert_nonnull (problem);
  g_free (problem);
  /* another departure in the same entry */
  problem = compare_with_errata (list, "f.json", "x01.a", "健全的财务管理机构 and 制度。",
                                 "健全的财务管理机构和制度，");
  g_assert_nonnull (strstr (problem, "differ from the seed"));
  g_free (problem);
  /* an erratum of another entry or file does not apply */
  problem = compare_with_errata (list, "g.json", "x01.a", "机构 and 制度", "机构和制度");
  g_assert_nonnull (problem);
  g_free (problem);
  /* an erratum whose seed text is not in the seed */
  problem = compare_with_errata (list, "f.json", "x02.a", "原文如此", "在原文如此");
  g_assert_nonnull (strstr (problem, "“不在原文” occurs 0 times"));
  g_free (problem);
  /* no erratum: word for word */
  g_assert_null (compare_with_errata (list, "f.json", "x03.a", "原文", "原文"));
}

/* Nothing a user or reviewer sees says a name is still to be verified; the GB/T 23021-2022
 * levels are 一级 … 四级 with the one name the seed gives, 三级 感知交互级 (L3). */
static void
walk_strings (JsonNode *node, const char *file, const char *path)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
          walk_strings (json_array_get_element (array, i), file, sub);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (obj);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, (const char *)l->data);
          walk_strings (json_object_get_member (obj, l->data), file, sub);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      if (strstr (text, "待核实") != NULL || strstr (text, "核实") != NULL
          || strstr (text, "to be verified") != NULL)
        g_test_fail_printf ("%s %s: a placeholder where users see it: %s", file, path, text);
    }
}

static void
test_no_placeholders (void)
{
  static const char *const files[] = { "workshop.json", "factory-discrete.json",
                                       "factory-process.json", "conditions.json", "guide.json" };
  static const char *const names[]
      = { "一级（L1）", "二级（L2）", "三级 感知交互级（L3）", "四级（L4）" };
  JsonArray *levels = get_array (
      find_indicator (load_object ("workshop.json"), "w02.equipment-maturity"), "levels");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      JsonObject *root = load_object (files[i]);
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), root);
      walk_strings (node, files[i], "$");
    }
  g_assert_cmpuint (json_array_get_length (levels), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (get_zh (json_array_get_object_element (levels, i), "name"), ==, names[i]);
}

static void
test_exclusions (void)
{
  JsonObject *root = load_object ("conditions.json");

  g_assert_cmpuint (seed.exclusions->len, ==, 3);
  check_marked ("exclusion", seed.exclusions, get_array (root, "exclusions"), "excl");
}

static JsonObject *
guide_section (const char *id)
{
  JsonArray *sections = get_array (load_object ("guide.json"), "sections");
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *s = json_array_get_object_element (sections, i);
      if (g_str_equal (get_string (s, "id"), id))
        return s;
    }
  g_error ("guide.json: no section %s", id);
  return NULL;
}

static void
test_guide (void)
{
  static const char *const ids[] = { "background",  "general",       "principles", "departments",
                                     "definitions", "factory-types", "procedure",  "management" };
  JsonArray *paragraphs = get_array (guide_section ("management"), "paragraphs");
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpuint (json_array_get_length (get_array (guide_section (ids[i]), "paragraphs")), >,
                      0);

  /* the five revocation grounds, word for word and in order */
  g_assert_cmpuint (seed.revocations->len, ==, 5);
  for (guint i = 0; i < json_array_get_length (paragraphs) && found < seed.revocations->len; i++)
    {
      const char *zh = text_zh (json_array_get_element (paragraphs, i));
      if (g_str_has_prefix (zh, "（"))
        {
          g_autofree char *where = g_strdup_printf ("revocation ground %u", found + 1);
          expect_text (where, g_ptr_array_index (seed.revocations, found), zh);
          found++;
        }
    }
  g_assert_cmpuint (found, ==, seed.revocations->len);

  g_assert_nonnull (strstr (
      text_zh (json_array_get_element (get_array (guide_section ("principles"), "paragraphs"), 0)),
      "每年评定不少于一次"));
}

/* every Text in every file has both languages */
static void
walk_texts (JsonNode *node, const char *file, const char *path)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
          walk_texts (json_array_get_element (array, i), file, sub);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      if (json_object_has_member (obj, "zh") || json_object_has_member (obj, "en"))
        {
          const char *zh = json_object_get_string_member_with_default (obj, "zh", NULL);
          const char *en = json_object_get_string_member_with_default (obj, "en", NULL);
          if (zh == NULL || *zh == '\0' || en == NULL || *en == '\0'
              || json_object_get_size (obj) != 2)
            g_test_fail_printf ("%s %s: a Text needs exactly a non-empty zh and en", file, path);
          return;
        }
      {
        g_autoptr (GList) members = json_object_get_members (obj);
        for (GList *l = members; l != NULL; l = l->next)
          {
            g_autofree char *sub = g_strdup_printf ("%s.%s", path, (const char *)l->data);
            walk_texts (json_object_get_member (obj, l->data), file, sub);
          }
      }
    }
}

static void
test_bilingual (void)
{
  static const char *const files[] = { "workshop.json", "factory-discrete.json",
                                       "factory-process.json", "conditions.json", "guide.json" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      JsonObject *root = load_object (files[i]);
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), root);
      walk_texts (node, files[i], "$");
    }
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  parsers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  seed_load ();
  errata = g_ptr_array_new_with_free_func (erratum_free);
  {
    static const char *const files[]
        = { "conditions.json", "workshop.json", "factory-discrete.json", "factory-process.json" };
    for (guint f = 0; f < G_N_ELEMENTS (files); f++)
      {
        JsonObject *root = load_object (files[f]);
        JsonArray *list;
        if (!json_object_has_member (root, "errata"))
          continue;
        list = get_array (root, "errata");
        for (guint i = 0; i < json_array_get_length (list); i++)
          {
            JsonObject *e = json_array_get_object_element (list, i);
            g_assert_nonnull (get_zh (e, "reason"));
            g_ptr_array_add (errata,
                             erratum_new (files[f], get_string (e, "at"), get_string (e, "seed"),
                                          get_string (e, "corrected")));
          }
      }
  }

  g_test_add_func ("/seed-coverage/seed/parsed", test_seed_parsed);
  for (guint t = 0; t < G_N_ELEMENTS (tracks); t++)
    {
      g_autofree char *p1
          = g_strdup_printf ("/seed-coverage/%s/criteria-word-for-word", tracks[t].id);
      g_autofree char *p2
          = g_strdup_printf ("/seed-coverage/%s/definition-word-for-word", tracks[t].id);
      g_autofree char *p3
          = g_strdup_printf ("/seed-coverage/%s/weights-shares-kpis-bands", tracks[t].id);
      g_autofree char *p4 = g_strdup_printf ("/seed-coverage/%s/cmmm-optional", tracks[t].id);
      g_test_add_data_func (p1, &tracks[t], test_track_criteria);
      g_test_add_data_func (p2, &tracks[t], test_track_definition);
      g_test_add_data_func (p3, &tracks[t], test_track_arithmetic);
      g_test_add_data_func (p4, &tracks[t], test_track_cmmm);
      if (tracks[t].seed_type != NULL)
        {
          g_autofree char *p5
              = g_strdup_printf ("/seed-coverage/%s/workshop-count-gate", tracks[t].id);
          g_test_add_data_func (p5, &tracks[t], test_factory_quantities);
        }
    }
  g_test_add_func ("/seed-coverage/workshop/quantities-and-gates", test_workshop_quantities);
  g_test_add_func ("/seed-coverage/conditions/word-for-word", test_conditions);
  g_test_add_func ("/seed-coverage/exclusions/word-for-word", test_exclusions);
  g_test_add_func ("/seed-coverage/guide/sections-and-revocation", test_guide);
  g_test_add_func ("/seed-coverage/all/texts-bilingual", test_bilingual);
  g_test_add_func ("/seed-coverage/all/no-placeholder-names", test_no_placeholders);
  g_test_add_func ("/seed-coverage/errata/exactly-the-known-slips", test_errata_known);
  g_test_add_func ("/seed-coverage/errata/mechanism", test_errata_mechanism);

  status = g_test_run ();
  g_ptr_array_unref (errata);
  g_hash_table_unref (parsers);
  seed_clear ();
  return status;
}
