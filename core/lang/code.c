/* Code objects, cells and frames (see code.h). */
#include "core/lang/code.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "core/asan.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static void code_clear(sl_rt *rt, sl_obj *o) {
  sl_code *c = sl_as_code(o);
  sl_decref(rt, c->name);
  sl_decref(rt, c->qualname);
  sl_decref(rt, c->filename);
  c->name = c->qualname = c->filename = NULL;
  for (uint32_t i = 0; i < c->nlocals; i++) sl_decref(rt, c->localnames[i]);
  for (uint32_t i = 0; i < c->ncells + c->nfree; i++) sl_decref(rt, c->cellnames[i]);
  for (size_t i = 0; i < c->nconsts; i++) sl_vdecref(rt, c->consts[i]);
  for (size_t i = 0; i < c->nnames; i++) sl_decref(rt, c->names[i]);
  c->nlocals = c->ncells = c->nfree = 0;
  c->nconsts = c->nnames = 0;
}

/* Bytes of a frame of code c: the frame and its arrays in one block. */
static size_t frame_size(const sl_code *c) {
  return sizeof(sl_frame) + sizeof(sl_value) * (c->nlocals + c->stacksize) +
         sizeof(sl_obj *) * c->ncells + sizeof(sl_block) * c->maxblocks;
}

static void code_release(sl_obj *o) {
  sl_code *c = sl_as_code(o);
  sl_free(c->localnames);
  sl_free(c->cellnames);
  sl_free(c->cell2arg);
  sl_free(c->consts);
  sl_free(c->names);
  sl_free(c->gcache);
  sl_free(c->acache);
  sl_free(c->mcache);
  if (c->spare) {
    SL_UNPOISON(c->spare, frame_size(c));
    sl_free(c->spare);
    c->spare = NULL;
  }
  sl_free(c->code);
  sl_free(c->lines);
}

const sl_type sl_code_type = {.name = "code",
                              .clear = code_clear,
                              .release = code_release,
                              .repr = sl__code_repr,
                              .getattr = sl__code_getattr,
                              .size = sizeof(sl_code)};

static void cell_clear(sl_rt *rt, sl_obj *o) { sl_vset(rt, &((sl_cell *)o)->v, sl_undef()); }

const sl_type sl_cell_type = {.name = "cell", .clear = cell_clear, .size = sizeof(sl_cell)};

sl_obj *sl_cell_new(sl_rt *rt, sl_value v) {
  sl_obj *o = sl_obj_alloc(rt, &sl_cell_type);
  if (o) ((sl_cell *)o)->v = sl_vincref(v);
  return o;
}

/* Points a frame's arrays into the one block that follows its header:
 * locals, value stack, own cells, blocks (frame_size's order). */
static inline void frame_lay_out(sl_frame *f, const sl_code *c) {
  f->locals = (sl_value *)(f + 1);
  f->stack = f->locals + c->nlocals;
  f->cells = (sl_obj **)(f->stack + c->stacksize);
  f->blocks = (sl_block *)(f->cells + c->ncells);
}

/* The header parts a spare keeps as frame_new_call sets them (see
 * frame_reset): the frame's awaiter idle, no namespace, no yield, no enum
 * body, the code and closure borrowed (the closure's cells are read from
 * the function's tuple, `free`), an empty stack, no block and no handled
 * exception. A spare's code is always its own. */
static inline void frame_idle_parts(sl_frame *f) {
  f->exc_info = NULL;
  f->sp = f->nblocks = 0;
  f->borrowed = true;
  f->closure = NULL;
  f->ns = NULL;
  f->aw.target = sl_undef(); /* aw.then is NULL already */
  f->yf = f->yielded = false;
  f->enum_body = 0;
}

sl_frame *sl_frame_new(sl_rt *rt, sl_obj *code, sl_obj *globals, sl_obj *closure) {
  sl_code *c = sl_as_code(code);
  /* One allocation for the frame and its arrays: a call costs one malloc,
   * or none when the code kept its last frame (c->spare). A reused frame
   * gets its header and locals set to what a fresh one shows there and
   * its cells filled below; the value stack is never read at or above sp,
   * nor blocks past nblocks, so they are left as they were. Reuse still
   * counts as an allocation for the out-of-memory tests. */
  sl_frame *f = NULL;
  if (c->spare) {
    if (!sl_alloc_injected_failure_inline()) {
      f = c->spare;
      c->spare = NULL;
      SL_UNPOISON(f, frame_size(c));
      *f = (sl_frame){0};
      sl_value *locals = (sl_value *)(f + 1);
      for (uint32_t i = 0; i < c->nlocals; i++) locals[i] = sl_undef();
    }
  } else {
    f = sl_calloc(1, frame_size(c));
  }
  if (!f) {
    sl_nomem(rt);
    return NULL;
  }
  frame_lay_out(f, c);
  sl_await_init(&f->aw);
  /* Code and globals first: sl_frame_free needs the layout if a cell
   * allocation below fails. */
  sl_incref(code);
  sl_incref(globals);
  f->code = code;
  f->globals = globals;
  f->borrowed = false;
  f->ip = c->code;
  /* The closure's cells, read in place: the frame keeps the tuple. */
  if (closure) sl_incref(closure);
  f->closure = closure;
  f->free = closure ? sl_as_tuple(closure)->items : NULL;
  for (uint32_t i = 0; i < c->ncells; i++) {
    f->cells[i] = sl_cell_new(rt, sl_undef());
    if (!f->cells[i]) {
      while (++i < c->ncells) f->cells[i] = NULL; /* not set yet: nothing to drop */
      sl_frame_free(rt, f);
      return NULL;
    }
  }
  return f;
}

