/* Mirrors StreamReader of Lib/asyncio/streams.py: the buffer, the
 * waiter a reading coroutine parks on (_wait_for_data), the limit and
 * flow control (pausing the transport when the buffer passes twice the
 * limit), and read/readexactly/readuntil/readline/async iteration with
 * CPython's exceptions. The protocol that feeds it and the writer are in
 * io_streams.c. */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/io-int.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/profile.h"
#include "core/rt.h"
#include "core/sleep.h"
#include "core/str.h"
#include "core/sync-int.h"
#include "core/task.h"
#include "core/tuple.h"

/* ---- StreamReader ------------------------------------------------------------ */

typedef struct sl_reader {
  sl_obj hdr;
  int64_t limit;
  unsigned char *buf; /* owned */
  size_t len, cap;
  bool eof, paused;
  sl_value waiter;    /* owned future or None */
  sl_value exception; /* owned or None */
  sl_value transport; /* owned or None */
} sl_reader;

static sl_reader *RD(sl_value v) { return (sl_reader *)v.u.o; }

static int wakeup_waiter(sl_rt *rt, sl_reader *r) {
  sl_value w = r->waiter;
  if (sl_is_none(w)) return 0;
  r->waiter = sl_none();
  int rc = sl_future_cancelled(w.u.o) ? 0 : sl_future_set_result(rt, w.u.o, sl_none());
  sl_vdecref(rt, w);
  return rc;
}

static int reader_set_exception(sl_rt *rt, sl_reader *r, sl_value exc) {
  sl_vset(rt, &r->exception, sl_vincref(exc));
  sl_value w = r->waiter;
  if (sl_is_none(w)) return 0;
  r->waiter = sl_none();
  int rc = sl_future_cancelled(w.u.o) ? 0 : sl_future_set_exception(rt, w.u.o, exc);
  sl_vdecref(rt, w);
  return rc;
}

static int feed_eof(sl_rt *rt, sl_reader *r) {
  r->eof = true;
  return wakeup_waiter(rt, r);
}

static int feed_data(sl_rt *rt, sl_reader *r, sl_value data) {
  sl_bytesobj *b = sl_as_bytes(data.u.o);
  if (!b->len) return 0;
  if (r->len + b->len > r->cap) {
    size_t cap = r->cap ? r->cap : 256;
    while (cap < r->len + b->len) cap *= 2;
    unsigned char *grown = sl_realloc(r->buf, cap);
    if (!grown) return sl_nomem(rt);
    r->buf = grown, r->cap = cap;
  }
  memcpy(r->buf + r->len, b->data, b->len);
  r->len += b->len;
  if (wakeup_waiter(rt, r)) return -1;
  if (!sl_is_none(r->transport) && !r->paused && (int64_t)r->len > 2 * r->limit) {
    if (sl__transport_pause_reading(rt, r->transport.u.o)) return -1;
    r->paused = true;
  }
  return 0;
}

static int maybe_resume_transport(sl_rt *rt, sl_reader *r) {
  if (r->paused && (int64_t)r->len <= r->limit) {
    r->paused = false;
    return sl__transport_resume_reading(rt, r->transport.u.o);
  }
  return 0;
}

/* The first n buffered bytes as bytes, removed from the buffer. */
static sl_obj *take(sl_rt *rt, sl_reader *r, size_t n) {
  if (n > r->len) n = r->len;
  sl_obj *b = sl_bytes_new(rt, r->buf, n);
  if (!b) return NULL;
  memmove(r->buf, r->buf + n, r->len - n);
  r->len -= n;
  return b;
}

/* _wait_for_data(func_name), up to the await: sets the waiter. */
static int start_wait(sl_rt *rt, sl_reader *r, const char *func) {
  if (!sl_is_none(r->waiter))
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR,
                    "%s() called while another coroutine is already waiting for incoming data",
                    func);
  if (r->paused) {
    r->paused = false;
    if (sl__transport_resume_reading(rt, r->transport.u.o)) return -1;
  }
  sl_obj *w = sl_future_new(rt);
  if (!w) return -1;
  r->waiter = sl_obj_val(w);
  return 0;
}

