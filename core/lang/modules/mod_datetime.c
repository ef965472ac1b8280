/* The datetime module: its classes (mod_datetime_*.c), MINYEAR, MAXYEAR,
 * UTC, and the helpers its files share. */
#include <string.h>

#include "core/exc.h"
#include "core/long.h"
#include "core/lang/modules/mod_datetime-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/rt.h"
#include "core/str.h"

int sl__dt_int_arg(sl_rt *rt, sl_value v, int64_t *out) {
  if (v.tag == SL_V_INT) return *out = v.u.i, 0;
  if (v.tag == SL_V_BOOL) return *out = v.u.b, 0;
  if (v.tag == SL_V_FLOAT)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'float' object cannot be interpreted as an integer");
  if (sl_is_intish(v))
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C int");
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                  sl_type_name(v));
}

int sl__dt_bind(sl_rt *rt, const sl_args *args, const char *const *names, size_t n, size_t nreq,
                size_t npos, sl_value *out) {
  size_t given = args->npos + args->nkw;
  if (npos == n && given > n)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "function takes at most %zu arguments (%zu given)", n,
                    given);
  if (args->npos > npos)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "function takes at most %zu positional arguments (%zu given)", npos,
                    args->npos);
  for (size_t i = 0; i < n; i++) out[i] = i < args->npos ? args->pos[i] : sl_undef();
  for (size_t k = 0; k < args->nkw; k++) {
    const char *kw = sl_str_cstr(args->kwnames[k]);
    size_t i = 0;
    while (i < n && strcmp(names[i], kw)) i++;
    if (i == n)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "'%s' is an invalid keyword argument for this function", kw);
    if (!sl_is_undef(out[i]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "argument for function given by name ('%s') and position (%zu)", kw, i + 1);
    out[i] = args->kwvals[k];
  }
  for (size_t i = 0; i < nreq; i++)
    if (sl_is_undef(out[i]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "function missing required argument '%s' (pos %zu)",
                      names[i], i + 1);
  return 0;
}

int sl__dt_classmethod(sl_rt *rt, sl_obj *cls, const sl_cfunc_def *def, sl_value *out) {
  sl_obj *f = sl_cfunc_new(rt, def, sl_obj_val(cls));
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 1;
}

int sl_mod_datetime_init(sl_rt *rt, sl_obj *module_dict) {
  static const sl_classdef *const classes[] = {&sl__dt_date_class,
                                               &sl__dt_datetime_class,
                                               &sl__dt_time_class,
                                               &sl__dt_delta_class,
                                               &sl__dt_tz_class,
                                               &sl__dt_tzinfo_class,
                                               NULL};
  if (sl_stdmod_add_classes(rt, module_dict, classes)) return -1;
  sl_value utc = sl__tz_utc(rt);
  if (sl_is_undef(utc)) return -1;
  int rc = sl_stdmod_add(rt, module_dict, "UTC", utc);
  sl_vdecref(rt, utc);
  return rc || sl_stdmod_add(rt, module_dict, "MINYEAR", sl_int(SL_DT_MINYEAR)) ||
                 sl_stdmod_add(rt, module_dict, "MAXYEAR", sl_int(SL_DT_MAXYEAR))
             ? -1
             : 0;
}
