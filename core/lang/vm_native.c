/* Scenario classes deriving from asyncio's engine classes:
 * `class MyQueue(asyncio.Queue)`, `class TrackedLock(asyncio.Lock)`,
 * `class MyFuture(asyncio.Future)`, ...
 *
 * An instance is the engine object itself (a Queue, a Lock, a Future),
 * allocated with an instance extension (core/object.h sl_obj_ext) that
 * holds its scenario class and attribute dict. The engine sees the object
 * it always sees (same futures, same callbacks, same trace), the language
 * sees an instance of the scenario class: type(), isinstance(), reprs that
 * name the class, attributes looked up on the scenario class first, then
 * the instance dict, then the engine class's methods, and super() into
 * the engine class (super().__init__(maxsize), await super().get()).
 *
 * As in Lib/asyncio/queues.py, a Queue subclass may override _init, _put
 * and _get (as LifoQueue and PriorityQueue do): the engine then calls
 * them for the items (core/queues.c user_storage). Other engine-internal
 * self-calls (put() calling self.put_nowait()) stay the engine's own. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/descr.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/future.h"
#include "core/locks.h"
#include "core/queues.h"
#include "core/rt.h"
#include "core/semaphore.h"
#include "core/str.h"

/* The engine classes a scenario class may derive from. */
static const char *const subclassable[] = {
    "asyncio.queues.Queue",
    "asyncio.queues.LifoQueue",
    "asyncio.queues.PriorityQueue",
    "asyncio.locks.Lock",
    "asyncio.locks.Event",
    "asyncio.locks.Condition",
    "asyncio.locks.Semaphore",
    "asyncio.locks.BoundedSemaphore",
    "_asyncio.Future",
};

bool sl__native_base_ok(sl_value b) {
  if (!sl_is_type(b, &sl_typeobj_type) || !((sl_typeobj *)b.u.o)->cls) return false;
  const char *full = ((sl_typeobj *)b.u.o)->cls->fullname;
  for (size_t i = 0; i < sizeof subclassable / sizeof *subclassable; i++)
    if (!strcmp(full, subclassable[i])) return true;
  return false;
}

static bool is_queue(const sl_obj *o) {
  return o->type == &sl_queue_type || o->type == &sl_lifo_queue_type ||
         o->type == &sl_priority_queue_type;
}

static int has_method(sl_rt *rt, sl_obj *cls, const char *name, bool *res) {
  sl_value v;
  int r = sl__class_lookup(rt, cls, name, &v);
  if (r > 0) sl_vdecref(rt, v);
  *res = r > 0;
  return r < 0 ? -1 : 0;
}

/* Queue.__init__'s `self._init(maxsize)` when the scenario class has one;
 * its _put/_get then hold the items. */
static int queue_user_init(sl_rt *rt, sl_obj *o) {
  sl_queue *q = (sl_queue *)o;
  bool put, get;
  if (has_method(rt, sl_user_cls_of(o), "_put", &put) ||
      has_method(rt, sl_user_cls_of(o), "_get", &get))
    return -1;
  q->user_storage = put || get;
  sl_value res;
  int r = rt->user_ops->method(rt, o, "_init", &q->maxsize, 1, &res);
  if (r > 0) sl_vdecref(rt, res);
  return r < 0 ? -1 : 0;
}

/* The engine class's __init__ on an existing instance
 * (super().__init__(...)): a fresh engine object built from the same
 * arguments checks them exactly as the constructor does, then its
 * settings move over. */
