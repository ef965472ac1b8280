/* bytearray: a mutable bytes buffer (Objects/bytearrayobject.c), the part
 * programs use with recv_into and BufferedProtocol: bytearray(n),
 * bytearray(bytes-like), len, b[i], b[i:j], b[i:j] = data, del b[i:j],
 * append, extend, clear, decode, copy, bytes(b), ==, in, iteration, repr,
 * and bytes' own methods (strip, split, find, ...) answering in bytearrays.
 * See buffer.h. */
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/lang/buffer.h"
#include "core/lang/methods_str-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/num/unicode.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/sync-int.h"
#include "core/tuple.h"

bool sl_buffer_read(sl_value v, const unsigned char **data, size_t *len) {
  if (v.tag != SL_V_OBJ) return false;
  const sl_type *t = v.u.o->type;
  if (t == &sl_bytes_type) {
    *data = sl_as_bytes(v.u.o)->data, *len = sl_as_bytes(v.u.o)->len;
    return true;
  }
  if (t == &sl_bytearray_type) {
    *data = sl_as_bytearray(v.u.o)->data, *len = sl_as_bytearray(v.u.o)->len;
    return true;
  }
  if (t == &sl_memoryview_type) {
    sl_memoryview *m = sl_as_memoryview(v.u.o);
    const unsigned char *base;
    size_t n;
    if (sl_is_none(m->obj) || !sl_buffer_read(m->obj, &base, &n)) return false;
    *data = base + m->start, *len = m->len;
    return true;
  }
  return false;
}

bool sl_buffer_write(sl_value v, unsigned char **data, size_t *len) {
  if (v.tag != SL_V_OBJ) return false;
  if (v.u.o->type == &sl_bytearray_type) {
    *data = sl_as_bytearray(v.u.o)->data, *len = sl_as_bytearray(v.u.o)->len;
    return true;
  }
  if (v.u.o->type != &sl_memoryview_type) return false;
  sl_memoryview *m = sl_as_memoryview(v.u.o);
  if (!sl_is_type(m->obj, &sl_bytearray_type)) return false;
  *data = sl_as_bytearray(m->obj.u.o)->data + m->start, *len = m->len;
  return true;
}

void sl__bytearray_export(sl_obj *o, bool add) {
  sl_bytearray *b = sl_as_bytearray(o);
  if (add)
    b->exports++;
  else if (b->exports)
    b->exports--;
}

#define BA(v) sl_as_bytearray((v).u.o)

/* Makes the buffer len bytes long (new bytes zeroed); BufferError while
 * a memoryview holds it. */
static int resize(sl_rt *rt, sl_bytearray *b, size_t len) {
  if (len != b->len && b->exports)
    return sl_raise(rt, SL_EXC_BUFFER_ERROR, "Existing exports of data: object cannot be re-sized");
  if (len > b->cap) {
    size_t cap = b->cap ? b->cap : 16;
    while (cap < len) cap *= 2;
    unsigned char *p = sl_realloc(b->data, cap);
    if (!p) return sl_nomem(rt);
    b->data = p, b->cap = cap;
  }
  if (len > b->len) memset(b->data + b->len, 0, len - b->len);
  b->len = len;
  return 0;
}

/* Replaces b[start:stop] with data[0..n) (data may alias b). */
static int splice(sl_rt *rt, sl_bytearray *b, size_t start, size_t stop, const unsigned char *data,
                  size_t n) {
  unsigned char *copy = NULL;
  if (n && data >= b->data && data < b->data + b->cap) {
    if (!(copy = sl_malloc(n))) return sl_nomem(rt);
    memcpy(copy, data, n);
    data = copy;
  }
  size_t tail = b->len - stop, old = b->len;
  int rc = n > stop - start ? resize(rt, b, old + n - (stop - start)) : 0;
  if (!rc && n != stop - start && b->exports)
    rc = sl_raise(rt, SL_EXC_BUFFER_ERROR, "Existing exports of data: object cannot be re-sized");
  if (!rc) {
    memmove(b->data + start + n, b->data + stop, tail);
    if (n) memcpy(b->data + start, data, n);
    b->len = start + n + tail;
  }
  sl_free(copy);
  return rc;
}

