/* zhi-editions.c — built-in and installed editions of the evaluation standards */
#include "config.h"

#include "zhi-editions.h"
#include "zhi-track.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

char *
zhi_editions_installed_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "zhizao", "standards", NULL);
}

gboolean
zhi_edition_ref_parse (const char *ref, char **id, char **edition)
{
  const char *at;

  g_return_val_if_fail (id != NULL && edition != NULL, FALSE);
  *id = *edition = NULL;
  if (ref == NULL || *ref == '\0')
    return FALSE;
  at = strchr (ref, '@');
  if (at == NULL)
    {
      *id = g_strdup (ref);
      return TRUE;
    }
  if (at == ref || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;
  *id = g_strndup (ref, at - ref);
  *edition = g_strdup (at + 1);
  return TRUE;
}

static char *
installed_path (const char *id, const char *edition)
{
  g_autofree char *dir = zhi_editions_installed_dir ();
  g_autofree char *name = g_strdup_printf ("%s@%s.json", id, edition);

  return g_build_filename (dir, name, NULL);
}

static int
compare_installed (gconstpointer a, gconstpointer b)
{
  ZhiStandard *x = *(ZhiStandard **)a;
  ZhiStandard *y = *(ZhiStandard **)b;
  int by_id = g_strcmp0 (zhi_standard_get_id (x), zhi_standard_get_id (y));

  /* editions are dates (YYYY-MM-DD): newest first */
  return by_id != 0 ? by_id
                    : -g_strcmp0 (zhi_standard_get_edition (x), zhi_standard_get_edition (y));
}

/* An installed file as last parsed: parsed again only when its size or modification time
 * changed, so that listing and looking up editions (at every project opened, every evaluation)
 * does not read and check every installed file each time. */
typedef struct
{
  gint64 mtime_ns;
  goffset size;
  ZhiStandard *standard; /* NULL when the file does not load */
  char *problem;         /* why not */
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_clear_object (&parsed->standard);
  g_free (parsed->problem);
  g_free (parsed);
}

G_LOCK_DEFINE_STATIC (parsed);
static GHashTable *parsed_files; /* path → Parsed * */

/* The installed standard in @path (a new reference), or NULL with *problem saying why */
static ZhiStandard *
load_installed (const char *path, char **problem)
{
  g_autoptr (GError) error = NULL;
  GStatBuf sb;
  Parsed *parsed = NULL;
  ZhiStandard *standard;
  gint64 mtime_ns = 0;
  gboolean known = g_stat (path, &sb) == 0;

  if (known)
    mtime_ns = (gint64)sb.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + sb.st_mtim.tv_nsec;
  G_LOCK (parsed);
  if (parsed_files == NULL)
    parsed_files
        = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)parsed_free);
  if (known)
    parsed = g_hash_table_lookup (parsed_files, path);
  if (parsed == NULL || parsed->mtime_ns != mtime_ns || parsed->size != (goffset)sb.st_size)
    {
      standard = zhi_standard_new_from_file (path, &error);
      if (standard != NULL)
        zhi_standard_mark_installed (standard);
      if (!known)
        {
          G_UNLOCK (parsed);
          if (standard == NULL)
            *problem = g_strdup (error->message);
          return standard;
        }
      parsed = g_new0 (Parsed, 1);
      parsed->mtime_ns = mtime_ns;
      parsed->size = (goffset)sb.st_size;
      parsed->standard = standard;
      parsed->problem = standard == NULL ? g_strdup (error->message) : NULL;
      g_hash_table_replace (parsed_files, g_strdup (path), parsed);
    }
  standard = parsed->standard != NULL ? g_object_ref (parsed->standard) : NULL;
  if (standard == NULL)
    *problem = g_strdup (parsed->problem);
  G_UNLOCK (parsed);
  return standard;
}

/* The installed editions, loaded (ZhiStandard *, owning); broken files into @broken. */
static GPtrArray *
list_installed (GPtrArray *broken)
{
  g_autofree char *dir_path = zhi_editions_installed_dir ();
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  if (dir == NULL)
    return out; /* nothing installed yet */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *problem = NULL;
      ZhiStandard *standard;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      standard = load_installed (path, &problem);
      if (standard == NULL)
        {
          if (broken != NULL)
            g_ptr_array_add (broken, g_steal_pointer (&problem));
          continue;
        }
      g_ptr_array_add (out, standard);
    }
  g_ptr_array_sort (out, compare_installed);
  return out;
}

GPtrArray *
zhi_editions_list (GPtrArray **broken, GError **error)
{
  g_autoptr (GPtrArray) all = zhi_standard_load_catalog (error);
  g_autoptr (GPtrArray) installed = NULL;

  if (all == NULL)
    return NULL;
  if (broken != NULL)
    *broken = g_ptr_array_new_with_free_func (g_free);
  installed = list_installed (broken != NULL ? *broken : NULL);
  for (guint i = 0; i < installed->len; i++)
    g_ptr_array_add (all, g_object_ref (installed->pdata[i]));
  return g_steal_pointer (&all);
}

