/* The standard modules a scenario can import, implemented in C against the
 * simulated environment (DESIGN.md section 4, docs/language.md "Imports").
 *
 * One table (stdmod.c) lists every module by name with the function that
 * fills its namespace; each module lives in its own file, mod_<name>.c.
 * The compiler refuses `import X` for a name not in the table (with the
 * list of what is provided), so nothing is ever silently stubbed; the VM
 * creates a module object the first time it is imported in a run and
 * hands out the same object afterwards.
 *
 * HOW TO ADD A MODULE: write mod_<name>.c defining
 *   int sl_mod_<name>_init(sl_rt *rt, sl_obj *module_dict);
 * (0, or -1 with an exception / rt->fatal), declare it below, add one line
 * to the table in stdmod.c and the file to core/lang/sources.cmake.
 *
 * Ownership: values passed in are borrowed; the module dict takes its own
 * references. */
#ifndef SL_LANG_STDMOD_H
#define SL_LANG_STDMOD_H

#include <stdbool.h>

#include "core/cfunc.h"
#include "core/lang/value.h"
#include "core/object.h"
#include "core/strbuf.h"

typedef int (*sl_stdmod_init)(sl_rt *rt, sl_obj *module_dict);

typedef struct sl_stdmod_def {
  const char *name;    /* "random", "asyncio" */
  sl_stdmod_init init; /* fills the module's namespace (NULL: asyncio) */
} sl_stdmod_def;

/* The module called `name`, or NULL when simloop does not provide it. */
const sl_stdmod_def *sl_stdmod_find(const char *name);
/* For a submodule name "a.b" whose package "a" is provided: the package's
 * name (a static string); else NULL. */
const char *sl_stdmod_package(const char *name);
/* Why simloop refuses module `name` on purpose (static text), or NULL
 * when it is merely not provided. */
const char *sl_stdmod_refusal(const char *name);
/* Appends the provided module names, comma separated, for messages. */
void sl_stdmod_list(sl_strbuf *out);

/* Adds a module-level function (def->name is the Python name, def->label
 * NULL). 0 or -1. */
int sl_stdmod_add_func(sl_rt *rt, sl_obj *module_dict, const sl_cfunc_def *def);
/* Adds the functions of a table ending with a NULL name. 0 or -1. */
int sl_stdmod_add_funcs(sl_rt *rt, sl_obj *module_dict, const sl_cfunc_def *defs);
/* Adds the type object of each class of a NULL-ended table under its
 * name. 0 or -1. */
int sl_stdmod_add_classes(sl_rt *rt, sl_obj *module_dict, const sl_classdef *const *classes);
/* Adds `name` = v (borrowed). 0 or -1. */
int sl_stdmod_add(sl_rt *rt, sl_obj *module_dict, const char *name, sl_value v);

/* Runs src (Python source of simloop's own, len bytes) with the module's
 * namespace as its globals, under the file name `file` in the profile's
 * stdlib folder ("warnings.py"), as tracebacks through it show. 0 or -1. */
int sl_stdmod_run_source(sl_rt *rt, sl_obj *module_dict, const char *file, const char *src,
                         size_t len);
/* The class of a standard module's native object (functools.partial,
 * collections.deque, a defaultdict, ...), or NULL: type() asks it. */
const sl_classdef *sl_stdmod_classdef_of(sl_value v);

/* A read-only live view of `dict` (borrowed), repr mappingproxy({...})
 * (mod_mappingproxy.c). 0 or -1. */
int sl__mappingproxy_new(sl_rt *rt, sl_obj *dict, sl_value *out);

