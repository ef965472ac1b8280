/* The `errno` module (Modules/errnomodule.c): the platform's error numbers
 * by name, and errno.errorcode mapping each number back to a name. The
 * platform is the profile's (core/errno_tab.h: Linux for 3.11, Pyodide's
 * Emscripten numbering for 3.12-3.14), so a program prints the numbers
 * the matching CPython prints. */
#include <string.h>

#include "core/dict.h"
#include "core/errno_tab.h"
#include "core/lang/modules/stdmod.h"
#include "core/rt.h"
#include "core/str.h"

int sl_mod_errno_init(sl_rt *rt, sl_obj *module_dict) {
  size_t n;
  const sl_errno_def *t = sl_errno_table(&n);
  sl_obj *codes = sl_dict_new(rt);
  if (!codes) return -1;
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    if (!sl_errno_present(rt->profile, &t[i])) continue;
    sl_obj *name = sl_str_new(rt, t[i].name, strlen(t[i].name));
    /* add_errcode: the name in the module, then errorcode[code] = name. */
    rc = !name ||
         sl_stdmod_add(rt, module_dict, t[i].name, sl_int(sl_errno_value(rt->profile, &t[i]))) ||
         sl_dict_set(rt, codes, sl_int(sl_errno_code(rt->profile, &t[i])), sl_obj_val(name));
    sl_decref(rt, name);
  }
  if (!rc) rc = sl_stdmod_add(rt, module_dict, "errorcode", sl_obj_val(codes));
  sl_decref(rt, codes);
  return rc ? -1 : 0;
}