/* The editions of the standard @id: the built-in one (when @id is a built-in track) and the
 * installed ones (owning).  Opening a project needs only its own track's: loading the whole
 * catalog parsed the other tracks' standards too. */
static GPtrArray *
list_editions_of (const char *id, GError **error)
{
  g_autoptr (GPtrArray) installed = list_installed (NULL);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  if (zhi_track_get_title (id) != NULL)
    {
      ZhiStandard *builtin = zhi_standard_load_builtin (id, error);

      if (builtin == NULL)
        return NULL;
      g_ptr_array_add (all, builtin);
    }
  for (guint i = 0; i < installed->len; i++)
    if (g_strcmp0 (zhi_standard_get_id (installed->pdata[i]), id) == 0)
      g_ptr_array_add (all, g_object_ref (installed->pdata[i]));
  return g_steal_pointer (&all);
}

ZhiStandard *
zhi_editions_lookup (const char *id, const char *edition, GError **error)
{
  g_autoptr (GPtrArray) all = id != NULL ? list_editions_of (id, error) : NULL;
  ZhiStandard *best = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      ZhiStandard *s = all->pdata[i];

      if (g_strcmp0 (zhi_standard_get_id (s), id) != 0)
        continue;
      if (edition != NULL)
        {
          if (g_strcmp0 (zhi_standard_get_edition (s), edition) == 0)
            return g_object_ref (s);
        }
      else if (best == NULL
               || g_strcmp0 (zhi_standard_get_edition (s), zhi_standard_get_edition (best)) > 0)
        best = s;
    }
  if (best != NULL)
    return g_object_ref (best);
  if (edition != NULL)
    g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND,
                 _ ("The edition %s of the standard “%s” is not installed. Install its file "
                    "(“zhizao-cli standards --install FILE”) to work on this project against "
                    "it."),
                 edition, id);
  else
    g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND,
                 _ ("There is no standard “%s”. “zhizao-cli standards” lists the editions there "
                    "are."),
                 id);
  return NULL;
}

ZhiStandard *
zhi_editions_install (const char *path, GPtrArray **problems, GError **error)
{
  g_autoptr (GObject) loaded = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (ZhiStandard) builtin = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *contents = NULL;
  ZhiStandardsFileKind kind;
  ZhiStandard *standard;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  found = zhi_standards_check_file (path, &kind, &loaded);
  if (found->len > 0)
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_INSTALL,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s was not installed: it has %u problem (see the list); correct "
                                "it and install again.",
                                "%s was not installed: it has %u problems (see the list); correct "
                                "them and install again.",
                                found->len),
                   path, found->len);
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return NULL;
    }
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  if (kind != ZHI_STANDARDS_FILE_STANDARD)
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_INSTALL,
                   kind == ZHI_STANDARDS_FILE_GUIDE
                       ? _ ("%s is a guide, not a track standard: only a track standard (with "
                            "criteria) can be installed as an edition.")
                       : _ ("%s holds conditions, not a track standard: only a track standard "
                            "(with criteria) can be installed as an edition."),
                   path);
      return NULL;
    }
  standard = ZHI_STANDARD (loaded);
  if (!g_strv_contains (zhi_standard_track_ids (), zhi_standard_get_id (standard)))
    {
      g_autofree char *known = g_strjoinv (", ", (char **)zhi_standard_track_ids ());

      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_INSTALL,
                   _ ("%s: “%s” is not a track Zhizao knows (%s): an edition replaces the "
                      "standard of one of these tracks."),
                   path, zhi_standard_get_id (standard), known);
      return NULL;
    }
  builtin = zhi_standard_load_builtin (zhi_standard_get_id (standard), NULL);
  if (builtin != NULL
      && g_strcmp0 (zhi_standard_get_edition (builtin), zhi_standard_get_edition (standard)) == 0)
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_INSTALL,
                   _ ("The edition %s of “%s” is built into Zhizao already; an installed file "
                      "cannot replace it. Give the new edition its own date in “edition”."),
                   zhi_standard_get_edition (standard), zhi_standard_get_id (standard));
      return NULL;
    }
  target = installed_path (zhi_standard_get_id (standard), zhi_standard_get_edition (standard));
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_INSTALL,
                   _ ("The edition %s of “%s” is installed already. Remove it first (“zhizao-cli "
                      "standards --uninstall %s@%s”) to replace it."),
                   zhi_standard_get_edition (standard), zhi_standard_get_id (standard),
                   zhi_standard_get_id (standard), zhi_standard_get_edition (standard));
      return NULL;
    }
  dir = zhi_editions_installed_dir ();
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_INSTALL,
                   _ ("The folder %s cannot be created: %s"), dir, g_strerror (saved));
      return NULL;
    }
  /* the bytes that were checked, copied as they are (their SHA-256 names the edition) */
  if (!g_file_get_contents (path, &contents, &length, error)
      || !g_file_set_contents (target, contents, (gssize)length, error))
    return NULL;
  zhi_standard_mark_installed (standard);
  return ZHI_STANDARD (g_steal_pointer (&loaded));
}

