/* zhi-summary.c — the 推荐汇总表: rows from projects and dossiers, CSV and .xlsx */
#include "config.h"

#include "zhi-summary.h"

#include "zhi-dossier-version.h"
#include "zhi-dossier.h"
#include "zhi-evaluation.h"
#include "zhi-verify.h"
#include "zhi-store.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <xlsxwriter.h>

GQuark
zhi_summary_error_quark (void)
{
  return g_quark_from_static_string ("zhi-summary-error-quark");
}

static const char *const columns[] = {
  "序号",     "申报单位", "统一社会信用代码", "所在市",     "申报类型",   "车间/工厂名称",
  "自评得分", "佐证得分", "申报条件结论",     "待解决问题", "申报书页数", "完整性",
  NULL,
};

const char *const *
zhi_summary_columns (void)
{
  return columns;
}

void
zhi_summary_row_free (ZhiSummaryRow *row)
{
  if (row == NULL)
    return;
  g_free (row->path);
  g_free (row->error);
  g_free (row->enterprise);
  g_free (row->credit_code);
  g_free (row->city);
  g_free (row->track);
  g_free (row->site_name);
  g_free (row->verdict);
  g_free (row->problems);
  g_free (row->integrity);
  g_free (row);
}

static ZhiSummaryRow *
row_new (const char *path, ZhiSummarySource source)
{
  ZhiSummaryRow *row = g_new0 (ZhiSummaryRow, 1);

  row->path = g_strdup (path);
  row->source = source;
  row->claimed = NAN;
  row->evidenced = NAN;
  row->pages = -1;
  return row;
}

ZhiSummaryRow *
zhi_summary_row_new (const char *path, ZhiSummarySource source)
{
  g_return_val_if_fail (path != NULL, NULL);
  return row_new (path, source);
}

/* The bureau's table is in Chinese whatever the desktop's language, like the dossier. */
static const char *
track_title (const char *track)
{
  if (g_strcmp0 (track, ZHI_TRACK_WORKSHOP) == 0)
    return "数字化车间";
  if (g_strcmp0 (track, ZHI_TRACK_FACTORY_DISCRETE) == 0)
    return "离散型智能工厂";
  if (g_strcmp0 (track, ZHI_TRACK_FACTORY_PROCESS) == 0)
    return "流程型智能工厂";
  return "";
}

ZhiSummaryRow *
zhi_summary_row_from_project (ZhiProject *project, const char *path)
{
  ZhiSummaryRow *row = row_new (path, ZHI_SUMMARY_SOURCE_PROJECT);
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  ZhiScore *score = zhi_evaluation_get_score (evaluation);
  ZhiEligibility *eligibility = zhi_evaluation_get_eligibility (evaluation);
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation);
  GString *open = g_string_new (NULL);

  row->enterprise = g_strdup (zhi_project_get_name (project));
  row->credit_code = g_strdup (zhi_project_get_credit_code (project));
  row->city = g_strdup (zhi_project_get_city (project));
  row->track = g_strdup (track_title (zhi_project_get_track (project)));
  row->site_name = g_strdup (zhi_project_get_site_name (project));
  if (score)
    {
      row->claimed = score->total_claimed;
      row->evidenced = score->total_evidenced;
    }
  row->verdict
      = g_strdup (eligibility ? zhi_dossier_verdict_label (eligibility->verdict) : "待完善");
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity != ZHI_PROBLEM_BLOCKING)
        continue;
      row->n_blocking++;
      if (open->len > 0)
        g_string_append (open, "；");
      g_string_append (open, problem->message);
    }
  row->problems = g_string_free (open, FALSE);
  row->integrity = g_strdup ("");
  return row;
}

static gboolean
looks_like_pdf (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) in = g_file_read (file, NULL, NULL);
  char head[5] = { 0 };
  gsize n = 0;

  if (in == NULL)
    return g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF");
  g_input_stream_read_all (G_INPUT_STREAM (in), head, 5, &n, NULL, NULL);
  return n == 5 && memcmp (head, "%PDF-", 5) == 0;
}