static int raise_exc_args(sl_rt *rt, sl_exc_id id, sl_value arg, const char *attr1, sl_value v1,
                          const char *attr2, sl_value v2) {
  sl_obj *exc = sl_exc_new(rt, rt->classes[id], &arg, 1);
  if (!exc) return -1;
  int rc = sl_vm_setattr(rt, sl_obj_val(exc), attr1, v1);
  if (!rc && attr2) rc = sl_vm_setattr(rt, sl_obj_val(exc), attr2, v2);
  if (!rc) sl_raise_obj(rt, exc);
  sl_decref(rt, exc);
  return -1;
}

/* IncompleteReadError(partial, expected) */
static int incomplete(sl_rt *rt, sl_obj *partial, int64_t expected) {
  sl_strbuf m = SL_STRBUF_INIT;
  if (expected < 0)
    sl_strbuf_printf(&m, "%zu bytes read on a total of undefined expected bytes",
                     sl_as_bytes(partial)->len);
  else
    sl_strbuf_printf(&m, "%zu bytes read on a total of %lld expected bytes",
                     sl_as_bytes(partial)->len, (long long)expected);
  sl_obj *msg = sl_str_from_cstr(rt, sl_strbuf_cstr(&m));
  sl_strbuf_free(&m);
  if (!msg) return -1;
  int rc =
      raise_exc_args(rt, SL_EXC_INCOMPLETE_READ_ERROR, sl_obj_val(msg), "partial",
                     sl_obj_val(partial), "expected", expected < 0 ? sl_none() : sl_int(expected));
  sl_decref(rt, msg);
  return rc;
}

static int limit_overrun(sl_rt *rt, const char *text, int64_t consumed) {
  sl_obj *msg = sl_str_from_cstr(rt, text);
  if (!msg) return -1;
  raise_exc_args(rt, SL_EXC_LIMIT_OVERRUN_ERROR, sl_obj_val(msg), "consumed", sl_int(consumed),
                 NULL, sl_none());
  sl_decref(rt, msg);
  return -1;
}

static int raise_reader_exception(sl_rt *rt, sl_reader *r) {
  sl_raise_obj(rt, r->exception.u.o);
  return -1;
}

/* Reader coroutines share one shape: slot 0 the reader, slot 1 the
 * argument (n or the separator), slot 2 an accumulator; co->pc 0 checks
 * the buffer, 1 is back from _wait_for_data. */
enum { RS_READER, RS_ARG, RS_ACC, RS_OFFSET };
enum { MODE_READ, MODE_READEXACTLY, MODE_READUNTIL, MODE_READLINE };

static sl_coro_status wait_data(sl_rt *rt, sl_ccoro *co, const char *func, sl_value *out) {
  sl_reader *r = RD(co->slots[RS_READER]);
  if (start_wait(rt, r, func)) return SL_CORO_ERROR;
  return sl_ccoro_await(rt, co, r->waiter, 1, out);
}

/* Back from _wait_for_data: finally: self._waiter = None. */
static bool after_wait(sl_rt *rt, sl_ccoro *co) {
  sl_reader *r = RD(co->slots[RS_READER]);
  sl_vdecref(rt, sl_ccoro_take_result(co));
  sl_vset(rt, &r->waiter, sl_none());
  return !co->failed;
}

static sl_coro_status done_bytes(sl_rt *rt, sl_reader *r, sl_obj *b, sl_value *out) {
  if (!b) return SL_CORO_ERROR;
  if (maybe_resume_transport(rt, r)) {
    sl_decref(rt, b);
    return SL_CORO_ERROR;
  }
  *out = sl_obj_val(b);
  return SL_CORO_RETURN;
}

