/* zhi-test-util.h — what the unit, dossier and review tests would otherwise each write again:
 * a scratch directory per test program, a file's checksum, an attach callback */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Makes the test program's scratch directory from @tmpl ("zhi-store-XXXXXX") and returns it. */
const char *zhi_test_tmp_dir_make (const char *tmpl);
/* The scratch directory, made by zhi_test_tmp_dir_make(). */
const char *zhi_test_tmp_dir (void);
/* @name in the scratch directory.  Free with g_free(). */
char *zhi_test_tmp_path (const char *name);
/* Removes the scratch directory and everything in it, unless ZHI_KEEP_TEST_OUTPUT is set (to look
 * at the files written; the directory is printed). */
void zhi_test_tmp_dir_remove (void);

/* Removes @dir and everything below it (links are removed, not followed). */
void zhi_test_remove_dir (const char *dir);

/* The SHA-256 of the file's bytes, in hex; the file must be readable. */
char *zhi_test_file_sha256 (const char *path);

/* A GAsyncReadyCallback for zhi_project_attach_file_async(): stores the evidence in the
 * ZhiEvidence ** passed as data (no reference: the project holds it); asserts no error. */
void zhi_test_attached_cb (GObject *source, GAsyncResult *result, gpointer data);

G_END_DECLS
