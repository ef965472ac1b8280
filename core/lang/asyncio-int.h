/* Internals shared by asyncio_mod.c and asyncio_objs.c. Not installed. */
#ifndef SL_LANG_ASYNCIO_INT_H
#define SL_LANG_ASYNCIO_INT_H

#include "core/cfunc.h"
#include "core/object.h"

/* A delay/time argument as a double; TypeError for non-numbers. */
int sl__aio_number(sl_rt *rt, sl_value v, const char *what, double *out);
/* RuntimeError('no running event loop') unless the loop runs. */
int sl__aio_running(sl_rt *rt);
bool sl__aio_callable(sl_value v);
sl_obj *sl__aio_name(sl_rt *rt, sl_value v);
/* create_task for asyncio.create_task (module_api) or loop.create_task. */
int sl__aio_create_task(sl_rt *rt, sl_value coro, sl_value name, bool module_api, sl_value *out);
extern const sl_cfunc_def sl__aio_eager_factory_def;

#endif
