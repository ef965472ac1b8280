/* The `io` module's in-memory streams: io.StringIO and io.BytesIO
 * (Modules/_io/stringio.c and bytesio.c). The simulated machine has no
 * files (DESIGN.md 4), so these are all of io a scenario gets: the
 * buffers a program hands to print(file=...), contextlib.redirect_stdout,
 * logging.StreamHandler(stream) or json.dump.
 *
 * One object type serves both: the contents are bytes (UTF-8 text for a
 * StringIO), the position counts code points for a StringIO as CPython's
 * UCS-4 buffer does and bytes for a BytesIO. The two differ where CPython's
 * do: texts of errors ("I/O operation on closed file" has a period only in
 * bytesio.c), seeking (a StringIO takes only offset 0 relative to the
 * current position or the end; a BytesIO any offset, clamped at 0).
 * Only newline='\n' (the default: no translation) is provided. */
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/buffer.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

typedef struct memio {
  sl_obj hdr;
  unsigned char *data; /* owned (release): len bytes; UTF-8 for a StringIO */
  size_t len, cap;
  size_t pos;    /* code points (StringIO) or bytes (BytesIO); may pass the end */
  size_t cplen;  /* StringIO: code points in data */
  bool is_bytes; /* BytesIO */
  bool closed;
} memio;

extern const sl_type sl__stringio_type, sl__bytesio_type;
static inline memio *io_of(sl_value v) { return (memio *)v.u.o; }

static void io_release(sl_obj *o) {
  memio *m = (memio *)o;
  sl_free(m->data);
  m->data = NULL;
  m->len = m->cap = 0;
}

/* ---- the buffer ----------------------------------------------------------- */

/* Units (code points or bytes) held. */
static size_t io_size(const memio *m) { return m->is_bytes ? m->len : m->cplen; }

/* The byte offset of unit `u` (u <= io_size). */
static size_t byte_at(const memio *m, size_t u) {
  if (m->is_bytes || m->len == m->cplen) return u;
  size_t i = 0;
  for (size_t n = 0; n < u && i < m->len; n++) {
    i++;
    while (i < m->len && (m->data[i] & 0xC0) == 0x80) i++;
  }
  return i;
}

static size_t count_cp(const unsigned char *p, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++) c += (p[i] & 0xC0) != 0x80;
  return c;
}

static int reserve(sl_rt *rt, memio *m, size_t need) {
  if (need <= m->cap) return 0;
  size_t cap = m->cap ? m->cap : 32;
  while (cap < need) cap *= 2;
  unsigned char *d = sl_realloc(m->data, cap);
  if (!d) return sl_nomem(rt);
  m->data = d;
  m->cap = cap;
  return 0;
}

/* Writes p[0..n) (ncp units) at the position, padding a gap past the end
 * with NULs and overwriting what is there, as write_str/write_bytes do. */
static int io_put(sl_rt *rt, memio *m, const unsigned char *p, size_t n, size_t units) {
  size_t size = io_size(m);
  size_t gap = m->pos > size ? m->pos - size : 0;
  if (reserve(rt, m, m->len + gap + n)) return -1;
  memset(m->data + m->len, 0, gap);
  m->len += gap;
  if (!m->is_bytes) m->cplen += gap;
  size_t start = byte_at(m, m->pos);
  size_t end_unit = m->pos + units < io_size(m) ? m->pos + units : io_size(m);
  size_t end = byte_at(m, end_unit);
  size_t tail = m->len - end;
  memmove(m->data + start + n, m->data + end, tail);
  memcpy(m->data + start, p, n);
  m->len = start + n + tail;
  if (!m->is_bytes) m->cplen = m->cplen - (end_unit - m->pos) + units;
  m->pos += units;
  return 0;
}

