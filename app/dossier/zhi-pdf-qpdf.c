/* zhi-pdf-qpdf.c — small helpers over libqpdf's C API, shared by the assembly and its links */
#include "zhi-pdf-qpdf.h"

qpdf_oh
zhi_qpdf_new_real (qpdf_data q, double v)
{
  return qpdf_oh_new_real_from_double (q, v, 4);
}

qpdf_oh
zhi_qpdf_new_numbers (qpdf_data q, const double *v, guint n)
{
  qpdf_oh a = qpdf_oh_new_array (q);

  for (guint i = 0; i < n; i++)
    qpdf_oh_append_item (q, a, zhi_qpdf_new_real (q, v[i]));
  return a;
}

/* @oh of @ev copied into @q: indirect objects by qpdf (each once: qpdf remembers what it copied
 * from @ev), direct ones here (qpdf copies indirect objects only; making one indirect in @ev
 * would have qpdf resolve every object of @ev first). */
qpdf_oh
zhi_qpdf_copy_value (qpdf_data q, qpdf_data ev, qpdf_oh oh, guint depth)
{
  if (qpdf_oh_is_indirect (ev, oh))
    return qpdf_oh_copy_foreign_object (q, ev, oh);
  if (depth > 32)
    return qpdf_oh_new_null (q);
  if (qpdf_oh_is_dictionary (ev, oh))
    {
      g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      qpdf_oh copy = qpdf_oh_new_dictionary (q);

      /* qpdf's key iteration cannot nest: the keys first */
      qpdf_oh_begin_dict_key_iter (ev, oh);
      while (qpdf_oh_dict_more_keys (ev))
        g_ptr_array_add (keys, g_strdup (qpdf_oh_dict_next_key (ev)));
      for (guint k = 0; k < keys->len; k++)
        qpdf_oh_replace_key (
            q, copy, keys->pdata[k],
            zhi_qpdf_copy_value (q, ev, qpdf_oh_get_key (ev, oh, keys->pdata[k]), depth + 1));
      return copy;
    }
  if (qpdf_oh_is_array (ev, oh))
    {
      qpdf_oh copy = qpdf_oh_new_array (q);
      int n = qpdf_oh_get_array_n_items (ev, oh);

      for (int k = 0; k < n; k++)
        qpdf_oh_append_item (
            q, copy, zhi_qpdf_copy_value (q, ev, qpdf_oh_get_array_item (ev, oh, k), depth + 1));
      return copy;
    }
  /* a number, name, string, boolean or null */
  return qpdf_oh_parse (q, qpdf_oh_unparse (ev, oh));
}

/* qpdf warns (into the evidence file's warnings, which fail the dossier) when a key is asked of
 * what is not a dictionary, or an item of what is not an array: these ask only when it is. */
qpdf_oh
zhi_qpdf_key (qpdf_data q, qpdf_oh oh, const char *key)
{
  return qpdf_oh_is_dictionary (q, oh) ? qpdf_oh_get_key (q, oh, key) : qpdf_oh_new_null (q);
}

int
zhi_qpdf_n_items (qpdf_data q, qpdf_oh oh)
{
  return qpdf_oh_is_array (q, oh) ? qpdf_oh_get_array_n_items (q, oh) : 0;
}

gboolean
zhi_qpdf_came_in_object_streams (qpdf_data q)
{
  qpdf_oh trailer = qpdf_get_trailer (q);

  return qpdf_oh_is_name_and_equals (q, qpdf_oh_get_key (q, trailer, "/Type"), "/XRef")
         || qpdf_oh_has_key (q, trailer, "/XRefStm");
}

qpdf_data
zhi_qpdf_new (gboolean recovery)
{
  qpdf_data q = qpdf_init ();

  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  qpdf_set_attempt_recovery (q, recovery ? QPDF_TRUE : QPDF_FALSE);
  return q;
}
