/* The loop's socket and descriptor methods over the simulated network.
 * Mirrors Lib/asyncio/selector_events.py@3.11 (identical through 3.14):
 * add_reader/remove_reader/add_writer/remove_writer, sock_recv with
 * _sock_recv/_sock_read_done, sock_sendall with _sock_sendall/
 * _sock_write_done. Handles and futures are created in CPython's order,
 * so traces compare callback for callback (docs/trace.md, docs/io.md). */
#include <string.h>

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/handle.h"
#include "core/io/iomap.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/socket_mod.h"
#include "core/lang/value.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/sync-int.h"
#include "core/tuple.h"

/* A descriptor argument: an int, or an object with fileno() (a socket). */
static int fd_arg(sl_rt *rt, sl_value v, int *fd) {
  if (sl_is_type(v, &sl_socket_type)) {
    *fd = sl_as_socket(v.u.o)->fd;
  } else if (v.tag == SL_V_INT) {
    *fd = (int)v.u.i;
  } else {
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "Invalid file object: %s", "not a descriptor");
  }
  if (*fd < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "Invalid file descriptor: %d", *fd);
  return 0;
}

/* The sock argument of sock_recv & co: CPython calls sock.<attr> first
 * (recv, send, family, fileno), so anything else fails there, once the
 * coroutine runs. 1 a socket, 0 not (*out is then a coroutine named
 * `name` that raises that AttributeError), -1 error. */
static sl_coro_status raise_slot_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  (void)out;
  sl_raise_obj(rt, co->slots[0].u.o);
  return SL_CORO_ERROR;
}
static int need_socket(sl_rt *rt, sl_value v, const char *attr, const sl_ccoro_def *def,
                       sl_value *out) {
  if (sl_is_type(v, &sl_socket_type)) return 1;
  sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", sl_type_name(v), attr);
  if (rt->fatal) return -1;
  sl_obj *exc = sl_err_fetch(rt);
  sl_value slot = sl_obj_val(exc);
  sl_obj *co = sl_ccoro_new(rt, def, &slot, 1);
  sl_decref(rt, exc);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static const sl_ccoro_def bad_recv_def = {"BaseSelectorEventLoop.sock_recv", raise_slot_resume,
                                          NULL};
static const sl_ccoro_def bad_recv_into_def = {"BaseSelectorEventLoop.sock_recv_into",
                                               raise_slot_resume, NULL};
static const sl_ccoro_def bad_sendall_def = {"BaseSelectorEventLoop.sock_sendall",
                                             raise_slot_resume, NULL};
static const sl_ccoro_def bad_connect_def = {"BaseSelectorEventLoop.sock_connect",
                                             raise_slot_resume, NULL};
static const sl_ccoro_def bad_accept_def = {"BaseSelectorEventLoop.sock_accept", raise_slot_resume,
                                            NULL};

/* epoll_ctl refuses a descriptor that is not open (EBADF); the process's
 * stdin/stdout/stderr are real files no simulation can watch. A
 * descriptor already registered is modified, not checked (as epoll). */
static int check_watchable(sl_rt *rt, int fd) {
  const sl_io_backend *io = rt->loop->selector.io;
  if (!io || sl_iomap_events(&rt->loop->io, fd) || io->family(rt->loop->selector.ctx, rt, fd) >= 0)
    return 0;
  static const char *const stdio[] = {"stdin", "stdout", "stderr"};
  if (fd <= 2)
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: descriptor %d (%s) is not simulated: only sockets of the simulated "
                    "host can be watched",
                    fd, stdio[fd]);
  return sl_socket_raise_errno(rt, -SL_IO_EBADF);
}

/* ---- add_reader / remove_reader / add_writer / remove_writer ------------ */

