/* The object model shared by the engine and the scenario language.
 *
 * A value (sl_value) is a small tagged union: None, bool, int64, float, or
 * a pointer to a reference-counted heap object (sl_obj). Every heap object
 * belongs to one run (sl_rt): the run keeps all its objects on a list, so
 * tearing the run down frees everything, reference cycles included.
 *
 * Ownership: functions returning an sl_value or sl_obj* return a NEW
 * reference unless documented as borrowed. Arguments are borrowed unless a
 * function says it steals them. Status-returning functions return 0 on
 * success and -1 when a Python exception was raised (sl_rt.exc holds it) or
 * a fatal C-level failure happened (sl_rt.fatal is set, e.g. out of memory). */
#ifndef SL_OBJECT_H
#define SL_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

typedef struct sl_rt sl_rt;
typedef struct sl_obj sl_obj;
typedef struct sl_type sl_type;
typedef struct sl_awaiter sl_awaiter; /* core/coro.h */

typedef enum sl_vtag {
  SL_V_UNDEF = 0, /* no value (an unbound local, an empty slot); never visible to Python */
  SL_V_NONE,
  SL_V_BOOL,
  SL_V_INT,
  SL_V_FLOAT,
  SL_V_OBJ,
} sl_vtag;

typedef struct sl_value {
  sl_vtag tag;
  union {
    bool b;
    int64_t i;
    double f;
    sl_obj *o;
    /* SL_V_UNDEF only: what the VM keeps on its value stack for a method
     * called without a bound object (LOAD_METHOD, vm_ops_calls-int.h). */
    const void *p;
  } u;
} sl_value;

/* Every heap object starts with this header. */
struct sl_obj {
  const sl_type *type;
  uint32_t refcnt;
  /* Free-list size class of the allocation (bytes / SL_OBJ_GRAIN), 0 for
   * an object too big for the free lists; set by sl_obj_alloc. The bit
   * SL_OBJ_EXT_BIT marks an instance extension (sl_obj_ext) behind it. */
  uint16_t size_class;
  /* 1 once the object has a run-derived identity (core/identity.h). */
  uint16_t identified;
  sl_obj *run_prev, *run_next; /* the run's list of all its objects */
};

typedef struct sl_args {
  const sl_value *pos; /* borrowed */
  size_t npos;
  const sl_value *kwvals; /* borrowed; values of keyword arguments */
  sl_obj *const *kwnames; /* borrowed; str objects, same length */
  size_t nkw;
} sl_args;

/* Coroutine protocol (Python's generator protocol). See core/coro.h. */
typedef struct sl_coro_ops sl_coro_ops;

/* A native method's description (core/cfunc.h). */
struct sl_cfunc_def;

/* What a type can do. Slots left NULL get Python's default behaviour
 * (identity equality, unhashable-by-default is NOT assumed: identity hash). */
