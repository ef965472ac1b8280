/* Subscripts, slices and len(): o[i], o[a:b:c], o[k] = v, del o[k] for str,
 * bytes, list, tuple, dict and range. Mirrors Objects/sliceobject.c
 * (PySlice_Unpack, PySlice_AdjustIndices) and the sq_item/mp_subscript slots
 * of the sequence types, with their IndexError/KeyError/TypeError texts. */
#include <string.h>

#include "core/alloc.h"
#include "core/lang/iter-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/vm-int.h"
#include "core/num/unicode.h"

bool sl_as_index(sl_value v, int64_t *out) {
  if (!sl__is_intlike(v)) return false;
  *out = sl__intval(v);
  return true;
}

/* ---- slice objects -------------------------------------------------------- */

static void slice_clear(sl_rt *rt, sl_obj *o) {
  sl_slice *s = (sl_slice *)o;
  sl_vdecref(rt, s->start);
  sl_vdecref(rt, s->stop);
  sl_vdecref(rt, s->step);
  s->start = s->stop = s->step = sl_none();
}

static int slice_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_slice *s = (sl_slice *)o;
  sl_strbuf_puts(out, "slice(");
  if (sl_repr(rt, s->start, out)) return -1;
  sl_strbuf_puts(out, ", ");
  if (sl_repr(rt, s->stop, out)) return -1;
  sl_strbuf_puts(out, ", ");
  if (sl_repr(rt, s->step, out)) return -1;
  sl_strbuf_putc(out, ')');
  return 0;
}

const sl_type sl_slice_type = {.name = "slice",
                               .clear = slice_clear,
                               .repr = slice_repr,
                               .unhashable = true,
                               .size = sizeof(sl_slice)};

sl_obj *sl_slice_new(sl_rt *rt, sl_value start, sl_value stop, sl_value step) {
  sl_obj *o = sl_obj_alloc(rt, &sl_slice_type);
  if (!o) return NULL;
  sl_slice *s = (sl_slice *)o;
  s->start = sl_vincref(sl_is_undef(start) ? sl_none() : start);
  s->stop = sl_vincref(sl_is_undef(stop) ? sl_none() : stop);
  s->step = sl_vincref(sl_is_undef(step) ? sl_none() : step);
  return o;
}

static int slice_part(sl_rt *rt, sl_value v, int64_t dflt, int64_t *out) {
  if (sl_is_none(v)) {
    *out = dflt;
    return 0;
  }
  if (sl_is_big(v)) {
    /* _PyEval_SliceIndex clips an index beyond Py_ssize_t. */
    *out = ((sl_longobj *)v.u.o)->sign < 0 ? INT64_MIN : INT64_MAX;
    return 0;
  }
  if (!sl_as_index(v, out))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "slice indices must be integers or None or have an __index__ method");
  return 0;
}

int sl_slice_indices(sl_rt *rt, sl_obj *slice, int64_t len, int64_t *start, int64_t *stop,
                     int64_t *step, int64_t *count) {
  sl_slice *s = (sl_slice *)slice;
  if (slice_part(rt, s->step, 1, step)) return -1;
  if (*step == 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "slice step cannot be zero");
  if (*step < -INT64_MAX) *step = -INT64_MAX; /* so -step cannot overflow */
  bool back = *step < 0;
  if (slice_part(rt, s->start, back ? INT64_MAX : 0, start)) return -1;
  if (slice_part(rt, s->stop, back ? INT64_MIN : INT64_MAX, stop)) return -1;
  /* PySlice_AdjustIndices */
  int64_t *ends[2] = {start, stop};
  for (int k = 0; k < 2; k++) {
    int64_t *p = ends[k];
    if (*p < 0) {
      *p = *p < -len ? (back ? -1 : 0) : *p + len;
    } else if (*p >= len) {
      *p = back ? len - 1 : len;
    }
  }
  if (back)
    *count = *stop < *start ? (*start - *stop - 1) / (-*step) + 1 : 0;
  else
    *count = *start < *stop ? (*stop - *start - 1) / *step + 1 : 0;
  return 0;
}

/* ---- str code points -------------------------------------------------------- */

size_t sl_str_cp_offset(sl_obj *o, int64_t cp) {
  sl_strobj *s = sl_as_str(o);
  if (s->ascii) return (size_t)cp;
  size_t i = 0;
  for (int64_t n = 0; n < cp && i < s->len; n++) {
    i++;
    while (i < s->len && ((unsigned char)s->data[i] & 0xC0) == 0x80) i++;
  }
  return i;
}