/* A str or bytes of data[from..to) (byte offsets). */
static int io_slice(sl_rt *rt, memio *m, size_t from, size_t to, sl_value *out) {
  sl_obj *o = m->is_bytes ? sl_bytes_new(rt, m->data + from, to - from)
                          : sl_str_new(rt, (const char *)m->data + from, to - from);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static int check_open(sl_rt *rt, memio *m) {
  if (!m->closed) return 0;
  return sl_raise(rt, SL_EXC_VALUE_ERROR,
                  m->is_bytes ? "I/O operation on closed file." : "I/O operation on closed file");
}

/* A size argument: None or absent is -1; else an int (CPython's
 * _Py_convert_optional_to_ssize_t text). */
static int size_arg(sl_rt *rt, sl_value v, int64_t *out) {
  if (sl_is_undef(v) || sl_is_none(v)) return *out = -1, 0;
  if (v.tag == SL_V_BOOL) return *out = v.u.b, 0;
  if (v.tag != SL_V_INT)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "argument should be integer or None, not '%s'",
                    sl_type_name(v));
  return *out = v.u.i, 0;
}

/* ---- methods ---------------------------------------------------------------- */

static int m_write(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  memio *m = io_of(self);
  sl_value a[1];
  static const char *const names[] = {"s"};
  if (sl_args_bind(rt, args, "write", names, 1, 1, 1, a)) return -1;
  if (check_open(rt, m)) return -1;
  if (m->is_bytes) {
    const unsigned char *p;
    size_t n;
    if (!sl_buffer_read(a[0], &p, &n))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'",
                      sl_type_name(a[0]));
    if (n && io_put(rt, m, p, n, n)) return -1;
    return *out = sl_int((int64_t)n), 0;
  }
  if (!sl_is_str(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "string argument expected, got '%s'",
                    sl_type_name(a[0]));
  sl_strobj *s = sl_as_str(a[0].u.o);
  if (s->len && io_put(rt, m, (const unsigned char *)s->data, s->len, s->cplen)) return -1;
  return *out = sl_int((int64_t)s->cplen), 0;
}

static int m_writelines(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"lines"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "writelines", names, 1, 1, 1, a)) return -1;
  if (check_open(rt, io_of(self))) return -1;
  sl_value it, line;
  if (sl_iter(rt, a[0], &it)) return -1;
  int r;
  while ((r = sl_iter_next(rt, it, &line)) == 1) {
    sl_value n;
    sl_args one = {.pos = &line, .npos = 1};
    r = m_write(rt, self, &one, &n);
    sl_vdecref(rt, line);
    if (r) break;
  }
  sl_vdecref(rt, it);
  if (r) return -1;
  return *out = sl_none(), 0;
}

static int m_getvalue(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  memio *m = io_of(self);
  if (sl_args_bind(rt, args, "getvalue", NULL, 0, 0, 0, NULL) || check_open(rt, m)) return -1;
  return io_slice(rt, m, 0, m->len, out);
}

/* read(size=-1): up to size units from the position. */
static int m_read(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  memio *m = io_of(self);
  static const char *const names[] = {"size"};
  sl_value a[1];
  int64_t n = -1;
  if (sl_args_bind(rt, args, "read", names, 1, 0, 1, a) || size_arg(rt, a[0], &n) ||
      check_open(rt, m))
    return -1;
  size_t size = io_size(m);
  size_t from = m->pos < size ? m->pos : size;
  size_t to = n < 0 || (uint64_t)n > size - from ? size : from + (size_t)n;
  size_t b0 = byte_at(m, from), b1 = byte_at(m, to);
  if (io_slice(rt, m, b0, b1, out)) return -1;
  if (to > m->pos) m->pos = to;
  return 0;
}