sl_obj *sl_bytearray_new(sl_rt *rt, const unsigned char *data, size_t len) {
  sl_obj *o = sl_obj_alloc(rt, &sl_bytearray_type);
  if (!o) return NULL;
  if (resize(rt, sl_as_bytearray(o), len)) {
    sl_decref(rt, o);
    return NULL;
  }
  if (len) memcpy(sl_as_bytearray(o)->data, data, len);
  return o;
}

/* An int 0..255 for b[i] = v and append(v). */
static int byte_value(sl_rt *rt, sl_value v, unsigned char *out) {
  if (!sl__is_intlike(v))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v));
  int64_t x = sl__intval(v);
  if (x < 0 || x > 255) return sl_raise(rt, SL_EXC_VALUE_ERROR, "byte must be in range(0, 256)");
  *out = (unsigned char)x;
  return 0;
}

/* The bytes of a bytes-like argument, or TypeError. */
static int need_buffer(sl_rt *rt, sl_value v, const unsigned char **data, size_t *len) {
  if (sl_buffer_read(v, data, len)) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'",
                  sl_type_name(v));
}

/* ---- indexing ------------------------------------------------------------------- */

static int index_of(sl_rt *rt, sl_bytearray *b, sl_value key, size_t *out) {
  int64_t i;
  if (!sl_as_index(key, &i))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "bytearray indices must be integers or slices, not %s",
                    sl_type_name(key));
  if (i < 0) i += (int64_t)b->len;
  if (i < 0 || i >= (int64_t)b->len)
    return sl_raise(rt, SL_EXC_INDEX_ERROR, "bytearray index out of range");
  *out = (size_t)i;
  return 0;
}

static int ba_getitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value *out) {
  sl_bytearray *b = sl_as_bytearray(o);
  if (sl_is_type(key, &sl_slice_type)) {
    int64_t start, stop, step, count;
    if (sl_slice_indices(rt, key.u.o, (int64_t)b->len, &start, &stop, &step, &count)) return -1;
    sl_obj *r = sl_bytearray_new(rt, NULL, 0);
    if (!r || resize(rt, sl_as_bytearray(r), (size_t)count)) {
      sl_decref(rt, r);
      return -1;
    }
    for (int64_t k = 0, i = start; k < count; k++, i += step)
      sl_as_bytearray(r)->data[k] = b->data[i];
    *out = sl_obj_val(r);
    return 0;
  }
  size_t i;
  if (index_of(rt, b, key, &i)) return -1;
  *out = sl_int(b->data[i]);
  return 0;
}

/* b[slice] = data or del b[slice] (v undef). */
static int set_slice(sl_rt *rt, sl_bytearray *b, sl_obj *slice, sl_value v) {
  int64_t start, stop, step, count;
  if (sl_slice_indices(rt, slice, (int64_t)b->len, &start, &stop, &step, &count)) return -1;
  const unsigned char *data = NULL;
  size_t n = 0;
  if (!sl_is_undef(v)) {
    if (sl__is_intlike(v))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "can assign only bytes, buffers, or iterables of "
                      "ints in range(0, 256)");
    if (need_buffer(rt, v, &data, &n)) return -1;
  }
  if (step == 1) {
    if (stop < start) stop = start;
    return splice(rt, b, (size_t)start, (size_t)stop, data, n);
  }
  if (sl_is_undef(v))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: del of an extended bytearray slice is not supported");
  if ((int64_t)n != count)
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    "attempt to assign bytes of size %zu to extended slice of size %lld", n,
                    (long long)count);
  unsigned char *copy = sl_malloc(n + 1);
  if (!copy) return sl_nomem(rt);
  if (n) memcpy(copy, data, n);
  for (int64_t k = 0, i = start; k < count; k++, i += step) b->data[i] = copy[k];
  sl_free(copy);
  return 0;
}

static int ba_setitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value v) {
  sl_bytearray *b = sl_as_bytearray(o);
  if (sl_is_type(key, &sl_slice_type)) return set_slice(rt, b, key.u.o, v);
  size_t i;
  if (index_of(rt, b, key, &i)) return -1;
  if (sl_is_undef(v)) return splice(rt, b, i, i + 1, NULL, 0);
  return byte_value(rt, v, &b->data[i]);
}