sl_obj *sl_str_slice_cp(sl_rt *rt, sl_obj *s, int64_t start, int64_t stop) {
  int64_t n = (int64_t)sl_as_str(s)->cplen;
  if (start < 0) start = 0;
  if (stop > n) stop = n;
  if (stop < start) stop = start;
  size_t a = sl_str_cp_offset(s, start), b = sl_str_cp_offset(s, stop);
  return sl_str_new(rt, sl_as_str(s)->data + a, b - a);
}

/* Byte length of the UTF-8 sequence starting with c. */
static size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

static int str_slice(sl_rt *rt, sl_obj *s, int64_t start, int64_t step, int64_t count,
                     sl_value *out) {
  sl_strobj *str = sl_as_str(s);
  if (step == 1) {
    sl_obj *o = sl_str_slice_cp(rt, s, start, start + count);
    if (!o) return -1;
    *out = sl_obj_val(o);
    return 0;
  }
  /* Byte offsets of every code point, then pick. O(len). */
  size_t *offs = sl_malloc((str->cplen + 1) * sizeof *offs);
  char *buf = sl_malloc(str->len + 1);
  if (!offs || !buf) {
    sl_free(offs);
    sl_free(buf);
    return sl_nomem(rt);
  }
  for (size_t i = 0, k = 0; i < str->len; i += utf8_len((unsigned char)str->data[i])) offs[k++] = i;
  offs[str->cplen] = str->len;
  size_t n = 0;
  for (int64_t k = 0, i = start; k < count; k++, i += step) {
    size_t a = offs[i], l = utf8_len((unsigned char)str->data[a]);
    memcpy(buf + n, str->data + a, l);
    n += l;
  }
  sl_free(offs);
  int rc = sl__str_value(rt, buf, n, out);
  sl_free(buf);
  return rc;
}

/* ---- getitem ----------------------------------------------------------------- */

static int key_error(sl_rt *rt, sl_value key) {
  sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_KEY_ERROR], &key, 1);
  if (!e) return -1;
  return sl_err_restore(rt, e);
}

/* A slice of an int64 range: int64 arithmetic when the slice's fields and
 * every product fit, range_big.c's ints of any size otherwise. */
static int range_slice(sl_rt *rt, sl_range *r, sl_obj *slice, sl_value *out) {
  sl_slice *s = (sl_slice *)slice;
  if (!sl_is_long(s->start) && !sl_is_long(s->stop) && !sl_is_long(s->step)) {
    int64_t start, stop, step, count, a, b, c;
    if (sl_slice_indices(rt, slice, r->len, &start, &stop, &step, &count)) return -1;
    /* rangeobject.c compute_slice: the adjusted indices mapped through. */
    if (!__builtin_mul_overflow(start, r->step, &a) && !__builtin_add_overflow(a, r->start, &a) &&
        !__builtin_mul_overflow(stop, r->step, &b) && !__builtin_add_overflow(b, r->start, &b) &&
        !__builtin_mul_overflow(step, r->step, &c))
      return sl_range_new(rt, a, b, c, out);
  }
  return sl__range_slice_long(rt, sl_obj_val(&r->hdr), slice, out);
}

