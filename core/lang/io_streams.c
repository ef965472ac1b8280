/* Mirrors Lib/asyncio/streams.py: StreamReader, StreamWriter,
 * StreamReaderProtocol (with FlowControlMixin), open_connection and
 * start_server, over the transports of io_transport.c. The protocol's
 * methods are the handles CPython names "StreamReaderProtocol.
 * connection_made" and so on; 3.12's done callback on the client task
 * ("StreamReaderProtocol.connection_made.<locals>.callback") is profile
 * switch streams_client_task_callback. Not simulated: StreamWriter.__del__
 * closing an unclosed transport when CPython's reference counting frees
 * the writer (3.12+), which no tracing GC can time the same way. */
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

#define DEFAULT_LIMIT (64 * 1024)

int sl__create_server(sl_rt *rt, sl_value factory, sl_value host, sl_value port, int64_t family,
                      int64_t flags, int64_t backlog, bool start, sl_value *out);

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
static const sl_ccoro_def read_def = {"StreamReader.read", read_resume};

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
static const sl_ccoro_def readexactly_def = {"StreamReader.readexactly", readexactly_resume};

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
static const sl_ccoro_def readuntil_def = {"StreamReader.readuntil", readuntil_resume};
static const sl_ccoro_def readline_def = {"StreamReader.readline", readline_resume};

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
static const sl_ccoro_def anext_def = {"StreamReader.__anext__", anext_resume};

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
  if (r->limit != DEFAULT_LIMIT) sl_strbuf_printf(out, " limit=%lld", (long long)r->limit);
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

/* ---- StreamReaderProtocol ------------------------------------------------------ */

typedef struct sl_srp {
  sl_obj hdr;
  sl_value reader;        /* owned or None */
  sl_value client_cb;     /* owned or None */
  sl_value transport;     /* owned or None */
  sl_value closed;        /* owned future */
  sl_value drain_waiters; /* owned list */
  bool paused, connection_lost;
} sl_srp;

static sl_srp *SRP(sl_value v) { return (sl_srp *)v.u.o; }
static sl_obj *writer_new(sl_rt *rt, sl_value transport, sl_value protocol, sl_value reader);

/* 3.12 connection_made.<locals>.callback(task) */
static int client_task_done(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)out;
  sl_obj *task = args->pos[0].u.o;
  /* Before gh-113538 task.exception() raises the CancelledError. */
  if (sl_future_cancelled(task) && rt->profile->streams_client_callback_cancelled)
    return sl__transport_close(rt, self.u.o);
  sl_value exc;
  if (sl__call_method(rt, args->pos[0], "exception", NULL, 0, &exc)) return -1;
  if (sl_is_none(exc)) return 0;
  sl_loop_call_exception_handler(rt, "Unhandled exception in client_connected_cb", exc.u.o);
  sl_vdecref(rt, exc);
  if (rt->fatal) return -1;
  return sl__transport_close(rt, self.u.o);
}
static const sl_cfunc_def client_task_done_def = {
    "StreamReaderProtocol.connection_made.<locals>.callback", client_task_done, NULL,
    SL_CANON_LABEL};

static int p_connection_made(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  *out = sl_none();
  sl_srp *p = SRP(self);
  sl_value transport = args->pos[0];
  sl_vset(rt, &p->transport, sl_vincref(transport));
  if (!sl_is_none(p->reader)) {
    sl_reader *r = RD(p->reader);
    sl_vset(rt, &r->transport, sl_vincref(transport));
  }
  if (sl_is_none(p->client_cb)) return 0;
  sl_obj *w = writer_new(rt, transport, self, p->reader);
  if (!w) return -1;
  sl_value cargs[2] = {p->reader, sl_obj_val(w)};
  sl_value res;
  int rc = sl_vm_call_pos(rt, p->client_cb, cargs, 2, &res);
  sl_decref(rt, w);
  if (rc) return -1;
  if (!sl_is_coro(res)) {
    sl_vdecref(rt, res);
    return 0;
  }
  sl_value task;
  rc = sl__aio_create_task(rt, res, sl_undef(), false, &task);
  sl_vdecref(rt, res);
  if (rc) return -1;
  if (rt->profile->streams_client_task_callback) {
    sl_obj *cb = sl_cfunc_new(rt, &client_task_done_def, transport);
    rc = cb ? sl_future_add_done_callback(rt, task.u.o, sl_obj_val(cb)) : -1;
    sl_decref(rt, cb);
  }
  sl_vdecref(rt, task);
  return rc;
}

