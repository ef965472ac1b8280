/* Running one scenario file (see scenario.h): load, parse, compile, run on
 * the virtual clock, and classify how it ended. */
#include "sim/scenario.h"

#include "sim/modfind.h"
#include "sim/progenv.h"
#include "sim/schedopts.h"

#include <errno.h>
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/handle.h"
#include "core/num/numfmt.h"
#include "core/lang/parser.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/task.h"
#include "core/tuple.h"
#include "sim/net/net.h"
#include "sim/observers.h"

const char *sl_outcome_name(sl_outcome o) {
  switch (o) {
  case SL_OUTCOME_OK: return "ok";
  case SL_OUTCOME_EXCEPTION: return "exception";
  case SL_OUTCOME_DEADLOCK: return "deadlock";
  case SL_OUTCOME_BUDGET: return "budget";
  case SL_OUTCOME_NOMEM: return "nomem";
  case SL_OUTCOME_ERROR: return "error";
  }
  return "error";
}

void sl_scenario_result_free(sl_scenario_result *res) {
  sl_strbuf_free(&res->detail);
  sl_strbuf_free(&res->summary);
}

/* Reads the whole file; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  sl_strbuf b = SL_STRBUF_INIT;
  char chunk[8192];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sl_strbuf_append(&b, chunk, n);
  int err = ferror(f) ? errno : 0;
  fclose(f);
  if (err || b.failed) {
    sl_strbuf_free(&b);
    errno = err ? err : ENOMEM;
    return NULL;
  }
  sl_strbuf_putc(&b, '\0');
  char *data = sl_strbuf_take(&b, len);
  if (data) (*len)--;
  return data;
}

/* " (sock_recv on socket fd 4 (connection 1; ...))" when `fut` is the
 * future a reader or writer of the loop resolves (sim/net/describe.c). */
static void append_io_wait(sl_rt *rt, sl_obj *fut, sl_strbuf *out) {
  sl_net *net = sl_vselector_net(rt);
  sl_strbuf what = SL_STRBUF_INIT;
  if (net && sl_net_describe_wait(net, rt, fut, &what))
    sl_strbuf_printf(out, " (%s)", sl_strbuf_cstr(&what));
  out->failed |= what.failed;
  sl_strbuf_free(&what);
}

/* Who waits on what: one line per pending task, in creation order. */
static void deadlock_report(sl_rt *rt, sl_vselector *vs, sl_strbuf *out) {
  sl_strbuf_puts(out, "deadlock: no task can make progress (virtual time ");
  sl_float_repr(out, vs->now);
  sl_strbuf_puts(out, ", step ");
  sl_strbuf_put_int(out, (long long)rt->loop->step);
  sl_strbuf_puts(out, ")\n");
  size_t n = 0;
  for (sl_task *task = rt->loop->pending_head; task; task = task->pending_next) {
    n++;
    sl_obj *o = &task->fut.hdr;
    sl_strbuf_puts(out, "  task '");
    sl_task_name_put(task, out);
    sl_strbuf_puts(out, "' (");
    sl_strbuf_puts(out, task->coro ? sl_coro_qualname(task->coro) : "?");
    sl_strbuf_puts(out, ", ");
    sl_future_trace_id(rt, o, out);
    sl_strbuf_puts(out, ") ");
    if (task->fut_waiter) {
      sl_strbuf_puts(out, "waits for ");
      sl_strbuf_puts(out, task->fut_waiter->type->name);
      sl_strbuf_putc(out, ' ');
      sl_future_trace_id(rt, task->fut_waiter, out);
      append_io_wait(rt, task->fut_waiter, out);
    } else {
      sl_strbuf_puts(out, "is not waiting on a future");
    }
    sl_strbuf text = SL_STRBUF_INIT;
    sl_task_where(rt, o, &text);
    if (text.len) {
      sl_strbuf_puts(out, " at ");
      sl_strbuf_append(out, text.data, text.len);
    }
    sl_strbuf_free(&text);
    sl_strbuf_putc(out, '\n');
  }
  if (!n) sl_strbuf_puts(out, "  (no pending tasks: the loop waits for nothing)\n");
}

/* Steps at one virtual time before a step budget is called a livelock on
 * the virtual clock. */