void sl_frame_free(sl_rt *rt, sl_frame *f) {
  if (!f) return;
  sl_code *c = sl_as_code(f->code);
  if (sl_await_active(&f->aw)) sl_await_clear(rt, &f->aw);
  /* Counts and arrays in locals: a decref that frees may write anywhere,
   * so the compiler would reload them for every element. */
  sl_value *locals = f->locals, *stack = f->stack;
  sl_obj **cells = f->cells;
  uint32_t nlocals = c->nlocals, sp = f->sp, ncells = c->ncells;
  for (uint32_t i = 0; i < nlocals; i++) sl_vdecref(rt, locals[i]);
  for (uint32_t i = 0; i < sp; i++) sl_vdecref(rt, stack[i]);
  for (uint32_t i = 0; i < ncells; i++) sl_decref(rt, cells[i]);
  sl_decref(rt, f->closure);
  for (uint32_t i = 0; i < f->nblocks; i++) sl_decref(rt, f->blocks[i].saved_exc);
  sl_decref(rt, f->exc_info);
  sl_decref(rt, f->ns);
  sl_decref(rt, f->globals);
  /* Keep the block for the code's next call; the code's reference goes
   * last, so if it was the last one, releasing the code frees the block. */
  sl_obj *code = f->code;
  if (!c->spare) {
    frame_idle_parts(f); /* what frame_new_call expects of a spare */
    c->spare = f;
    SL_POISON(f, frame_size(c));
  } else {
    sl_free(f);
  }
  sl_decref(rt, code);
}

/* Sets the parts of a reused or fresh frame that a call reads before it
 * writes them and that a run changes: the header's position, and the
 * locals from `first` on (see sl_frame_new); the caller binds the ones
 * before. The rest of the header is set once, by frame_idle_parts, and a
 * spare keeps it: a plain function's frame never gets a class namespace
 * or an enum body (vm_class.c's frames are sl_frame_new's), never yields,
 * and leaves its awaiter idle, its stack empty, no block and no handled
 * exception (frame_drop_parts clears what a run left; a frame's end that
 * finds them empty, held0's, leaves them so); sl_frame_free sets them
 * back for a frame it parks. */
static inline void frame_reset(sl_frame *f, const sl_code *c, uint32_t first) {
  f->ip = c->code;
  sl_value *locals = f->locals;
  for (uint32_t i = first; i < c->nlocals; i++) locals[i] = sl_undef();
}

/* Frees a frame of frame_new_call: what it owns (locals, the stack,
 * its own cells, handled exceptions), not what it borrows; the block
 * becomes the code's spare. The caller still holds the function, so the
 * code (and c->spare) is alive here. */
static inline __attribute__((always_inline)) void frame_drop_parts(sl_rt *rt, sl_frame *f,
                                                                   const sl_code *c) {
  if (sl_await_active(&f->aw)) sl_await_clear(rt, &f->aw);
  /* In locals: a decref that frees may write anywhere (see sl_frame_free). */
  sl_value *locals = f->locals, *stack = f->stack;
  sl_obj **cells = f->cells;
  uint32_t nlocals = c->nlocals, sp = f->sp, ncells = c->ncells, nblocks = f->nblocks;
  for (uint32_t i = 0; i < nlocals; i++) sl_vdecref(rt, locals[i]);
  for (uint32_t i = 0; i < sp; i++) sl_vdecref(rt, stack[i]);
  for (uint32_t i = 0; i < ncells; i++) sl_decref(rt, cells[i]);
  for (uint32_t i = 0; i < nblocks; i++) sl_decref(rt, f->blocks[i].saved_exc);
  sl_decref(rt, f->exc_info);
  f->exc_info = NULL; /* as frame_idle_parts leaves them: frame_reset does not */
  f->sp = f->nblocks = 0;
}
/* The ended frame's block kept as the code's spare, or freed. */
static inline __attribute__((always_inline)) void frame_park(sl_frame *f, sl_code *c) {
  if (!c->spare) {
    c->spare = f;
    SL_POISON(f, frame_size(c));
  } else {
    sl_free(f);
  }
}
static inline __attribute__((always_inline)) void frame_free_call(sl_rt *rt, sl_frame *f,
                                                                  sl_code *c) {
  frame_drop_parts(rt, f, c);
  frame_park(f, c);
}
/* frame_drop_parts out of line, for held0's frames (below). */
static __attribute__((noinline)) void frame_drop_parts_out(sl_rt *rt, sl_frame *f,
                                                           const sl_code *c) {
  frame_drop_parts(rt, f, c);
}
/* frame_free_call for a frame whose parts are often all empty (a callback
 * without locals that returns from its body): one test of them, their
 * walk out of line, so that the caller keeps fewer registers. Only for a
 * code that is neither a generator nor a coroutine (held0's): its frame
 * never awaits (the compiler emits AWAIT, the async with's waits and
 * YIELD_FROM only in those), so the awaiter stays idle and is not asked. */
