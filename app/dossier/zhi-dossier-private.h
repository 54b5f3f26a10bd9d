/* zhi-dossier-private.h — what zhi-dossier.c (the job: evidence, list, output) and
 * zhi-dossier-body.c (the sections of the body) share */
#pragma once

#include <pango/pangocairo.h>

#include "zhi-dossier.h"
#include "zhi-pdf-doc.h"
#include "zhi-store.h"

G_BEGIN_DECLS

/* the share of a key-value table's width taken by its keys */
#define KEY_FRACTION 0.3

/* One 附件 of the dossier. */
typedef struct
{
  guint number;
  char *id;
  char *title;
  char *file_name;
  char *media_type;
  char *sha256;
  char *pdf_sha256; /* an office document's PDF, or NULL */
  char **supports;
  char *supports_text;  /* the labels of what it supports */
  guint n_pages;        /* counted in phase 2 (0: unknown) */
  char *problem;        /* why it does not open (ZHI_EVIDENCE_PROBLEM_*), "" when usable */
  gboolean no_printing; /* an original PDF whose permissions forbid printing */
  char dest[16];        /* "att-N" */
} Entry;

/* What the body's sections are built from (phase 1, on the thread owning the project). */
typedef struct
{
  ZhiPdfDoc *doc;
  ZhiProject *project;
  ZhiStandard *standard;
  ZhiScore *score;
  ZhiEligibility *eligibility;
  ZhiAnswers *answers;
  GPtrArray *entries; /* Entry * */
  const char *track;  /* 数字化车间 … */
  gboolean workshop;
} Builder;

/* The Chinese member of a bilingual text: the dossier is a Chinese document. */
static inline const char *
zh (const ZhiText *text)
{
  return zhi_text_get_chinese (text);
}

/* What the dossier prints for a field left empty. */
static inline const char *
or_blank (const char *s)
{
  return s != NULL && s[0] != '\0' ? s : "（未填写）";
}

/* The labels of a criterion or indicator id, as the dossier names it ("（二）…"). */
char *zhi_dossier_support_label (Builder *b, const char *id);
/* Draws @text with its left (or right, @right) edge at @x, centred on @y; returns its width. */
double zhi_dossier_chart_text (
    cairo_t *cr, double x, double y, double size, const char *text, gboolean right);

/* The body's sections, in their order. */
void zhi_dossier_add_cover (Builder *b, GDateTime *date);
void zhi_dossier_add_commitment (Builder *b);
void zhi_dossier_add_contents (Builder *b);
void zhi_dossier_add_enterprise (Builder *b);
void zhi_dossier_add_eligibility (Builder *b);
void zhi_dossier_add_score (Builder *b);
void zhi_dossier_add_content (Builder *b);
void zhi_dossier_add_kpis (Builder *b);

G_END_DECLS