struct sl_type {
  const char *name; /* Python's type name: "str", "Task", "_GatheringFuture" */
  /* Drops the references this object holds (sl_vdecref its children); called
   * when its refcount reaches zero. */
  void (*clear)(sl_rt *rt, sl_obj *o);
  /* Frees memory the object owns that is not a heap object (buffers). Called
   * after clear, and alone at run teardown (children are freed by the run). */
  void (*release)(sl_obj *o);
  int (*repr)(sl_rt *rt, sl_obj *o, sl_strbuf *out);
  int (*str)(sl_rt *rt, sl_obj *o, sl_strbuf *out); /* NULL: same as repr */
  /* Equality; NULL means identity. *res is true/false. */
  int (*eq)(sl_rt *rt, sl_obj *a, sl_value b, bool *res);
  /* a < b; NULL means "not supported" (TypeError). */
  int (*lt)(sl_rt *rt, sl_obj *a, sl_value b, bool *res);
  int (*hash)(sl_rt *rt, sl_obj *o, int64_t *out); /* NULL: identity */
  bool unhashable;                                 /* list, dict, set */
  int (*truth)(sl_rt *rt, sl_obj *o, bool *res);   /* NULL: true */
  /* Calls the object; NULL: "'X' object is not callable". */
  int (*call)(sl_rt *rt, sl_obj *callable, const sl_args *args, sl_value *out);
  /* Attribute lookup: returns 0 and sets *out, or -1 with AttributeError. */
  int (*getattr)(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);
  int (*setattr)(sl_rt *rt, sl_obj *o, const char *name, sl_value v);
  const sl_coro_ops *coro; /* non-NULL for coroutines */
  unsigned flags;          /* SL_TF_* */
  /* Future subtypes that override cancel() (Task, _GatheringFuture):
   * 1 cancelled, 0 not, -1 error. */
  int (*future_cancel)(sl_rt *rt, sl_obj *fut, sl_value msg);
  /* Called once the refcount reached zero, before clear
   * (PyObject_CallFinalizerFromDealloc): it may take new references to
   * the object (an async generator handing its aclose() to the loop),
   * which then stays alive. NULL: nothing. */
  void (*finalize)(sl_rt *rt, sl_obj *o);
  /* Language-level extension slots (len, iter, getitem, ...), owned by
   * core/lang; the engine never looks at them. */
  const void *lang;
  size_t size; /* bytes to allocate for an instance */
  /* The bytes a variable-sized instance (str, tuple, bytes: items
   * inline) occupies, where its instance extension starts; NULL: size. */
  size_t (*var_size)(const sl_obj *o);
  /* Awaits that finish at once: `await o.meth(args)` where meth is the
   * engine method `def` (found for this exact type; o has no instance
   * extension) that makes a coroutine. o is argv[-1] and the positional
   * arguments argv[0..argc), all borrowed, no keywords: the value stack's
   * own layout (self under its arguments), so that the eval passes its
   * slots as they are, with no sl_args built and all six arguments in
   * registers. Runs in place the first pass that
   * coroutine would run when awaited, if that pass finishes without
   * suspending: SL_NOW_DONE (*out: its result, new ref), or -1 with what
   * it raised; otherwise SL_NOW_LATER, having changed nothing (the
   * coroutine is then made and awaited). Called at the depth the await
   * runs the coroutine at. NULL: always later (core/lang/vm.c).
   * With an awaiter `aw` (that of the frame whose await it is; NULL: the
   * caller cannot suspend), a first pass that would suspend at an `await
   * fut` of a waiter future may suspend aw on fut in the coroutine's
   * place instead (sl_await_future_then, core/coro.h): SL_NOW_SUSPENDED,
   * *out untouched; the caller's frame then yields fut. */
  int (*await_now)(sl_rt *rt, const struct sl_cfunc_def *def, const sl_value *argv, size_t argc,
                   sl_awaiter *aw, sl_value *out);
};

/* sl_type.await_now's answers besides -1. */
enum { SL_NOW_DONE = 0, SL_NOW_LATER = 1, SL_NOW_SUSPENDED = 2 };

/* sl_type.flags */
#define SL_TF_FUTURE       1u /* layout starts with sl_future (Future, Task, gather) */
#define SL_TF_TASK         2u /* layout starts with sl_task */
/* A container whose repr, re-entered for the same object, prints "[...]"
 * ("{...}", "(...)", "set(...)") instead (Py_ReprEnter). */
#define SL_TF_REPR_GUARD   4u
/* A callable that, found on a class, binds to the instance as a function
 * does (functools.lru_cache's wrapper has a __get__; partial has none). */
#define SL_TF_BINDS        8u
/* Attribute lookup on an instance without an extension (no scenario
 * subclass) depends only on the type and the name, never on the
 * instance: when it gives a cfunc bound to the instance itself, every
 * instance of the type gives that cfunc's def for that name (a fixed
 * method table). The VM then caches (type, name) -> def per code object
 * and calls the def without binding (LOAD_METHOD, vm_ops_load-int.h). */
#define SL_TF_STABLE_ATTRS 16u