static sl_coro_status read_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_reader *r = RD(co->slots[RS_READER]);
  int64_t n = co->slots[RS_ARG].u.i;
  if (co->pc == 1 && !after_wait(rt, co)) return SL_CORO_ERROR;
  if (co->pc == 0) {
    if (!sl_is_none(r->exception)) return raise_reader_exception(rt, r), SL_CORO_ERROR;
    if (n == 0) {
      sl_obj *b = sl_bytes_new(rt, NULL, 0);
      if (!b) return SL_CORO_ERROR;
      *out = sl_obj_val(b);
      return SL_CORO_RETURN;
    }
  }
  if (n < 0) {
    /* while True: block = await self.read(self._limit); if not block: break */
    for (;;) {
      if (!sl_is_none(r->exception)) return raise_reader_exception(rt, r), SL_CORO_ERROR;
      if (!r->len && !r->eof) return wait_data(rt, co, "read", out);
      if (!r->len) break;
      sl_obj *block = take(rt, r, (size_t)r->limit);
      if (!block || maybe_resume_transport(rt, r)) {
        sl_decref(rt, block);
        return SL_CORO_ERROR;
      }
      sl_obj *acc = sl_is_obj(co->slots[RS_ACC]) ? co->slots[RS_ACC].u.o : NULL;
      size_t alen = acc ? sl_as_bytes(acc)->len : 0, blen = sl_as_bytes(block)->len;
      unsigned char *tmp = sl_malloc(alen + blen + 1);
      if (!tmp) {
        sl_decref(rt, block);
        return sl_nomem(rt), SL_CORO_ERROR;
      }
      if (alen) memcpy(tmp, sl_as_bytes(acc)->data, alen);
      memcpy(tmp + alen, sl_as_bytes(block)->data, blen);
      sl_decref(rt, block);
      sl_obj *joined = sl_bytes_new(rt, tmp, alen + blen);
      sl_free(tmp);
      if (!joined) return SL_CORO_ERROR;
      sl_vset(rt, &co->slots[RS_ACC], sl_obj_val(joined));
    }
    if (sl_is_obj(co->slots[RS_ACC])) {
      *out = sl_vincref(co->slots[RS_ACC]);
      return SL_CORO_RETURN;
    }
    sl_obj *empty = sl_bytes_new(rt, NULL, 0);
    if (!empty) return SL_CORO_ERROR;
    *out = sl_obj_val(empty);
    return SL_CORO_RETURN;
  }
  if (co->pc == 0 && !r->len && !r->eof) return wait_data(rt, co, "read", out);
  return done_bytes(rt, r, take(rt, r, (size_t)n), out);
}
static const sl_ccoro_def read_def = {"StreamReader.read", read_resume, NULL};

static sl_coro_status readexactly_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_reader *r = RD(co->slots[RS_READER]);
  int64_t n = co->slots[RS_ARG].u.i;
  if (co->pc == 1 && !after_wait(rt, co)) return SL_CORO_ERROR;
  if (co->pc == 0) {
    if (n < 0)
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "readexactly size can not be less than zero"),
             SL_CORO_ERROR;
    if (!sl_is_none(r->exception)) return raise_reader_exception(rt, r), SL_CORO_ERROR;
    if (n == 0) {
      sl_obj *b = sl_bytes_new(rt, NULL, 0);
      if (!b) return SL_CORO_ERROR;
      *out = sl_obj_val(b);
      return SL_CORO_RETURN;
    }
  }
  if ((int64_t)r->len < n) {
    if (r->eof) {
      sl_obj *partial = take(rt, r, r->len);
      if (!partial) return SL_CORO_ERROR;
      incomplete(rt, partial, n);
      sl_decref(rt, partial);
      return SL_CORO_ERROR;
    }
    return wait_data(rt, co, "readexactly", out);
  }
  return done_bytes(rt, r, take(rt, r, (size_t)n), out);
}
static const sl_ccoro_def readexactly_def = {"StreamReader.readexactly", readexactly_resume, NULL};

static int64_t find(const sl_reader *r, const unsigned char *sep, size_t seplen, size_t offset) {
  if (r->len < seplen) return -1;
  for (size_t i = offset; i + seplen <= r->len; i++)
    if (!memcmp(r->buf + i, sep, seplen)) return (int64_t)i;
  return -1;
}

