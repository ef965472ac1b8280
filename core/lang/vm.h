/* The scenario VM: compiles a parsed module and runs its bytecode.
 *
 * One sl_lang per run (rt->lang, freed by rt->lang_free) holds the
 * builtins and module namespaces, the source text (for tracebacks), the
 * frame that is executing, the `asyncio` module and where print() output
 * goes.
 *
 * Exceptions follow CPython: a Python-level error is pending in rt->exc;
 * every frame it unwinds through appends a traceback entry; a new
 * exception raised while another is being handled gets it as __context__.
 *
 * Ownership: sl_lang owns its dicts, the module object and a copy of the
 * source. sl_vm_compile returns a new reference to the module's code. */
#ifndef SL_LANG_VM_H
#define SL_LANG_VM_H

#include <stdio.h>

#include "core/lang/ast.h"
#include "core/lang/code.h"
#include "core/lang/diag.h"
#include "core/lang/usermod.h"
#include "core/rt.h"
#include "core/object.h"

typedef struct sl_lang {
  sl_obj *builtins;    /* owned dict */
  sl_obj *globals;     /* owned dict: the __main__ module */
  sl_obj *asyncio;     /* owned module object, created on first import */
  sl_obj *modules;     /* owned dict name -> module: the other imported modules */
  sl_modfinder finder; /* the program's own modules (usermod.h); set before compiling */
  sl_usermod *user;    /* owned array: the program modules compiled so far */
  size_t nuser, capuser;
  /* The simulated process (borrowed, outliving the run): sys.argv[1:] and
   * the environment variables, "NAME=VALUE" (a later one wins). */
  const char *const *argv_extra;
  size_t nargv_extra;
  const char *const *env_vars;
  size_t nenv_vars;
  /* The --path folders (borrowed), which sys.path lists after the
   * scenario's own folder. */
  const char *const *path_dirs;
  size_t npath_dirs;
  bool seeds_random;    /* the program imports random: seed it before the body */
  uint64_t random_seed; /* the `seed` decision taken before the module body */
  sl_obj *loop_obj;     /* owned: what get_running_loop() returns */
  uint32_t loop_gen;    /* generation of the engine loop (asyncio_loop.c) */
  bool loop_used;       /* the current generation ran or was given to asyncio.run */
  sl_obj *cur_loop;     /* owned: the policy's current loop (set_event_loop), or NULL */
  bool loop_set_called; /* set_event_loop() was called (no implicit loop any more) */
  sl_frame *frame;      /* borrowed: the innermost executing frame */
  char *filename;       /* owned copy */
  const char *src;      /* borrowed: the source, for traceback lines (see sl_vm_init) */
  size_t srclen;
  FILE *out_file;     /* print() destination, or NULL */
  FILE *err_file;     /* sys.stderr's destination, or NULL (discarded) */
  sl_strbuf *out_buf; /* ... or a caller-owned buffer (both may be NULL) */
  sl_strbuf line;     /* the current output line, until its newline */
  uint32_t depth;     /* nested VM evaluations (calls and resumes) */
  /* Loop iterations (backward jumps) allowed within one step of the event
   * loop, 0: unlimited; a loop that never awaits never lets the step end. */
  uint64_t max_iterations;
  /* The budgets' count (vm_ops_control-int.h iteration_over_budget):
   * every loop iteration of the run goes to iterations_run; those of
   * earlier steps than iterations_step to iterations_base. Below
   * iterations_check a backward jump only counts: no budget can run out
   * before. iterations: the step's count as of the last check, so at a
   * budget's end the count that ran it out (scenario.c's report). */
  uint64_t iterations;
  uint64_t iterations_step;
  uint64_t iterations_run;
  uint64_t iterations_base;
  uint64_t iterations_check;
  /* Asked every 65536 iterations of the run (iterations_run: counted
   * across steps, so many steps of a few thousand iterations each are
   * caught too) whether an outside budget (the wall clock) ran out: true
   * ends the run as SL_EBUDGET. NULL: never. */
  bool (*budget_out)(void *ctx);
  void *budget_ctx;
  /* Async generators first iterated while the loop ran, in that order
   * (vm_agen.c): borrowed, as BaseEventLoop._asyncgens is a WeakSet; a
   * generator leaves the array when it is freed. */
  sl_obj **asyncgens;
  size_t nasyncgens, asyncgens_cap;
  bool asyncgens_shutdown_called;
  /* Warnings shown so far (sl_vm_warn_deprecated): each message (static
   * text) once per line of __main__; owned array. */
  struct sl_warned {
    const char *message;
    int line;
  } * warned;
  size_t nwarned, warned_cap;
  sl_obj *token_missing; /* owned: contextvars.Token.MISSING, made on first use */
} sl_lang;

/* Creates the run's language state (builtins, module namespace). `src` is
 * borrowed: it must outlive the run. 0 or -1 (rt->fatal). */
int sl_vm_init(sl_rt *rt, const char *filename, const char *src, size_t len);
static inline sl_lang *sl_vm_lang(sl_rt *rt) { return (sl_lang *)rt->lang; }

/* Compiles the module. Returns the module's code object, or NULL with *diag
 * filled (unsupported construct, bad scope, out of memory). */