static int p_connection_lost(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  *out = sl_none();
  sl_srp *p = SRP(self);
  sl_value exc = args->pos[0];
  int rc = 0;
  if (!sl_is_none(p->reader))
    rc = sl_is_none(exc) ? feed_eof(rt, RD(p->reader))
                         : reader_set_exception(rt, RD(p->reader), exc);
  sl_obj *closed = p->closed.u.o;
  if (!rc && !sl_future_done(closed)) {
    rc = sl_is_none(exc) ? sl_future_set_result(rt, closed, sl_none())
                         : sl_future_set_exception(rt, closed, exc);
    /* StreamReaderProtocol.__del__ retrieves it: never logged */
    sl_as_future(closed)->log_traceback = false;
  }
  /* FlowControlMixin.connection_lost */
  p->connection_lost = true;
  if (!rc && p->paused) {
    sl_list *l = sl_as_list(p->drain_waiters.u.o);
    for (size_t i = 0; i < l->len && !rc; i++) {
      sl_obj *w = l->items[i].u.o;
      if (sl_future_done(w)) continue;
      rc = sl_is_none(exc) ? sl_future_set_result(rt, w, sl_none())
                           : sl_future_set_exception(rt, w, exc);
    }
  }
  sl_vset(rt, &p->reader, sl_none());
  sl_vset(rt, &p->transport, sl_none());
  return rc;
}

static int p_data_received(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  *out = sl_none();
  sl_srp *p = SRP(self);
  if (sl_is_none(p->reader)) return 0;
  return feed_data(rt, RD(p->reader), args->pos[0]);
}

static int p_eof_received(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args;
  sl_srp *p = SRP(self);
  *out = sl_bool(true);
  return sl_is_none(p->reader) ? 0 : feed_eof(rt, RD(p->reader));
}

static int p_pause_writing(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)rt, (void)args;
  SRP(self)->paused = true;
  *out = sl_none();
  return 0;
}

static int p_resume_writing(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args;
  sl_srp *p = SRP(self);
  p->paused = false;
  *out = sl_none();
  sl_list *l = sl_as_list(p->drain_waiters.u.o);
  for (size_t i = 0; i < l->len; i++)
    if (!sl_future_done(l->items[i].u.o) && sl_future_set_result(rt, l->items[i].u.o, sl_none()))
      return -1;
  return 0;
}

