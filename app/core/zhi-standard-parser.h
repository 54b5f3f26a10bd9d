/* zhi-standard-parser.h — checking a standards file with the strict loader (zhi-standard-parser.c)
 */
#pragma once

#include "zhi-standard.h"

G_BEGIN_DECLS

/* ---- checking a standards file ------------------------------------------------------------ */

/* One problem of a standards file: the file, the JSON path ("$.criteria[2].weight") and what is
 * wrong, in the user's language. */
typedef struct
{
  char *file;
  char *path;
  char *message;
} ZhiStandardProblem;

typedef enum
{
  ZHI_STANDARDS_FILE_STANDARD,   /* a track standard (criteria, indicators, gates …) */
  ZHI_STANDARDS_FILE_CONDITIONS, /* conditions.json */
  ZHI_STANDARDS_FILE_GUIDE,      /* guide.json */
} ZhiStandardsFileKind;

/* Checks a standards file with the strict loader, as it would be loaded, and lists every
 * problem found (parsing goes on past a failing criterion).  The kind is told by the file's
 * keys ("criteria", "conditions", "sections"; a track standard otherwise).  Returns the
 * problems (ZhiStandardProblem *, owning), empty when the file would load; *loaded (if not
 * NULL) receives the loaded ZhiStandard, ZhiConditions or ZhiGuide then. */
GPtrArray *zhi_standards_check_bytes (GBytes *bytes,
                                      const char *name,
                                      ZhiStandardsFileKind *kind,
                                      GObject **loaded);
GPtrArray *
zhi_standards_check_file (const char *path, ZhiStandardsFileKind *kind, GObject **loaded);

G_END_DECLS