/* readuntil(separator) and readline() (which returns the partial line at
 * EOF and turns LimitOverrunError into ValueError). */
static sl_coro_status readuntil_body(sl_rt *rt, sl_ccoro *co, bool line, sl_value *out) {
  sl_reader *r = RD(co->slots[RS_READER]);
  const unsigned char *sep = sl_as_bytes(co->slots[RS_ARG].u.o)->data;
  size_t seplen = sl_as_bytes(co->slots[RS_ARG].u.o)->len;
  if (co->pc == 1 && !after_wait(rt, co)) return SL_CORO_ERROR;
  if (co->pc == 0) {
    if (seplen == 0)
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "Separator should be at least one-byte string"),
             SL_CORO_ERROR;
    if (!sl_is_none(r->exception)) return raise_reader_exception(rt, r), SL_CORO_ERROR;
    co->slots[RS_OFFSET] = sl_int(0);
  }
  int64_t offset = co->slots[RS_OFFSET].u.i, isep = -1;
  const char *overrun = NULL;
  int64_t consumed = 0;
  for (;;) {
    int64_t buflen = (int64_t)r->len;
    if (buflen - offset >= (int64_t)seplen) {
      isep = find(r, sep, seplen, (size_t)offset);
      if (isep != -1) break;
      offset = buflen + 1 - (int64_t)seplen;
      if (offset < 0) offset = 0;
      if (offset > r->limit) {
        overrun = "Separator is not found, and chunk exceed the limit";
        consumed = offset;
        break;
      }
    }
    if (r->eof) {
      sl_obj *chunk = take(rt, r, r->len);
      if (!chunk) return SL_CORO_ERROR;
      if (line) {
        *out = sl_obj_val(chunk);
        return SL_CORO_RETURN;
      }
      incomplete(rt, chunk, -1);
      sl_decref(rt, chunk);
      return SL_CORO_ERROR;
    }
    co->slots[RS_OFFSET] = sl_int(offset);
    return wait_data(rt, co, "readuntil", out);
  }
  if (!overrun && isep > r->limit) {
    overrun = "Separator is found, but chunk is longer than limit";
    consumed = isep;
  }
  if (overrun) {
    if (!line) return limit_overrun(rt, overrun, consumed), SL_CORO_ERROR;
    /* readline: drop the line (or everything) and raise ValueError */
    if (find(r, sep, seplen, (size_t)consumed) == consumed) {
      sl_decref(rt, take(rt, r, (size_t)consumed + seplen));
    } else {
      r->len = 0;
    }
    if (maybe_resume_transport(rt, r)) return SL_CORO_ERROR;
    sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", overrun);
    return SL_CORO_ERROR;
  }
  return done_bytes(rt, r, take(rt, r, (size_t)isep + seplen), out);
}
static sl_coro_status readuntil_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  return readuntil_body(rt, co, false, out);
}
static sl_coro_status readline_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  return readuntil_body(rt, co, true, out);
}
static const sl_ccoro_def readuntil_def = {"StreamReader.readuntil", readuntil_resume, NULL};
static const sl_ccoro_def readline_def = {"StreamReader.readline", readline_resume, NULL};

/* async def __anext__(self): val = await self.readline(); if val == b'':
 * raise StopAsyncIteration; return val. readline's body runs in place: it
 * is awaited at once and its frames do not show in traces. */
static sl_coro_status anext_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_coro_status st = readuntil_body(rt, co, true, out);
  if (st != SL_CORO_RETURN || sl_as_bytes(out->u.o)->len) return st;
  sl_vdecref(rt, *out);
  *out = sl_none();
  sl_raise_noargs(rt, SL_EXC_STOP_ASYNC_ITERATION);
  return SL_CORO_ERROR;
}
static const sl_ccoro_def anext_def = {"StreamReader.__anext__", anext_resume, NULL};