#define SL_LIVELOCK_STEPS 1000u

/* After a step budget: when virtual time has not moved for many steps,
 * the tasks that keep running without waiting on anything (sleep(0),
 * a bare yield) are a livelock on the virtual clock, e.g. a task polling
 * time.monotonic() or loop.time() until time passes: time moves only
 * when every task waits, so it never does. Names each such task and the
 * line it yields at. */
static void livelock_report(sl_rt *rt, const sl_vselector *vs, sl_strbuf *out) {
  uint64_t stuck = rt->loop->step - vs->time_moved_step;
  if (stuck < SL_LIVELOCK_STEPS) return;
  sl_strbuf_printf(out, "livelock on the virtual clock: virtual time stayed at ");
  sl_float_repr(out, vs->now);
  sl_strbuf_printf(out,
                   " for the last %llu steps; it advances only when every task waits, so a "
                   "task that polls time.monotonic() or loop.time() between sleep(0) calls "
                   "never sees it pass\n",
                   (unsigned long long)stuck);
  for (sl_task *task = rt->loop->pending_head; task; task = task->pending_next) {
    if (task->fut_waiter) continue;
    sl_strbuf_puts(out, "  task '");
    sl_task_name_put(task, out);
    sl_strbuf_printf(out, "' (%s) keeps running without waiting",
                     task->coro ? sl_coro_qualname(task->coro) : "?");
    sl_strbuf text = SL_STRBUF_INIT;
    sl_task_where(rt, &task->fut.hdr, &text);
    if (text.len) {
      sl_strbuf_puts(out, " at ");
      sl_strbuf_append(out, text.data, text.len);
    }
    sl_strbuf_free(&text);
    sl_strbuf_putc(out, '\n');
  }
}

/* Names the budget that ended the run, and the option that sets it. */
static void budget_report(sl_rt *rt, const sl_scenario_opts *opts, const sl_vselector *vs,
                          sl_strbuf *out) {
  sl_lang *L = sl_vm_lang(rt);
  if (vs->budget_hit == SL_VS_BUDGET_WALL) {
    sl_strbuf_puts(out, "wall-clock budget of ");
    sl_float_repr(out, opts->max_wall);
    sl_strbuf_puts(out, " seconds exhausted (--max-wall)\n");
  } else if (L && L->max_iterations && L->iterations > L->max_iterations) {
    sl_strbuf_printf(out,
                     "loop-iteration budget of %llu iterations in one step exhausted "
                     "(--max-iterations): an endless loop without await?\n",
                     (unsigned long long)L->max_iterations);
  } else if (opts->max_time > 0 && vs->now > opts->max_time) {
    sl_strbuf_puts(out, "virtual-time budget of ");
    sl_float_repr(out, opts->max_time);
    sl_strbuf_puts(out, " seconds exhausted (--max-time)\n");
  } else {
    sl_strbuf_printf(out, "step budget of %llu steps exhausted (--max-steps)\n",
                     (unsigned long long)opts->max_steps);
    livelock_report(rt, vs, out);
  }
}

/* True when an allocation failed on the memory budget (core/alloc.h): the
 * run then ends as a budget naming --max-memory, not as the machine's
 * out of memory (docs/cli.md "Budgets"). */
static bool memory_budget_report(sl_scenario_result *res) {
  if (!sl_alloc_budget_hit()) return false;
  res->outcome = SL_OUTCOME_BUDGET;
  sl_strbuf_puts(&res->detail, "memory budget of ");
  sl_budget_memory_format(sl_alloc_budget(), &res->detail);
  sl_strbuf_puts(&res->detail, " exhausted (--max-memory)\n");
  return true;
}

/* Where the default exception handler's log goes (opts->log_file). The
 * program's own output is flushed first, so the two interleave as they
 * would in a terminal. */
typedef struct log_sink {
  FILE *log, *out;
} log_sink;

static void log_to_file(void *ctx, uint64_t step, const char *text) {
  log_sink *s = ctx;
  (void)step;
  if (s->out) fflush(s->out);
  fputs(text, s->log);
}