static int native_init(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_obj *o = self.u.o;
  const sl_classdef *cd = sl_asyncio_classdef_of(o->type);
  sl_value cls;
  if (!cd || sl_typeobj_of_class(rt, cd, &cls))
    return cd ? -1 : sl_raise(rt, SL_EXC_TYPE_ERROR, "bad __init__");
  sl_value fresh = sl_none();
  /* A Future's constructor would take a trace id: it only checks its
   * keyword-only loop= argument, which the engine ignores. */
  int rc = 0;
  if (o->type == &sl_future_type) {
    if (args->npos)
      rc =
          sl_raise(rt, SL_EXC_TYPE_ERROR,
                   "Future.__init__() takes 0 positional arguments but %zu were given", args->npos);
  } else {
    rc = cd->ctor->fn(rt, cls, args, &fresh);
  }
  sl_vdecref(rt, cls);
  if (rc) return -1;
  if (is_queue(o)) {
    sl_queue *q = (sl_queue *)o, *f = (sl_queue *)fresh.u.o;
    sl_value tmp = q->maxsize;
    q->maxsize = f->maxsize;
    f->maxsize = tmp;
    q->maxsize_int = f->maxsize_int;
    q->bad_maxsize = f->bad_maxsize;
  } else if (o->type == &sl_semaphore_type || o->type == &sl_bounded_semaphore_type) {
    sl_semaphore *s = (sl_semaphore *)o, *f = (sl_semaphore *)fresh.u.o;
    s->value = f->value;
    s->bound_value = f->bound_value;
  } else if (o->type == &sl_condition_type) {
    sl_condition *c = (sl_condition *)o, *f = (sl_condition *)fresh.u.o;
    sl_obj *tmp = c->lock;
    c->lock = f->lock;
    f->lock = tmp;
  }
  sl_vdecref(rt, fresh);
  if (is_queue(o) && queue_user_init(rt, o)) return -1;
  *out = sl_none();
  return 0;
}

static const sl_cfunc_def native_init_def = {"__init__", native_init, "user", SL_CANON_LABEL};

int sl__native_call_class(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out) {
  sl_value native = sl_obj_val(sl_as_class(cls)->native), init;
  const sl_classdef *cd = ((sl_typeobj *)native.u.o)->cls;
  if (!cd) return sl__builtin_call_class(rt, cls, args, out);
  int r = sl__class_lookup(rt, cls, "__init__", &init);
  if (r < 0) return -1;
  /* Without a scenario __init__ the engine constructor takes the call's
   * arguments; with one, the object starts as the engine class's default
   * and super().__init__(...) sets it up. */
  sl_args none = {NULL, 0, NULL, NULL, 0};
  sl_value obj = sl_none();
  sl_obj_ext_request(rt, cd->types[0]);
  int rc = cd->ctor->fn(rt, native, r ? &none : args, &obj);
  rt->ext_next_type = NULL;
  sl_obj_ext *x = rc ? NULL : sl_obj_ext_of(obj.u.o);
  if (!rc && !x)
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot derive a class from %s", cd->fullname);
  if (rc) {
    if (r) sl_vdecref(rt, init);
    sl_vdecref(rt, obj);
    return -1;
  }
  sl_incref(cls);
  x->cls = cls;
  if (!r) {
    if (is_queue(obj.u.o) && queue_user_init(rt, obj.u.o)) {
      sl_vdecref(rt, obj);
      return -1;
    }
    *out = obj;
    return 0;
  }
  sl_value res;
  rc = sl__call_bound(rt, init, obj, args, &res);
  sl_vdecref(rt, init);
  if (!rc && !sl_is_none(res)) {
    const char *tn = sl_type_name(res);
    sl_vdecref(rt, res);
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "__init__() should return None, not '%s'", tn);
  }
  if (rc) {
    sl_vdecref(rt, obj);
    return -1;
  }
  *out = obj;
  return 0;
}

/* super().name inside a method of a class deriving from an engine class,
 * once the scenario classes had none: the engine's own. 1/0/-1. */