#define BIND(qual, names, n, req)                                                                  \
  sl_value a[n];                                                                                   \
  if (sl__bind_method(rt, self, args, qual, names, n, req, n, a)) return -1

static const char *const self_only[] = {"self"};

static int reader_coro(sl_rt *rt, sl_value self, const sl_ccoro_def *def, sl_value arg,
                       sl_value *out) {
  sl_value slots[2] = {self, arg};
  sl_obj *co = sl_ccoro_new(rt, def, slots, 2);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static int m_read(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "n"};
  BIND("StreamReader.read", names, 2, 1);
  int64_t n = -1;
  if (!sl_is_undef(a[1]) && sl__as_int(rt, a[1], "n", &n)) return -1;
  return reader_coro(rt, self, &read_def, sl_int(n), out);
}
static int m_readexactly(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "n"};
  BIND("StreamReader.readexactly", names, 2, 2);
  int64_t n;
  if (sl__as_int(rt, a[1], "n", &n)) return -1;
  return reader_coro(rt, self, &readexactly_def, sl_int(n), out);
}
static int m_readuntil(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "separator"};
  BIND("StreamReader.readuntil", names, 2, 1);
  sl_value sep = a[1];
  sl_obj *nl = NULL;
  if (sl_is_undef(sep)) {
    if (!(nl = sl_bytes_new(rt, (const unsigned char *)"\n", 1))) return -1;
    sep = sl_obj_val(nl);
  } else if (!sl_is_type(sep, &sl_bytes_type)) {
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: readuntil() takes a bytes separator");
  }
  int rc = reader_coro(rt, self, &readuntil_def, sep, out);
  sl_decref(rt, nl);
  return rc;
}
static int m_readline(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("StreamReader.readline", self_only, 1, 1);
  sl_obj *nl = sl_bytes_new(rt, (const unsigned char *)"\n", 1);
  if (!nl) return -1;
  int rc = reader_coro(rt, self, &readline_def, sl_obj_val(nl), out);
  sl_decref(rt, nl);
  return rc;
}
static int m_aiter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("StreamReader.__aiter__", self_only, 1, 1);
  *out = sl_vincref(self);
  return 0;
}
static int m_anext(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("StreamReader.__anext__", self_only, 1, 1);
  sl_obj *nl = sl_bytes_new(rt, (const unsigned char *)"\n", 1);
  if (!nl) return -1;
  int rc = reader_coro(rt, self, &anext_def, sl_obj_val(nl), out);
  sl_decref(rt, nl);
  return rc;
}
static int m_at_eof(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("StreamReader.at_eof", self_only, 1, 1);
  *out = sl_bool(RD(self)->eof && !RD(self)->len);
  return 0;
}
static int m_exception(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("StreamReader.exception", self_only, 1, 1);
  *out = sl_vincref(RD(self)->exception);
  return 0;
}
static int m_feed_eof(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("StreamReader.feed_eof", self_only, 1, 1);
  *out = sl_none();
  return feed_eof(rt, RD(self));
}
static int m_feed_data(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "data"};
  BIND("StreamReader.feed_data", names, 2, 2);
  *out = sl_none();
  if (!sl_is_type(a[1], &sl_bytes_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: feed_data() takes bytes");
  return feed_data(rt, RD(self), a[1]);
}
static int m_set_exception(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "exc"};
  BIND("StreamReader.set_exception", names, 2, 2);
  *out = sl_none();
  return reader_set_exception(rt, RD(self), a[1]);
}

