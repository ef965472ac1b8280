/* The table of standard modules (see stdmod.h). */
#include "core/lang/modules/stdmod.h"

#include <string.h>

#include "core/dict.h"

/* ---- REGISTER MODULES HERE (alphabetical) ------------------------------ */
static const sl_stdmod_def modules[] = {
    {"asyncio", NULL}, /* built by its binders: sl_asyncio_module_new */
    {"os", sl_mod_os_init},
    {"random", sl_mod_random_init},
    {"sys", sl_mod_sys_init},
    {"time", sl_mod_time_init},
    {"typing", sl_mod_typing_init},
};

const sl_stdmod_def *sl_stdmod_find(const char *name) {
  if (!name) return NULL;
  for (size_t i = 0; i < sizeof modules / sizeof *modules; i++)
    if (!strcmp(modules[i].name, name)) return &modules[i];
  return NULL;
}

void sl_stdmod_list(sl_strbuf *out) {
  for (size_t i = 0; i < sizeof modules / sizeof *modules; i++)
    sl_strbuf_printf(out, "%s%s", i ? ", " : "", modules[i].name);
}

int sl_stdmod_add(sl_rt *rt, sl_obj *module_dict, const char *name, sl_value v) {
  return sl_dict_set_str(rt, module_dict, name, v);
}

int sl_stdmod_add_func(sl_rt *rt, sl_obj *module_dict, const sl_cfunc_def *def) {
  sl_obj *f = sl_cfunc_new(rt, def, sl_undef());
  if (!f) return -1;
  int rc = sl_dict_set_str(rt, module_dict, def->name, sl_obj_val(f));
  sl_decref(rt, f);
  return rc;
}

int sl_stdmod_add_funcs(sl_rt *rt, sl_obj *module_dict, const sl_cfunc_def *defs) {
  for (; defs->name; defs++)
    if (sl_stdmod_add_func(rt, module_dict, defs)) return -1;
  return 0;
}