static int add_io(sl_rt *rt, const sl_args *args, const char *what, bool reader, sl_value *out) {
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", what);
  if (args->npos < 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "BaseSelectorEventLoop.%s() missing %zu required positional argument%s", what,
                    2 - args->npos, args->npos == 1 ? ": 'callback'" : "s: 'fd' and 'callback'");
  int fd;
  if (fd_arg(rt, args->pos[0], &fd) || check_watchable(rt, fd)) return -1;
  sl_obj *h = reader ? sl_loop_add_reader(rt, fd, args->pos[1], args->pos + 2, args->npos - 2)
                     : sl_loop_add_writer(rt, fd, args->pos[1], args->pos + 2, args->npos - 2);
  if (!h) return -1;
  sl_decref(rt, h);
  *out = sl_none();
  return 0;
}

static int remove_io(sl_rt *rt, const sl_args *args, const char *what, bool reader, sl_value *out) {
  if (args->nkw || args->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "BaseSelectorEventLoop.%s() takes 2 positional arguments but %zu were given",
                    what, args->npos + 1);
  int fd;
  if (fd_arg(rt, args->pos[0], &fd)) return -1;
  *out = sl_bool(reader ? sl_loop_remove_reader(rt, fd) : sl_loop_remove_writer(rt, fd));
  return 0;
}

static int m_add_reader(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  return add_io(rt, args, "add_reader", true, out);
}
static int m_add_writer(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  return add_io(rt, args, "add_writer", false, out);
}
static int m_remove_reader(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  return remove_io(rt, args, "remove_reader", true, out);
}
static int m_remove_writer(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  return remove_io(rt, args, "remove_writer", false, out);
}

/* ---- _sock_read_done / _sock_write_done ----------------------------------- */

/* functools.partial(self._sock_read_done, fd, handle=handle)(fut):
 *   if handle is None or not handle.cancelled(): self.remove_reader(fd) */
static int io_done(sl_rt *rt, sl_value self, bool reader) {
  sl_tuple *t = sl_as_tuple(self.u.o);
  int fd = (int)t->items[0].u.i;
  sl_obj *h = t->items[1].u.o;
  if (!sl_as_handle(h)->cancelled) {
    if (reader)
      sl_loop_remove_reader(rt, fd);
    else
      sl_loop_remove_writer(rt, fd);
  }
  return 0;
}
static int sock_read_done(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args, (void)out;
  return io_done(rt, self, true);
}
static int sock_write_done(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args, (void)out;
  return io_done(rt, self, false);
}
static const sl_cfunc_def sock_read_done_def = {"BaseSelectorEventLoop._sock_read_done",
                                                sock_read_done, NULL, SL_CANON_LABEL};
static const sl_cfunc_def sock_write_done_def = {"BaseSelectorEventLoop._sock_write_done",
                                                 sock_write_done, NULL, SL_CANON_LABEL};

/* fut.add_done_callback(functools.partial(done, fd, handle=handle)) */
static int add_done_partial(sl_rt *rt, sl_obj *fut, const sl_cfunc_def *def, int fd, sl_obj *h) {
  sl_value items[2] = {sl_int(fd), sl_obj_val(h)};
  sl_obj *t = sl_tuple_new(rt, items, 2);
  if (!t) return -1;
  sl_obj *cb = sl_cfunc_new(rt, def, sl_obj_val(t));
  sl_decref(rt, t);
  if (!cb) return -1;
  int rc = sl_future_add_done_callback(rt, fut, sl_obj_val(cb));
  sl_decref(rt, cb);
  return rc;
}

/* Sets fut's exception to the pending one (fut.set_exception(exc)). */
static int fail_future(sl_rt *rt, sl_obj *fut) {
  if (rt->fatal) return -1;
  sl_obj *exc = sl_err_fetch(rt);
  int rc = sl_future_set_exception(rt, fut, sl_obj_val(exc));
  sl_decref(rt, exc);
  return rc;
}

/* ---- sock_recv ---------------------------------------------------------------- */

/* sock.recv(n), or sock.recv_into(buf) when `arg` is the buffer. */
static int recv_some(sl_rt *rt, sl_obj *sock, sl_value arg, sl_value *out) {
  return arg.tag == SL_V_INT ? sl_socket_recv(rt, sock, arg.u.i, out)
                             : sl_socket_recv_into(rt, sock, arg, 0, out);
}