gboolean
zhi_editions_uninstall (const char *ref, GError **error)
{
  g_autofree char *id = NULL;
  g_autofree char *edition = NULL;
  g_autofree char *target = NULL;
  g_autoptr (ZhiStandard) builtin = NULL;

  if (!zhi_edition_ref_parse (ref, &id, &edition) || edition == NULL)
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND,
                   _ ("“%s” does not name an edition: write ID@EDITION, e.g. "
                      "workshop@2024-05-01."),
                   ref != NULL ? ref : "");
      return FALSE;
    }
  builtin = zhi_standard_load_builtin (id, NULL);
  if (builtin != NULL && g_strcmp0 (zhi_standard_get_edition (builtin), edition) == 0)
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_INSTALL,
                   _ ("The edition %s of “%s” is built into Zhizao and cannot be removed."),
                   edition, id);
      return FALSE;
    }
  target = installed_path (id, edition);
  if (g_unlink (target) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND,
                     _ ("The edition %s of “%s” is not installed."), edition, id);
      else
        g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_INSTALL,
                     _ ("%s cannot be removed: %s"), target, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

ZhiStandard *
zhi_editions_for_project (ZhiProject *project, GError **error)
{
  const char *track = zhi_project_get_track (project);
  const char *edition = zhi_project_get_standard_edition (project);

  g_return_val_if_fail (ZHI_IS_PROJECT (project), NULL);
  if (track == NULL || *track == '\0')
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND,
                   _ ("The project has no track chosen yet."));
      return NULL;
    }
  if (edition == NULL || *edition == '\0')
    return zhi_standard_load_builtin (track, error);
  return zhi_editions_lookup (track, edition, error);
}

ZhiStandard *
zhi_editions_newer_for_project (ZhiProject *project)
{
  const char *track;
  const char *edition;
  g_autoptr (ZhiStandard) builtin = NULL;
  g_autoptr (GPtrArray) all = NULL;
  ZhiStandard *best = NULL;

  g_return_val_if_fail (ZHI_IS_PROJECT (project), NULL);
  track = zhi_project_get_track (project);
  edition = zhi_project_get_standard_edition (project);
  if (track == NULL || *track == '\0')
    return NULL;
  if (edition == NULL || *edition == '\0')
    {
      builtin = zhi_standard_load_builtin (track, NULL);
      if (builtin == NULL)
        return NULL;
      edition = zhi_standard_get_edition (builtin);
    }
  all = list_editions_of (track, NULL);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      ZhiStandard *s = all->pdata[i];

      /* editions are dates (YYYY-MM-DD), compared as the migration does */
      if (g_strcmp0 (zhi_standard_get_id (s), track) != 0
          || g_strcmp0 (zhi_standard_get_edition (s), edition) <= 0)
        continue;
      if (best == NULL
          || g_strcmp0 (zhi_standard_get_edition (s), zhi_standard_get_edition (best)) > 0)
        best = s;
    }
  return best != NULL ? g_object_ref (best) : NULL;
}

gboolean
zhi_editions_project_edition_missing (ZhiProject *project, char **message)
{
  g_autoptr (ZhiStandard) standard = NULL;
  g_autoptr (GError) error = NULL;
  const char *track = zhi_project_get_track (project);
  const char *edition = zhi_project_get_standard_edition (project);

  g_return_val_if_fail (ZHI_IS_PROJECT (project), FALSE);
  if (track == NULL || *track == '\0' || edition == NULL || *edition == '\0')
    return FALSE;
  standard = zhi_editions_lookup (track, edition, &error);
  if (standard != NULL
      || !g_error_matches (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND))
    return FALSE;
  if (message != NULL)
    *message = g_strdup_printf (
        /* TRANSLATORS: id@edition of the standard a project was drafted against */
        _ ("This application was drafted against the standard %s@%s, which is not installed: it "
           "opened read-only (its data can be read and exported). Install that edition "
           "(“zhizao-cli standards --install FILE”) and open it again."),
        track, edition);
  return TRUE;
}

void
zhi_editions_set_project_standard (ZhiProject *project, ZhiStandard *standard)
{
  g_return_if_fail (ZHI_IS_PROJECT (project));
  g_return_if_fail (ZHI_IS_STANDARD (standard));
  zhi_project_set_track (project, zhi_standard_get_id (standard));
  zhi_project_set_standard_edition (project, zhi_standard_get_edition (standard));
  zhi_project_set_standard_sha256 (project, zhi_standard_get_sha256 (standard));
}
