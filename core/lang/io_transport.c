/* Mirrors Lib/asyncio/selector_events.py _SelectorTransport and
 * _SelectorSocketTransport, with transports.py's _FlowControlMixin (write
 * buffer limits): the transport of create_connection, create_server and
 * the streams. Its callbacks are named as CPython's bound methods are in
 * traces ("user _SelectorSocketTransport._read_ready", ...), and every
 * call_soon happens where CPython makes it, so traces compare callback for
 * callback. Per-version differences are profile switches (3.12: the
 * writer is _write_sendmsg, writelines sends at once, _add_reader checks
 * is_reading). The write buffer is one byte string: 3.11's bytearray, and
 * 3.12's deque of memoryviews sent with sendmsg() as one piece. */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/io/iomap.h"
#include "core/lang/io-int.h"
#include "core/lang/vm-int.h"
#include "core/lang/ops.h"
#include "core/lang/socket_mod.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/profile.h"
#include "core/rt.h"
#include "core/sleep.h"
#include "core/str.h"
#include "core/sync-int.h"
#include "core/tuple.h"

#define MAX_SIZE (256 * 1024) /* _SelectorTransport.max_size: recv() size */

static sl_value self_val(sl_transport *t) { return sl_obj_val(&t->hdr); }

/* ---- callbacks bound to the transport -------------------------------------- */

static const sl_cfunc_def read_ready_def, write_ready_def, write_sendmsg_def, add_reader_def,
    call_connection_lost_def;

/* call_soon(self.<method>, *args) */
static int call_soon_method(sl_rt *rt, sl_transport *t, const sl_cfunc_def *def,
                            const sl_value *args, size_t nargs) {
  sl_obj *cb = sl_cfunc_new(rt, def, self_val(t));
  if (!cb) return -1;
  int rc = sl_loop_call_soon0(rt, sl_obj_val(cb), args, nargs);
  sl_decref(rt, cb);
  return rc;
}

static const sl_cfunc_def *writer_def(sl_rt *rt) {
  return rt->profile->transport_sendmsg ? &write_sendmsg_def : &write_ready_def;
}

/* self._loop._add_writer(self._sock_fd, self._write_ready) */
static int add_writer(sl_rt *rt, sl_transport *t) {
  sl_obj *cb = sl_cfunc_new(rt, writer_def(rt), self_val(t));
  if (!cb) return -1;
  sl_obj *h = sl_loop_add_writer(rt, t->fd, sl_obj_val(cb), NULL, 0);
  sl_decref(rt, cb);
  if (!h) return -1;
  sl_decref(rt, h);
  return 0;
}

/* ---- _FlowControlMixin ------------------------------------------------------- */

static int maybe_pause_protocol(sl_rt *rt, sl_transport *t) {
  if ((int64_t)t->len <= t->high || t->protocol_paused) return 0;
  t->protocol_paused = true;
  if (sl__call_method(rt, t->protocol, "pause_writing", NULL, 0, NULL) == 0) return 0;
  if (rt->fatal) return -1;
  sl_obj *exc = sl_err_fetch(rt);
  sl_loop_call_exception_handler(rt, "protocol.pause_writing() failed", exc);
  sl_decref(rt, exc);
  return rt->fatal ? -1 : 0;
}

static int maybe_resume_protocol(sl_rt *rt, sl_transport *t) {
  if (!t->protocol_paused || (int64_t)t->len > t->low) return 0;
  t->protocol_paused = false;
  if (sl__call_method(rt, t->protocol, "resume_writing", NULL, 0, NULL) == 0) return 0;
  if (rt->fatal) return -1;
  sl_obj *exc = sl_err_fetch(rt);
  sl_loop_call_exception_handler(rt, "protocol.resume_writing() failed", exc);
  sl_decref(rt, exc);
  return rt->fatal ? -1 : 0;
}

/* _set_write_buffer_limits(high, low); SL_V_UNDEF or None: default. */
static int set_limits(sl_rt *rt, sl_transport *t, sl_value high_v, sl_value low_v) {
  bool has_high = !sl_is_undef(high_v) && !sl_is_none(high_v);
  bool has_low = !sl_is_undef(low_v) && !sl_is_none(low_v);
  int64_t high = 0, low = 0;
  if (has_high && sl__as_int(rt, high_v, "high", &high)) return -1;
  if (has_low && sl__as_int(rt, low_v, "low", &low)) return -1;
  if (!has_high) high = has_low ? 4 * low : 64 * 1024;
  if (!has_low) low = high / 4 - (high % 4 < 0 ? 1 : 0);
  if (!(high >= low && low >= 0))
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "high (%lld) must be >= low (%lld) must be >= 0",
                    (long long)high, (long long)low);
  t->high = high;
  t->low = low;
  return 0;
}