static const sl_cfunc_def reader_methods[] = {
    {"StreamReader.read", m_read, NULL, SL_CANON_LABEL},
    {"StreamReader.readexactly", m_readexactly, NULL, SL_CANON_LABEL},
    {"StreamReader.readuntil", m_readuntil, NULL, SL_CANON_LABEL},
    {"StreamReader.readline", m_readline, NULL, SL_CANON_LABEL},
    {"StreamReader.at_eof", m_at_eof, NULL, SL_CANON_LABEL},
    {"StreamReader.__aiter__", m_aiter, NULL, SL_CANON_LABEL},
    {"StreamReader.__anext__", m_anext, NULL, SL_CANON_LABEL},
    {"StreamReader.exception", m_exception, NULL, SL_CANON_LABEL},
    {"StreamReader.feed_eof", m_feed_eof, NULL, SL_CANON_LABEL},
    {"StreamReader.feed_data", m_feed_data, NULL, SL_CANON_LABEL},
    {"StreamReader.set_exception", m_set_exception, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int reader_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "_limit")) return *out = sl_int(((sl_reader *)o)->limit), 0;
  return sl__getattr_methods(rt, o, reader_methods, name, out);
}

/* StreamReader.__repr__: <StreamReader 5 bytes eof limit=.. waiter=..
 * exception=.. transport=.. paused>. */
static int reader_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_reader *r = (sl_reader *)o;
  sl_strbuf_puts(out, "<StreamReader");
  if (r->len) sl_strbuf_printf(out, " %zu bytes", r->len);
  if (r->eof) sl_strbuf_puts(out, " eof");
  if (r->limit != SL_STREAM_DEFAULT_LIMIT)
    sl_strbuf_printf(out, " limit=%lld", (long long)r->limit);
  const char *names[3] = {" waiter=", " exception=", " transport="};
  sl_value vals[3] = {r->waiter, r->exception, r->transport};
  for (int i = 0; i < 3; i++) {
    if (sl_is_none(vals[i])) continue;
    sl_strbuf_puts(out, names[i]);
    if (sl_vm_repr(rt, vals[i], out)) return -1;
  }
  if (r->paused) sl_strbuf_puts(out, " paused");
  sl_strbuf_putc(out, '>');
  return 0;
}

static void reader_clear(sl_rt *rt, sl_obj *o) {
  sl_reader *r = (sl_reader *)o;
  sl_value v[3] = {r->waiter, r->exception, r->transport};
  r->waiter = r->exception = r->transport = sl_none();
  for (int i = 0; i < 3; i++) sl_vdecref(rt, v[i]);
}
static void reader_release(sl_obj *o) {
  sl_free(((sl_reader *)o)->buf);
  ((sl_reader *)o)->buf = NULL;
}

const sl_type sl__stream_reader_type = {.name = "StreamReader",
                                        .repr = reader_repr,
                                        .clear = reader_clear,
                                        .release = reader_release,
                                        .getattr = reader_getattr,
                                        .size = sizeof(sl_reader)};

static sl_obj *reader_new(sl_rt *rt, int64_t limit) {
  if (limit <= 0) {
    sl_raise(rt, SL_EXC_VALUE_ERROR, "Limit cannot be <= 0");
    return NULL;
  }
  sl_obj *o = sl_obj_alloc(rt, &sl__stream_reader_type);
  if (!o) return NULL;
  sl_reader *r = (sl_reader *)o;
  r->limit = limit;
  r->waiter = r->exception = r->transport = sl_none();
  return o;
}

/* ---- what the protocol and the writer use (io-int.h) --------------------- */

sl_obj *sl__stream_reader_new(sl_rt *rt, int64_t limit) { return reader_new(rt, limit); }
void sl__stream_reader_set_transport(sl_rt *rt, sl_value reader, sl_value transport) {
  sl_vset(rt, &RD(reader)->transport, sl_vincref(transport));
}
int sl__stream_reader_feed_data(sl_rt *rt, sl_value reader, sl_value data) {
  return feed_data(rt, RD(reader), data);
}
int sl__stream_reader_feed_eof(sl_rt *rt, sl_value reader) { return feed_eof(rt, RD(reader)); }
int sl__stream_reader_set_exception(sl_rt *rt, sl_value reader, sl_value exc) {
  return reader_set_exception(rt, RD(reader), exc);
}
int sl__stream_reader_raise_pending(sl_rt *rt, sl_value reader) {
  sl_reader *r = RD(reader);
  return sl_is_none(r->exception) ? 0 : raise_reader_exception(rt, r);
}
