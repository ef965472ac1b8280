/* str objects (see str.h). */
#include "core/str.h"

#include <string.h>

#include "core/num/unicode.h"
#include "core/rt.h"

static size_t count_code_points(const char *s, size_t len, bool *ascii) {
  size_t n = 0;
  *ascii = true;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) *ascii = false;
    if ((c & 0xC0) != 0x80) n++;
  }
  return n;
}

static int str_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_str_repr(out, sl_as_str(o)->data, sl_as_str(o)->len);
  return 0;
}

static int str_str(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_append(out, sl_as_str(o)->data, sl_as_str(o)->len);
  return 0;
}

static int str_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  if (!sl_is_str(b)) {
    *res = false;
    return 0;
  }
  sl_strobj *x = sl_as_str(a), *y = sl_as_str(b.u.o);
  *res = x->len == y->len && memcmp(x->data, y->data, x->len) == 0;
  return 0;
}

/* UTF-8 byte order is code point order, so memcmp orders like Python. */
static int str_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  sl_strobj *x = sl_as_str(a), *y = sl_as_str(b.u.o);
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->data, y->data, n);
  *res = c < 0 || (c == 0 && x->len < y->len);
  return 0;
}

/* FNV-1a: deterministic across runs (CPython randomises str hashes, so no
 * program can depend on their values). */
static int str_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  sl_strobj *s = sl_as_str(o);
  if (s->hash == -1) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < s->len; i++) h = (h ^ (unsigned char)s->data[i]) * 1099511628211ULL;
    s->hash = (int64_t)(h >> 1);
  }
  *out = s->hash;
  return 0;
}

static int str_truth(sl_rt *rt, sl_obj *o, bool *res) {
  *res = sl_as_str(o)->len != 0;
  return 0;
}

static size_t str_var_size(const sl_obj *o) {
  return sizeof(sl_strobj) + ((const sl_strobj *)o)->len + 1;
}

const sl_type sl_str_type = {.name = "str",
                             .repr = str_repr,
                             .str = str_str,
                             .eq = str_eq,
                             .lt = str_lt,
                             .hash = str_hash,
                             .truth = str_truth,
                             .flags = SL_TF_STABLE_ATTRS,
                             .size = sizeof(sl_strobj),
                             .var_size = str_var_size};

sl_obj *sl_str_new(sl_rt *rt, const char *utf8, size_t len) {
  sl_obj *o = sl_obj_alloc_size(rt, &sl_str_type, sizeof(sl_strobj) + len + 1);
  if (!o) return NULL;
  sl_strobj *s = sl_as_str(o);
  s->len = len;
  s->hash = -1;
  s->cplen = count_code_points(utf8, len, &s->ascii);
  if (len) memcpy(s->data, utf8, len);
  s->data[len] = '\0';
  return o;
}

sl_obj *sl_str_from_cstr(sl_rt *rt, const char *s) { return sl_str_new(rt, s, strlen(s)); }

sl_obj *sl_str_take_buf(sl_rt *rt, sl_strbuf *b) {
  sl_obj *s = b->failed ? NULL : sl_str_new(rt, b->data ? b->data : "", b->len);
  if (b->failed) sl_nomem(rt);
  sl_strbuf_free(b);
  return s;
}

bool sl_str_eq_cstr(sl_obj *s, const char *c) {
  return s->type == &sl_str_type && strcmp(sl_as_str(s)->data, c) == 0;
}