/* ---- closing ------------------------------------------------------------------ */

/* _force_close(exc) */
static int force_close(sl_rt *rt, sl_transport *t, sl_value exc) {
  if (t->conn_lost) return 0;
  if (t->len) {
    t->len = 0;
    sl_loop_remove_writer(rt, t->fd);
  }
  if (!t->closing) {
    t->closing = true;
    sl_loop_remove_reader(rt, t->fd);
  }
  t->conn_lost++;
  return call_soon_method(rt, t, &call_connection_lost_def, &exc, 1);
}

/* _fatal_error(exc, message): OSErrors are only logged in debug mode. */
static int fatal_error(sl_rt *rt, sl_transport *t, const char *message) {
  if (rt->fatal) return -1;
  sl_obj *exc = sl_err_fetch(rt);
  if (!sl_exc_isinstance(exc, SL_EXC_OS_ERROR)) sl_loop_call_exception_handler(rt, message, exc);
  int rc = rt->fatal ? -1 : force_close(rt, t, sl_obj_val(exc));
  sl_decref(rt, exc);
  return rc;
}

int sl__transport_close(sl_rt *rt, sl_obj *o) {
  sl_transport *t = sl__as_transport(o);
  if (t->closing) return 0;
  t->closing = true;
  sl_loop_remove_reader(rt, t->fd);
  if (t->len) return 0;
  t->conn_lost++;
  sl_loop_remove_writer(rt, t->fd);
  sl_value none = sl_none();
  return call_soon_method(rt, t, &call_connection_lost_def, &none, 1);
}

/* _call_connection_lost(exc): connection_lost, then (finally) close the
 * socket, drop the protocol and detach from the server. */
static int call_connection_lost(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)out;
  sl_transport *t = sl__as_transport(self.u.o);
  int rc = 0;
  if (t->protocol_connected && !sl_is_none(t->protocol))
    rc = sl__call_method(rt, t->protocol, "connection_lost", args->pos, 1, NULL);
  sl_obj *pending = rc && !rt->fatal ? sl_err_fetch(rt) : NULL;
  if (sl_is_obj(t->sock) && sl_socket_close(rt, t->sock.u.o)) rc = -1;
  sl_vset(rt, &t->sock, sl_none());
  sl_vset(rt, &t->protocol, sl_none());
  sl_value server = t->server;
  if (!sl_is_none(server)) {
    t->server = sl_none();
    if (sl__server_detach(rt, server.u.o, &t->hdr)) rc = -1;
    sl_vdecref(rt, server);
  }
  if (pending) {
    if (!rt->fatal) sl_raise_obj(rt, pending);
    sl_decref(rt, pending);
    return -1;
  }
  return rc;
}

/* ---- reading ---------------------------------------------------------------- */

static bool is_reading(sl_transport *t) { return !t->paused && !t->closing; }

/* _add_reader(fd, callback): 3.11.2 skips it once closing, later releases
 * unless is_reading() (a transport paused before it started stays paused). */
static int add_reader(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)out;
  sl_transport *t = sl__as_transport(self.u.o);
  if (rt->profile->add_reader_unless_paused ? !is_reading(t) : t->closing) return 0;
  sl_obj *h = sl_loop_add_reader(rt, (int)args->pos[0].u.i, args->pos[1], NULL, 0);
  if (!h) return -1;
  sl_decref(rt, h);
  return 0;
}

static int start_reading(sl_rt *rt, sl_transport *t) {
  sl_obj *cb = sl_cfunc_new(rt, &read_ready_def, self_val(t));
  if (!cb) return -1;
  sl_value args[2] = {sl_int(t->fd), sl_obj_val(cb)};
  sl_args a = {args, 2, NULL, NULL, 0};
  sl_value ignored;
  int rc = add_reader(rt, self_val(t), &a, &ignored);
  sl_decref(rt, cb);
  return rc;
}

int sl__transport_pause_reading(sl_rt *rt, sl_obj *o) {
  sl_transport *t = sl__as_transport(o);
  if (!is_reading(t)) return 0;
  t->paused = true;
  sl_loop_remove_reader(rt, t->fd);
  return 0;
}