static char *
member_string (JsonObject *object, const char *name)
{
  return g_strdup (object ? json_object_get_string_member_with_default (object, name, "") : "");
}

/* A dossier: the application as its embedded data says, the integrity as verify finds it. */
static ZhiSummaryRow *
row_from_dossier (const char *path)
{
  ZhiSummaryRow *row = row_new (path, ZHI_SUMMARY_SOURCE_DOSSIER);
  g_autoptr (ZhiVerifyResult) verify = zhi_verify_file (path);
  JsonObject *project, *evaluation;
  JsonArray *blocking;
  GString *open;

  if (verify->status == ZHI_VERIFY_NOT_A_DOSSIER)
    {
      row->error = g_strdup (verify->reason);
      return row;
    }
  project = json_object_get_object_member (verify->data, "project");
  evaluation = json_object_get_object_member (verify->data, "evaluation");
  row->enterprise = member_string (project, "name");
  row->credit_code = member_string (project, "credit_code");
  row->city = member_string (project, "city");
  row->track = g_strdup (track_title (
      project ? json_object_get_string_member_with_default (project, "track", "") : ""));
  row->site_name = member_string (project, "site_name");
  if (evaluation && json_object_has_member (evaluation, "claimed"))
    row->claimed = json_object_get_double_member (evaluation, "claimed");
  if (evaluation && json_object_has_member (evaluation, "evidenced"))
    row->evidenced = json_object_get_double_member (evaluation, "evidenced");
  row->verdict = member_string (evaluation, "verdict_label");
  open = g_string_new (NULL);
  blocking = evaluation && json_object_has_member (evaluation, "blocking")
                 ? json_object_get_array_member (evaluation, "blocking")
                 : NULL;
  for (guint i = 0; blocking && i < json_array_get_length (blocking); i++)
    {
      if (open->len > 0)
        g_string_append (open, "；");
      g_string_append (open, json_array_get_string_element (blocking, i));
      row->n_blocking++;
    }
  row->problems = g_string_free (open, FALSE);
  row->pages = verify->n_pages;
  row->integrity = zhi_verify_result_summary_zh (verify);
  return row;
}

ZhiSummaryRow *
zhi_summary_row_from_file (const char *path)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) project = NULL;
  ZhiSummaryRow *row;

  g_return_val_if_fail (path != NULL, NULL);

  if (looks_like_pdf (path))
    return row_from_dossier (path);
  file = g_file_new_for_path (path);
  project = zhi_project_open_read_only (file, &error);
  if (project == NULL)
    {
      row = row_new (path, ZHI_SUMMARY_SOURCE_PROJECT);
      row->error = g_strdup (error->message);
      return row;
    }
  row = zhi_summary_row_from_project (project, path);
  zhi_project_close (project, NULL);
  return row;
}

static char *
format_points (double points)
{
  return isnan (points) ? g_strdup ("") : g_strdup_printf ("%.1f", points);
}

GStrv
zhi_summary_row_cells (const ZhiSummaryRow *row, guint index)
{
  GPtrArray *b = g_ptr_array_new ();

  g_ptr_array_add (b, g_strdup_printf ("%u", index));
  if (row->error)
    {
      g_autofree char *base = g_path_get_basename (row->path);

      /* the file's own name where the enterprise would be, the reason where the problems are */
      g_ptr_array_add (b, g_strdup (base));
      for (guint i = 0; i < 7; i++)
        g_ptr_array_add (b, g_strdup (""));
      g_ptr_array_add (b, g_strdup_printf ("无法读取：%s", row->error));
      g_ptr_array_add (b, g_strdup (""));
      g_ptr_array_add (b, g_strdup (""));
    }
  else
    {
      g_ptr_array_add (b, g_strdup (row->enterprise ? row->enterprise : ""));
      g_ptr_array_add (b, g_strdup (row->credit_code ? row->credit_code : ""));
      g_ptr_array_add (b, g_strdup (row->city ? row->city : ""));
      g_ptr_array_add (b, g_strdup (row->track ? row->track : ""));
      g_ptr_array_add (b, g_strdup (row->site_name ? row->site_name : ""));
      g_ptr_array_add (b, format_points (row->claimed));
      g_ptr_array_add (b, format_points (row->evidenced));
      g_ptr_array_add (b, g_strdup (row->verdict ? row->verdict : ""));
      g_ptr_array_add (b, g_strdup (row->problems && row->problems[0] ? row->problems : "无"));
      g_ptr_array_add (b, row->pages >= 0 ? g_strdup_printf ("%d", row->pages) : g_strdup (""));
      g_ptr_array_add (b, g_strdup (row->integrity ? row->integrity : ""));
    }
  g_ptr_array_add (b, NULL);
  return (GStrv)g_ptr_array_free (b, FALSE);
}