/* The caller's observer, plus the log printer when there is a log file. */
static sl_observer with_log(sl_fanout *fo, const sl_observer *caller, log_sink *sink) {
  sl_observer none = {0};
  if (!sink->log) return caller ? *caller : none;
  sl_observer printer = {0};
  printer.ctx = sink;
  printer.log = log_to_file;
  sl_fanout_init(fo);
  sl_fanout_add(fo, caller);
  sl_fanout_add(fo, &printer);
  return sl_fanout_observer(fo);
}

/* An uncaught SystemExit ends the program as CPython's Py_Exit does
 * (pythonrun.c handle_system_exit): no code or 0 is a normal end; an int
 * is the exit status; anything else is printed on stderr, status 1. The
 * outcome is the oracle's: ok for 0/None, else the exception. True when
 * the pending exception was a SystemExit (now handled). */
static bool system_exit(sl_rt *rt, sl_scenario_result *res) {
  if (!sl_exc_isinstance(rt->exc, SL_EXC_SYSTEM_EXIT)) return false;
  sl_obj *exc = sl_err_fetch(rt);
  sl_tuple *args = sl_as_tuple(sl_as_exc(exc)->args);
  sl_value code = args->len == 0   ? sl_none()
                  : args->len == 1 ? args->items[0]
                                   : sl_obj_val(&args->hdr);
  bool zero = sl_is_none(code) || (code.tag == SL_V_INT && code.u.i == 0) ||
              (code.tag == SL_V_BOOL && !code.u.b);
  if (zero) {
    res->outcome = SL_OUTCOME_OK;
    res->exit_status = 0;
  } else {
    res->outcome = SL_OUTCOME_EXCEPTION;
    if (code.tag == SL_V_INT || code.tag == SL_V_BOOL) {
      res->exit_status = (int)((code.tag == SL_V_INT ? code.u.i : code.u.b) & 0xff);
    } else {
      res->exit_status = 1;
      if (sl_vm_str(rt, code, &res->detail)) sl_err_clear(rt);
      sl_strbuf_putc(&res->detail, '\n');
    }
    if (sl_exc_format_only(rt, exc, &res->summary)) sl_err_clear(rt);
  }
  sl_decref(rt, exc);
  return true;
}

/* ---- the image of a run's set-up -------------------------------------------- */

struct sl_scenario_image {
  sl_image *mem; /* owned: the region everything below lives in */
  sl_rt *rt;     /* in mem: the runtime, builtins, asyncio, the program's globals */
  sl_obj *code;  /* in mem: the compiled module */
  /* Small objects of the last run outside the image, for the next one
   * (owned; core/object.h sl_heap_pool). */
  sl_heap_pool pool;
};

/* The part of a run that depends only on (path, source, tree, profile,
 * the program's own modules): the runtime with its exception classes and
 * loop, the language state (builtins, __main__'s globals) and the
 * compiled module, with the program's modules it imports (compiled with
 * it, core/lang/usermod.h). 0, or -1 with *rtp NULL (no memory), rt->fatal
 * set, or *codep NULL and a compile error in *diag. */
static int setup(const char *path, const char *src, size_t len, const sl_ast_module *mod,
                 const sl_profile *profile, sl_modfinder finder, sl_rt **rtp, sl_obj **codep,
                 sl_diag *diag) {
  *codep = NULL;
  sl_diag_clear(diag);
  sl_rt *rt = *rtp = sl_rt_new(profile, NULL);
  if (!rt) return -1;
  if (sl_vm_init(rt, path, src, len)) return -1;
  sl_vm_lang(rt)->finder = finder;
  /* Without a caller's tree, parse and compile a statement at a time: the
   * whole file's tree never exists (docs/performance.md "Large sources"). */
  *codep = mod ? sl_vm_compile(rt, mod, diag) : sl_vm_compile_source(rt, path, src, len, diag);
  return *codep ? 0 : -1;
}

/* While an image records, the program's modules are still found and
 * parsed outside it: the finder's cache (sim/modfind.h) lives across runs
 * and must not be rolled back by a restore. */
typedef struct paused_finder {
  sl_modfinder real;
  sl_image *mem;
} paused_finder;

static int find_paused(void *ctx, const char *name, sl_modfile *out, sl_diag *diag) {
  paused_finder *pf = ctx;
  sl_image_record(pf->mem, false);
  int r = pf->real.find(pf->real.ctx, name, out, diag);
  sl_image_record(pf->mem, true);
  return r;
}