/* The modules (mod_<name>.c). */
int sl_mod_random_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_time_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_timeit_init(sl_rt *rt, sl_obj *module_dict);   /* mod_time.c */
int sl_mod_keyword_init(sl_rt *rt, sl_obj *module_dict);  /* mod_keyword.c */
int sl_mod_errno_init(sl_rt *rt, sl_obj *module_dict);    /* mod_errno.c */
int sl_mod_inspect_init(sl_rt *rt, sl_obj *module_dict);  /* mod_inspect.c */
int sl_mod_warnings_init(sl_rt *rt, sl_obj *module_dict); /* mod_warnings.c */
int sl_mod_weakref_init(sl_rt *rt, sl_obj *module_dict);  /* mod_weakref.c */
int sl_mod_gc_init(sl_rt *rt, sl_obj *module_dict);       /* mod_gc.c */
/* mod_concurrent.c */
int sl_mod_concurrent_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_concurrent_futures_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_concurrent_futures_thread_init(sl_rt *rt, sl_obj *module_dict);
/* time's struct_time functions (mod_datetime_tt.c). */
int sl__time_struct_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_sys_init(sl_rt *rt, sl_obj *module_dict);     /* mod_sys.c */
int sl_mod_os_init(sl_rt *rt, sl_obj *module_dict);      /* mod_sys.c */
int sl_mod_os_path_init(sl_rt *rt, sl_obj *module_dict); /* mod_os_path.c */
/* sys.stdout when the program replaced it (sys.stdout = f,
 * contextlib.redirect_stdout): print() without file= writes there, as
 * CPython's print writes to whatever sys.stdout is. 1 with *out a new
 * reference, 0 when sys.stdout is the process's own (or sys was never
 * imported), -1 error. */
int sl__sys_stdout_replaced(sl_rt *rt, sl_value *out);
int sl_mod_typing_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_types_init(sl_rt *rt, sl_obj *module_dict); /* mod_types.c */
/* A generic alias among a class's bases stands for its origin
 * (__mro_entries__): 1 (*out borrowed), 0 b is not one. Whether a class
 * derives from typing.Generic. A new generic alias origin[key]
 * (mod_typing.c). */
int sl__typing_mro_entry(sl_value b, sl_value *out);
bool sl__typing_is_generic(sl_obj *cls);
int sl__generic_alias_new(sl_rt *rt, sl_value origin, sl_value key, sl_value *out);
/* typing.NamedTuple among a class statement's bases: whether b is it, and
 * the named tuple class the statement makes from its body's namespace ns
 * (borrowed): fields from __annotations__, their defaults, the other
 * attributes copied (mod_typing.c). */
bool sl__typing_is_namedtuple(sl_value b);
int sl__typing_namedtuple_class(sl_rt *rt, sl_obj *name, const char *module, sl_obj *ns,
                                sl_value *out);
int sl_mod_dataclasses_init(sl_rt *rt, sl_obj *module_dict); /* mod_dataclasses.c */
int sl_mod_enum_init(sl_rt *rt, sl_obj *module_dict);        /* mod_enum.c */
int sl_mod_logging_init(sl_rt *rt, sl_obj *module_dict);     /* env */
int sl_mod_contextlib_init(sl_rt *rt, sl_obj *module_dict);  /* env */
int sl_mod_datetime_init(sl_rt *rt, sl_obj *module_dict);    /* mod_datetime*.c */
int sl_mod_contextvars_init(sl_rt *rt, sl_obj *module_dict); /* mod_contextvars.c */
int sl_mod_io_init(sl_rt *rt, sl_obj *module_dict);          /* mod_io.c */
int sl_mod_argparse_init(sl_rt *rt, sl_obj *module_dict);    /* mod_argparse*.c */
int sl_mod_future_init(sl_rt *rt, sl_obj *module_dict);      /* mod_future.c: __future__ */
/* ---- stdlib worktree: pure standard modules (keep together) ---- */
int sl_mod_bisect_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_collections_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_collections_abc_init(sl_rt *rt, sl_obj *module_dict); /* mod_collections_abc*.c */
int sl_mod_functools_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_heapq_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_abc_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_itertools_init(sl_rt *rt, sl_obj *module_dict);
/* itertools.tee (mod_itertools_tee.c). */
int sl__itertools_tee(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
int sl_mod_json_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_math_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_operator_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_statistics_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_string_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_textwrap_init(sl_rt *rt, sl_obj *module_dict);
/* ---- end of the stdlib worktree's modules ---- */
/* asyncio's submodules (mod_asyncio_sub.c). */
int sl_mod_asyncio_events_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_exceptions_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_futures_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_locks_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_queues_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_runners_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_taskgroups_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_protocols_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_transports_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_tasks_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_timeouts_init(sl_rt *rt, sl_obj *module_dict);
int sl_mod_asyncio_trsock_init(sl_rt *rt, sl_obj *module_dict);

#endif