int sl__transport_resume_reading(sl_rt *rt, sl_obj *o) {
  sl_transport *t = sl__as_transport(o);
  if (t->closing || !t->paused) return 0;
  t->paused = false;
  return start_reading(rt, t);
}

/* _read_ready__on_eof: eof_received() decides whether to close. */
static int read_on_eof(sl_rt *rt, sl_transport *t) {
  sl_value keep;
  if (sl__call_method(rt, t->protocol, "eof_received", NULL, 0, &keep))
    return fatal_error(rt, t, "Fatal error: protocol.eof_received() call failed.");
  bool keep_open;
  int rc = sl_truth(rt, keep, &keep_open);
  sl_vdecref(rt, keep);
  if (rc) return -1;
  if (keep_open) {
    sl_loop_remove_reader(rt, t->fd);
    return 0;
  }
  return sl__transport_close(rt, &t->hdr);
}

/* isinstance(protocol, asyncio.BufferedProtocol) (set_protocol's test):
 * asyncio.protocols.BufferedProtocol among its class's bases. */
static bool derives_buffered(sl_obj *cls) {
  if (!cls || cls->type != &sl_class_type) return false;
  sl_class *c = sl_as_class(cls);
  if (!strcmp(c->module, "asyncio.protocols") && !strcmp(sl_str_cstr(c->name), "BufferedProtocol"))
    return true;
  return derives_buffered(c->bases[0]) || derives_buffered(c->bases[1]);
}
static bool is_buffered(sl_value protocol) {
  return protocol.tag == SL_V_OBJ && derives_buffered(sl_user_cls_of(protocol.u.o));
}

/* _read_ready__get_buffer: buf = get_buffer(-1); n = sock.recv_into(buf);
 * buffer_updated(n), each failure a fatal error with CPython's words. */
static int read_ready_get_buffer(sl_rt *rt, sl_transport *t) {
  sl_value buf, hint = sl_int(-1);
  int64_t len = 0;
  if (sl__call_method(rt, t->protocol, "get_buffer", &hint, 1, &buf))
    return fatal_error(rt, t, "Fatal error: protocol.get_buffer() call failed.");
  if (sl_len(rt, buf, &len) || !len) {
    sl_vdecref(rt, buf);
    if (!rt->exc && !rt->fatal)
      sl_raise(rt, SL_EXC_RUNTIME_ERROR, "get_buffer() returned an empty buffer");
    return fatal_error(rt, t, "Fatal error: protocol.get_buffer() call failed.");
  }
  sl_value n;
  int rc = sl_socket_recv_into(rt, t->sock.u.o, buf, 0, &n);
  sl_vdecref(rt, buf);
  if (rc) {
    if (sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR)) {
      sl_err_clear(rt);
      return 0;
    }
    return fatal_error(rt, t, "Fatal read error on socket transport");
  }
  if (!n.u.i) return read_on_eof(rt, t);
  if (sl__call_method(rt, t->protocol, "buffer_updated", &n, 1, NULL))
    return fatal_error(rt, t, "Fatal error: protocol.buffer_updated() call failed.");
  return 0;
}

/* _read_ready -> _read_ready__data_received (or __get_buffer) */
static int read_ready(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args, (void)out;
  sl_transport *t = sl__as_transport(self.u.o);
  if (t->conn_lost) return 0;
  if (t->buffered) return read_ready_get_buffer(rt, t);
  sl_value data;
  if (sl_socket_recv(rt, t->sock.u.o, MAX_SIZE, &data)) {
    if (sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR)) {
      sl_err_clear(rt);
      return 0;
    }
    return fatal_error(rt, t, "Fatal read error on socket transport");
  }
  if (!sl_as_bytes(data.u.o)->len) {
    sl_vdecref(rt, data);
    return read_on_eof(rt, t);
  }
  int rc = sl__call_method(rt, t->protocol, "data_received", &data, 1, NULL);
  sl_vdecref(rt, data);
  if (rc) return fatal_error(rt, t, "Fatal error: protocol.data_received() call failed.");
  return 0;
}

/* ---- writing ------------------------------------------------------------------ */

