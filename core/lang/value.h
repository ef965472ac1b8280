/* Language-level value protocols beyond ops.h: attribute lookup on every
 * value (methods of str, list, int, ...; exception attributes), the bytes,
 * range, slice and iterator types, type objects of the built-in types, and
 * the extension slots (sl_type.lang) through which types defined elsewhere
 * (the VM's functions and instances, asyncio objects) join the protocols.
 *
 * Ownership as in ops.h: values returned through pointers are new
 * references; arguments are borrowed. */
#ifndef SL_LANG_VALUE_H
#define SL_LANG_VALUE_H

#include "core/lang/ops.h"
#include "core/object.h"

/* What sl_type.lang points to for a type that supports the language
 * protocols. Built-in core types (str, tuple, list, dict, set, exception
 * classes and instances) are handled by type in ops.c and need none. Any
 * slot may be NULL (the operation then raises CPython's TypeError). */
typedef struct sl_lang_slots {
  int (*len)(sl_rt *rt, sl_obj *o, int64_t *out);
  /* iter(o): a new iterator. */
  int (*iter)(sl_rt *rt, sl_obj *o, sl_value *out);
  /* next(o) for iterators: 1 item, 0 exhausted, -1 error. */
  int (*next)(sl_rt *rt, sl_obj *o, sl_value *out);
  int (*getitem)(sl_rt *rt, sl_obj *o, sl_value key, sl_value *out);
  /* o[key] = v, or del o[key] when v is SL_V_UNDEF. */
  int (*setitem)(sl_rt *rt, sl_obj *o, sl_value key, sl_value v);
  int (*contains)(sl_rt *rt, sl_obj *o, sl_value item, bool *res);
  /* o <op> other for the orderings (op an sl_ast_cmpop: <, <=, >, >=), as
   * one rich comparison (tp_richcompare); NULL: the type's lt slot. */
  int (*richcompare)(sl_rt *rt, sl_obj *o, int op, sl_value other, bool *res);
  /* a OP b (op: an sl_ast_binop) where a or b is of this type, tried for a
   * then for b as CPython's binary_op1 tries both operands: 1 done, 0 not
   * for this type (NotImplemented), -1 error. */
  int (*binary)(sl_rt *rt, int op, sl_value a, sl_value b, sl_value *out);
  /* -o, +o (op: SL_UNARY_USUB/UADD) and abs(o) (op: SL_LANG_ABS): 1 done,
   * 0 not supported, -1 error. */
  int (*unary)(sl_rt *rt, int op, sl_obj *o, sl_value *out);
} sl_lang_slots;
#define SL_LANG_ABS (-1)

static inline const sl_lang_slots *sl_lang_slots_of(sl_value v) {
  return v.tag == SL_V_OBJ ? (const sl_lang_slots *)v.u.o->type->lang : NULL;
}

/* getattr(v, name) for every value: the methods of str, bytes, list, tuple,
 * dict, set, int, float; exception attributes (args, __cause__, ...,
 * ExceptionGroup.exceptions), class attributes (__name__, ...); otherwise
 * the type's own getattr slot. The VM's LOAD_ATTR should call this rather
 * than sl_getattr, which only knows the type's slot. */
int sl_lang_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out);

/* ---- bytes ---------------------------------------------------------------- */

extern const sl_type sl_bytes_type;
typedef struct sl_bytesobj {
  sl_obj hdr;
  size_t len;
  int64_t hash;         /* -1 until computed */
  unsigned char data[]; /* len bytes plus a NUL */
} sl_bytesobj;
static inline sl_bytesobj *sl_as_bytes(sl_obj *o) { return (sl_bytesobj *)o; }
sl_obj *sl_bytes_new(sl_rt *rt, const unsigned char *data, size_t len);

/* ---- range, slice --------------------------------------------------------- */

extern const sl_type sl_range_type;
extern const sl_type sl_slice_type;
typedef struct sl_range {
  sl_obj hdr;
  int64_t start, stop, step, len;
} sl_range;
typedef struct sl_slice {
  sl_obj hdr;
  sl_value start, stop, step; /* owned */
} sl_slice;
/* range(start, stop, step); ValueError for a zero step. */
int sl_range_new(sl_rt *rt, int64_t start, int64_t stop, int64_t step, sl_value *out);
/* Resolves a slice against a sequence of length len, as slice.indices():
 * *count elements start, start+step, ... */
int sl_slice_indices(sl_rt *rt, sl_obj *slice, int64_t len, int64_t *start, int64_t *stop,
                     int64_t *step, int64_t *count);