/* ---- CSV ---------------------------------------------------------------------------------- */

static void
csv_append_field (GString *out, const char *field)
{
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
zhi_summary_write_csv (GPtrArray *rows, const char *path, GError **error)
{
  g_autoptr (GString) out = g_string_new ("\xef\xbb\xbf"); /* BOM: Excel and WPS read UTF-8 */

  for (guint c = 0; columns[c]; c++)
    {
      if (c)
        g_string_append_c (out, ',');
      csv_append_field (out, columns[c]);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < rows->len; r++)
    {
      g_auto (GStrv) cells = zhi_summary_row_cells (rows->pdata[r], r + 1);

      for (guint c = 0; cells[c]; c++)
        {
          if (c)
            g_string_append_c (out, ',');
          csv_append_field (out, cells[c]);
        }
      g_string_append (out, "\r\n");
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

/* ---- .xlsx ------------------------------------------------------------------------------- */

gboolean
zhi_summary_write_xlsx (GPtrArray *rows, const char *path, GError **error)
{
  /* widths a bureau would set by hand, in characters */
  static const double widths[] = { 6, 30, 22, 10, 16, 24, 10, 10, 14, 50, 11, 18 };
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *header, *text, *wrap, *points, *integer;
  lxw_error status;
  g_autofree char *tmpdir = g_dir_make_tmp ("zhi-xlsx-XXXXXX", error);

  if (tmpdir == NULL)
    return FALSE;
  options.tmpdir = tmpdir;
  workbook = workbook_new_opt (path, &options);
  if (workbook == NULL)
    {
      g_set_error (error, ZHI_SUMMARY_ERROR, ZHI_SUMMARY_ERROR_WRITE,
                   _ ("“%s” could not be created."), path);
      g_rmdir (tmpdir);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, "推荐汇总表");
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bg_color (header, 0xE8E8E8);
  format_set_border (header, LXW_BORDER_THIN);
  format_set_text_wrap (header);
  format_set_align (header, LXW_ALIGN_CENTER);
  format_set_align (header, LXW_ALIGN_VERTICAL_CENTER);
  text = workbook_add_format (workbook);
  format_set_border (text, LXW_BORDER_THIN);
  format_set_align (text, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format (text, "@"); /* a credit code stays text */
  wrap = workbook_add_format (workbook);
  format_set_border (wrap, LXW_BORDER_THIN);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  points = workbook_add_format (workbook);
  format_set_border (points, LXW_BORDER_THIN);
  format_set_num_format (points, "0.0");
  format_set_align (points, LXW_ALIGN_VERTICAL_TOP);
  integer = workbook_add_format (workbook);
  format_set_border (integer, LXW_BORDER_THIN);
  format_set_num_format (integer, "0");
  format_set_align (integer, LXW_ALIGN_VERTICAL_TOP);

  for (guint c = 0; columns[c]; c++)
    {
      worksheet_set_column (sheet, c, c, widths[c], NULL);
      worksheet_write_string (sheet, 0, c, columns[c], header);
    }
  worksheet_freeze_panes (sheet, 1, 2);
  worksheet_autofilter (sheet, 0, 0, rows->len, G_N_ELEMENTS (widths) - 1);
  for (guint r = 0; r < rows->len; r++)
    {
      const ZhiSummaryRow *row = rows->pdata[r];
      g_auto (GStrv) cells = zhi_summary_row_cells (row, r + 1);
      lxw_row_t y = r + 1;

      worksheet_write_number (sheet, y, 0, r + 1, integer);
      for (guint c = 1; cells[c]; c++)
        {
          if (!row->error && c == 6 && !isnan (row->claimed))
            worksheet_write_number (sheet, y, c, row->claimed, points);
          else if (!row->error && c == 7 && !isnan (row->evidenced))
            worksheet_write_number (sheet, y, c, row->evidenced, points);
          else if (!row->error && c == 10 && row->pages >= 0)
            worksheet_write_number (sheet, y, c, row->pages, integer);
          else
            worksheet_write_string (sheet, y, c, cells[c], c == 9 ? wrap : text);
        }
    }
  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9); /* A4 */
  worksheet_repeat_rows (sheet, 0, 0);
  worksheet_fit_to_pages (sheet, 1, 0);
  status = workbook_close (workbook);
  /* libxlsxwriter leaves its temporary folder empty */
  g_rmdir (tmpdir);
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, ZHI_SUMMARY_ERROR, ZHI_SUMMARY_ERROR_WRITE,
                   _ ("“%s” could not be written: %s"), path, lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}

/* ---- PDF ----------------------------------------------------------------------------------- */

#define PT_PER_MM (72.0 / 25.4)
#define PDF_WIDTH (297 * PT_PER_MM)
#define PDF_HEIGHT (210 * PT_PER_MM)
#define PDF_MARGIN (15 * PT_PER_MM)
#define CELL_PAD 3.0

typedef struct
{
  cairo_t *cr;
  double y;
  int page;
  double widths[12];
} PdfTable;

static PangoLayout *
pdf_layout (cairo_t *cr, const char *family, double size, const char *text, double width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws one row of cells at the current position (or measures it when @draw is FALSE);
 * returns its height. */
static double
pdf_row (PdfTable *t, char **cells, gboolean header, gboolean draw)
{
  /* columns of figures: 序号, 自评得分, 佐证得分, 申报书页数 */
  static const gboolean numeric[] = { 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0 };
  PangoLayout *layouts[12];
  double h = 0, x = PDF_MARGIN;

  for (guint c = 0; c < 12; c++)
    {
      int lw, lh;

      layouts[c] = pdf_layout (t->cr, header ? "Noto Sans CJK SC" : "Noto Serif CJK SC", 8.5,
                               cells[c], t->widths[c] - 2 * CELL_PAD);
      if (header)
        pango_layout_set_alignment (layouts[c], PANGO_ALIGN_CENTER);
      else if (numeric[c])
        pango_layout_set_alignment (layouts[c], PANGO_ALIGN_RIGHT);
      pango_layout_get_size (layouts[c], &lw, &lh);
      h = MAX (h, lh / (double)PANGO_SCALE + 2 * CELL_PAD);
    }
  for (guint c = 0; c < 12; c++)
    {
      if (draw)
        {
          if (header)
            {
              cairo_set_source_rgb (t->cr, 0.9, 0.9, 0.9);
              cairo_rectangle (t->cr, x, t->y, t->widths[c], h);
              cairo_fill (t->cr);
            }
          cairo_set_source_rgb (t->cr, 0, 0, 0);
          cairo_move_to (t->cr, x + CELL_PAD, t->y + CELL_PAD);
          pango_cairo_show_layout (t->cr, layouts[c]);
          cairo_set_line_width (t->cr, 0.5);
          cairo_rectangle (t->cr, x, t->y, t->widths[c], h);
          cairo_stroke (t->cr);
        }
      x += t->widths[c];
      g_object_unref (layouts[c]);
    }
  return h;
}

static void
pdf_page_start (PdfTable *t, guint n_rows)
{
  PangoLayout *title;
  int w, h;

  t->page++;
  t->y = PDF_MARGIN;
  if (t->page == 1)
    {
      g_autofree char *sub = g_strdup_printf ("共 %u 份申报", n_rows);
      PangoLayout *line;

      title = pdf_layout (t->cr, "Noto Sans CJK SC", 18, "推荐汇总表", -1);
      pango_layout_get_size (title, &w, &h);
      cairo_move_to (t->cr, (PDF_WIDTH - w / (double)PANGO_SCALE) / 2, t->y);
      pango_cairo_show_layout (t->cr, title);
      t->y += h / (double)PANGO_SCALE + 4;
      g_object_unref (title);
      line = pdf_layout (t->cr, "Noto Serif CJK SC", 10, sub, -1);
      pango_layout_get_size (line, &w, &h);
      cairo_move_to (t->cr, PDF_WIDTH - PDF_MARGIN - w / (double)PANGO_SCALE, t->y);
      pango_cairo_show_layout (t->cr, line);
      t->y += h / (double)PANGO_SCALE + 6;
      g_object_unref (line);
    }
  pdf_row (t, (char **)columns, TRUE, TRUE);
  t->y += pdf_row (t, (char **)columns, TRUE, FALSE);
}

static void
pdf_page_end (PdfTable *t)
{
  g_autofree char *number = g_strdup_printf ("— %d —", t->page);
  PangoLayout *layout = pdf_layout (t->cr, "Noto Serif CJK SC", 10, number, -1);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (t->cr, (PDF_WIDTH - w / (double)PANGO_SCALE) / 2,
                 PDF_HEIGHT - PDF_MARGIN / 2 - h / (double)PANGO_SCALE);
  pango_cairo_show_layout (t->cr, layout);
  g_object_unref (layout);
  cairo_show_page (t->cr);
}

/* A landscape A4 table in the dossier's faces: title, the header repeated on every page,
 * figures flush right, page numbers. */
gboolean
zhi_summary_write_pdf (GPtrArray *rows, const char *path, GError **error)
{
  static const double fractions[]
      = { 0.035, 0.13, 0.13, 0.05, 0.075, 0.11, 0.05, 0.05, 0.07, 0.18, 0.05, 0.07 };
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PDF_WIDTH, PDF_HEIGHT);
  PdfTable t = { 0 };
  cairo_status_t status;

  for (guint c = 0; c < 12; c++)
    t.widths[c] = fractions[c] * (PDF_WIDTH - 2 * PDF_MARGIN);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "推荐汇总表");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, zhi_dossier_creator ());
  t.cr = cairo_create (surface);
  pdf_page_start (&t, rows->len);
  for (guint r = 0; r < rows->len; r++)
    {
      g_auto (GStrv) cells = zhi_summary_row_cells (rows->pdata[r], r + 1);
      double h = pdf_row (&t, cells, FALSE, FALSE);

      if (t.y + h > PDF_HEIGHT - PDF_MARGIN)
        {
          pdf_page_end (&t);
          pdf_page_start (&t, rows->len);
        }
      pdf_row (&t, cells, FALSE, TRUE);
      t.y += h;
    }
  pdf_page_end (&t);
  cairo_destroy (t.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ZHI_SUMMARY_ERROR, ZHI_SUMMARY_ERROR_WRITE,
                   _ ("“%s” could not be written: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
zhi_summary_write (GPtrArray *rows, const char *path, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    return zhi_summary_write_csv (rows, path, error);
  if (g_str_has_suffix (lower, ".xlsx"))
    return zhi_summary_write_xlsx (rows, path, error);
  if (g_str_has_suffix (lower, ".pdf"))
    return zhi_summary_write_pdf (rows, path, error);
  g_set_error (error, ZHI_SUMMARY_ERROR, ZHI_SUMMARY_ERROR_FORMAT,
               _ ("“%s” ends in none of .csv, .xlsx or .pdf: name the output file with one of "
                  "them."),
               path);
  return FALSE;
}
