/* memoryview: a window on the bytes of a bytes or bytearray object
 * (Objects/memoryobject.c, format 'B', one dimension, contiguous), the
 * part programs use with recv_into and BufferedProtocol: memoryview(obj),
 * len, mv[i], mv[i:j] (a view), mv[i:j] = data (same length), bytes(mv),
 * tobytes, release, nbytes, readonly, obj, a with block. See buffer.h. */
#include <string.h>

#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/buffer.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/sync-int.h"

static int released_error(sl_rt *rt) {
  return sl_raise(rt, SL_EXC_VALUE_ERROR, "operation forbidden on released memoryview object");
}

/* A new view of obj's bytes [start, start+len); takes an export on a
 * bytearray. */
static sl_obj *view_new(sl_rt *rt, sl_value obj, size_t start, size_t len) {
  sl_obj *o = sl_obj_alloc(rt, &sl_memoryview_type);
  if (!o) return NULL;
  sl_memoryview *m = sl_as_memoryview(o);
  m->obj = sl_vincref(obj);
  m->start = start, m->len = len;
  if (sl_is_type(obj, &sl_bytearray_type)) sl__bytearray_export(obj.u.o, true);
  return o;
}

/* Drops the view's hold on its object (release() and freeing). */
static void release_view(sl_rt *rt, sl_memoryview *m) {
  sl_value obj = m->obj;
  if (sl_is_none(obj)) return;
  m->obj = sl_none();
  if (sl_is_type(obj, &sl_bytearray_type)) sl__bytearray_export(obj.u.o, false);
  sl_vdecref(rt, obj);
}

static int live(sl_rt *rt, sl_memoryview *m) { return sl_is_none(m->obj) ? released_error(rt) : 0; }

static const unsigned char *view_data(sl_memoryview *m) {
  const unsigned char *p;
  size_t n;
  sl_buffer_read(m->obj, &p, &n);
  return p + m->start;
}

/* ---- indexing ------------------------------------------------------------------- */

static int index_of(sl_rt *rt, sl_memoryview *m, sl_value key, size_t *out) {
  int64_t i;
  if (!sl_as_index(key, &i))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "memoryview: invalid slice key");
  if (i < 0) i += (int64_t)m->len;
  if (i < 0 || i >= (int64_t)m->len)
    return sl_raise(rt, SL_EXC_INDEX_ERROR, "index out of bounds on dimension 1");
  *out = (size_t)i;
  return 0;
}

/* A slice with step 1 as [start, start+count); other steps are refused. */
static int contiguous(sl_rt *rt, sl_memoryview *m, sl_obj *slice, size_t *start, size_t *count) {
  int64_t b, e, step, n;
  if (sl_slice_indices(rt, slice, (int64_t)m->len, &b, &e, &step, &n)) return -1;
  if (step != 1 && n > 1)
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: memoryview slices with a step are not supported");
  *start = n ? (size_t)b : 0, *count = (size_t)n;
  return 0;
}

static int mv_getitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value *out) {
  sl_memoryview *m = sl_as_memoryview(o);
  if (live(rt, m)) return -1;
  if (sl_is_type(key, &sl_slice_type)) {
    size_t start, count;
    if (contiguous(rt, m, key.u.o, &start, &count)) return -1;
    sl_obj *v = view_new(rt, m->obj, m->start + start, count);
    if (!v) return -1;
    *out = sl_obj_val(v);
    return 0;
  }
  size_t i;
  if (index_of(rt, m, key, &i)) return -1;
  *out = sl_int(view_data(m)[i]);
  return 0;
}

static int mv_setitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value v) {
  sl_memoryview *m = sl_as_memoryview(o);
  if (live(rt, m)) return -1;
  if (sl_is_undef(v)) return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot delete memory");
  unsigned char *dst;
  size_t dlen;
  if (!sl_buffer_write(sl_obj_val(o), &dst, &dlen))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot modify read-only memory");
  if (!sl_is_type(key, &sl_slice_type)) {
    size_t i;
    if (index_of(rt, m, key, &i)) return -1;
    if (!sl__is_intlike(v))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "memoryview: invalid type for format 'B'");
    if (sl__intval(v) < 0 || sl__intval(v) > 255)
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "memoryview: invalid value for format 'B'");
    dst[i] = (unsigned char)sl__intval(v);
    return 0;
  }
  size_t start, count;
  if (contiguous(rt, m, key.u.o, &start, &count)) return -1;
  const unsigned char *src;
  size_t n;
  if (!sl_buffer_read(v, &src, &n))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'",
                    sl_type_name(v));
  if (n != count)
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    "memoryview assignment: lvalue and rvalue have different structures");
  if (n) memmove(dst + start, src, n);
  return 0;
}