/* Value constructors. */
static inline sl_value sl_undef(void) {
  sl_value v = {SL_V_UNDEF, {0}};
  return v;
}
static inline sl_value sl_none(void) {
  sl_value v = {SL_V_NONE, {0}};
  return v;
}
static inline sl_value sl_bool(bool b) {
  sl_value v = {SL_V_BOOL, {0}};
  v.u.b = b;
  return v;
}
static inline sl_value sl_int(int64_t i) {
  sl_value v = {SL_V_INT, {0}};
  v.u.i = i;
  return v;
}
static inline sl_value sl_float(double f) {
  sl_value v = {SL_V_FLOAT, {0}};
  v.u.f = f;
  return v;
}
/* Wraps o without touching its refcount (the caller decides ownership). */
static inline sl_value sl_obj_val(sl_obj *o) {
  sl_value v = {SL_V_OBJ, {0}};
  v.u.o = o;
  return v;
}

static inline bool sl_is_undef(sl_value v) { return v.tag == SL_V_UNDEF; }
static inline bool sl_is_none(sl_value v) { return v.tag == SL_V_NONE; }
static inline bool sl_is_obj(sl_value v) { return v.tag == SL_V_OBJ; }
static inline bool sl_is_type(sl_value v, const sl_type *t) {
  return v.tag == SL_V_OBJ && v.u.o->type == t;
}

static inline void sl_incref(sl_obj *o) {
  if (o) o->refcnt++;
}
/* The reference being dropped is the last one (or the count is broken,
 * which it reports): finalize, clear and free o (heap.c). */
void sl__decref_last(sl_rt *rt, sl_obj *o);
/* NULL-safe. Inline: nearly every decref only decrements, and a call per
 * dropped reference was a tenth of a loop-bound run. */
static inline void sl_decref(sl_rt *rt, sl_obj *o) {
  if (!o) return;
  if (o->refcnt > 1)
    o->refcnt--;
  else
    sl__decref_last(rt, o);
}
static inline sl_value sl_vincref(sl_value v) {
  if (v.tag == SL_V_OBJ) v.u.o->refcnt++;
  return v;
}
static inline void sl_vdecref(sl_rt *rt, sl_value v) {
  if (v.tag == SL_V_OBJ) sl_decref(rt, v.u.o);
}
/* Drops items[0..n) last first: the order CPython's list and tuple
 * deallocation, list.clear() and a slice's removal release their items in
 * (a program sees it in its __del__ output). */
static inline void sl_vdecref_back(sl_rt *rt, const sl_value *items, size_t n) {
  while (n) sl_vdecref(rt, items[--n]);
}
/* Replaces *slot with v (steals v), releasing the old value. */
static inline void sl_vset(sl_rt *rt, sl_value *slot, sl_value v) {
  sl_value old = *slot;
  *slot = v;
  sl_vdecref(rt, old);
}

/* Objects up to SL_OBJ_GRAIN * SL_OBJ_CLASSES bytes are rounded up to a
 * multiple of SL_OBJ_GRAIN and recycled through per-run free lists (see
 * heap.c). */
#define SL_OBJ_GRAIN   16u
#define SL_OBJ_CLASSES 24u

/* Allocates a zeroed object of `type` (type->size bytes) with refcount 1,
 * registered with the run. Returns NULL and sets rt->fatal on failure. */
sl_obj *sl_obj_alloc(sl_rt *rt, const sl_type *type);
/* The same with an explicit size, for variable-sized objects (str, tuple,
 * handles with their arguments inline). */
sl_obj *sl_obj_alloc_size(sl_rt *rt, const sl_type *type, size_t size);
/* The same, except that the body after the header is left as the memory
 * was (a recycled block is not zeroed, nor is an instance extension ever
 * reserved): the caller sets every field. For the small objects of every
 * step (handles), where zeroing cost as much as filling. */
sl_obj *sl_obj_alloc_uninit(sl_rt *rt, const sl_type *type, size_t size);

/* Instance extension: an engine object (a Queue, a Lock, a Future, ...)
 * that is an instance of a scenario class deriving from its engine class
 * (`class MyQueue(asyncio.Queue)`) carries the class and an attribute
 * dict right behind its own struct, so it stays one object with one
 * identity for the engine (futures, callbacks, reprs) and the language.
 * sl_obj_ext_request(rt, type) asks that the next sl_obj_alloc or
 * sl_obj_alloc_size of exactly `type` reserve it (the engine constructors
 * need no change); the slots start NULL and are owned by the object
 * (released with it). A variable-sized type (`class Name(str)`) says
 * where its instance ends through sl_type.var_size. */