static int seq_slice(sl_rt *rt, sl_value c, sl_obj *slice, sl_value *out) {
  if (sl_is_type(c, &sl_range_type)) return range_slice(rt, (sl_range *)c.u.o, slice, out);
  int64_t len;
  if (sl__len_base(rt, c, &len)) return -1;
  int64_t start, stop, step, count;
  if (sl_slice_indices(rt, slice, len, &start, &stop, &step, &count)) return -1;
  if (sl_is_str(c)) return str_slice(rt, c.u.o, start, step, count, out);
  if (sl__is_bytes(c)) {
    unsigned char *buf = sl_malloc((size_t)count + 1);
    if (!buf) return sl_nomem(rt);
    for (int64_t k = 0, i = start; k < count; k++, i += step) buf[k] = sl_as_bytes(c.u.o)->data[i];
    sl_obj *o = sl_bytes_new(rt, buf, (size_t)count);
    sl_free(buf);
    if (!o) return -1;
    *out = sl_obj_val(o);
    return 0;
  }
  const sl_value *items = sl__is_list(c) ? sl_as_list(c.u.o)->items : sl_as_tuple(c.u.o)->items;
  sl_value *picked = sl_malloc(((size_t)count + 1) * sizeof *picked);
  if (!picked) return sl_nomem(rt);
  for (int64_t k = 0, i = start; k < count; k++, i += step) picked[k] = items[i];
  sl_obj *o = sl__is_list(c) ? sl_list_new(rt, picked, (size_t)count)
                             : sl_tuple_new(rt, picked, (size_t)count);
  sl_free(picked);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

int sl_getitem(sl_rt *rt, sl_value c, sl_value key, sl_value *out) {
  if (sl__has_ext(c)) {
    int r = sl__user_getitem(rt, c, key, out);
    if (r) return r < 0 ? -1 : 0;
  }
  return sl__getitem_base(rt, c, key, out);
}

int sl__getitem_base(sl_rt *rt, sl_value c, sl_value key, sl_value *out) {
  if (sl__is_dict(c)) {
    bool found;
    if (sl_dict_get(rt, c.u.o, key, out, &found)) return -1;
    if (found) return 0;
    /* dict_subscript: a subclass's __missing__ (defaultdict, Counter). */
    const sl_dict_kind *k = sl__dict_kind(c);
    if (k && k->missing) {
      int r = k->missing(rt, c.u.o, key, out);
      if (r) return r < 0 ? -1 : 0;
    }
    if (sl__has_ext(c)) {
      int r = sl__ext_special(rt, c, "__missing__", &key, 1, out);
      if (r) return r < 0 ? -1 : 0;
    }
    return key_error(rt, key);
  }
  bool seq = sl__is_list(c) || sl__is_tuple(c) || sl_is_str(c) || sl__is_bytes(c) ||
             sl_is_type(c, &sl_range_type);
  if (seq) {
    if (sl_is_type(key, &sl_slice_type)) return seq_slice(rt, c, key.u.o, out);
    int64_t i, len;
    if (sl_is_big(key)) return sl_raise(rt, SL_EXC_INDEX_ERROR, "%s", sl__msg_index_size);
    if (!sl_as_index(key, &i)) {
      if (sl_is_str(c))
        return sl_raise(rt, SL_EXC_TYPE_ERROR, "string indices must be integers, not '%s'",
                        sl_type_name(key));
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s indices must be integers or slices, not %s",
                      sl__is_bytes(c) ? "byte" : sl_type_name(c), sl_type_name(key));
    }
    if (sl__len_base(rt, c, &len)) return -1;
    if (!sl__norm_index(&i, len)) {
      const char *m = sl__is_list(c)    ? "list index out of range"
                      : sl__is_tuple(c) ? "tuple index out of range"
                      : sl_is_str(c)    ? "string index out of range"
                      : sl__is_bytes(c) ? "index out of range"
                                        : "range object index out of range";
      return sl_raise(rt, SL_EXC_INDEX_ERROR, "%s", m);
    }
    if (sl__is_list(c))
      *out = sl_vincref(sl_as_list(c.u.o)->items[i]);
    else if (sl__is_tuple(c))
      *out = sl_vincref(sl_as_tuple(c.u.o)->items[i]);
    else if (sl__is_bytes(c))
      *out = sl_int(sl_as_bytes(c.u.o)->data[i]);
    else if (sl_is_str(c)) {
      sl_obj *o = sl_str_slice_cp(rt, c.u.o, i, i + 1);
      if (!o) return -1;
      *out = sl_obj_val(o);
    } else {
      sl_range *r = (sl_range *)c.u.o;
      *out = sl_int(r->start + i * r->step);
    }
    return 0;
  }
  const sl_lang_slots *s = sl_lang_slots_of(c);
  if (s && s->getitem) return s->getitem(rt, c.u.o, key, out);
  int r = sl__user_getitem(rt, c, key, out);
  if (r) return r < 0 ? -1 : 0;
  if (c.tag == SL_V_OBJ && (c.u.o->type == &sl_class_type || c.u.o->type == &sl_typeobj_type)) {
    r = sl__class_getitem(rt, c, key, out);
    if (r) return r < 0 ? -1 : 0;
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "type '%s' is not subscriptable",
                    c.u.o->type == &sl_class_type ? sl_str_cstr(sl_as_class(c.u.o)->name)
                                                  : ((sl_typeobj *)c.u.o)->name);
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not subscriptable", sl_type_name(c));
}

/* ---- setitem / delitem --------------------------------------------------- */