static const sl_cfunc_def protocol_methods[] = {
    {"StreamReaderProtocol.connection_made", p_connection_made, NULL, SL_CANON_LABEL},
    {"StreamReaderProtocol.connection_lost", p_connection_lost, NULL, SL_CANON_LABEL},
    {"StreamReaderProtocol.data_received", p_data_received, NULL, SL_CANON_LABEL},
    {"StreamReaderProtocol.eof_received", p_eof_received, NULL, SL_CANON_LABEL},
    {"FlowControlMixin.pause_writing", p_pause_writing, NULL, SL_CANON_LABEL},
    {"FlowControlMixin.resume_writing", p_resume_writing, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int srp_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  return sl__getattr_methods(rt, o, protocol_methods, name, out);
}
static void srp_clear(sl_rt *rt, sl_obj *o) {
  sl_srp *p = (sl_srp *)o;
  sl_value v[5] = {p->reader, p->client_cb, p->transport, p->closed, p->drain_waiters};
  p->reader = p->client_cb = p->transport = p->closed = p->drain_waiters = sl_none();
  for (int i = 0; i < 5; i++) sl_vdecref(rt, v[i]);
}
static const sl_type srp_type = {.name = "StreamReaderProtocol",
                                 .clear = srp_clear,
                                 .getattr = srp_getattr,
                                 .size = sizeof(sl_srp)};

static sl_obj *srp_new(sl_rt *rt, sl_value reader, sl_value client_cb) {
  sl_obj *o = sl_obj_alloc(rt, &srp_type);
  if (!o) return NULL;
  sl_srp *p = (sl_srp *)o;
  p->reader = sl_vincref(reader);
  p->client_cb = sl_vincref(client_cb);
  p->transport = p->closed = p->drain_waiters = sl_none();
  sl_obj *l = sl_list_new(rt, NULL, 0);
  sl_obj *f = l ? sl_future_new(rt) : NULL;
  if (!f) {
    sl_decref(rt, l);
    sl_decref(rt, o);
    return NULL;
  }
  p->drain_waiters = sl_obj_val(l);
  p->closed = sl_obj_val(f);
  return o;
}

/* ---- StreamWriter ------------------------------------------------------------- */

typedef struct sl_writer {
  sl_obj hdr;
  sl_value transport, protocol, reader; /* owned */
} sl_writer;

static sl_writer *WR(sl_value v) { return (sl_writer *)v.u.o; }

enum { DR_WRITER, DR_WAITER };

/* drain(): the reader's exception; sleep(0) when closing; _drain_helper. */
static sl_coro_status drain_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_writer *w = WR(co->slots[DR_WRITER]);
  sl_srp *p = SRP(w->protocol);
  switch (co->pc) {
  case 0: {
    if (!sl_is_none(w->reader) && !sl_is_none(RD(w->reader)->exception))
      return raise_reader_exception(rt, RD(w->reader)), SL_CORO_ERROR;
    if (sl__as_transport(w->transport.u.o)->closing) {
      sl_obj *s0 = sl_sleep0(rt);
      if (!s0) return SL_CORO_ERROR;
      sl_coro_status st = sl_ccoro_await(rt, co, sl_obj_val(s0), 1, out);
      sl_decref(rt, s0);
      return st;
    }
  }
  /* fall through */
  case 1:
    if (co->pc == 1) {
      sl_vdecref(rt, sl_ccoro_take_result(co));
      if (co->failed) return SL_CORO_ERROR;
    }
    if (p->connection_lost) {
      sl_raise(rt, SL_EXC_CONNECTION_RESET_ERROR, "Connection lost");
      return SL_CORO_ERROR;
    }
    if (!p->paused) {
      *out = sl_none();
      return SL_CORO_RETURN;
    }
    {
      sl_obj *f = sl_future_new(rt);
      if (!f) return SL_CORO_ERROR;
      co->slots[DR_WAITER] = sl_obj_val(f);
      if (sl_list_append(rt, p->drain_waiters.u.o, co->slots[DR_WAITER])) return SL_CORO_ERROR;
      return sl_ccoro_await(rt, co, co->slots[DR_WAITER], 2, out);
    }
  default: {
    /* finally: self._drain_waiters.remove(waiter) */
    sl_vdecref(rt, sl_ccoro_take_result(co));
    sl_list *l = sl_as_list(p->drain_waiters.u.o);
    for (size_t i = 0; i < l->len; i++) {
      if (l->items[i].u.o != co->slots[DR_WAITER].u.o) continue;
      sl_value v = l->items[i];
      memmove(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof *l->items);
      l->len--;
      sl_vdecref(rt, v);
      break;
    }
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  }
}
static const sl_ccoro_def drain_def = {"StreamWriter.drain", drain_resume};

static sl_coro_status wait_closed_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sl_ccoro_await(rt, co, SRP(WR(co->slots[0])->protocol)->closed, 1, out);
  sl_vdecref(rt, sl_ccoro_take_result(co));
  if (co->failed) return SL_CORO_ERROR;
  *out = sl_none();
  return SL_CORO_RETURN;
}
static const sl_ccoro_def wait_closed_def = {"StreamWriter.wait_closed", wait_closed_resume};