static inline __attribute__((always_inline)) void frame_free_held(sl_rt *rt, sl_frame *f,
                                                                  sl_code *c) {
  if ((c->nlocals | f->sp | c->ncells | f->nblocks) || f->exc_info) frame_drop_parts_out(rt, f, c);
  frame_park(f, c);
}

/* frame_new_call's own cells, out of line: a code with cells is the rarer
 * one, and the loop's calls would keep the caller's registers. 0, or -1
 * with the frame freed (out of memory). */
static __attribute__((noinline)) int frame_new_cells(sl_rt *rt, sl_frame *f, sl_code *c,
                                                     uint32_t first) {
  sl_obj **cells = f->cells;
  uint32_t ncells = c->ncells;
  for (uint32_t i = 0; i < ncells; i++) {
    cells[i] = sl_cell_new(rt, sl_undef());
    if (!cells[i]) {
      while (++i < ncells) cells[i] = NULL; /* not set yet: nothing to drop */
      for (uint32_t j = 0; j < first; j++) f->locals[j] = sl_undef();
      frame_free_call(rt, f, c);
      return -1;
    }
  }
  return 0;
}
/* A frame for a call of fn: the code's spare (its layout is this code's)
 * or a new block with the layout set; header, locals from `first` on and
 * cells as sl_frame_new leaves them, the code, globals and closure
 * borrowed. The caller sets locals 0..first-1 (the arguments bound in
 * order) before anything reads them. NULL + rt->fatal when out of
 * memory. */
static inline __attribute__((always_inline)) sl_frame *frame_new_call(sl_rt *rt, const sl_func *fn,
                                                                      sl_code *c, uint32_t first) {
  sl_frame *f = c->spare;
  if (f) {
    if (sl_alloc_injected_failure_inline()) {
      sl_nomem(rt);
      return NULL;
    }
    c->spare = NULL;
    SL_UNPOISON(f, frame_size(c));
  } else {
    f = sl_malloc(frame_size(c));
    if (!f) {
      sl_nomem(rt);
      return NULL;
    }
    frame_lay_out(f, c);
    f->aw.then = NULL;
    frame_idle_parts(f);
    f->code = fn->code;
  }
  frame_reset(f, c, first); /* f->back is the eval's to set */
  f->globals = fn->globals;
  /* The closure's items without a test of the closure: f->free is read
   * only by a code with free variables, whose function always has its
   * closure tuple; without one the value is never read (integer
   * arithmetic: no member access through a null pointer). */
  f->free = (sl_value *)((uintptr_t)fn->closure + offsetof(sl_tuple, items));
  if (c->ncells && frame_new_cells(rt, f, c, first)) return NULL;
  return f;
}

/* Runs a bound frame of frame_new_call to its end and frees it: 0 with
 * *out, or -1 raised. The eval's status turned into 0 or -1 without a
 * compare (a frame that cannot yield returns or fails); the sent value,
 * unread at a start, as undef: gcc then stores no copy of it. */
_Static_assert(SL_CORO_RETURN - SL_CORO_ERROR == -1, "a call's result from the eval's status");
static inline __attribute__((always_inline)) int frame_run_call(sl_rt *rt, sl_frame *f, sl_code *c,
                                                                sl_value *out) {
  int rc = (int)SL_CORO_RETURN - (int)sl_vm_eval(rt, f, SL_RESUME_START, sl_undef(), out);
  frame_free_call(rt, f, c);
  return rc;
}