/* _sock_recv(fut, sock, n) and _sock_recv_into(fut, sock, buf): run as the
 * reader of the socket. */
static int sock_recv_cb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self, (void)out;
  sl_obj *fut = args->pos[0].u.o;
  if (sl_future_done(fut)) return 0;
  sl_value data;
  if (recv_some(rt, args->pos[1].u.o, args->pos[2], &data)) {
    if (sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR)) {
      sl_err_clear(rt);
      return 0; /* try again next time */
    }
    return fail_future(rt, fut);
  }
  int rc = sl_future_set_result(rt, fut, data);
  sl_vdecref(rt, data);
  return rc;
}
static const sl_cfunc_def sock_recv_cb_def = {"BaseSelectorEventLoop._sock_recv", sock_recv_cb,
                                              "sock_recv", SL_CANON_ARG0};
static const sl_cfunc_def sock_recv_into_cb_def = {"BaseSelectorEventLoop._sock_recv_into",
                                                   sock_recv_cb, "sock_recv_into", SL_CANON_ARG0};

enum { SLOT_SOCK, SLOT_ARG, SLOT_FUT, SLOT_POS };

static sl_coro_status sock_recv_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 1) {
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_ccoro_take_result(co);
    return SL_CORO_RETURN;
  }
  sl_obj *sock = co->slots[SLOT_SOCK].u.o;
  bool into = co->slots[SLOT_ARG].tag != SL_V_INT;
  if (recv_some(rt, sock, co->slots[SLOT_ARG], out) == 0) return SL_CORO_RETURN;
  if (!sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR)) return SL_CORO_ERROR;
  sl_err_clear(rt);
  sl_obj *fut = sl_future_new(rt);
  if (!fut) return SL_CORO_ERROR;
  co->slots[SLOT_FUT] = sl_obj_val(fut);
  int fd = sl_as_socket(sock)->fd;
  sl_obj *cb = sl_cfunc_new(rt, into ? &sock_recv_into_cb_def : &sock_recv_cb_def, sl_undef());
  if (!cb) return SL_CORO_ERROR;
  sl_value cargs[3] = {sl_obj_val(fut), co->slots[SLOT_SOCK], co->slots[SLOT_ARG]};
  sl_obj *h = sl_loop_add_reader(rt, fd, sl_obj_val(cb), cargs, 3);
  sl_decref(rt, cb);
  if (!h) return SL_CORO_ERROR;
  int rc = add_done_partial(rt, fut, &sock_read_done_def, fd, h);
  sl_decref(rt, h);
  if (rc) return SL_CORO_ERROR;
  return sl_ccoro_await(rt, co, co->slots[SLOT_FUT], 1, out);
}
static const sl_ccoro_def sock_recv_def = {"BaseSelectorEventLoop.sock_recv", sock_recv_resume,
                                           NULL};
static const sl_ccoro_def sock_recv_into_def = {"BaseSelectorEventLoop.sock_recv_into",
                                                sock_recv_resume, NULL};

static int m_sock_recv(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "sock", "n"};
  sl_value a[3];
  if (sl__bind_method(rt, self, args, "BaseSelectorEventLoop.sock_recv", names, 3, 3, 3, a))
    return -1;
  int64_t n;
  int ok = need_socket(rt, a[1], "recv", &bad_recv_def, out);
  if (ok <= 0) return ok;
  if (sl__as_int(rt, a[2], "n", &n)) return -1;
  sl_value slots[2] = {a[1], sl_int(n)};
  sl_obj *co = sl_ccoro_new(rt, &sock_recv_def, slots, 2);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static int m_sock_recv_into(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "sock", "buf"};
  sl_value a[3];
  if (sl__bind_method(rt, self, args, "BaseSelectorEventLoop.sock_recv_into", names, 3, 3, 3, a))
    return -1;
  int ok = need_socket(rt, a[1], "recv_into", &bad_recv_into_def, out);
  if (ok <= 0) return ok;
  sl_value slots[2] = {a[1], a[2]};
  sl_obj *co = sl_ccoro_new(rt, &sock_recv_into_def, slots, 2);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