static int forward(sl_rt *rt, sl_value self, const sl_args *args, const char *method,
                   sl_value *out) {
  sl_value m;
  if (sl_vm_getattr(rt, WR(self)->transport, method, &m)) return -1;
  int rc = sl_vm_call(rt, m, args, out);
  sl_vdecref(rt, m);
  return rc;
}
static int w_write(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return forward(rt, self, args, "write", out);
}
static int w_writelines(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return forward(rt, self, args, "writelines", out);
}
static int w_write_eof(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return forward(rt, self, args, "write_eof", out);
}
static int w_can_write_eof(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return forward(rt, self, args, "can_write_eof", out);
}
static int w_close(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return forward(rt, self, args, "close", out);
}
static int w_is_closing(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return forward(rt, self, args, "is_closing", out);
}
static int w_get_extra_info(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return forward(rt, self, args, "get_extra_info", out);
}
static int w_coro(sl_rt *rt, sl_value self, const sl_args *args, const char *qual,
                  const sl_ccoro_def *def, sl_value *out) {
  BIND(qual, self_only, 1, 1);
  sl_obj *co = sl_ccoro_new(rt, def, &self, 1);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}
static int w_drain(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return w_coro(rt, self, args, "StreamWriter.drain", &drain_def, out);
}
static int w_wait_closed(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return w_coro(rt, self, args, "StreamWriter.wait_closed", &wait_closed_def, out);
}

static const sl_cfunc_def writer_methods[] = {
    {"StreamWriter.write", w_write, NULL, SL_CANON_LABEL},
    {"StreamWriter.writelines", w_writelines, NULL, SL_CANON_LABEL},
    {"StreamWriter.write_eof", w_write_eof, NULL, SL_CANON_LABEL},
    {"StreamWriter.can_write_eof", w_can_write_eof, NULL, SL_CANON_LABEL},
    {"StreamWriter.close", w_close, NULL, SL_CANON_LABEL},
    {"StreamWriter.is_closing", w_is_closing, NULL, SL_CANON_LABEL},
    {"StreamWriter.get_extra_info", w_get_extra_info, NULL, SL_CANON_LABEL},
    {"StreamWriter.drain", w_drain, NULL, SL_CANON_LABEL},
    {"StreamWriter.wait_closed", w_wait_closed, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int writer_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "transport")) return *out = sl_vincref(((sl_writer *)o)->transport), 0;
  return sl__getattr_methods(rt, o, writer_methods, name, out);
}
static void writer_clear(sl_rt *rt, sl_obj *o) {
  sl_writer *w = (sl_writer *)o;
  sl_value v[3] = {w->transport, w->protocol, w->reader};
  w->transport = w->protocol = w->reader = sl_none();
  for (int i = 0; i < 3; i++) sl_vdecref(rt, v[i]);
}
/* StreamWriter.__repr__: <StreamWriter transport=.. reader=..>. */
static int writer_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_writer *w = (sl_writer *)o;
  sl_strbuf_puts(out, "<StreamWriter transport=");
  if (sl_vm_repr(rt, w->transport, out)) return -1;
  if (!sl_is_none(w->reader)) {
    sl_strbuf_puts(out, " reader=");
    if (sl_vm_repr(rt, w->reader, out)) return -1;
  }
  sl_strbuf_putc(out, '>');
  return 0;
}
const sl_type sl__stream_writer_type = {.name = "StreamWriter",
                                        .repr = writer_repr,
                                        .clear = writer_clear,
                                        .getattr = writer_getattr,
                                        .size = sizeof(sl_writer)};

static sl_obj *writer_new(sl_rt *rt, sl_value transport, sl_value protocol, sl_value reader) {
  sl_obj *o = sl_obj_alloc(rt, &sl__stream_writer_type);
  if (!o) return NULL;
  sl_writer *w = (sl_writer *)o;
  w->transport = sl_vincref(transport);
  w->protocol = sl_vincref(protocol);
  w->reader = sl_vincref(reader);
  return o;
}