sl_scenario_image *sl_scenario_image_new(const sl_scenario_opts *opts) {
  if (!opts->source || !opts->modfind) return NULL;
  sl_scenario_image *si = sl_calloc(1, sizeof *si);
  sl_image *mem = si ? sl_image_new() : NULL;
  if (!mem) {
    sl_free(si);
    return NULL;
  }
  /* Everything the set-up allocates is recorded, asyncio included: the
   * programs explored import it, and building its module was a seventh of
   * a bank.py run. A program that does not import it never sees it. */
  paused_finder pf = {sl_modfind_finder(opts->modfind), mem};
  sl_modfinder finder = {find_paused, &pf};
  sl_image_record(mem, true);
  sl_diag diag;
  sl_rt *rt;
  sl_obj *code;
  int rc = setup(opts->path ? opts->path : "<scenario>", opts->source, opts->source_len,
                 opts->module, opts->profile, finder, &rt, &code, &diag);
  sl_value aio;
  if (!rc && !(rc = sl_vm_import(rt, "asyncio", &aio))) sl_vdecref(rt, aio);
  sl_image_record(mem, false);
  if (!rc && !rt->fatal && !rt->exc) sl_rt_mark_image(rt);
  if (rc || rt->fatal || rt->exc || sl_image_seal(mem)) {
    sl_image_free(mem); /* everything the set-up made is in it */
    sl_free(si);
    return NULL;
  }
  si->mem = mem;
  si->rt = rt;
  si->code = code;
  return si;
}

void sl_scenario_image_free(sl_scenario_image *si) {
  if (!si) return;
  sl_heap_pool_free(&si->pool);
  sl_image_free(si->mem);
  sl_free(si);
}

size_t sl_scenario_image_size(const sl_scenario_image *si) { return sl_image_size(si->mem); }