/* ---- sock_sendall ----------------------------------------------------------------- */

/* Sends data[start:]: bytes sent, or -1 with the exception pending. */
static int64_t send_from(sl_rt *rt, sl_obj *sock, sl_value data, int64_t start) {
  sl_bytesobj *b = sl_as_bytes(data.u.o);
  sl_obj *rest = start ? sl_bytes_new(rt, b->data + start, b->len - (size_t)start) : NULL;
  if (start && !rest) return -1;
  sl_value n;
  int rc = sl_socket_send(rt, sock, rest ? sl_obj_val(rest) : data, &n);
  sl_decref(rt, rest);
  return rc ? -1 : n.u.i;
}

/* _sock_sendall(fut, sock, view, pos): runs as the writer of the socket. */
static int sock_sendall_cb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self, (void)out;
  sl_obj *fut = args->pos[0].u.o;
  if (sl_future_done(fut)) return 0;
  sl_list *pos = sl_as_list(args->pos[3].u.o);
  int64_t start = pos->items[0].u.i;
  int64_t n = send_from(rt, args->pos[1].u.o, args->pos[2], start);
  if (n < 0) {
    if (sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR)) {
      sl_err_clear(rt);
      return 0;
    }
    return fail_future(rt, fut);
  }
  start += n;
  if ((size_t)start == sl_as_bytes(args->pos[2].u.o)->len)
    return sl_future_set_result(rt, fut, sl_none());
  pos->items[0] = sl_int(start);
  return 0;
}
static const sl_cfunc_def sock_sendall_cb_def = {"BaseSelectorEventLoop._sock_sendall",
                                                 sock_sendall_cb, "sock_sendall", SL_CANON_ARG0};

static sl_coro_status sock_sendall_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 1) {
    if (co->failed) return SL_CORO_ERROR;
    sl_vdecref(rt, sl_ccoro_take_result(co));
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  sl_obj *sock = co->slots[SLOT_SOCK].u.o;
  sl_value data = co->slots[SLOT_ARG];
  int64_t n = send_from(rt, sock, data, 0);
  if (n < 0) {
    if (!sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR)) return SL_CORO_ERROR;
    sl_err_clear(rt);
    n = 0;
  }
  if ((size_t)n == sl_as_bytes(data.u.o)->len) {
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  sl_obj *fut = sl_future_new(rt);
  if (!fut) return SL_CORO_ERROR;
  co->slots[SLOT_FUT] = sl_obj_val(fut);
  sl_value first = sl_int(n);
  sl_obj *pos = sl_list_new(rt, &first, 1);
  if (!pos) return SL_CORO_ERROR;
  co->slots[SLOT_POS] = sl_obj_val(pos);
  int fd = sl_as_socket(sock)->fd;
  sl_obj *cb = sl_cfunc_new(rt, &sock_sendall_cb_def, sl_undef());
  if (!cb) return SL_CORO_ERROR;
  sl_value cargs[4] = {sl_obj_val(fut), co->slots[SLOT_SOCK], data, sl_obj_val(pos)};
  sl_obj *h = sl_loop_add_writer(rt, fd, sl_obj_val(cb), cargs, 4);
  sl_decref(rt, cb);
  if (!h) return SL_CORO_ERROR;
  int rc = add_done_partial(rt, fut, &sock_write_done_def, fd, h);
  sl_decref(rt, h);
  if (rc) return SL_CORO_ERROR;
  return sl_ccoro_await(rt, co, co->slots[SLOT_FUT], 1, out);
}
static const sl_ccoro_def sock_sendall_def = {"BaseSelectorEventLoop.sock_sendall",
                                              sock_sendall_resume, NULL};