/* ---- open_connection / start_server ----------------------------------------------- */

/* lambda: protocol */
static int return_self(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)rt, (void)args;
  *out = sl_vincref(self);
  return 0;
}
static const sl_cfunc_def return_protocol_def = {"open_connection.<locals>.<lambda>", return_self,
                                                 NULL, SL_CANON_LABEL};

enum { OC_CONNECT, OC_READER, OC_PROTOCOL };

static sl_coro_status open_connection_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sl_ccoro_await(rt, co, co->slots[OC_CONNECT], 1, out);
  sl_value pair = sl_ccoro_take_result(co);
  if (co->failed) return SL_CORO_ERROR;
  sl_value transport = sl_as_tuple(pair.u.o)->items[0];
  sl_obj *w = writer_new(rt, transport, co->slots[OC_PROTOCOL], co->slots[OC_READER]);
  sl_vdecref(rt, pair);
  if (!w) return SL_CORO_ERROR;
  sl_value items[2] = {co->slots[OC_READER], sl_obj_val(w)};
  sl_obj *t = sl_tuple_new(rt, items, 2);
  sl_decref(rt, w);
  if (!t) return SL_CORO_ERROR;
  *out = sl_obj_val(t);
  return SL_CORO_RETURN;
}
static const sl_ccoro_def open_connection_def = {"open_connection", open_connection_resume};

static int limit_arg(sl_rt *rt, sl_value v, int64_t *limit) {
  *limit = DEFAULT_LIMIT;
  return sl_is_undef(v) ? 0 : sl__as_int(rt, v, "limit", limit);
}

static int f_open_connection(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  enum { NAMES = 4 + SL_CONNECT_NKW };
  const char *names[NAMES] = {"host", "port", "limit", "ssl"};
  for (int i = 0; i < SL_CONNECT_NKW; i++) names[4 + i] = sl__connect_kw_names[i];
  sl_value a[NAMES];
  if (sl_args_bind(rt, args, "open_connection", names, NAMES, 0, 2, a)) return -1;
  if (!sl_is_undef(a[3]) && !sl_is_none(a[3]))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR, "simloop: TLS (ssl=) is not simulated");
  if (sl__aio_running(rt)) return -1;
  int64_t limit;
  if (limit_arg(rt, a[2], &limit)) return -1;
  sl_obj *reader = reader_new(rt, limit);
  if (!reader) return -1;
  sl_obj *protocol = srp_new(rt, sl_obj_val(reader), sl_none());
  sl_obj *factory = protocol ? sl_cfunc_new(rt, &return_protocol_def, sl_obj_val(protocol)) : NULL;
  sl_value connect = sl_none();
  int rc =
      factory ? sl__create_connection(rt, sl_obj_val(factory), sl_is_undef(a[0]) ? sl_none() : a[0],
                                      sl_is_undef(a[1]) ? sl_none() : a[1], a + 4, &connect)
              : -1;
  sl_obj *co = NULL;
  if (!rc) {
    sl_value slots[3] = {connect, sl_obj_val(reader), sl_obj_val(protocol)};
    co = sl_ccoro_new(rt, &open_connection_def, slots, 3);
  }
  sl_vdecref(rt, connect);
  sl_decref(rt, factory);
  sl_decref(rt, protocol);
  sl_decref(rt, reader);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

/* start_server.<locals>.factory: a reader and its protocol per connection */
static int server_factory(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args;
  sl_tuple *t = sl_as_tuple(self.u.o);
  sl_obj *reader = reader_new(rt, t->items[1].u.i);
  if (!reader) return -1;
  sl_obj *p = srp_new(rt, sl_obj_val(reader), t->items[0]);
  sl_decref(rt, reader);
  if (!p) return -1;
  *out = sl_obj_val(p);
  return 0;
}
static const sl_cfunc_def server_factory_def = {"start_server.<locals>.factory", server_factory,
                                                NULL, SL_CANON_LABEL};