static int ba_len(sl_rt *rt, sl_obj *o, int64_t *out) {
  (void)rt;
  *out = (int64_t)sl_as_bytearray(o)->len;
  return 0;
}

/* iter(b): the ints of a snapshot (changes during iteration are not seen). */
static int ba_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_obj *copy = sl_bytes_new(rt, sl_as_bytearray(o)->data, sl_as_bytearray(o)->len);
  if (!copy) return -1;
  int rc = sl_iter(rt, sl_obj_val(copy), out);
  sl_decref(rt, copy);
  return rc;
}

static int ba_contains(sl_rt *rt, sl_obj *o, sl_value item, bool *res) {
  sl_bytearray *b = sl_as_bytearray(o);
  unsigned char c;
  if (sl__is_intlike(item)) {
    if (byte_value(rt, item, &c)) return -1;
    *res = b->len && memchr(b->data, c, b->len);
    return 0;
  }
  const unsigned char *p;
  size_t n;
  if (need_buffer(rt, item, &p, &n)) return -1;
  *res = n == 0;
  for (size_t i = 0; !*res && i + n <= b->len; i++) *res = !memcmp(b->data + i, p, n);
  return 0;
}

static const sl_lang_slots ba_slots = {.len = ba_len,
                                       .iter = ba_iter,
                                       .getitem = ba_getitem,
                                       .setitem = ba_setitem,
                                       .contains = ba_contains};

/* ---- methods ------------------------------------------------------------------- */

#define BIND(qual, names, n, req)                                                                  \
  sl_value a[n];                                                                                   \
  if (sl__bind_method(rt, self, args, qual, names, n, req, n, a)) return -1

static const char *const self_only[] = {"self"};
static const char *const self_item[] = {"self", "item"};

static int m_append(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("bytearray.append", self_item, 2, 2);
  unsigned char c;
  if (byte_value(rt, a[1], &c)) return -1;
  *out = sl_none();
  return splice(rt, BA(self), BA(self)->len, BA(self)->len, &c, 1);
}
static int m_extend(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "iterable_of_ints"};
  BIND("bytearray.extend", names, 2, 2);
  const unsigned char *p;
  size_t n;
  if (need_buffer(rt, a[1], &p, &n)) return -1;
  *out = sl_none();
  return splice(rt, BA(self), BA(self)->len, BA(self)->len, p, n);
}
static int m_clear(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("bytearray.clear", self_only, 1, 1);
  *out = sl_none();
  return splice(rt, BA(self), 0, BA(self)->len, NULL, 0);
}
static int m_copy(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("bytearray.copy", self_only, 1, 1);
  sl_obj *o = sl_bytearray_new(rt, BA(self)->data, BA(self)->len);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}
/* decode(...) as bytes does it, on a copy. */
static int via_bytes(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out,
                     const char *name) {
  sl_obj *copy = sl_bytes_new(rt, BA(self)->data, BA(self)->len);
  if (!copy) return -1;
  sl_value m;
  int rc = sl_lang_getattr(rt, sl_obj_val(copy), name, &m);
  sl_decref(rt, copy);
  if (rc) return -1;
  rc = sl_call(rt, m, args, out);
  sl_vdecref(rt, m);
  return rc;
}
static int m_decode(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return via_bytes(rt, self, args, out, "decode");
}

static const sl_cfunc_def methods[] = {
    {"bytearray.append", m_append, NULL, 0}, {"bytearray.extend", m_extend, NULL, 0},
    {"bytearray.clear", m_clear, NULL, 0},   {"bytearray.copy", m_copy, NULL, 0},
    {"bytearray.decode", m_decode, NULL, 0}, {NULL, NULL, NULL, 0},
};

/* A bytes result of a shared method as the bytearray CPython's gives. */
static int to_bytearray(sl_rt *rt, sl_value *v) {
  if (!sl_is_type(*v, &sl_bytes_type)) return 0;
  sl_obj *o = sl_bytearray_new(rt, sl_as_bytes(v->u.o)->data, sl_as_bytes(v->u.o)->len);
  if (!o) return -1;
  sl_vdecref(rt, *v);
  *v = sl_obj_val(o);
  return 0;
}