/* l[slice] = iterable, or del l[slice] when v is undef. */
static int list_assign_slice(sl_rt *rt, sl_obj *list, sl_obj *slice, sl_value v) {
  sl_list *l = sl_as_list(list);
  int64_t start, stop, step, count;
  if (sl_slice_indices(rt, slice, (int64_t)l->len, &start, &stop, &step, &count)) return -1;
  const sl_value *items = NULL;
  size_t n = 0;
  sl_obj *owned = NULL;
  if (!sl_is_undef(v)) {
    /* Copy first: `a[:] = a` must see the old items. */
    if (sl_list_from_iterable(rt, v, &owned)) {
      if (sl_err_matches(rt, SL_EXC_TYPE_ERROR) && !sl_is_undef(v) && !sl_lang_slots_of(v) &&
          !sl__is_anyset(v) && !sl__is_dict(v)) {
        sl_err_clear(rt);
        return sl_raise(rt, SL_EXC_TYPE_ERROR,
                        step == 1 ? "can only assign an iterable"
                                  : "must assign iterable to extended slice");
      }
      return -1;
    }
    items = sl_as_list(owned)->items;
    n = sl_as_list(owned)->len;
  }
  int rc = 0;
  if (step == 1) {
    if (stop < start) stop = start;
    size_t a = (size_t)start, b = (size_t)stop, newlen = l->len - (b - a) + n;
    if (newlen > l->len && sl_list_reserve(rt, list, newlen)) {
      rc = -1;
      goto done;
    }
    sl_value *removed = NULL;
    if (b > a) {
      removed = sl_malloc((b - a) * sizeof *removed);
      if (!removed) {
        rc = sl_nomem(rt);
        goto done;
      }
      memcpy(removed, l->items + a, (b - a) * sizeof *removed);
    }
    memmove(l->items + a + n, l->items + b, (l->len - b) * sizeof *l->items);
    for (size_t i = 0; i < n; i++) l->items[a + i] = sl_vincref(items[i]);
    l->len = newlen;
    sl_vdecref_back(rt, removed, b - a);
    sl_free(removed);
  } else if (sl_is_undef(v)) {
    /* Extended delete: keep the items not picked, in order. */
    size_t w = 0;
    sl_value *removed = sl_malloc(((size_t)count + 1) * sizeof *removed);
    if (!removed) {
      rc = sl_nomem(rt);
      goto done;
    }
    int64_t lo = step > 0 ? start : start + (count - 1) * step, st = step > 0 ? step : -step;
    size_t nr = 0;
    for (size_t i = 0; i < l->len; i++) {
      if (count && (int64_t)i >= lo && ((int64_t)i - lo) % st == 0 &&
          ((int64_t)i - lo) / st < count)
        removed[nr++] = l->items[i];
      else
        l->items[w++] = l->items[i];
    }
    l->len = w;
    for (size_t i = 0; i < nr; i++) sl_vdecref(rt, removed[i]);
    sl_free(removed);
  } else {
    if ((int64_t)n != count) {
      rc = sl_raise(rt, SL_EXC_VALUE_ERROR,
                    "attempt to assign sequence of size %zu to extended slice of size %lld", n,
                    (long long)count);
      goto done;
    }
    for (int64_t k = 0, i = start; k < count; k++, i += step)
      sl_vset(rt, &l->items[i], sl_vincref(items[k]));
  }
done:
  sl_decref(rt, owned);
  return rc;
}

int sl__store_base(sl_rt *rt, sl_value c, sl_value key, sl_value v) {
  bool del = sl_is_undef(v);
  if (sl__is_dict(c)) {
    if (!del) return sl_dict_set(rt, c.u.o, key, v);
    bool found;
    if (sl_dict_del(rt, c.u.o, key, &found)) return -1;
    return found ? 0 : key_error(rt, key);
  }
  if (sl__is_list(c)) {
    if (sl_is_type(key, &sl_slice_type)) return list_assign_slice(rt, c.u.o, key.u.o, v);
    int64_t i;
    if (sl_is_big(key)) return sl_raise(rt, SL_EXC_INDEX_ERROR, "%s", sl__msg_index_size);
    if (!sl_as_index(key, &i))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "list indices must be integers or slices, not %s",
                      sl_type_name(key));
    sl_list *l = sl_as_list(c.u.o);
    if (!sl__norm_index(&i, (int64_t)l->len))
      return sl_raise(rt, SL_EXC_INDEX_ERROR, "list assignment index out of range");
    if (!del) {
      sl_vset(rt, &l->items[i], sl_vincref(v));
      return 0;
    }
    sl_value old = l->items[i];
    memmove(l->items + i, l->items + i + 1, (l->len - (size_t)i - 1) * sizeof *l->items);
    l->len--;
    sl_vdecref(rt, old);
    return 0;
  }
  const sl_lang_slots *s = sl_lang_slots_of(c);
  if (s && s->setitem) return s->setitem(rt, c.u.o, key, v);
  int r = sl__user_setitem(rt, c, key, v);
  if (r) return r < 0 ? -1 : 0;
  if (del) {
    if (sl__is_tuple(c) || sl_is_str(c) || sl__is_bytes(c) || sl_is_type(c, &sl_range_type) ||
        (s && s->getitem))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object doesn't support item deletion",
                      sl_type_name(c));
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object does not support item deletion",
                    sl_type_name(c));
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object does not support item assignment",
                  sl_type_name(c));
}