int sl_scenario_run(const sl_scenario_opts *opts, sl_scenario_result *res) {
  memset(res, 0, sizeof *res);
  res->exit_status = -1;
  res->outcome = SL_OUTCOME_ERROR;
  const char *path = opts->path ? opts->path : "<scenario>";
  sl_alloc_set_budget(sl_alloc_budget()); /* each run starts with the mark cleared */
  char *owned = NULL;
  const char *src = opts->source;
  size_t len = opts->source_len;
  if (!src) {
    owned = read_file(path, &len);
    if (!owned) {
      if (errno == ENOMEM) res->outcome = SL_OUTCOME_NOMEM;
      sl_strbuf_printf(&res->detail, "simloop: cannot read '%s': %s\n", path, strerror(errno));
      return 0;
    }
    src = owned;
  }
  /* A caller-parsed tree is only borrowed: compiling never modifies it,
   * and the code objects compiled from it copy what they keep (names,
   * constants) into this run's heap, so the tree can serve any number of
   * runs. Without one the source is compiled as it is parsed. With an
   * image nothing is compiled: the image holds the compiled module
   * (docs/performance.md "Per-run set-up"). */
  sl_diag diag;
  sl_diag_clear(&diag);
  const sl_ast_module *mod = opts->module;
  /* The program's own modules: the caller's finder (which keeps parsed
   * files across runs) or one for this run. */
  const sl_progenv *pe = sl_progenv_get();
  sl_modfind *owned_mf = opts->modfind ? NULL : sl_modfind_new(path, pe->path, pe->npath);
  sl_modfind *mf = opts->modfind ? opts->modfind : owned_mf;
  sl_modfinder finder = mf ? sl_modfind_finder(mf) : (sl_modfinder){0};
  sl_rt *rt;
  sl_obj *code;
  int rc = -1;
  if (opts->image) {
    /* The set-up as it was recorded, every byte of it: no rebuilding. */
    sl_image_restore(opts->image->mem);
    rt = opts->image->rt;
    code = opts->image->code;
    sl_heap_adopt(rt, &opts->image->pool);
  } else {
    setup(path, src, len, mod, opts->profile, finder, &rt, &code, &diag);
  }
  if (!rt) {
    sl_modfind_free(owned_mf);
    sl_free(owned);
    res->outcome = SL_OUTCOME_NOMEM;
    sl_strbuf_puts(&res->detail, "out of memory\n");
    return 0;
  }
  sl_fanout fo;
  log_sink sink = {opts->log_file, opts->out_file};
  rt->observer = with_log(&fo, opts->observer, &sink);
  sl_vselector vs = {.max_time = opts->max_time, .max_wall = opts->max_wall};
  if (opts->decider) vs.decider = *opts->decider;
  sl_net net;
  sl_net_init(&net, &vs.now, &vs.decider);
  vs.net = &net;
  net.words = opts->net_words;
  sl_vselector_install(rt, &vs);
  rt->loop->max_steps = opts->max_steps;
  rt->stdlib_dir = pe->stdlib_dir;
  if (!mf) sl_nomem(rt);
  sl_lang *L = sl_vm_lang(rt);
  if (L) {
    L->finder = finder;
    L->argv_extra = pe->args;
    L->nargv_extra = pe->nargs;
    L->env_vars = pe->setenv;
    L->nenv_vars = pe->nsetenv;
    L->path_dirs = pe->path;
    L->npath_dirs = pe->npath;
    L->out_file = opts->out_file;
    L->out_buf = opts->out_buf;
    L->err_file = opts->log_file; /* sys.stderr: where CPython's stderr output goes */
    /* The scenario's own loops are bounded too, so an endless loop that
     * never awaits ends as "budget" instead of hanging. */
    L->max_iterations = opts->max_iterations;
    if (opts->max_wall > 0) {
      L->budget_out = sl_vselector_wall_out;
      L->budget_ctx = &vs;
    }
  }
  if (!code && !rt->fatal) {
    sl_diag_format(&diag, &res->detail);
    res->outcome = SL_OUTCOME_ERROR;
    goto done;
  }
  if (code && !rt->fatal) rc = sl_vm_run_module(rt, code);
  sl_vm_flush_output(rt);
  if (rt->fatal == SL_EDEADLOCK) {
    res->outcome = SL_OUTCOME_DEADLOCK;
    deadlock_report(rt, &vs, &res->detail);
  } else if (rt->fatal == SL_EBUDGET) {
    res->outcome = SL_OUTCOME_BUDGET;
    budget_report(rt, opts, &vs, &res->detail);
  } else if (rt->fatal == SL_ENOMEM && memory_budget_report(res)) {
    /* the program held more than --max-memory allows */
  } else if (rt->fatal == SL_ENOMEM) {
    res->outcome = SL_OUTCOME_NOMEM;
    sl_strbuf_puts(&res->detail, "out of memory\n");
  } else if (rt->fatal) {
    res->outcome = SL_OUTCOME_ERROR;
    sl_strbuf_printf(&res->detail, "simloop: %s\n", sl_strerror(rt->fatal));
  } else if (rc && rt->exc && system_exit(rt, res)) {
    /* sys.exit(): handled as the interpreter does (res->exit_status) */
  } else if (rc && rt->exc) {
    res->outcome = SL_OUTCOME_EXCEPTION;
    sl_obj *exc = sl_err_fetch(rt);
    /* The summary is the exception's own "Type: message" (the traceback's
     * last line is not, for an exception group's boxed layout). */
    if (sl_vm_format_traceback(rt, exc, &res->detail) ||
        sl_exc_format_only(rt, exc, &res->summary)) {
      sl_err_clear(rt);
      if (rt->fatal == SL_ENOMEM) res->outcome = SL_OUTCOME_NOMEM;
    }
    sl_decref(rt, exc);
  } else {
    res->outcome = SL_OUTCOME_OK;
  }
done:
  res->steps = rt->loop->step;
  res->time = vs.now;
  /* From an image, only what the run made outside it goes: the restore
   * puts everything else back (no decref cascade over the set-up). */
  if (opts->image)
    sl_rt_discard(rt, &opts->image->pool);
  else
    sl_decref(rt, code), sl_rt_free(rt);
  sl_modfind_free(owned_mf);
  sl_net_free(&net);
  sl_free(owned);
  if (res->detail.failed || res->summary.failed) res->outcome = SL_OUTCOME_NOMEM;
  return 0;
}
