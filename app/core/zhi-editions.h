/* zhi-editions.h — the editions of the evaluation standards a user can use: the built-in ones
 * and those installed in $XDG_DATA_HOME/zhizao/standards/ (docs/standards-format.md) */
#pragma once

#include "zhi-project.h"
#include "zhi-standard.h"

G_BEGIN_DECLS

/* $XDG_DATA_HOME/zhizao/standards (newly allocated; not created) */
char *zhi_editions_installed_dir (void);

/* "workshop@2023-04-18" → id and edition; "workshop" → id and NULL. FALSE when malformed. */
gboolean zhi_edition_ref_parse (const char *ref, char **id, char **edition);

/* Every edition (ZhiStandard *, owning): the built-in ones in track order, then the installed
 * ones by id and newest edition first.  An installed file that no longer loads is left out and
 * its reason added to *broken (char *, may be NULL). */
GPtrArray *zhi_editions_list (GPtrArray **broken, GError **error);

/* The edition @id@@edition, or the newest edition of @id when @edition is NULL (the built-in
 * one wins a tie); ZHI_STANDARD_ERROR_NOT_FOUND naming it when there is none. */
ZhiStandard *zhi_editions_lookup (const char *id, const char *edition, GError **error);

/* Checks @path with the strict loader (every problem into *problems, ZhiStandardProblem *) and
 * copies it into the installed folder as <id>@<edition>.json.  Refuses conditions and guide
 * files, a built-in edition and an edition already installed (uninstall it first). */
ZhiStandard *zhi_editions_install (const char *path, GPtrArray **problems, GError **error);

/* Removes an installed edition ("id@edition"); built-in editions cannot be removed. */
gboolean zhi_editions_uninstall (const char *ref, GError **error);

/* The standard a project is drafted against: its track's recorded edition, or the built-in
 * edition when none is recorded.  When that edition is not installed: NULL and
 * ZHI_STANDARD_ERROR_NOT_FOUND naming it. */
ZhiStandard *zhi_editions_for_project (ZhiProject *project, GError **error);

/* The newest edition of @project's track that is newer than the one it is drafted against
 * (the built-in one when it records none), built-in or installed; NULL when there is none or no
 * track is chosen. */
ZhiStandard *zhi_editions_newer_for_project (ZhiProject *project);

/* TRUE when @project records an edition of its track's standard that is not installed, with
 * *message (if not NULL) naming it and saying what to do; such a project opens read-only. */
gboolean zhi_editions_project_edition_missing (ZhiProject *project, char **message);

/* Records @standard's edition and file hash in @project (and its id as the track). */
void zhi_editions_set_project_standard (ZhiProject *project, ZhiStandard *standard);

G_END_DECLS
