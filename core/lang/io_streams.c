/* Mirrors Lib/asyncio/streams.py: StreamWriter,
 * StreamReaderProtocol (with FlowControlMixin), open_connection and
 * start_server, over the transports of io_transport.c. The protocol's
 * methods are the handles CPython names "StreamReaderProtocol.
 * connection_made" and so on; 3.12's done callback on the client task
 * ("StreamReaderProtocol.connection_made.<locals>.callback") is profile
 * switch streams_client_task_callback. Not simulated: StreamWriter.__del__
 * closing an unclosed transport when CPython's reference counting frees
 * the writer (3.12+), which no tracing GC can time the same way.
 * StreamReader is in io_stream_reader.c. */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/io-int.h"
#include "core/lang/vm-int.h"
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

int sl__create_server(sl_rt *rt, sl_value factory, sl_value host, sl_value port, int64_t family,
                      int64_t flags, int64_t backlog, bool start, sl_value *out);

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
  if (!sl_is_none(p->reader)) { sl__stream_reader_set_transport(rt, p->reader, transport); }
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
    rc = sl_is_none(exc) ? sl__stream_reader_feed_eof(rt, p->reader)
                         : sl__stream_reader_set_exception(rt, p->reader, exc);
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
  return sl__stream_reader_feed_data(rt, p->reader, args->pos[0]);
}

static int p_eof_received(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args;
  sl_srp *p = SRP(self);
  *out = sl_bool(true);
  return sl_is_none(p->reader) ? 0 : sl__stream_reader_feed_eof(rt, p->reader);
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
    if (!sl_is_none(w->reader) && sl__stream_reader_raise_pending(rt, w->reader))
      return SL_CORO_ERROR;
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
static const sl_ccoro_def drain_def = {"StreamWriter.drain", drain_resume, NULL};

static sl_coro_status wait_closed_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sl_ccoro_await(rt, co, SRP(WR(co->slots[0])->protocol)->closed, 1, out);
  sl_vdecref(rt, sl_ccoro_take_result(co));
  if (co->failed) return SL_CORO_ERROR;
  *out = sl_none();
  return SL_CORO_RETURN;
}
static const sl_ccoro_def wait_closed_def = {"StreamWriter.wait_closed", wait_closed_resume, NULL};

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
  static const char *const self_only[] = {"self"};
  sl_value a[1];
  if (sl__bind_method(rt, self, args, qual, self_only, 1, 1, 1, a)) return -1;
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
static const sl_ccoro_def open_connection_def = {"open_connection", open_connection_resume, NULL};

static int limit_arg(sl_rt *rt, sl_value v, int64_t *limit) {
  *limit = SL_STREAM_DEFAULT_LIMIT;
  return sl_is_undef(v) ? 0 : sl__as_int(rt, v, "limit", limit);
}

/* open_connection and start_server pass the keywords they do not name
 * (**kwds) on to loop.create_connection / create_server, which refuses an
 * unknown one under its own name (a program still passing 3.9's loop=
 * reads "BaseEventLoop.create_connection() got an unexpected keyword
 * argument 'loop'"). 0, or -1 with that TypeError. */
static int kwds_check(sl_rt *rt, const sl_args *args, const char *const *names, size_t n,
                      const char *callee) {
  for (size_t k = 0; k < args->nkw; k++) {
    const char *kw = sl_str_cstr(args->kwnames[k]);
    size_t i = 0;
    while (i < n && strcmp(names[i], kw)) i++;
    if (i == n)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'", callee,
                      kw);
  }
  return 0;
}

static int f_open_connection(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  enum { NAMES = 4 + SL_CONNECT_NKW };
  const char *names[NAMES] = {"host", "port", "limit", "ssl"};
  for (int i = 0; i < SL_CONNECT_NKW; i++) names[4 + i] = sl__connect_kw_names[i];
  sl_value a[NAMES];
  if (sl_args_bind(rt, args, "open_connection", names, NAMES, 0, 2, a) &&
      (sl_err_clear(rt),
       (args->npos <= 2 && kwds_check(rt, args, names, NAMES, "BaseEventLoop.create_connection")) ||
           sl_args_bind(rt, args, "open_connection", names, NAMES, 0, 2, a)))
    return -1;
  if (!sl_is_undef(a[3]) && !sl_is_none(a[3]))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR, "simloop: TLS (ssl=) is not simulated");
  if (sl__aio_running(rt)) return -1;
  int64_t limit;
  if (limit_arg(rt, a[2], &limit)) return -1;
  sl_obj *reader = sl__stream_reader_new(rt, limit);
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
  sl_obj *reader = sl__stream_reader_new(rt, t->items[1].u.i);
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
static const sl_ccoro_def start_server_def = {"start_server", start_server_resume, NULL};

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
  if (sl_args_bind(rt, args, "start_server", names, 11, 1, 3, a) &&
      (sl_err_clear(rt),
       (args->npos <= 3 && kwds_check(rt, args, names, 11, "BaseEventLoop.create_server")) ||
           sl_args_bind(rt, args, "start_server", names, 11, 1, 3, a)))
    return -1;
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
  sl_obj *r = sl__stream_reader_new(rt, limit);
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
