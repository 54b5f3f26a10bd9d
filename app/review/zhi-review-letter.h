/* zhi-review-letter.h — the bureau's 推荐函 draft, as a PDF in the dossier's look
 *
 * It lists the applications the review recommends, in rank order, with what the
 * applications themselves say (申报单位, 统一社会信用代码, 申报类型, 车间/工厂名称, the scores)
 * and the reviewer's 推荐意见; then the bureau's name, the date (年月日) and the place for the
 * seal.  It is marked 草稿: the bureau completes, signs and stamps it.
 */
#pragma once

#include "zhi-review.h"

G_BEGIN_DECLS

/* @date: the letter's date (NULL: today).  @path is replaced only on success. */
gboolean
zhi_review_write_letter (ZhiReview *review, GDateTime *date, const char *path, GError **error);

G_END_DECLS