/* readline(size=-1): through the next '\n', at most size units. */
static int readline(sl_rt *rt, memio *m, int64_t limit, sl_value *out) {
  size_t size = io_size(m);
  size_t from = m->pos < size ? m->pos : size;
  size_t b0 = byte_at(m, from), b = b0, units = 0;
  while (b < m->len && (limit < 0 || units < (uint64_t)limit)) {
    unsigned char c = m->data[b++];
    if (!m->is_bytes)
      while (b < m->len && (m->data[b] & 0xC0) == 0x80) b++;
    units++;
    if (c == '\n') break;
  }
  if (io_slice(rt, m, b0, b, out)) return -1;
  if (from + units > m->pos) m->pos = from + units;
  return 0;
}

static int m_readline(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"size"};
  sl_value a[1];
  int64_t n = -1;
  if (sl_args_bind(rt, args, "readline", names, 1, 0, 1, a) || size_arg(rt, a[0], &n) ||
      check_open(rt, io_of(self)))
    return -1;
  return readline(rt, io_of(self), n, out);
}

static bool empty_result(sl_value v) {
  return sl_is_str(v) ? sl_as_str(v.u.o)->len == 0 : sl_as_bytes(v.u.o)->len == 0;
}

/* readlines(hint=-1): lines until their total length passes hint. */
static int m_readlines(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"hint"};
  sl_value a[1];
  int64_t hint = -1;
  memio *m = io_of(self);
  if (sl_args_bind(rt, args, "readlines", names, 1, 0, 1, a) || size_arg(rt, a[0], &hint) ||
      check_open(rt, m))
    return -1;
  sl_obj *l = sl_list_new(rt, NULL, 0);
  if (!l) return -1;
  int64_t total = 0;
  for (;;) {
    size_t before = m->pos;
    sl_value line;
    if (readline(rt, m, -1, &line)) goto fail;
    if (empty_result(line)) {
      sl_vdecref(rt, line);
      break;
    }
    int rc = sl_list_append(rt, l, line);
    sl_vdecref(rt, line);
    if (rc) goto fail;
    /* iobase.c readlines: if (line_length > hint - length) break; */
    int64_t n = (int64_t)(m->pos - before);
    if (hint > 0 && n > hint - total) break;
    total += n;
  }
  return *out = sl_obj_val(l), 0;
fail:
  sl_decref(rt, l);
  return -1;
}

/* seek(pos, whence=0) with each class's rules and texts. */
static int m_seek(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  memio *m = io_of(self);
  static const char *const names[] = {"pos", "whence"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "seek", names, 2, 1, 2, a)) return -1;
  for (int i = 0; i < 2; i++)
    if (!sl_is_undef(a[i]) && a[i].tag != SL_V_INT && a[i].tag != SL_V_BOOL)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                      sl_type_name(a[i]));
  int64_t pos = a[0].tag == SL_V_BOOL ? a[0].u.b : a[0].u.i;
  int64_t whence = sl_is_undef(a[1]) ? 0 : a[1].tag == SL_V_BOOL ? a[1].u.b : a[1].u.i;
  if (check_open(rt, m)) return -1;
  if (whence < 0 || whence > 2)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "%s whence (%lld, should be 0, 1 or 2)",
                    m->is_bytes ? "invalid" : "Invalid", (long long)whence);
  if (whence == 0 && pos < 0)
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    m->is_bytes ? "negative seek value %lld" : "Negative seek position %lld",
                    (long long)pos);
  if (!m->is_bytes && whence && pos)
    return sl_raise(rt, SL_EXC_OS_ERROR, "Can't do nonzero cur-relative seeks");
  int64_t base = whence == 1 ? (int64_t)m->pos : whence == 2 ? (int64_t)io_size(m) : 0;
  int64_t to = base + pos;
  m->pos = to < 0 ? 0 : (size_t)to;
  return *out = sl_int((int64_t)m->pos), 0;
}

static int m_tell(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "tell", NULL, 0, 0, 0, NULL) || check_open(rt, io_of(self))) return -1;
  return *out = sl_int((int64_t)io_of(self)->pos), 0;
}