static int mv_len(sl_rt *rt, sl_obj *o, int64_t *out) {
  if (live(rt, sl_as_memoryview(o))) return -1;
  *out = (int64_t)sl_as_memoryview(o)->len;
  return 0;
}

static const sl_lang_slots mv_slots = {.len = mv_len, .getitem = mv_getitem, .setitem = mv_setitem};

/* ---- methods and attributes ---------------------------------------------------- */

#define BIND(qual, n, req)                                                                         \
  sl_value a[n];                                                                                   \
  if (sl__bind_method(rt, self, args, qual, names, n, req, n, a)) return -1

static const char *const names[] = {"self", "a", "b", "c"};

static int m_tobytes(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("memoryview.tobytes", 1, 1);
  sl_memoryview *m = sl_as_memoryview(self.u.o);
  if (live(rt, m)) return -1;
  sl_obj *b = sl_bytes_new(rt, view_data(m), m->len);
  if (!b) return -1;
  *out = sl_obj_val(b);
  return 0;
}
static int m_release(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("memoryview.release", 1, 1);
  release_view(rt, sl_as_memoryview(self.u.o));
  *out = sl_none();
  return 0;
}
static int m_enter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("memoryview.__enter__", 1, 1);
  if (live(rt, sl_as_memoryview(self.u.o))) return -1;
  *out = sl_vincref(self);
  return 0;
}
static int m_exit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("memoryview.__exit__", 4, 1);
  release_view(rt, sl_as_memoryview(self.u.o));
  *out = sl_none();
  return 0;
}

static const sl_cfunc_def methods[] = {
    {"memoryview.tobytes", m_tobytes, NULL, 0},
    {"memoryview.release", m_release, NULL, 0},
    {"memoryview.__enter__", m_enter, NULL, 0},
    {"memoryview.__exit__", m_exit, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int mv_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_memoryview *m = sl_as_memoryview(o);
  bool nbytes = !strcmp(name, "nbytes"), readonly = !strcmp(name, "readonly");
  if (nbytes || readonly || !strcmp(name, "obj")) {
    if (live(rt, m)) return -1;
    if (nbytes)
      *out = sl_int((int64_t)m->len);
    else if (readonly)
      *out = sl_bool(!sl_is_type(m->obj, &sl_bytearray_type));
    else
      *out = sl_vincref(m->obj);
    return 0;
  }
  return sl__getattr_methods(rt, o, methods, name, out);
}

/* ---- the type ------------------------------------------------------------------- */

/* <memory at 0x7f...>, the run's address (core/identity.h). */
static int mv_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out,
                 sl_is_none(sl_as_memoryview(o)->obj) ? "<released memory at " : "<memory at ");
  return sl_identity_put_end(rt, o, out);
}

static int mv_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  sl_memoryview *m = sl_as_memoryview(a);
  const unsigned char *p;
  size_t n;
  if (sl_is_none(m->obj)) {
    *res = b.tag == SL_V_OBJ && b.u.o == a;
    return 0;
  }
  *res = sl_buffer_read(b, &p, &n) && n == m->len && (!n || !memcmp(p, view_data(m), n));
  return 0;
}

static void mv_clear(sl_rt *rt, sl_obj *o) { release_view(rt, sl_as_memoryview(o)); }

const sl_type sl_memoryview_type = {.name = "memoryview",
                                    .repr = mv_repr,
                                    .eq = mv_eq,
                                    .unhashable = true,
                                    .getattr = mv_getattr,
                                    .clear = mv_clear,
                                    .lang = &mv_slots,
                                    .size = sizeof(sl_memoryview)};

static int ct_memoryview(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const ct_names[] = {"object"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "memoryview", ct_names, 1, 1, 1, a)) return -1;
  const unsigned char *p;
  size_t n;
  if (!sl_buffer_read(a[0], &p, &n))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "memoryview: a bytes-like object is required, not '%s'",
                    sl_type_name(a[0]));
  sl_obj *v;
  if (sl_is_type(a[0], &sl_memoryview_type)) {
    sl_memoryview *m = sl_as_memoryview(a[0].u.o);
    v = view_new(rt, m->obj, m->start, m->len);
  } else {
    v = view_new(rt, a[0], 0, n);
  }
  if (!v) return -1;
  *out = sl_obj_val(v);
  return 0;
}
const sl_cfunc_def sl__ctor_memoryview = {"memoryview", ct_memoryview, NULL, 0};