int sl__native_super_attr(sl_rt *rt, sl_obj *start, sl_value self, const char *name,
                          sl_value *out) {
  if (!sl_as_class(start)->native || self.tag != SL_V_OBJ || !sl_obj_ext_of(self.u.o)) return 0;
  if (!((sl_typeobj *)sl_as_class(start)->native)->cls) {
    /* A built-in base: its methods, special ones included. */
    int r = sl_lang_getattr(rt, self, name, out);
    if (r < 0 && rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
      sl_err_clear(rt);
      return 0;
    }
    return r < 0 ? -1 : 1;
  }
  if (!strcmp(name, "__init__")) {
    sl_obj *f = sl_cfunc_new(rt, &native_init_def, self);
    if (!f) return -1;
    *out = sl_obj_val(f);
    return 1;
  }
  int r = sl_asyncio_getattr(rt, self, name, out);
  if (r == 0) r = sl_lang_getattr(rt, self, name, out) ? -1 : 1;
  if (r < 0 && rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
    sl_err_clear(rt);
    return 0;
  }
  return r;
}

/* obj.name on an instance: the scenario class's properties, the instance
 * dict, the scenario class's other attributes, then the engine's. */
static int native_lookup(sl_rt *rt, sl_value v, const char *name, sl_value *out) {
  sl_obj_ext *x = sl_obj_ext_of(v.u.o);
  if (!strcmp(name, "__class__")) {
    sl_incref(x->cls);
    *out = sl_obj_val(x->cls);
    return 0;
  }
  if (!strcmp(name, "__dict__")) {
    if (!x->attrs && !(x->attrs = sl_dict_new(rt))) return -1;
    sl_incref(x->attrs);
    *out = sl_obj_val(x->attrs);
    return 0;
  }
  sl_value cv;
  int r = sl__class_lookup(rt, x->cls, name, &cv);
  if (r < 0) return -1;
  if (r > 0 && sl_is_type(cv, &sl_property_type))
    return sl__bind_class_attr(rt, cv, v, x->cls, out);
  bool found = false;
  if (x->attrs && sl_dict_get_str(rt, x->attrs, name, out, &found)) {
    if (r > 0) sl_vdecref(rt, cv);
    return -1;
  }
  if (found) {
    if (r > 0) sl_vdecref(rt, cv);
    return 0;
  }
  if (r > 0) return sl__bind_class_attr(rt, cv, v, x->cls, out);
  r = sl_asyncio_getattr(rt, v, name, out);
  if (r == 0) r = sl_lang_getattr(rt, v, name, out) ? -1 : 1;
  if (r > 0) return 0;
  /* The engine names its own type; the instance's is the scenario class. */
  if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
    sl_err_clear(rt);
    sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", sl_type_name(v),
             name);
  }
  return -1;
}

/* The lookup above, then (slot_tp_getattr_hook) the scenario class's
 * __getattr__ when it raised AttributeError. */
int sl__native_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out) {
  if (!native_lookup(rt, v, name, out)) return 0;
  return sl__getattr_hook(rt, sl_obj_ext_of(v.u.o)->cls, v, name, out);
}

/* obj.name = val (val SL_V_UNDEF: del obj.name): a property's setter, or
 * the instance dict. */
int sl__native_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val) {
  sl_obj_ext *x = sl_obj_ext_of(v.u.o);
  sl_value cv;
  int r = sl__class_lookup(rt, x->cls, name, &cv);
  if (r < 0) return -1;
  if (r > 0) {
    bool prop = sl_is_type(cv, &sl_property_type);
    int rc = prop ? sl_property_set(rt, cv.u.o, v, sl_type_name(v), val) : 0;
    sl_vdecref(rt, cv);
    if (prop) return rc;
  }
  if (sl_is_undef(val)) {
    bool found = false;
    sl_obj *key = sl_str_from_cstr(rt, name);
    if (!key) return -1;
    int rc = x->attrs ? sl_dict_del(rt, x->attrs, sl_obj_val(key), &found) : 0;
    sl_decref(rt, key);
    if (rc) return -1;
    if (!found)
      return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
                      sl_type_name(v), name);
    return 0;
  }
  if (!x->attrs && !(x->attrs = sl_dict_new(rt))) return -1;
  return sl_dict_set_str(rt, x->attrs, name, val);
}