/* truncate(size=None): drops what lies past size (default: the position);
 * the position stays. */
static int m_truncate(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  memio *m = io_of(self);
  static const char *const names[] = {"pos"};
  sl_value a[1];
  int64_t n = -1;
  if (sl_args_bind(rt, args, "truncate", names, 1, 0, 1, a) || size_arg(rt, a[0], &n) ||
      check_open(rt, m))
    return -1;
  if (sl_is_undef(a[0]) || sl_is_none(a[0])) n = (int64_t)m->pos;
  if (n < 0)
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    m->is_bytes ? "negative size value %lld" : "Negative size value %lld",
                    (long long)n);
  if ((uint64_t)n < io_size(m)) {
    m->len = byte_at(m, (size_t)n);
    if (!m->is_bytes) m->cplen = (size_t)n;
  }
  return *out = sl_int(n), 0;
}

static int m_close(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "close", NULL, 0, 0, 0, NULL)) return -1;
  io_of(self)->closed = true;
  return *out = sl_none(), 0;
}

/* flush(); readable(), writable(), seekable(): True; isatty(): False. */
static int answer(sl_rt *rt, sl_value self, const sl_args *args, const char *name, sl_value v,
                  sl_value *out) {
  if (sl_args_bind(rt, args, name, NULL, 0, 0, 0, NULL) || check_open(rt, io_of(self))) return -1;
  return *out = v, 0;
}
static int m_flush(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return answer(rt, self, args, "flush", sl_none(), out);
}
static int m_true(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return answer(rt, self, args, "readable", sl_bool(true), out);
}
static int m_isatty(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return answer(rt, self, args, "isatty", sl_bool(false), out);
}

static int m_enter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "__enter__", NULL, 0, 0, 0, NULL) || check_open(rt, io_of(self)))
    return -1;
  return *out = sl_vincref(self), 0;
}

static int m_exit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args;
  io_of(self)->closed = true;
  return *out = sl_none(), 0;
}

static const sl_cfunc_def io_methods[] = {
    {"write", m_write, NULL, 0},       {"writelines", m_writelines, NULL, 0},
    {"getvalue", m_getvalue, NULL, 0}, {"read", m_read, NULL, 0},
    {"readline", m_readline, NULL, 0}, {"readlines", m_readlines, NULL, 0},
    {"seek", m_seek, NULL, 0},         {"tell", m_tell, NULL, 0},
    {"truncate", m_truncate, NULL, 0}, {"close", m_close, NULL, 0},
    {"flush", m_flush, NULL, 0},       {"readable", m_true, NULL, 0},
    {"writable", m_true, NULL, 0},     {"seekable", m_true, NULL, 0},
    {"isatty", m_isatty, NULL, 0},     {"__enter__", m_enter, NULL, 0},
    {"__exit__", m_exit, NULL, 0},     {NULL, NULL, NULL, 0},
};

static int io_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  memio *m = (memio *)o;
  if (!strcmp(name, "closed")) return *out = sl_bool(m->closed), 0;
  if (!m->is_bytes && !strcmp(name, "line_buffering")) {
    if (check_open(rt, m)) return -1;
    return *out = sl_bool(false), 0;
  }
  int r = sl_methods_lookup(rt, sl_obj_val(o), io_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'_io.%s' object has no attribute '%s'",
                  o->type->name, name);
}

static int io_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<_io.%s object at ", o->type->name);
  return sl_identity_put_end(rt, o, out);
}

/* for line in f: readline() until it returns nothing. */
static int io_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  /* IOBase.__iter__'s check (iobase.c), with the period for both. */
  if (((memio *)o)->closed)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "I/O operation on closed file.");
  sl_incref(o);
  return *out = sl_obj_val(o), 0;
}

static int io_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  if (check_open(rt, (memio *)o) || readline(rt, (memio *)o, -1, out)) return -1;
  if (!empty_result(*out)) return 1;
  sl_vdecref(rt, *out);
  return 0;
}