/* ---- iteration helpers ------------------------------------------------------ */

/* Collects any iterable into a new list (list(v)). */
int sl_list_from_iterable(sl_rt *rt, sl_value v, sl_obj **out);
/* Borrowed view of the items of a tuple or list, or a new list holding the
 * iterable's items (then *owned is set and must be released). */
int sl_seq_items(sl_rt *rt, sl_value v, const sl_value **items, size_t *n, sl_obj **owned);

/* ---- type objects ----------------------------------------------------------- */

/* A class defined outside builtins whose instances are engine objects
 * (asyncio.Queue, asyncio.Lock, ..., _asyncio.Future): the static
 * description behind its type object. CPython's classes live in modules,
 * have bases and methods on the class; built-in types need none of that. */
typedef struct sl_classdef {
  const char *fullname; /* "asyncio.queues.Queue": the repr, and the run's type table key */
  const char *module;   /* "asyncio.queues": __module__ */
  const char *name;     /* "Queue": __name__ and __qualname__ */
  /* The sl_types whose instances are instances of this class, those of its
   * subclasses included (Queue: Queue, LifoQueue, PriorityQueue);
   * NULL-terminated. types[0] is the class's own: type() of its instances
   * gives this class. */
  const sl_type *const *types;
  const struct sl_classdef *base; /* for issubclass(); NULL: object */
  const struct sl_cfunc_def *ctor;
  /* Attributes of the class itself (unbound methods): 1 found (*out new
   * reference), 0 not found, -1 error. NULL: none. */
  int (*getattr)(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out);
} sl_classdef;

/* The type object of a built-in type (`int`, `str`, `list`, ...): repr
 * "<class 'int'>", __name__, callable as the constructor. Also the type
 * object of a class described by an sl_classdef (then `cls` is set). */
extern const sl_type sl_typeobj_type;
typedef struct sl_typeobj {
  sl_obj hdr;
  const char *name;       /* static: "int" */
  const sl_type *type;    /* the instances' sl_type, or NULL for value types */
  sl_vtag tag;            /* for None/bool/int/float: their tag */
  const void *ctor;       /* static sl_cfunc_def of the constructor, or NULL */
  sl_value table;         /* owned: for `type` itself, the tuple of all type objects */
  const sl_classdef *cls; /* static, or NULL for the built-in types */
} sl_typeobj;

/* The run's type object of a class (made on first use, then the same
 * object every time, so `type(q) is asyncio.Queue`). New reference. */
int sl_typeobj_of_class(sl_rt *rt, const sl_classdef *cd, sl_value *out);
/* The class an engine type's instances belong to (asyncio_objs.c), or
 * NULL: type() asks it before falling back to a type named after the
 * sl_type. */
const sl_classdef *sl_asyncio_classdef_of(const sl_type *t);

/* The type object of the engine type ty's instances (types.FunctionType:
 * the object type() of a function gives). New reference. */
int sl_typeobj_of_type(sl_rt *rt, const sl_type *ty, sl_value *out);
/* type(v): the built-in type object or exception class (new reference). */
int sl_type_of(sl_rt *rt, sl_value v, sl_value *out);
/* isinstance(v, cls) for one class (type object or exception class). */
int sl_isinstance1(sl_rt *rt, sl_value v, sl_value cls, bool *res);

/* ---- text ------------------------------------------------------------------- */

/* str.format(*args, **kwargs) on a format string, appended to out. */
int sl_str_format(sl_rt *rt, const char *fmt, size_t len, const sl_args *args, sl_strbuf *out);
/* The %-operator on str: fmt % args. */
int sl_str_percent(sl_rt *rt, sl_obj *fmt, sl_value args, sl_value *out);
/* ascii(v) */
int sl_ascii(sl_rt *rt, sl_value v, sl_strbuf *out);
/* New str from a code point range of a str (cp indexes, clamped). */
sl_obj *sl_str_slice_cp(sl_rt *rt, sl_obj *s, int64_t start, int64_t stop);
/* Byte offset of code point `cp` in s (cp <= cplen). */
size_t sl_str_cp_offset(sl_obj *s, int64_t cp);

/* Raises for an int result outside 64 bits. */
int sl_raise_int_overflow(sl_rt *rt);
/* Converts a value usable as an index (int, bool) to int64; TypeError
 * "<what> indices must be integers or slices, not X" is the caller's. */
bool sl_as_index(sl_value v, int64_t *out);

#endif