#define SL_OBJ_EXT_BIT 0x8000u
typedef struct sl_obj_ext {
  sl_obj *cls;    /* owned sl_class (core/exc.h), or NULL */
  sl_obj *attrs;  /* owned dict of instance attributes, or NULL */
  bool finalized; /* the class's __del__ ran (PEP 442: at most once) */
} sl_obj_ext;
void sl_obj_ext_request(sl_rt *rt, const sl_type *type);
static inline sl_obj_ext *sl_obj_ext_of(sl_obj *o) {
  if (!(o->size_class & SL_OBJ_EXT_BIT)) return NULL;
  size_t size = o->type->var_size ? o->type->var_size(o) : o->type->size;
  size_t off = (size + sizeof(void *) - 1) / sizeof(void *) * sizeof(void *);
  return (sl_obj_ext *)(void *)((char *)o + off);
}

/* Frees every object of the run without running clear (teardown). */
void sl_heap_free_all(sl_rt *rt);
/* Frees the memory the run keeps for reuse (teardown, after the above). */
void sl_heap_free_freelists(sl_rt *rt);

/* Small objects carried from one run to the next when runs start from an
 * image (core/alloc.h): what a run held outside the image at its teardown
 * (its objects and its free lists), handed to the next run's free lists
 * after the restore, so that the runs of an explore take their handles,
 * futures and frames from there rather than from malloc. Poisoned under
 * AddressSanitizer like a free list. Owned by the caller: zero-initialise
 * it, free it with sl_heap_pool_free. */
typedef struct sl_heap_pool {
  sl_obj *head[SL_OBJ_CLASSES + 1], *tail[SL_OBJ_CLASSES + 1]; /* linked through run_next */
  uint32_t n[SL_OBJ_CLASSES + 1];
  size_t bytes; /* taken out of the allocator's count while kept (sl_alloc_set_aside) */
} sl_heap_pool;
/* Teardown of the objects of a run restored from an image, without the
 * decref cascade: the next restore puts every image block back as it was,
 * so each live object only releases what it holds outside objects (its
 * release, which frees nothing in the image), and the objects outside the
 * image go to `pool` (past its bound per size class or too large for a
 * class: freed). The image's objects are left as they are. The run's
 * heap list and free lists are invalid after. */
void sl_heap_discard(sl_rt *rt, sl_heap_pool *pool);
/* Moves the pool's objects onto rt's free lists (after the restore). The
 * memory budget counts them again from here, as it counts a run's free
 * lists. */
void sl_heap_adopt(sl_rt *rt, sl_heap_pool *pool);
void sl_heap_pool_free(sl_heap_pool *pool);

/* Generic operations, with Python's semantics. */
int sl_repr(sl_rt *rt, sl_value v, sl_strbuf *out);
int sl_str(sl_rt *rt, sl_value v, sl_strbuf *out);
int sl_eq(sl_rt *rt, sl_value a, sl_value b, bool *res);
int sl_lt(sl_rt *rt, sl_value a, sl_value b, bool *res);
int sl_hash(sl_rt *rt, sl_value v, int64_t *out);
int sl_truth(sl_rt *rt, sl_value v, bool *res);
int sl_call(sl_rt *rt, sl_value callable, const sl_args *args, sl_value *out);
/* Positional-only convenience form of sl_call. */
int sl_call_pos(sl_rt *rt, sl_value callable, const sl_value *argv, size_t argc, sl_value *out);
int sl_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out);
/* Python's type name of a value ("int", "NoneType", "Task", ...). */
const char *sl_type_name(sl_value v);
/* Identity (`is`). */
bool sl_is(sl_value a, sl_value b);
/* A hash of an object's address for the engine's own tables (identity
 * sets, run-derived identities): Fibonacci hashing, high bits. Where an
 * object sits in such a table may depend on it; nothing a program sees
 * may. */
static inline size_t sl_ptr_hash(const sl_obj *o) {
  return (size_t)(((uint64_t)((uintptr_t)o >> 4) * UINT64_C(0x9E3779B97F4A7C15)) >> 32);
}

#endif