static int m_sock_sendall(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "sock", "data"};
  sl_value a[3];
  if (sl__bind_method(rt, self, args, "BaseSelectorEventLoop.sock_sendall", names, 3, 3, 3, a))
    return -1;
  int ok = need_socket(rt, a[1], "send", &bad_sendall_def, out);
  if (ok <= 0) return ok;
  if (!sl_is_type(a[2], &sl_bytes_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'",
                    sl_type_name(a[2]));
  sl_value slots[2] = {a[1], a[2]};
  sl_obj *co = sl_ccoro_new(rt, &sock_sendall_def, slots, 2);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

/* ---- sock_connect ------------------------------------------------------------- */

/* _sock_connect_cb(fut, sock, address): the writer of a connect in
 * progress; reads SO_ERROR and fails with
 * OSError(err, f'Connect call failed {address}'). */
static int sock_connect_cb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self, (void)out;
  sl_obj *fut = args->pos[0].u.o;
  if (sl_future_done(fut)) return 0;
  int err = 0;
  if (sl_socket_so_error(rt, args->pos[1].u.o, &err)) return fail_future(rt, fut);
  if (!err) return sl_future_set_result(rt, fut, sl_none());
  sl_strbuf msg = SL_STRBUF_INIT;
  sl_strbuf_puts(&msg, "Connect call failed ");
  int rc = sl_repr(rt, args->pos[2], &msg);
  if (!rc) sl_socket_raise_errno_msg(rt, -err, sl_strbuf_cstr(&msg));
  sl_strbuf_free(&msg);
  return fail_future(rt, fut);
}
static const sl_cfunc_def sock_connect_cb_def = {"BaseSelectorEventLoop._sock_connect_cb",
                                                 sock_connect_cb, NULL, SL_CANON_LABEL};

int sl__sock_connect_start(sl_rt *rt, sl_obj *fut, sl_value sock, sl_value address) {
  if (sl_socket_connect(rt, sock.u.o, address) == 0)
    return sl_future_set_result(rt, fut, sl_none());
  if (!sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR)) return fail_future(rt, fut);
  sl_err_clear(rt);
  int fd = sl_as_socket(sock.u.o)->fd;
  sl_obj *cb = sl_cfunc_new(rt, &sock_connect_cb_def, sl_undef());
  if (!cb) return -1;
  sl_value cargs[3] = {sl_obj_val(fut), sock, address};
  sl_obj *h = sl_loop_add_writer(rt, fd, sl_obj_val(cb), cargs, 3);
  sl_decref(rt, cb);
  if (!h) return -1;
  int rc = add_done_partial(rt, fut, &sock_write_done_def, fd, h);
  sl_decref(rt, h);
  return rc;
}

/* fut = self.create_future(); self._sock_connect(fut, sock, address)
 * return await fut. A non-blocking connect is in progress at first (as on
 * Linux, even on the loopback), so the outcome comes from the writer. */
static sl_coro_status sock_connect_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 1) {
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_ccoro_take_result(co);
    return SL_CORO_RETURN;
  }
  sl_obj *fut = sl_future_new(rt);
  if (!fut) return SL_CORO_ERROR;
  co->slots[SLOT_FUT] = sl_obj_val(fut);
  if (sl__sock_connect_start(rt, fut, co->slots[SLOT_SOCK], co->slots[SLOT_ARG]))
    return SL_CORO_ERROR;
  return sl_ccoro_await(rt, co, co->slots[SLOT_FUT], 1, out);
}
static const sl_ccoro_def sock_connect_def = {"BaseSelectorEventLoop.sock_connect",
                                              sock_connect_resume, NULL};

static int m_sock_connect(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "sock", "address"};
  sl_value a[3];
  if (sl__bind_method(rt, self, args, "BaseSelectorEventLoop.sock_connect", names, 3, 3, 3, a))
    return -1;
  int ok = need_socket(rt, a[1], "family", &bad_connect_def, out);
  if (ok <= 0) return ok;
  sl_value slots[2] = {a[1], a[2]};
  sl_obj *co = sl_ccoro_new(rt, &sock_connect_def, slots, 2);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

/* ---- sock_accept ---------------------------------------------------------------- */

static const sl_cfunc_def sock_accept_cb_def;

/* _sock_accept(fut, sock): tries accept(); when nothing is pending,
 * (re)registers itself as the reader, with one more _sock_read_done. */
