/* The table of standard modules (see stdmod.h). */
#include "core/lang/modules/stdmod.h"

#include <stdio.h>
#include <string.h>

#include "core/dict-int.h"
#include "core/lang/code.h"
#include "core/lang/diag.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/pysource.h"
#include "core/rt.h"

/* ---- REGISTER MODULES HERE (alphabetical) ------------------------------ */
static const sl_stdmod_def modules[] = {
    {"__future__", sl_mod_future_init}, /* mod_future.c */
    {"abc", sl_mod_abc_init},           /* mod_abc.c (ABCMeta: vm_meta.c) */
    {"argparse", sl_mod_argparse_init}, /* mod_argparse*.c */
    {"asyncio", NULL},                  /* built by its binders: sl_asyncio_module_new */
    {"asyncio.events", sl_mod_asyncio_events_init},
    {"asyncio.exceptions", sl_mod_asyncio_exceptions_init},
    {"asyncio.futures", sl_mod_asyncio_futures_init},
    {"asyncio.locks", sl_mod_asyncio_locks_init},
    {"asyncio.protocols", sl_mod_asyncio_protocols_init},
    {"asyncio.queues", sl_mod_asyncio_queues_init},
    {"asyncio.runners", sl_mod_asyncio_runners_init},
    {"asyncio.taskgroups", sl_mod_asyncio_taskgroups_init},
    {"asyncio.tasks", sl_mod_asyncio_tasks_init},
    {"asyncio.timeouts", sl_mod_asyncio_timeouts_init},
    {"asyncio.transports", sl_mod_asyncio_transports_init},
    {"asyncio.trsock", sl_mod_asyncio_trsock_init},
    {"concurrent", sl_mod_concurrent_init}, /* mod_concurrent.c */
    {"concurrent.futures", sl_mod_concurrent_futures_init},
    {"concurrent.futures.thread", sl_mod_concurrent_futures_thread_init},
    {"contextlib", sl_mod_contextlib_init}, /* env */
    {"contextvars", sl_mod_contextvars_init},
    {"dataclasses", sl_mod_dataclasses_init},
    {"datetime", sl_mod_datetime_init},
    {"enum", sl_mod_enum_init},
    {"errno", sl_mod_errno_init},     /* mod_errno.c, core/errno_tab.c */
    {"gc", sl_mod_gc_init},           /* no cycle collector: mod_gc.c */
    {"inspect", sl_mod_inspect_init}, /* the predicates: mod_inspect.c */
    {"io", sl_mod_io_init},           /* StringIO, BytesIO: mod_io.c */
    {"keyword", sl_mod_keyword_init}, /* mod_keyword.c */
    {"logging", sl_mod_logging_init}, /* env */
    /* stdlib worktree: the pure standard modules (keep together) */
    {"bisect", sl_mod_bisect_init},
    {"collections", sl_mod_collections_init},
    {"collections.abc", sl_mod_collections_abc_init},
    {"functools", sl_mod_functools_init},
    {"heapq", sl_mod_heapq_init},
    {"itertools", sl_mod_itertools_init},
    {"json", sl_mod_json_init},
    {"math", sl_mod_math_init},
    {"operator", sl_mod_operator_init},
    {"statistics", sl_mod_statistics_init},
    {"string", sl_mod_string_init},
    {"textwrap", sl_mod_textwrap_init},
    /* end of the stdlib worktree's modules */
    {"os", sl_mod_os_init},
    {"os.path", sl_mod_os_path_init},
    {"random", sl_mod_random_init},
    {"socket", NULL}, /* the simulated sockets: sl_socket_module_new (socket_mod.c) */
    {"sys", sl_mod_sys_init},
    {"time", sl_mod_time_init},
    {"timeit", sl_mod_timeit_init}, /* default_timer: mod_time.c */
    {"types", sl_mod_types_init},   /* mod_types.c */
    {"typing", sl_mod_typing_init},
    {"warnings", sl_mod_warnings_init}, /* mod_warnings.c */
    {"weakref", sl_mod_weakref_init},   /* ref, WeakSet: mod_weakref.c */
};

const sl_stdmod_def *sl_stdmod_find(const char *name) {
  if (!name) return NULL;
  for (size_t i = 0; i < sizeof modules / sizeof *modules; i++)
    if (!strcmp(modules[i].name, name)) return &modules[i];
  return NULL;
}

const char *sl_stdmod_package(const char *name) {
  const char *dot = name ? strchr(name, '.') : NULL;
  if (!dot) return NULL;
  size_t n = (size_t)(dot - name);
  for (size_t i = 0; i < sizeof modules / sizeof *modules; i++)
    if (!strncmp(modules[i].name, name, n) && modules[i].name[n] == '\0') return modules[i].name;
  return NULL;
}