static const sl_lang_slots io_slots = {.iter = io_iter, .next = io_next};

const sl_type sl__stringio_type = {.name = "StringIO",
                                   .release = io_release,
                                   .repr = io_repr,
                                   .getattr = io_getattr,
                                   .lang = &io_slots,
                                   .size = sizeof(memio)};
const sl_type sl__bytesio_type = {.name = "BytesIO",
                                  .release = io_release,
                                  .repr = io_repr,
                                  .getattr = io_getattr,
                                  .lang = &io_slots,
                                  .size = sizeof(memio)};

/* ---- constructors ------------------------------------------------------------ */

static int new_io(sl_rt *rt, const sl_type *t, const unsigned char *p, size_t n, sl_value *out) {
  memio *m = (memio *)sl_obj_alloc(rt, t);
  if (!m) return -1;
  m->is_bytes = t == &sl__bytesio_type;
  if (n && (reserve(rt, m, n) || !memcpy(m->data, p, n))) {
    sl_decref(rt, &m->hdr);
    return -1;
  }
  m->len = n;
  m->cplen = m->is_bytes ? 0 : count_cp(p, n);
  return *out = sl_obj_val(&m->hdr), 0;
}

/* StringIO(initial_value='', newline='\n') */
static int ct_stringio(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"initial_value", "newline"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "StringIO", names, 2, 0, 2, a)) return -1;
  if (!sl_is_undef(a[1]) && !(sl_is_str(a[1]) && sl_str_eq_cstr(a[1].u.o, "\n")))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: StringIO(newline=...) is not supported (only the default '\\n')");
  if (sl_is_undef(a[0]) || sl_is_none(a[0])) return new_io(rt, &sl__stringio_type, NULL, 0, out);
  if (!sl_is_str(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "initial_value must be str or None, not %s",
                    sl_type_name(a[0]));
  sl_strobj *s = sl_as_str(a[0].u.o);
  return new_io(rt, &sl__stringio_type, (const unsigned char *)s->data, s->len, out);
}

/* BytesIO(initial_bytes=b'') */
static int ct_bytesio(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"initial_bytes"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "BytesIO", names, 1, 0, 1, a)) return -1;
  if (sl_is_undef(a[0]) || sl_is_none(a[0])) return new_io(rt, &sl__bytesio_type, NULL, 0, out);
  const unsigned char *p;
  size_t n;
  if (sl_buffer_read(a[0], &p, &n)) return new_io(rt, &sl__bytesio_type, p, n, out);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'",
                  sl_type_name(a[0]));
}

static const sl_cfunc_def ct_stringio_def = {"StringIO", ct_stringio, NULL, 0};
static const sl_cfunc_def ct_bytesio_def = {"BytesIO", ct_bytesio, NULL, 0};
static const sl_type *const stringio_types[] = {&sl__stringio_type, NULL};
static const sl_type *const bytesio_types[] = {&sl__bytesio_type, NULL};
const sl_classdef sl__stringio_class = {"_io.StringIO",   "_io", "StringIO", stringio_types, NULL,
                                        &ct_stringio_def, NULL};
const sl_classdef sl__bytesio_class = {"_io.BytesIO", "_io",           "BytesIO", bytesio_types,
                                       NULL,          &ct_bytesio_def, NULL};

int sl_mod_io_init(sl_rt *rt, sl_obj *module_dict) {
  static const sl_classdef *const classes[] = {&sl__stringio_class, &sl__bytesio_class, NULL};
  if (sl_stdmod_add_classes(rt, module_dict, classes)) return -1;
  static const char *const seeks[] = {"SEEK_SET", "SEEK_CUR", "SEEK_END"};
  for (int i = 0; i < 3; i++)
    if (sl_stdmod_add(rt, module_dict, seeks[i], sl_int(i))) return -1;
  return 0;
}
