/* contextlib, the part in mod_contextlib_stack.c. */
#ifndef SL_LANG_MOD_CONTEXTLIB_INT_H
#define SL_LANG_MOD_CONTEXTLIB_INT_H

#include "core/object.h"

/* Adds ExitStack and AsyncExitStack to the module dict. 0 or -1. */
int sl__contextlib_stack_init(sl_rt *rt, sl_obj *module_dict);
/* Adds redirect_stdout and redirect_stderr (mod_contextlib_redirect.c). */
int sl__contextlib_redirect_init(sl_rt *rt, sl_obj *module_dict);

#endif