/* Modules refused on purpose, with the reason a user needs (docs/language.md
 * "Imports and the asyncio module"). */
static const struct {
  const char *name, *why;
} refusals[] = {
    {"tempfile", "it makes real files, and the simulated machine has no file system (opening "
                 "files is refused: DESIGN.md section 4)"},
    {"tracemalloc", "it traces the host interpreter's allocations; a simloop run has no CPython "
                    "heap (--max-memory bounds what a run may hold)"},
    {"doctest", "it runs examples through CPython's compile() and exec(), which simloop does not "
                "have; write the examples as a scenario"},
    {"subprocess", "processes are outside the simulated machine (DESIGN.md section 4)"},
    {"multiprocessing", "processes are outside the simulated machine (DESIGN.md section 4)"},
    {"threading", "threads exist only as the simulated pool: asyncio.to_thread, "
                  "loop.run_in_executor and concurrent.futures.ThreadPoolExecutor"},
    {"importlib", "loading modules from file paths is CPython's import machinery on real files; "
                  "import the program's own modules by name (--path)"},
    {"importlib.util", "loading modules from file paths is CPython's import machinery on real "
                       "files; import the program's own modules by name (--path)"},
    {"pdb", "an interactive debugger needs the host interpreter; simloop replay and show "
            "reproduce a run step by step"},
};

const char *sl_stdmod_refusal(const char *name) {
  for (size_t i = 0; i < sizeof refusals / sizeof *refusals; i++)
    if (!strcmp(refusals[i].name, name)) return refusals[i].why;
  return NULL;
}

void sl_stdmod_list(sl_strbuf *out) {
  bool first = true;
  for (size_t i = 0; i < sizeof modules / sizeof *modules; i++) {
    if (strchr(modules[i].name, '.')) continue; /* submodules: with their package */
    sl_strbuf_printf(out, "%s%s", first ? "" : ", ", modules[i].name);
    first = false;
  }
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

int sl_stdmod_add_classes(sl_rt *rt, sl_obj *module_dict, const sl_classdef *const *classes) {
  for (; *classes; classes++) {
    sl_value cls;
    if (sl_typeobj_of_class(rt, *classes, &cls)) return -1;
    int rc = sl_stdmod_add(rt, module_dict, (*classes)->name, cls);
    sl_vdecref(rt, cls);
    if (rc) return -1;
  }
  return 0;
}

/* ---- the classes of the standard modules' native objects ---------------- */

/* stdlib worktree (keep together) */
extern const sl_classdef sl__partial_class, sl__deque_class, sl__chainmap_class;
/* env: io */
extern const sl_classdef sl__stringio_class, sl__bytesio_class, sl__redirect_stdout_class,
    sl__redirect_stderr_class, sl__ap_parser_class, sl__ap_namespace_class;
/* datetime worktree */
extern const sl_classdef sl__dt_delta_class, sl__dt_date_class, sl__dt_datetime_class,
    sl__dt_time_class, sl__dt_tz_class;
/* types (mod_types.c) */
extern const sl_classdef sl__simple_ns_class, sl__mappingproxy_class;
static const sl_classdef *const native_classes[] = {
    &sl__simple_ns_class,       &sl__mappingproxy_class,   &sl__partial_class,
    &sl__deque_class,           &sl__chainmap_class,       &sl__dt_delta_class,
    &sl__dt_date_class,         &sl__dt_datetime_class,    &sl__dt_time_class,
    &sl__dt_tz_class,           &sl__stringio_class,       &sl__bytesio_class,
    &sl__redirect_stdout_class, &sl__redirect_stderr_class};

const sl_classdef *sl_stdmod_classdef_of(sl_value v) {
  if (!sl_is_obj(v)) return NULL;
  const sl_dict_kind *k = sl__dict_kind(v);
  if (k) return (const sl_classdef *)k->cls;
  for (size_t i = 0; i < sizeof native_classes / sizeof *native_classes; i++)
    if (native_classes[i]->types[0] == v.u.o->type) return native_classes[i];
  return NULL;
}

int sl_stdmod_run_source(sl_rt *rt, sl_obj *module_dict, const char *file, const char *src,
                         size_t len) {
  const char *dir = rt->stdlib_dir ? rt->stdlib_dir : sl_pysource_default_dir(rt->profile);
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  sl_diag diag;
  sl_obj *code = sl_vm_compile_source(rt, path, src, len, &diag);
  if (!code)
    return rt->fatal ? -1
                     : sl_raise(rt, SL_EXC_RUNTIME_ERROR, "simloop: %s: %s", file, diag.message);
  int rc = sl_vm_exec_code(rt, code, module_dict);
  sl_decref(rt, code);
  return rc;
}