static int buffer_append(sl_rt *rt, sl_transport *t, const unsigned char *p, size_t n) {
  if (t->len + n > t->cap) {
    size_t cap = t->cap ? t->cap : 256;
    while (cap < t->len + n) cap *= 2;
    unsigned char *grown = sl_realloc(t->buf, cap);
    if (!grown) return sl_nomem(rt);
    t->buf = grown;
    t->cap = cap;
  }
  memcpy(t->buf + t->len, p, n);
  t->len += n;
  return 0;
}

/* sock.send(bytes p[:n]): bytes sent, or -1 with the exception pending. */
static int64_t send_bytes(sl_rt *rt, sl_transport *t, const unsigned char *p, size_t n) {
  sl_obj *b = sl_bytes_new(rt, p, n);
  if (!b) return -1;
  sl_value sent;
  int rc = sl_socket_send(rt, t->sock.u.o, sl_obj_val(b), &sent);
  sl_decref(rt, b);
  return rc ? -1 : sent.u.i;
}

static int bytes_check(sl_rt *rt, sl_value data) {
  if (sl_is_type(data, &sl_bytes_type)) return 0;
  if (rt->profile->transport_write_type_message)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "data argument must be a bytes, bytearray, or memoryview object, not '%s'",
                    sl_type_name(data));
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "data argument must be a bytes-like object, not '%s'",
                  sl_type_name(data));
}

int sl__transport_write(sl_rt *rt, sl_obj *o, sl_value data) {
  sl_transport *t = sl__as_transport(o);
  if (bytes_check(rt, data)) return -1;
  if (t->eof) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Cannot call write() after write_eof()");
  const unsigned char *p = sl_as_bytes(data.u.o)->data;
  size_t n = sl_as_bytes(data.u.o)->len;
  if (!n) return 0;
  if (t->conn_lost) {
    t->conn_lost++; /* CPython logs a warning from the 5th write on */
    return 0;
  }
  if (!t->len) {
    /* Optimization: try to send now. */
    int64_t sent = send_bytes(rt, t, p, n);
    if (sent < 0) {
      if (!sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR))
        return fatal_error(rt, t, "Fatal write error on socket transport");
      sl_err_clear(rt);
      sent = 0;
    }
    p += sent, n -= (size_t)sent;
    if (!n) return 0;
    if (add_writer(rt, t)) return -1;
  }
  if (buffer_append(rt, t, p, n)) return -1;
  return maybe_pause_protocol(rt, t);
}

/* _write_ready (3.11) / _write_sendmsg (3.12+): the writer. */
static int write_ready(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args, (void)out;
  sl_transport *t = sl__as_transport(self.u.o);
  if (t->conn_lost) return 0;
  int64_t n = send_bytes(rt, t, t->buf, t->len);
  if (n < 0) {
    if (sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR)) {
      sl_err_clear(rt);
      return 0;
    }
    sl_loop_remove_writer(rt, t->fd);
    t->len = 0;
    return fatal_error(rt, t, "Fatal write error on socket transport");
  }
  memmove(t->buf, t->buf + n, t->len - (size_t)n);
  t->len -= (size_t)n;
  if (maybe_resume_protocol(rt, t)) return -1; /* may append to the buffer */
  if (t->len) return 0;
  sl_loop_remove_writer(rt, t->fd);
  if (t->closing) {
    sl_value none = sl_none();
    sl_args a = {&none, 1, NULL, NULL, 0};
    sl_value ignored;
    return call_connection_lost(rt, self, &a, &ignored);
  }
  if (t->eof) {
    sl_value none;
    return sl__call_method(rt, t->sock, "shutdown", (sl_value[]){sl_int(1)}, 1, &none) ? -1 : 0;
  }
  return 0;
}

static int write_eof(sl_rt *rt, sl_transport *t) {
  if (t->closing || t->eof) return 0;
  t->eof = true;
  if (t->len) return 0;
  return sl__call_method(rt, t->sock, "shutdown", (sl_value[]){sl_int(1)}, 1, NULL);
}

/* writelines(list_of_data): 3.11 joins and writes; 3.12 appends every
 * piece and calls the writer at once. */
