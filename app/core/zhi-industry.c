/* zhi-industry.c — GB/T 4754-2017 manufacturing divisions 13–43 */
#include "zhi-industry.h"

#include <string.h>

#define P ZHI_INDUSTRY_TRACK_PROCESS
#define D ZHI_INDUSTRY_TRACK_DISCRETE

static const ZhiIndustryDivision divisions[] = {
  { "13", "农副食品加工业", "Processing of food from agricultural products", P },
  { "14", "食品制造业", "Manufacture of foods", P },
  { "15", "酒、饮料和精制茶制造业", "Manufacture of liquor, beverages and refined tea", P },
  { "16", "烟草制品业", "Manufacture of tobacco products", P },
  { "17", "纺织业", "Manufacture of textiles", P },
  { "18", "纺织服装、服饰业", "Manufacture of textile garments and apparel", D },
  { "19", "皮革、毛皮、羽毛及其制品和制鞋业",
    "Manufacture of leather, fur, feathers and related products, and footwear", D },
  { "20", "木材加工和木、竹、藤、棕、草制品业",
    "Processing of timber and manufacture of wood, bamboo, rattan, palm and straw products", D },
  { "21", "家具制造业", "Manufacture of furniture", D },
  { "22", "造纸和纸制品业", "Manufacture of paper and paper products", P },
  { "23", "印刷和记录媒介复制业", "Printing and reproduction of recording media", D },
  { "24", "文教、工美、体育和娱乐用品制造业",
    "Manufacture of articles for culture, education, arts and crafts, sport and entertainment", D },
  { "25", "石油、煤炭及其他燃料加工业", "Processing of petroleum, coal and other fuels", P },
  { "26", "化学原料和化学制品制造业", "Manufacture of raw chemical materials and chemical products",
    P },
  { "27", "医药制造业", "Manufacture of medicines", P },
  { "28", "化学纤维制造业", "Manufacture of chemical fibres", P },
  { "29", "橡胶和塑料制品业", "Manufacture of rubber and plastic products", D },
  { "30", "非金属矿物制品业", "Manufacture of non-metallic mineral products", P },
  { "31", "黑色金属冶炼和压延加工业", "Smelting and pressing of ferrous metals", P },
  { "32", "有色金属冶炼和压延加工业", "Smelting and pressing of non-ferrous metals", P },
  { "33", "金属制品业", "Manufacture of metal products", D },
  { "34", "通用设备制造业", "Manufacture of general-purpose machinery", D },
  { "35", "专用设备制造业", "Manufacture of special-purpose machinery", D },
  { "36", "汽车制造业", "Manufacture of automobiles", D },
  { "37", "铁路、船舶、航空航天和其他运输设备制造业",
    "Manufacture of railway, ship, aerospace and other transport equipment", D },
  { "38", "电气机械和器材制造业", "Manufacture of electrical machinery and equipment", D },
  { "39", "计算机、通信和其他电子设备制造业",
    "Manufacture of computers, communication and other electronic equipment", D },
  { "40", "仪器仪表制造业", "Manufacture of measuring instruments and meters", D },
  { "41", "其他制造业", "Other manufacturing", D },
  { "42", "废弃资源综合利用业", "Comprehensive utilization of waste resources", D },
  { "43", "金属制品、机械和设备修理业", "Repair of metal products, machinery and equipment", D },
};

#undef P
#undef D

const ZhiIndustryDivision *
zhi_industry_list (guint *n_divisions)
{
  if (n_divisions != NULL)
    *n_divisions = G_N_ELEMENTS (divisions);
  return divisions;
}

/* The digits of a code query ("C 36" → "36"), or NULL when it is not one.  The section
 * letter C is optional; white space anywhere is ignored. */
static char *
code_digits (const char *query)
{
  GString *digits;
  const char *p = query;

  if (query == NULL)
    return NULL;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == 'C' || *p == 'c')
    p++;
  digits = g_string_new (NULL);
  for (; *p; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isdigit (*p))
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
      g_string_append_c (digits, *p);
    }
  if (digits->len == 0)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

const ZhiIndustryDivision *
zhi_industry_lookup (const char *code)
{
  g_autofree char *digits = code_digits (code);

  if (digits == NULL || strlen (digits) < 2 || strlen (digits) > 4)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (divisions); i++)
    if (strncmp (divisions[i].code, digits, 2) == 0)
      return &divisions[i];
  return NULL;
}

const char *
zhi_industry_suggested_track (const char *code)
{
  const ZhiIndustryDivision *division = zhi_industry_lookup (code);

  return division ? division->suggested_track : NULL;
}

gboolean
zhi_industry_track_allowed (const char *code, const char *track)
{
  if (zhi_industry_lookup (code) == NULL || track == NULL)
    return FALSE;
  return g_str_equal (track, ZHI_INDUSTRY_TRACK_WORKSHOP)
         || g_str_equal (track, ZHI_INDUSTRY_TRACK_PROCESS)
         || g_str_equal (track, ZHI_INDUSTRY_TRACK_DISCRETE);
}

static gboolean
language_is_chinese (void)
{
  const char *const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

const char *
zhi_industry_division_name (const ZhiIndustryDivision *division)
{
  g_return_val_if_fail (division != NULL, NULL);
  return language_is_chinese () ? division->name_zh : division->name_en;
}

GPtrArray *
zhi_industry_search (const char *query)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autofree char *trimmed = g_strstrip (g_strdup (query ? query : ""));
  g_autofree char *digits = code_digits (trimmed);
  g_autofree char *folded = NULL;

  if (digits != NULL)
    {
      /* a class code (3–4 digits) narrows to its division */
      if (strlen (digits) > 2)
        digits[2] = '\0';
      for (gsize i = 0; i < G_N_ELEMENTS (divisions); i++)
        if (g_str_has_prefix (divisions[i].code, digits))
          g_ptr_array_add (found, (gpointer)&divisions[i]);
      return found;
    }

  folded = g_utf8_casefold (trimmed, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (divisions); i++)
    {
      g_autofree char *en = g_utf8_casefold (divisions[i].name_en, -1);

      if (*trimmed == '\0' || strstr (divisions[i].name_zh, trimmed) != NULL
          || strstr (en, folded) != NULL)
        g_ptr_array_add (found, (gpointer)&divisions[i]);
    }
  return found;
}