int sl_frame_call(sl_rt *rt, sl_obj *func, sl_value self, const sl_args *args, sl_value *out) {
  const sl_func *fn = sl_as_func(func);
  sl_code *c = sl_as_code(fn->code);
  /* Arguments bound in order fill locals 0..argcount-1: no reset first. */
  bool in_order = sl__binds_in_order(c, !sl_is_undef(self), args);
  sl_frame *f = frame_new_call(rt, fn, c, in_order ? c->argcount : 0);
  if (!f) return -1;
  sl_incref(func); /* what the frame borrows lives as long as func */
  int rc = -1;
  if (in_order) {
    sl__bind_in_order(rt, c, self, args, f);
  } else if (sl_func_bind(rt, func, self, args, f)) {
    frame_free_call(rt, f, c);
    goto done;
  }
  rc = frame_run_call(rt, f, c, out);
done:
  sl_decref(rt, func);
  return rc;
}

/* held0's call of anything but a plain function's frame: the function
 * type's generic call with no arguments, its result dropped. */
static __attribute__((noinline)) int held0_other(sl_rt *rt, sl_obj *func) {
  static const sl_value no_value = {SL_V_UNDEF, {0}};
  static const sl_args no_args = {&no_value, 0, NULL, NULL, 0};
  bool gen = sl_as_code(sl_as_func(func)->code)->flags & (SL_CO_GENERATOR | SL_CO_ASYNC);
  sl_value res = sl_none();
  rt->recursion_depth++;
  int rc = gen ? sl_func_call_self(rt, func, sl_undef(), &no_args, &res)
               : sl_frame_call(rt, func, sl_undef(), &no_args, &res);
  rt->recursion_depth--;
  sl_vdecref(rt, res);
  return rc;
}
int sl_frame_call_held0(sl_rt *rt, sl_obj *func) {
  const sl_func *fn = sl_as_func(func);
  sl_code *c = sl_as_code(fn->code);
  /* Neither a generator nor a coroutine, and sl__binds_in_order for no
   * arguments, in one test. */
  if ((c->flags & (SL_CO_GENERATOR | SL_CO_ASYNC | SL_CO_VARARGS | SL_CO_VARKW)) | c->argcount |
      c->kwonly)
    return held0_other(rt, func);
  /* No parameter, so no argument moves into a cell either. The depth is
   * raised around the call as the loop's other calls raise it; the result
   * is dropped after, at the caller's depth, as theirs is. */
  rt->recursion_depth++;
  sl_frame *f = frame_new_call(rt, fn, c, 0);
  if (!f) {
    rt->recursion_depth--;
    return -1;
  }
  sl_value res; /* the status and the sent value as frame_run_call's */
  int rc = (int)SL_CORO_RETURN - (int)sl_vm_eval(rt, f, SL_RESUME_START, sl_undef(), &res);
  frame_free_held(rt, f, c);
  rt->recursion_depth--;
  /* sl_vdecref without its null test: a value tagged as an object always
   * has one (the eval writes *out at every exit: None at an error). */
  if (res.tag == SL_V_OBJ) {
    if (res.u.o->refcnt > 1)
      res.u.o->refcnt--;
    else
      sl__decref_last(rt, res.u.o);
  }
  return rc;
}

/* Drops a call's references in the order a caller's value stack pops
 * them: the arguments last first, then self, then the function. */
static void call_refs_drop(sl_rt *rt, sl_obj *func, sl_value self, const sl_args *args) {
  for (size_t i = args->npos; i-- > 0;) sl_vdecref(rt, args->pos[i]);
  sl_vdecref(rt, self);
  sl_decref(rt, func);
}

int sl_frame_call_move(sl_rt *rt, sl_obj *func, sl_value self, const sl_args *args, sl_value *out) {
  const sl_func *fn = sl_as_func(func);
  sl_code *c = sl_as_code(fn->code);
  int rc;
  if (!sl__binds_in_order(c, !sl_is_undef(self), args)) {
    /* Defaults, keywords or a binding error: bound as sl_frame_call binds,
     * the references dropped after the call as the caller's stack did. */
    rc = sl_frame_call(rt, func, self, args, out);
    call_refs_drop(rt, func, self, args);
    return rc;
  }
  sl_frame *f = frame_new_call(rt, fn, c, c->argcount);
  if (!f) {
    call_refs_drop(rt, func, self, args);
    return -1;
  }
  /* The references move into the locals (no count changes): they die
   * with the frame, first to last, or when the callee rebinds them. */
  sl_value *l = f->locals;
  if (!sl_is_undef(self)) *l++ = self;
  for (size_t i = 0; i < args->npos; i++) l[i] = args->pos[i];
  if (c->ncells) sl__frame_args_to_cells(rt, c, f);
  rc = frame_run_call(rt, f, c, out);
  sl_decref(rt, func); /* what the frame borrowed, released after it */
  return rc;
}

bool sl_func_source(sl_value fn, const char **file, int *line) {
  if (!sl_is_type(fn, &sl_func_type)) return false;
  sl_code *c = sl_as_code(sl_as_func(fn.u.o)->code);
  *file = sl_str_cstr(c->filename);
  *line = (int)c->firstline;
  return true;
}