static int writelines(sl_rt *rt, sl_transport *t, sl_value list) {
  sl_value joined;
  sl_obj *empty = sl_bytes_new(rt, NULL, 0);
  if (!empty) return -1;
  int rc = sl__call_method(rt, sl_obj_val(empty), "join", &list, 1, &joined);
  sl_decref(rt, empty);
  if (rc) return -1;
  if (!rt->profile->transport_sendmsg) {
    rc = sl__transport_write(rt, &t->hdr, joined);
    sl_vdecref(rt, joined);
    return rc;
  }
  size_t n = sl_as_bytes(joined.u.o)->len;
  bool any = false;
  rc = sl_truth(rt, list, &any);
  if (!rc && t->eof)
    rc = sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Cannot call writelines() after write_eof()");
  if (rc || !any || (t->conn_lost && rt->profile->transport_writelines_pauses)) {
    if (!rc && t->conn_lost) t->conn_lost++;
    sl_vdecref(rt, joined);
    return rc;
  }
  rc = buffer_append(rt, t, sl_as_bytes(joined.u.o)->data, n);
  sl_vdecref(rt, joined);
  if (rc) return -1;
  sl_value ignored;
  sl_args none = {NULL, 0, NULL, NULL, 0};
  if (write_ready(rt, self_val(t), &none, &ignored)) return -1;
  if (!t->len) return 0;
  if (add_writer(rt, t)) return -1;
  return rt->profile->transport_writelines_pauses ? maybe_pause_protocol(rt, t) : 0;
}

static const sl_cfunc_def read_ready_def = {"_SelectorSocketTransport._read_ready", read_ready,
                                            NULL, SL_CANON_LABEL};
static const sl_cfunc_def write_ready_def = {"_SelectorSocketTransport._write_ready", write_ready,
                                             NULL, SL_CANON_LABEL};
static const sl_cfunc_def write_sendmsg_def = {"_SelectorSocketTransport._write_sendmsg",
                                               write_ready, NULL, SL_CANON_LABEL};
static const sl_cfunc_def add_reader_def = {"_SelectorTransport._add_reader", add_reader, NULL,
                                            SL_CANON_LABEL};
static const sl_cfunc_def call_connection_lost_def = {
    "_SelectorSocketTransport._call_connection_lost", call_connection_lost, NULL, SL_CANON_LABEL};

/* ---- construction ------------------------------------------------------------- */

/* extra[key] = sock.getsockname()/getpeername(), None on OSError. */
static int extra_name(sl_rt *rt, sl_transport *t, const char *key, bool peer) {
  sl_value v;
  if (sl_socket_name(rt, t->sock.u.o, peer, &v)) {
    if (rt->fatal || !sl_err_matches(rt, SL_EXC_OS_ERROR)) return -1;
    sl_err_clear(rt);
    v = sl_none();
  }
  int rc = sl_dict_set_str(rt, t->extra, key, v);
  sl_vdecref(rt, v);
  return rc;
}

static int transport_init(sl_rt *rt, sl_transport *t, sl_value sock, sl_value protocol,
                          sl_value peername, sl_value server) {
  t->sock = sl_vincref(sock);
  t->fd = sl_as_socket(sock.u.o)->fd;
  t->protocol = sl_vincref(protocol);
  t->protocol_connected = true;
  t->buffered = is_buffered(protocol);
  t->server = sl_vincref(server);
  if (set_limits(rt, t, sl_undef(), sl_undef())) return -1;
  if (!(t->extra = sl_dict_new(rt))) return -1;
  if (!sl_is_undef(peername) && sl_dict_set_str(rt, t->extra, "peername", peername)) return -1;
  sl_obj *ts = sl__trsock_new(rt, sock);
  int rc = ts ? sl_dict_set_str(rt, t->extra, "socket", sl_obj_val(ts)) : -1;
  sl_decref(rt, ts);
  if (rc) return -1;
  if (extra_name(rt, t, "sockname", false)) return -1;
  if (sl_is_undef(peername) && extra_name(rt, t, "peername", true)) return -1;
  if (!sl_is_none(server) && sl__server_attach(rt, server.u.o, &t->hdr)) return -1;
  return 0;
}