/* The methods bytearray shares with bytes (strip, split, partition, find,
 * isdigit, ...) run on a bytes copy of the buffer; what they make of it,
 * a piece or a list or tuple of pieces, comes back as bytearray. */
static int m_shared(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value name = sl_as_tuple(self.u.o)->items[1], ba = sl_as_tuple(self.u.o)->items[0];
  if (via_bytes(rt, ba, args, out, sl_str_cstr(name.u.o))) return -1;
  int rc = to_bytearray(rt, out);
  sl_value *items = NULL;
  size_t n = 0;
  if (sl_is_type(*out, &sl_list_type))
    items = sl_as_list(out->u.o)->items, n = sl_as_list(out->u.o)->len;
  if (sl_is_type(*out, &sl_tuple_type))
    items = sl_as_tuple(out->u.o)->items, n = sl_as_tuple(out->u.o)->len;
  for (size_t i = 0; !rc && i < n; i++) rc = to_bytearray(rt, &items[i]);
  if (rc) sl_vdecref(rt, *out);
  return rc;
}

static const sl_cfunc_def shared_def = {"bytearray.method", m_shared, NULL, 0};

/* Whether bytes has `name` among the methods bytearray shares. */
static bool shared_name(const char *name) {
  if (!strcmp(name, "hex")) return true;
  for (const sl_cfunc_def *d = sl__bytes_more_methods; d->name; d++)
    if (!strcmp(d->name + sizeof "bytes." - 1, name)) return true;
  return false;
}

static int ba_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!shared_name(name)) return sl__getattr_methods(rt, o, methods, name, out);
  sl_obj *nm = sl_str_from_cstr(rt, name);
  if (!nm) return -1;
  sl_value pair[2] = {sl_obj_val(o), sl_obj_val(nm)};
  sl_obj *t = sl_tuple_new(rt, pair, 2);
  sl_decref(rt, nm);
  sl_obj *f = t ? sl_cfunc_new(rt, &shared_def, sl_obj_val(t)) : NULL;
  if (t) sl_decref(rt, t);
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 0;
}

/* ---- the type ------------------------------------------------------------------- */

static int ba_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  (void)rt;
  sl_strbuf_puts(out, "bytearray(");
  sl_bytes_repr(out, sl_as_bytearray(o)->data, sl_as_bytearray(o)->len);
  sl_strbuf_putc(out, ')');
  return 0;
}

static int ba_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  const unsigned char *p;
  size_t n;
  *res = sl_buffer_read(b, &p, &n) && n == sl_as_bytearray(a)->len &&
         (!n || !memcmp(p, sl_as_bytearray(a)->data, n));
  return 0;
}

static int ba_truth(sl_rt *rt, sl_obj *o, bool *res) {
  (void)rt;
  *res = sl_as_bytearray(o)->len != 0;
  return 0;
}

static void ba_release(sl_obj *o) {
  sl_free(sl_as_bytearray(o)->data);
  sl_as_bytearray(o)->data = NULL;
}

const sl_type sl_bytearray_type = {.name = "bytearray",
                                   .repr = ba_repr,
                                   .eq = ba_eq,
                                   .unhashable = true,
                                   .truth = ba_truth,
                                   .getattr = ba_getattr,
                                   .release = ba_release,
                                   .lang = &ba_slots,
                                   .size = sizeof(sl_bytearray)};

/* bytearray(), bytearray(n), bytearray(bytes-like), bytearray(str, encoding),
 * bytearray(iterable of ints): what bytes() accepts, copied. */
static int ct_bytearray(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  const unsigned char *p;
  size_t n;
  sl_value src = args->npos ? args->pos[0] : sl_undef();
  sl_value made = sl_none();
  if (!(args->npos == 1 && !args->nkw && sl_buffer_read(src, &p, &n))) {
    if (sl__bytes_from(rt, args, &made)) return -1;
    p = sl_as_bytes(made.u.o)->data, n = sl_as_bytes(made.u.o)->len;
  }
  sl_obj *o = sl_bytearray_new(rt, p, n);
  sl_vdecref(rt, made);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}
const sl_cfunc_def sl__ctor_bytearray = {"bytearray", ct_bytearray, NULL, 0};
