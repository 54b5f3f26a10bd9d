/* zhi-summary.h — the city bureau's 推荐汇总表: one row per application
 *
 * A row is read from a project file (.zhizao) or from a dossier PDF that carries its
 * application's data (zhi-dossier-data.h); a file that cannot be read becomes a row that says
 * why.  The table is written as CSV (UTF-8 with a byte-order mark, so Excel and WPS open it in
 * Chinese), as an .xlsx workbook, or as a landscape A4 PDF in the dossier's look.
 */
#pragma once

#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_SUMMARY_ERROR (zhi_summary_error_quark ())
GQuark zhi_summary_error_quark (void);

typedef enum
{
  ZHI_SUMMARY_ERROR_FORMAT, /* the output name ends in none of .csv, .xlsx, .pdf */
  ZHI_SUMMARY_ERROR_WRITE,
} ZhiSummaryError;

typedef enum
{
  ZHI_SUMMARY_SOURCE_PROJECT,
  ZHI_SUMMARY_SOURCE_DOSSIER,
} ZhiSummarySource;

typedef struct
{
  char *path; /* as given */
  ZhiSummarySource source;
  char *error; /* why the file could not be read (the row's other fields are then empty) */
  char *enterprise;
  char *credit_code;
  char *city;
  char *track; /* 数字化车间 / 离散型智能工厂 / 流程型智能工厂 */
  char *site_name;
  double claimed;   /* NAN when unknown */
  double evidenced; /* NAN when unknown */
  char *verdict;    /* 符合申报条件 / 待完善 / 不符合申报条件 */
  guint n_blocking;
  char *problems;  /* the blocking problems, "；"-separated, "" when none */
  int pages;       /* the dossier's page count; -1 for a project */
  char *integrity; /* a dossier: verify's result in words; a project: "" */
} ZhiSummaryRow;

/* An empty row (scores NAN, pages -1), e.g. to fill from a stored copy. */
ZhiSummaryRow *zhi_summary_row_new (const char *path, ZhiSummarySource source);
void zhi_summary_row_free (ZhiSummaryRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiSummaryRow, zhi_summary_row_free)

/* A row from an open project (evaluated now). */
ZhiSummaryRow *zhi_summary_row_from_project (ZhiProject *project, const char *path);
/* A row from a file: a project (opened read-only) or a dossier PDF; never NULL. */
ZhiSummaryRow *zhi_summary_row_from_file (const char *path);

/* The column titles, in order (12). */
const char *const *zhi_summary_columns (void);
/* A row's cells as text, in column order; @index is its 序号 (1-based). */
GStrv zhi_summary_row_cells (const ZhiSummaryRow *row, guint index);

/* Writes @rows (ZhiSummaryRow *) to @path; the format follows the name's ending. */
gboolean zhi_summary_write (GPtrArray *rows, const char *path, GError **error);
gboolean zhi_summary_write_csv (GPtrArray *rows, const char *path, GError **error);
gboolean zhi_summary_write_xlsx (GPtrArray *rows, const char *path, GError **error);
gboolean zhi_summary_write_pdf (GPtrArray *rows, const char *path, GError **error);

G_END_DECLS