sl_obj *sl__transport_new(sl_rt *rt, sl_value sock, sl_value protocol, sl_obj *waiter,
                          sl_value peername, sl_value server) {
  sl_obj *o = sl_obj_alloc(rt, &sl__transport_type);
  if (!o) return NULL;
  sl_transport *t = sl__as_transport(o);
  t->sock = t->protocol = t->server = sl_none();
  if (transport_init(rt, t, sock, protocol, peername, server)) goto fail;
  /* self._loop.call_soon(self._protocol.connection_made, self) */
  sl_value made;
  if (sl_vm_getattr(rt, protocol, "connection_made", &made)) goto fail;
  sl_value self = self_val(t);
  int rc = sl_loop_call_soon0(rt, made, &self, 1);
  sl_vdecref(rt, made);
  if (rc) goto fail;
  /* self._loop.call_soon(self._add_reader, self._sock_fd, self._read_ready) */
  sl_obj *rr = sl_cfunc_new(rt, &read_ready_def, self);
  if (!rr) goto fail;
  sl_value args[2] = {sl_int(t->fd), sl_obj_val(rr)};
  rc = call_soon_method(rt, t, &add_reader_def, args, 2);
  sl_decref(rt, rr);
  if (rc) goto fail;
  if (waiter) {
    sl_obj *fn = sl_set_result_unless_cancelled_fn(rt);
    if (!fn) goto fail;
    sl_value wargs[2] = {sl_obj_val(waiter), sl_none()};
    rc = sl_loop_call_soon0(rt, sl_obj_val(fn), wargs, 2);
    sl_decref(rt, fn);
    if (rc) goto fail;
  }
  return o;
fail:
  sl_decref(rt, o);
  return NULL;
}

static void transport_clear(sl_rt *rt, sl_obj *o) {
  sl_transport *t = sl__as_transport(o);
  sl_value sock = t->sock, protocol = t->protocol, server = t->server;
  sl_obj *extra = t->extra;
  t->sock = t->protocol = t->server = sl_none();
  t->extra = NULL;
  sl_vdecref(rt, sock);
  sl_vdecref(rt, protocol);
  sl_vdecref(rt, server);
  sl_decref(rt, extra);
}

static void transport_release(sl_obj *o) {
  sl_transport *t = sl__as_transport(o);
  sl_free(t->buf);
  t->buf = NULL;
}

static int transport_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_transport *t = sl__as_transport(o);
  sl_strbuf_puts(out, "<_SelectorSocketTransport");
  if (sl_is_none(t->sock))
    sl_strbuf_puts(out, " closed");
  else if (t->closing)
    sl_strbuf_puts(out, " closing");
  sl_strbuf_printf(out, " fd=%d", t->fd);
  if (!sl_is_none(t->sock)) {
    int ev = sl_iomap_events(&rt->loop->io, t->fd);
    sl_strbuf_printf(out, " read=%s write=<%s, bufsize=%zu>",
                     ev & SL_EVENT_READ ? "polling" : "idle",
                     ev & SL_EVENT_WRITE ? "polling" : "idle", t->len);
  }
  sl_strbuf_putc(out, '>');
  return 0;
}

/* ---- methods ------------------------------------------------------------------ */

#define TR(self) sl__as_transport((self).u.o)
#define BIND(qual, names, n, req)                                                                  \
  sl_value a[n];                                                                                   \
  if (sl__bind_method(rt, self, args, qual, names, n, req, n, a)) return -1

static const char *const self_only[] = {"self"};

