/* The `time` module on the virtual clock (DESIGN.md 4, "The simulated
 * environment"): one clock per program, 0.0 when the module body starts;
 * time() is 2026-01-01T00:00:00Z plus that clock; sleep() blocks the whole
 * program, so it only moves the clock. The oracle (oracle/simloop_oracle/
 * env.py) gives CPython the same functions with the same arithmetic.
 * struct_time, gmtime, localtime, mktime, strftime, asctime, ctime:
 * mod_datetime_tt.c. */
#include <math.h>

#include <stdio.h>
#include <string.h>

#include "core/long.h"
#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/num/numfmt.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/task.h"

/* 2026-01-01T00:00:00Z: time.time() when the virtual clock reads 0.0. */
#define SL_EPOCH_AT_START 1767225600.0

static int no_args(sl_rt *rt, const sl_args *args, const char *fname) {
  return sl_args_bind(rt, args, fname, NULL, 0, 0, 0, NULL);
}

/* The *_ns variants: int(clock * 1e9), truncated (the oracle's formula). */
static int64_t clock_ns(sl_rt *rt) { return (int64_t)(sl_loop_time(rt) * 1e9); }

static int t_time(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (no_args(rt, args, "time")) return -1;
  *out = sl_float(SL_EPOCH_AT_START + sl_loop_time(rt));
  return 0;
}

static int t_time_ns(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (no_args(rt, args, "time_ns")) return -1;
  *out = sl_int((int64_t)SL_EPOCH_AT_START * 1000000000 + clock_ns(rt));
  return 0;
}

/* monotonic, perf_counter, process_time, thread_time: the clock itself. */
static int t_clock(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (no_args(rt, args, "monotonic")) return -1;
  *out = sl_float(sl_loop_time(rt));
  return 0;
}

static int t_clock_ns(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (no_args(rt, args, "monotonic_ns")) return -1;
  *out = sl_int(clock_ns(rt));
  return 0;
}

/* The blocking-call report (DESIGN.md 4): time.sleep inside a task stops
 * the whole event loop. The run goes on as CPython's does; the report goes
 * where the program's stderr goes (simloop run: the terminal), naming the
 * task, the function and line, and how long nothing else could run. */
static void report_blocking(sl_rt *rt, double secs) {
  sl_lang *L = sl_vm_lang(rt);
  sl_obj *t = rt->loop ? sl_task_current(rt) : NULL;
  if (!L || !L->err_file || !t || !L->frame) return;
  sl_value get, name;
  if (sl_vm_getattr(rt, sl_obj_val(t), "get_name", &get)) {
    sl_err_clear(rt);
    return;
  }
  int rc = sl_vm_call_pos(rt, get, NULL, 0, &name);
  sl_vdecref(rt, get);
  if (rc) {
    sl_err_clear(rt);
    return;
  }
  sl_code *co = sl_as_code(L->frame->code);
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_puts(&b, "simloop: blocking call: time.sleep(");
  sl_float_repr(&b, secs);
  sl_strbuf_printf(&b, ") in task '%s' (%s() at %s:%d) blocked the event loop for ",
                   sl_is_str(name) ? sl_str_cstr(name.u.o) : "?", sl_str_cstr(co->name),
                   sl_str_cstr(co->filename), sl_frame_line(L->frame));
  sl_float_repr(&b, secs);
  sl_strbuf_puts(
      &b, " s: no other task or callback ran meanwhile (await asyncio.sleep() does not block)\n");
  sl_vdecref(rt, name);
  if (!b.failed) {
    if (L->out_file) fflush(L->out_file);
    fputs(sl_strbuf_cstr(&b), L->err_file);
  }
  sl_strbuf_free(&b);
}

static int t_sleep(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"secs"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "sleep", names, 1, 1, 1, a)) return -1;
  double s;
  a[0] = sl_num_unbox(a[0]);
  switch (a[0].tag) {
  case SL_V_INT: s = (double)a[0].u.i; break;
  case SL_V_BOOL: s = a[0].u.b; break;
  case SL_V_FLOAT: s = a[0].u.f; break;
  default:
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a[0]));
  }
  if (isnan(s)) return sl_raise(rt, SL_EXC_VALUE_ERROR, "Invalid value NaN (not a number)");
  if (s < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "sleep length must be non-negative");
  if (isinf(s))
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "timestamp too large to convert to C _PyTime_t");
  /* In a pool thread (core/pool.h) only that thread blocks. */
  if (!rt->loop->pool.in_thread) {
    sl_loop_advance(rt, s);
    report_blocking(rt, s);
  }
  *out = sl_none();
  return 0;
}

static const sl_cfunc_def time_funcs[] = {
    {"time", t_time, NULL, 0},          {"time_ns", t_time_ns, NULL, 0},
    {"monotonic", t_clock, NULL, 0},    {"monotonic_ns", t_clock_ns, NULL, 0},
    {"perf_counter", t_clock, NULL, 0}, {"perf_counter_ns", t_clock_ns, NULL, 0},
    {"process_time", t_clock, NULL, 0}, {"process_time_ns", t_clock_ns, NULL, 0},
    {"thread_time", t_clock, NULL, 0},  {"thread_time_ns", t_clock_ns, NULL, 0},
    {"sleep", t_sleep, NULL, 0},        {NULL, NULL, NULL, 0},
};

int sl_mod_time_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, time_funcs) || sl__time_struct_init(rt, module_dict))
    return -1;
  /* The local time zone is UTC. */
  return sl_stdmod_add(rt, module_dict, "timezone", sl_int(0)) ||
         sl_stdmod_add(rt, module_dict, "altzone", sl_int(0)) ||
         sl_stdmod_add(rt, module_dict, "daylight", sl_int(0));
}

/* The `timeit` module's default_timer, which is time.perf_counter (the
 * virtual clock): what programs time their own work with. Timer, timeit()
 * and repeat() are not provided (they compile statements given as str). */
int sl_mod_timeit_init(sl_rt *rt, sl_obj *module_dict) {
  const sl_cfunc_def *d = time_funcs;
  while (strcmp(d->name, "perf_counter")) d++;
  sl_obj *f = sl_cfunc_new(rt, d, sl_undef());
  if (!f) return -1;
  int rc = sl_stdmod_add(rt, module_dict, "default_timer", sl_obj_val(f));
  sl_decref(rt, f);
  return rc;
}