static sl_coro_status start_server_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sl_ccoro_await(rt, co, co->slots[0], 1, out);
  *out = sl_ccoro_take_result(co);
  return co->failed ? SL_CORO_ERROR : SL_CORO_RETURN;
}
static const sl_ccoro_def start_server_def = {"start_server", start_server_resume};

static int f_start_server(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"client_connected_cb",
                                      "host",
                                      "port",
                                      "limit",
                                      "family",
                                      "flags",
                                      "backlog",
                                      "ssl",
                                      "reuse_address",
                                      "reuse_port",
                                      "start_serving"};
  sl_value a[11];
  if (sl_args_bind(rt, args, "start_server", names, 11, 1, 3, a)) return -1;
  if (!sl_is_undef(a[7]) && !sl_is_none(a[7]))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR, "simloop: TLS (ssl=) is not simulated");
  if (sl__aio_running(rt)) return -1;
  int64_t limit, family = 0, flags = 1, backlog = 100;
  bool start = true;
  if (limit_arg(rt, a[3], &limit)) return -1;
  if ((!sl_is_undef(a[4]) && sl__as_int(rt, a[4], "family", &family)) ||
      (!sl_is_undef(a[5]) && sl__as_int(rt, a[5], "flags", &flags)) ||
      (!sl_is_undef(a[6]) && sl__as_int(rt, a[6], "backlog", &backlog)) ||
      (!sl_is_undef(a[10]) && sl_truth(rt, a[10], &start)))
    return -1;
  sl_value items[2] = {a[0], sl_int(limit)};
  sl_obj *env = sl_tuple_new(rt, items, 2);
  sl_obj *factory = env ? sl_cfunc_new(rt, &server_factory_def, sl_obj_val(env)) : NULL;
  sl_decref(rt, env);
  if (!factory) return -1;
  sl_value create;
  int rc = sl__create_server(rt, sl_obj_val(factory), sl_is_undef(a[1]) ? sl_none() : a[1],
                             sl_is_undef(a[2]) ? sl_none() : a[2], family, flags, backlog, start,
                             &create);
  sl_decref(rt, factory);
  if (rc) return -1;
  sl_obj *co = sl_ccoro_new(rt, &start_server_def, &create, 1);
  sl_vdecref(rt, create);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

const sl_cfunc_def sl__aio_open_connection_def = {"open_connection", f_open_connection, NULL,
                                                  SL_CANON_LABEL};
const sl_cfunc_def sl__aio_start_server_def = {"start_server", f_start_server, NULL,
                                               SL_CANON_LABEL};

/* asyncio.StreamReader(limit=_DEFAULT_LIMIT, loop=None) and
 * asyncio.StreamWriter(transport, protocol, reader, loop): constructors
 * (so annotations and direct construction work; they are not classes to
 * subclass or to test with isinstance yet). */
static int f_stream_reader(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"limit", "loop"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "StreamReader", names, 2, 0, 2, a)) return -1;
  int64_t limit;
  if (limit_arg(rt, a[0], &limit)) return -1;
  sl_obj *r = reader_new(rt, limit);
  if (!r) return -1;
  *out = sl_obj_val(r);
  return 0;
}
static int f_stream_writer(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"transport", "protocol", "reader", "loop"};
  sl_value a[4];
  if (sl_args_bind(rt, args, "StreamWriter", names, 4, 4, 4, a)) return -1;
  if (!sl_is_type(a[0], &sl__transport_type) || !sl_is_type(a[1], &srp_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: StreamWriter() needs a transport and a StreamReaderProtocol");
  sl_obj *w = writer_new(rt, a[0], a[1], a[2]);
  if (!w) return -1;
  *out = sl_obj_val(w);
  return 0;
}
const sl_cfunc_def sl__aio_stream_reader_def = {"StreamReader", f_stream_reader, NULL,
                                                SL_CANON_LABEL};
const sl_cfunc_def sl__aio_stream_writer_def = {"StreamWriter", f_stream_writer, NULL,
                                                SL_CANON_LABEL};