static int store(sl_rt *rt, sl_value c, sl_value key, sl_value v) {
  if (sl__has_ext(c)) {
    int r = sl__user_setitem(rt, c, key, v);
    if (r) return r < 0 ? -1 : 0;
  }
  return sl__store_base(rt, c, key, v);
}

int sl_setitem(sl_rt *rt, sl_value c, sl_value key, sl_value v) { return store(rt, c, key, v); }

int sl_delitem(sl_rt *rt, sl_value c, sl_value key) { return store(rt, c, key, sl_undef()); }

/* ---- len ----------------------------------------------------------------------- */

int sl_len(sl_rt *rt, sl_value v, int64_t *out) {
  if (sl__has_ext(v)) {
    int r = sl__user_len(rt, v, out);
    if (r) return r < 0 ? -1 : 0;
  }
  return sl__len_base(rt, v, out);
}

int sl__len_base(sl_rt *rt, sl_value v, int64_t *out) {
  if (v.tag == SL_V_OBJ) {
    const sl_type *t = v.u.o->type;
    if (t == &sl_str_type)
      *out = (int64_t)sl_as_str(v.u.o)->cplen;
    else if (t == &sl_list_type)
      *out = (int64_t)sl_as_list(v.u.o)->len;
    else if (t == &sl_tuple_type)
      *out = (int64_t)sl_as_tuple(v.u.o)->len;
    else if (t == &sl_dict_type || t == &sl_set_type || t == &sl_frozenset_type)
      *out = (int64_t)sl__as_htable(v.u.o)->len;
    else if (t == &sl_bytes_type)
      *out = (int64_t)sl_as_bytes(v.u.o)->len;
    else if (t->lang && ((const sl_lang_slots *)t->lang)->len)
      return ((const sl_lang_slots *)t->lang)->len(rt, v.u.o, out);
    else {
      int r = sl__user_len(rt, v, out);
      if (r) return r < 0 ? -1 : 0;
      goto fail;
    }
    return 0;
  }
fail:
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "object of type '%s' has no len()", sl_type_name(v));
}

/* ---- bytes --------------------------------------------------------------- */

static int bytes_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_bytes_repr(out, sl_as_bytes(o)->data, sl_as_bytes(o)->len);
  return 0;
}

static int bytes_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = sl__is_bytes(b) && sl_as_bytes(a)->len == sl_as_bytes(b.u.o)->len &&
         memcmp(sl_as_bytes(a)->data, sl_as_bytes(b.u.o)->data, sl_as_bytes(a)->len) == 0;
  return 0;
}

static int bytes_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  return sl__richcompare(rt, SL_CMP_LT, sl_obj_val(a), b, res);
}

static int bytes_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  sl_bytesobj *b = sl_as_bytes(o);
  if (b->hash == -1) {
    /* Same function as str's: hash(b'a') == hash('a') is not promised by
     * Python, and nothing prints hashes. */
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < b->len; i++) h = (h ^ b->data[i]) * 1099511628211ULL;
    b->hash = (int64_t)(h >> 1);
  }
  *out = b->hash;
  return 0;
}

static int bytes_truth(sl_rt *rt, sl_obj *o, bool *res) {
  *res = sl_as_bytes(o)->len != 0;
  return 0;
}

static int bytes_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  return sl__bytes_getattr(rt, sl_obj_val(o), name, out);
}

static size_t bytes_var_size(const sl_obj *o) {
  return sizeof(sl_bytesobj) + ((const sl_bytesobj *)o)->len + 1;
}

const sl_type sl_bytes_type = {.name = "bytes",
                               .repr = bytes_repr,
                               .eq = bytes_eq,
                               .lt = bytes_lt,
                               .hash = bytes_hash,
                               .truth = bytes_truth,
                               .getattr = bytes_getattr,
                               .size = sizeof(sl_bytesobj),
                               .var_size = bytes_var_size};

sl_obj *sl_bytes_new(sl_rt *rt, const unsigned char *data, size_t len) {
  sl_obj *o = sl_obj_alloc_size(rt, &sl_bytes_type, sizeof(sl_bytesobj) + len + 1);
  if (!o) return NULL;
  sl_bytesobj *b = sl_as_bytes(o);
  b->len = len;
  b->hash = -1;
  if (len) memcpy(b->data, data, len);
  b->data[len] = 0;
  return o;
}