static int m_write(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "data"};
  BIND("_SelectorSocketTransport.write", names, 2, 2);
  *out = sl_none();
  return sl__transport_write(rt, self.u.o, a[1]);
}
static int m_writelines(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "list_of_data"};
  BIND("_SelectorSocketTransport.writelines", names, 2, 2);
  *out = sl_none();
  return writelines(rt, TR(self), a[1]);
}
static int m_write_eof(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_SelectorSocketTransport.write_eof", self_only, 1, 1);
  *out = sl_none();
  return write_eof(rt, TR(self));
}
static int m_can_write_eof(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_SelectorSocketTransport.can_write_eof", self_only, 1, 1);
  *out = sl_bool(true);
  return 0;
}
static int m_close(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_SelectorTransport.close", self_only, 1, 1);
  *out = sl_none();
  return sl__transport_close(rt, self.u.o);
}
static int m_abort(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_SelectorTransport.abort", self_only, 1, 1);
  *out = sl_none();
  return force_close(rt, TR(self), sl_none());
}
static int m_is_closing(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_SelectorTransport.is_closing", self_only, 1, 1);
  *out = sl_bool(TR(self)->closing);
  return 0;
}
static int m_is_reading(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_SelectorSocketTransport.is_reading", self_only, 1, 1);
  *out = sl_bool(is_reading(TR(self)));
  return 0;
}
static int m_pause_reading(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_SelectorSocketTransport.pause_reading", self_only, 1, 1);
  *out = sl_none();
  return sl__transport_pause_reading(rt, self.u.o);
}
static int m_resume_reading(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_SelectorSocketTransport.resume_reading", self_only, 1, 1);
  *out = sl_none();
  return sl__transport_resume_reading(rt, self.u.o);
}
static int m_get_extra_info(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "name", "default"};
  BIND("BaseTransport.get_extra_info", names, 3, 2);
  bool found;
  if (sl_dict_get(rt, TR(self)->extra, a[1], out, &found)) return -1;
  if (!found) *out = sl_is_undef(a[2]) ? sl_none() : sl_vincref(a[2]);
  return 0;
}
static int m_get_protocol(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_SelectorTransport.get_protocol", self_only, 1, 1);
  *out = sl_vincref(TR(self)->protocol);
  return 0;
}
static int m_set_protocol(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "protocol"};
  BIND("_SelectorSocketTransport.set_protocol", names, 2, 2);
  sl_vset(rt, &TR(self)->protocol, sl_vincref(a[1]));
  TR(self)->protocol_connected = true;
  TR(self)->buffered = is_buffered(a[1]);
  *out = sl_none();
  return 0;
}
static int m_get_write_buffer_size(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_SelectorTransport.get_write_buffer_size", self_only, 1, 1);
  *out = sl_int((int64_t)TR(self)->len);
  return 0;
}
static int m_get_write_buffer_limits(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("_FlowControlMixin.get_write_buffer_limits", self_only, 1, 1);
  sl_value items[2] = {sl_int(TR(self)->low), sl_int(TR(self)->high)};
  sl_obj *tup = sl_tuple_new(rt, items, 2);
  if (!tup) return -1;
  *out = sl_obj_val(tup);
  return 0;
}
static int m_set_write_buffer_limits(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "high", "low"};
  BIND("_FlowControlMixin.set_write_buffer_limits", names, 3, 1);
  *out = sl_none();
  if (set_limits(rt, TR(self), a[1], a[2])) return -1;
  return maybe_pause_protocol(rt, TR(self));
}

static const sl_cfunc_def transport_methods[] = {
    {"_SelectorSocketTransport.write", m_write, NULL, SL_CANON_LABEL},
    {"_SelectorSocketTransport.writelines", m_writelines, NULL, SL_CANON_LABEL},
    {"_SelectorSocketTransport.write_eof", m_write_eof, NULL, SL_CANON_LABEL},
    {"_SelectorSocketTransport.can_write_eof", m_can_write_eof, NULL, SL_CANON_LABEL},
    {"_SelectorTransport.close", m_close, NULL, SL_CANON_LABEL},
    {"_SelectorTransport.abort", m_abort, NULL, SL_CANON_LABEL},
    {"_SelectorTransport.is_closing", m_is_closing, NULL, SL_CANON_LABEL},
    {"_SelectorSocketTransport.is_reading", m_is_reading, NULL, SL_CANON_LABEL},
    {"_SelectorSocketTransport.pause_reading", m_pause_reading, NULL, SL_CANON_LABEL},
    {"_SelectorSocketTransport.resume_reading", m_resume_reading, NULL, SL_CANON_LABEL},
    {"BaseTransport.get_extra_info", m_get_extra_info, NULL, SL_CANON_LABEL},
    {"_SelectorTransport.get_protocol", m_get_protocol, NULL, SL_CANON_LABEL},
    {"_SelectorSocketTransport.set_protocol", m_set_protocol, NULL, SL_CANON_LABEL},
    {"_SelectorTransport.get_write_buffer_size", m_get_write_buffer_size, NULL, SL_CANON_LABEL},
    {"_FlowControlMixin.get_write_buffer_limits", m_get_write_buffer_limits, NULL, SL_CANON_LABEL},
    {"_FlowControlMixin.set_write_buffer_limits", m_set_write_buffer_limits, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

int sl__transport_call(sl_rt *rt, sl_obj *tr, const char *method, const sl_value *args,
                       size_t nargs, sl_value *out) {
  return sl__call_method(rt, sl_obj_val(tr), method, args, nargs, out);
}

static int transport_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  return sl__getattr_methods(rt, o, transport_methods, name, out);
}

const sl_type sl__transport_type = {.name = "_SelectorSocketTransport",
                                    .clear = transport_clear,
                                    .release = transport_release,
                                    .repr = transport_repr,
                                    .getattr = transport_getattr,
                                    .size = sizeof(sl_transport)};