static int sock_accept_try(sl_rt *rt, sl_obj *fut, sl_value sock) {
  sl_value pair;
  if (sl_socket_accept(rt, sock.u.o, &pair) == 0) {
    /* conn.setblocking(False) */
    sl_as_socket(sl_as_tuple(pair.u.o)->items[0].u.o)->blocking = false;
    int rc = sl_future_set_result(rt, fut, pair);
    sl_vdecref(rt, pair);
    return rc;
  }
  if (!sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR)) return fail_future(rt, fut);
  sl_err_clear(rt);
  int fd = sl_as_socket(sock.u.o)->fd;
  sl_obj *cb = sl_cfunc_new(rt, &sock_accept_cb_def, sl_undef());
  if (!cb) return -1;
  sl_value cargs[2] = {sl_obj_val(fut), sock};
  sl_obj *h = sl_loop_add_reader(rt, fd, sl_obj_val(cb), cargs, 2);
  sl_decref(rt, cb);
  if (!h) return -1;
  int rc = add_done_partial(rt, fut, &sock_read_done_def, fd, h);
  sl_decref(rt, h);
  return rc;
}

/* The reader. 3.11-3.14's _sock_accept has no `if fut.done(): return`:
 * a done future makes its set_result raise InvalidStateError. */
static int sock_accept_cb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self, (void)out;
  return sock_accept_try(rt, args->pos[0].u.o, args->pos[1]);
}
static const sl_cfunc_def sock_accept_cb_def = {"BaseSelectorEventLoop._sock_accept",
                                                sock_accept_cb, "sock_accept", SL_CANON_ARG0};

static sl_coro_status sock_accept_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 1) {
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_ccoro_take_result(co);
    return SL_CORO_RETURN;
  }
  sl_obj *fut = sl_future_new(rt);
  if (!fut) return SL_CORO_ERROR;
  co->slots[SLOT_FUT] = sl_obj_val(fut);
  if (sock_accept_try(rt, fut, co->slots[SLOT_SOCK])) return SL_CORO_ERROR;
  return sl_ccoro_await(rt, co, co->slots[SLOT_FUT], 1, out);
}
static const sl_ccoro_def sock_accept_def = {"BaseSelectorEventLoop.sock_accept",
                                             sock_accept_resume, NULL};

static int m_sock_accept(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "sock"};
  sl_value a[2];
  if (sl__bind_method(rt, self, args, "BaseSelectorEventLoop.sock_accept", names, 2, 2, 2, a))
    return -1;
  int ok = need_socket(rt, a[1], "fileno", &bad_accept_def, out);
  if (ok <= 0) return ok;
  sl_obj *co = sl_ccoro_new(rt, &sock_accept_def, &a[1], 1);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static const sl_cfunc_def io_methods[] = {
    {"BaseSelectorEventLoop.sock_connect", m_sock_connect, NULL, SL_CANON_LABEL},
    {"BaseSelectorEventLoop.sock_accept", m_sock_accept, NULL, SL_CANON_LABEL},
    {"BaseSelectorEventLoop.add_reader", m_add_reader, NULL, SL_CANON_LABEL},
    {"BaseSelectorEventLoop.remove_reader", m_remove_reader, NULL, SL_CANON_LABEL},
    {"BaseSelectorEventLoop.add_writer", m_add_writer, NULL, SL_CANON_LABEL},
    {"BaseSelectorEventLoop.remove_writer", m_remove_writer, NULL, SL_CANON_LABEL},
    {"BaseSelectorEventLoop.sock_recv", m_sock_recv, NULL, SL_CANON_LABEL},
    {"BaseSelectorEventLoop.sock_recv_into", m_sock_recv_into, NULL, SL_CANON_LABEL},
    {"BaseSelectorEventLoop.sock_sendall", m_sock_sendall, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

int sl__io_loop_getattr(sl_rt *rt, sl_value loop, const char *name, sl_value *out) {
  if (!rt->loop->selector.io) return 0;
  return sl_methods_lookup(rt, loop, io_methods, name, out);
}
