/* Shared between builtins.c and builtins_types.c. Private to core/lang. */
#ifndef SL_LANG_BUILTINS_INT_H
#define SL_LANG_BUILTINS_INT_H

#include "core/lang/iter-int.h"

/* NULL-terminated table of the builtin functions. */
extern const sl_cfunc_def sl__builtin_funcs[];
/* print, vars (builtins_print.c). */
extern const sl_cfunc_def sl__builtin_io_funcs[];
/* aiter, anext (builtins_async.c). */
extern const sl_cfunc_def sl__builtin_async_funcs[];
/* id, delattr (builtins_obj.c). */
extern const sl_cfunc_def sl__builtin_obj_funcs[];
extern const sl_cfunc_def sl__builtin_names_funcs[]; /* builtins_names.c */
/* Constructors of the lazy iterator types. */
extern const sl_cfunc_def sl__ctor_reversed, sl__ctor_enumerate, sl__ctor_zip, sl__ctor_map,
    sl__ctor_filter;

#endif