sl_obj *sl_vm_compile(sl_rt *rt, const sl_ast_module *mod, sl_diag *diag);
/* Parses and compiles `src` a top-level statement at a time, each
 * statement's tree freed once compiled: the front end's memory is the
 * compiled code plus one statement's tree, not the whole file's tree
 * (docs/performance.md "Large sources"). The same code object and the
 * same errors as sl_parse + sl_vm_compile: a syntax error anywhere, else
 * the first scope error, else the first code generation error. NULL with
 * *diag filled (and rt->fatal on no memory). */
sl_obj *sl_vm_compile_source(sl_rt *rt, const char *filename, const char *src, size_t len,
                             sl_diag *diag);
/* The same for one of the program's own modules (usermod.h): `src` is its
 * text (for diagnostics), `package` what its relative imports resolve
 * against ("" for a top-level module). */
sl_obj *sl__vm_compile_module(sl_rt *rt, const sl_ast_module *mod, const char *src, size_t srclen,
                              const char *package, sl_diag *diag);

/* Runs the module body. 0, or -1 with an uncaught exception pending in
 * rt->exc (or rt->fatal set). */
int sl_vm_run_module(sl_rt *rt, sl_obj *code);
/* Runs module-level `code` with `globals` as its namespace and drops what
 * it returns (the body of an imported module, a module's Python source).
 * 0, or -1 with the exception pending in rt->exc (or rt->fatal set). */
int sl_vm_exec_code(sl_rt *rt, sl_obj *code, sl_obj *globals);

/* Runs frame `f` until it returns, raises or (coroutines) suspends at an
 * await. `mode` says how it is resumed: `in` is the value sent
 * (SL_RESUME_SEND; borrowed), the exception thrown in (SL_RESUME_THROW;
 * borrowed, sl_obj_val of it), or unread (SL_RESUME_START). One argument
 * for both keeps `out` in a register (six of them) at every eval. */
typedef enum sl_resume { SL_RESUME_START, SL_RESUME_SEND, SL_RESUME_THROW } sl_resume;
sl_coro_status sl_vm_eval(sl_rt *rt, sl_frame *f, sl_resume mode, sl_value in, sl_value *out);

/* Appends CPython's traceback printout of `exc` (borrowed), chained
 * exceptions included, ending with "Type: message\n". */
/* traceback.format_exception_only's text ("ValueError: boom\n"),
 * appended to `out`. 0, or -1 if out of memory. */
int sl_vm_format_exception_only(sl_rt *rt, sl_obj *exc, sl_strbuf *out);
int sl_vm_format_traceback(sl_rt *rt, sl_obj *exc, sl_strbuf *out);

/* Shows a DeprecationWarning raised by a builtin called from the current
 * frame, as CPython's default warning filters do (vm_exc.c). `message` is
 * static text. */
void sl_vm_warn_deprecated(sl_rt *rt, const char *message);
/* Appends line `line` of the program's file or one of its modules, stripped,
 * with a newline (nothing when there is no such line): linecache.getline
 * for warnings.formatwarning. */
void sl_vm_source_line(sl_rt *rt, const char *file, int line, sl_strbuf *out);

/* The currently handled exception (sys.exc_info()[1]), borrowed, or NULL. */
sl_obj *sl_vm_handled_exc(sl_rt *rt);

/* Attribute access and calls with the language's extra rules (user
 * exception classes, their instances and methods, super()). */
int sl_vm_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out);
int sl_vm_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val);
int sl_vm_call(sl_rt *rt, sl_value callable, const sl_args *args, sl_value *out);
/* sl_vm_call with positional arguments only. */
int sl_vm_call_pos(sl_rt *rt, sl_value callable, const sl_value *argv, size_t argc, sl_value *out);
/* str()/repr() honouring a user exception class's __str__/__repr__. */
int sl_vm_str(sl_rt *rt, sl_value v, sl_strbuf *out);
int sl_vm_repr(sl_rt *rt, sl_value v, sl_strbuf *out);

/* Builds a user class `name` from a class body namespace (vm_class.c);
 * kw (borrowed dict, or NULL) holds the class statement's keywords
 * (metaclass=, and those for the metaclass and __init_subclass__). */
int sl_vm_build_class(sl_rt *rt, sl_value body, sl_obj *name, const sl_value *bases, size_t nbases,
                      sl_obj *kw, sl_value *out);

/* The module object for `import name`. A name "m:y" (the separator below,
 * which no module name holds) is `from m import y`: m's attribute y, or
 * the ImportError CPython's IMPORT_FROM raises. */
#define SL_IMPORT_FROM_SEP ':'
int sl_vm_import(sl_rt *rt, const char *name, sl_value *out);

/* Generic module objects: a name and a dict of attributes. */
typedef struct sl_module {
  sl_obj hdr;
  sl_obj *name; /* owned str */
  sl_obj *dict; /* owned dict */
} sl_module;
extern const sl_type sl_module_type;
sl_obj *sl_module_new(sl_rt *rt, const char *name);

/* Flushes a partial output line (at the end of a run). */
void sl_vm_flush_output(sl_rt *rt);

#endif
