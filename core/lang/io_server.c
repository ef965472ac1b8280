/* Mirrors Lib/asyncio/base_events.py create_connection (with _connect_sock,
 * sock_connect and _create_connection_transport, flattened: none of them
 * suspends except on the futures awaited here), create_server (with
 * _create_server_getaddrinfo run as gathered tasks, as CPython does),
 * getaddrinfo, and selector_events.py _start_serving/_accept_connection/
 * _accept_connection2. The resolver is io_resolve.c, the Server class
 * io_serverobj.c. */
#include <string.h>

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/gather.h"
#include "core/io/backend.h"
#include "core/io/iomap.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/io-int.h"
#include "core/lang/socket_mod.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/sleep.h"
#include "core/str.h"
#include "core/sync-int.h"
#include "core/tuple.h"

#define IPPROTO_TCP 6
#define AI_PASSIVE  1

/* ---- create_connection ----------------------------------------------------------- */

static int raise_connect_errors(sl_rt *rt, sl_list *excs);

/* CC_INFOS holds (infos, laddr_infos or None). */
enum { CC_FACTORY, CC_INFOS, CC_INDEX, CC_SOCK, CC_FUT, CC_EXCS, CC_TRANSPORT, CC_PROTOCOL };

static sl_list *cc_infos(sl_ccoro *co) {
  return sl_as_list(sl_as_tuple(co->slots[CC_INFOS].u.o)->items[0].u.o);
}
static sl_value cc_laddrs(sl_ccoro *co) { return sl_as_tuple(co->slots[CC_INFOS].u.o)->items[1]; }

/* Appends the pending OSError to the attempts' exceptions. */
static int keep_error(sl_rt *rt, sl_ccoro *co) {
  if (rt->fatal) return -1; /* out of memory: nothing was raised */
  sl_obj *exc = sl_err_fetch(rt);
  int rc = sl_list_append(rt, co->slots[CC_EXCS].u.o, sl_obj_val(exc));
  sl_decref(rt, exc);
  return rc;
}

/* One failed bind as _connect_sock rewords it: OSError(errno, "error while
 * attempting to bind on address ('127.0.0.2', 0): cannot assign requested
 * address"), kept with the attempts' exceptions. */
static int keep_bind_error(sl_rt *rt, sl_ccoro *co, sl_value laddr) {
  sl_obj *exc = sl_err_fetch(rt);
  sl_value eno = sl_none(), text = sl_none();
  int rc = sl_vm_getattr(rt, sl_obj_val(exc), "errno", &eno) ||
           sl_vm_getattr(rt, sl_obj_val(exc), "strerror", &text);
  sl_strbuf m = SL_STRBUF_INIT;
  if (!rc) {
    sl_strbuf_puts(&m, "error while attempting to bind on address ");
    rc = sl_vm_repr(rt, laddr, &m);
  }
  /* 3.12+: str(exc).lower(), "[errno 99] cannot assign ..." */
  sl_strbuf full = SL_STRBUF_INIT;
  if (!rc && rt->profile->create_server_bind_str_message)
    rc = sl_vm_str(rt, sl_obj_val(exc), &full);
  if (!rc) {
    sl_strbuf_puts(&m, ": ");
    const char *words = rt->profile->create_server_bind_str_message ? sl_strbuf_cstr(&full)
                        : sl_is_str(text)                           ? sl_str_cstr(text.u.o)
                                                                    : "";
    for (const char *c = words; *c; c++)
      sl_strbuf_putc(&m, (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c));
    sl_socket_raise_errno_msg(rt, eno.tag == SL_V_INT ? -eno.u.i : 0, sl_strbuf_cstr(&m));
    rc = keep_error(rt, co);
  }
  sl_strbuf_free(&m);
  sl_strbuf_free(&full);
  sl_decref(rt, exc);
  sl_vdecref(rt, eno);
  sl_vdecref(rt, text);
  return rc;
}

/* _connect_sock's local_addr: binds the socket to the first local address
 * of its family that binds. 0 bound (or no local_addr), 1 no bind
 * worked (the errors are kept), -1 error. */
static int bind_local(sl_rt *rt, sl_ccoro *co, int family) {
  sl_value laddrs = cc_laddrs(co);
  if (sl_is_none(laddrs)) return 0;
  sl_list *l = sl_as_list(laddrs.u.o);
  bool tried = false;
  for (size_t i = 0; i < l->len; i++) {
    sl_tuple *li = sl_as_tuple(l->items[i].u.o);
    if (sl__addrinfo_int(li->items[0]) != family) continue;
    tried = true;
    if (!sl_socket_bind(rt, co->slots[CC_SOCK].u.o, li->items[4])) return 0;
    if (rt->fatal || !sl_err_matches(rt, SL_EXC_OS_ERROR)) return -1;
    if (keep_bind_error(rt, co, li->items[4])) return -1;
  }
  if (!tried) {
    /* f"no matching local address with {family=} found" */
    sl_raise(rt, SL_EXC_OS_ERROR,
             "no matching local address with family=<AddressFamily.%s: %d> found",
             family == SL_AF_INET6 ? "AF_INET6" : "AF_INET", family);
    if (keep_error(rt, co)) return -1;
  }
  return 1;
}

/* socket.socket(family, type, proto); setblocking(False); the binds;
 * _sock_connect. 0 connecting, 1 this address failed (its errors kept,
 * the socket closed), -1 error. */
static int connect_next(sl_rt *rt, sl_ccoro *co) {
  sl_tuple *info = sl_as_tuple(cc_infos(co)->items[co->slots[CC_INDEX].u.i].u.o);
  int family = (int)sl__addrinfo_int(info->items[0]);
  sl_obj *sock = sl_socket_create(rt, family, (int)sl__addrinfo_int(info->items[2]));
  if (!sock) return -1;
  sl_as_socket(sock)->blocking = false;
  sl_vset(rt, &co->slots[CC_SOCK], sl_obj_val(sock));
  int bound = bind_local(rt, co, family);
  if (bound) return bound < 0 || sl_socket_close(rt, sock) ? -1 : 1;
  sl_obj *fut = sl_future_new(rt);
  if (!fut) return -1;
  sl_vset(rt, &co->slots[CC_FUT], sl_obj_val(fut));
  return sl__sock_connect_start(rt, fut, co->slots[CC_SOCK], info->items[4]);
}

/* Starts connecting to the next address that gets as far as connecting
 * (binds may fail). 0 connecting, 1 every address failed (the combined
 * error raised), -1 error. */
static int connect_from(sl_rt *rt, sl_ccoro *co, int64_t index) {
  for (;; index++) {
    if ((size_t)index == cc_infos(co)->len) {
      raise_connect_errors(rt, sl_as_list(co->slots[CC_EXCS].u.o));
      return 1;
    }
    co->slots[CC_INDEX] = sl_int(index);
    int rc = connect_next(rt, co);
    if (rc <= 0) return rc;
  }
}

/* All attempts failed: one exception, or the first when all read the
 * same, or OSError('Multiple exceptions: ...'). */
static int raise_connect_errors(sl_rt *rt, sl_list *excs) {
  sl_strbuf first = SL_STRBUF_INIT, all = SL_STRBUF_INIT;
  bool same = true;
  int rc = 0;
  sl_strbuf_puts(&all, "Multiple exceptions: ");
  for (size_t i = 0; i < excs->len && !rc; i++) {
    sl_strbuf one = SL_STRBUF_INIT;
    rc = sl_vm_str(rt, excs->items[i], &one);
    if (i) sl_strbuf_puts(&all, ", ");
    sl_strbuf_puts(&all, sl_strbuf_cstr(&one));
    if (!i)
      sl_strbuf_puts(&first, sl_strbuf_cstr(&one));
    else if (strcmp(sl_strbuf_cstr(&first), sl_strbuf_cstr(&one)))
      same = false;
    sl_strbuf_free(&one);
  }
  if (!rc) {
    if (excs->len == 1 || same)
      sl_raise_obj(rt, excs->items[0].u.o);
    else
      sl_raise(rt, SL_EXC_OS_ERROR, "%s", sl_strbuf_cstr(&all));
  }
  sl_strbuf_free(&first);
  sl_strbuf_free(&all);
  return -1;
}

static sl_coro_status create_connection_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0: {
    sl_obj *excs = sl_list_new(rt, NULL, 0);
    if (!excs) return SL_CORO_ERROR;
    co->slots[CC_EXCS] = sl_obj_val(excs);
    if (connect_from(rt, co, 0)) return SL_CORO_ERROR;
    return sl_ccoro_await(rt, co, co->slots[CC_FUT], 1, out);
  }
  case 1: {
    sl_vdecref(rt, sl_ccoro_take_result(co));
    if (co->failed) {
      /* _connect_sock: except OSError: close the socket, try the next */
      if (rt->fatal || !sl_err_matches(rt, SL_EXC_OS_ERROR)) {
        sl_obj *pending = rt->fatal ? NULL : sl_err_fetch(rt);
        sl_socket_close(rt, co->slots[CC_SOCK].u.o);
        if (pending) sl_raise_obj(rt, pending), sl_decref(rt, pending);
        return SL_CORO_ERROR;
      }
      if (keep_error(rt, co) || sl_socket_close(rt, co->slots[CC_SOCK].u.o) ||
          connect_from(rt, co, co->slots[CC_INDEX].u.i + 1))
        return SL_CORO_ERROR;
      return sl_ccoro_await(rt, co, co->slots[CC_FUT], 1, out);
    }
    /* _create_connection_transport */
    sl_value protocol;
    if (sl_vm_call_pos(rt, co->slots[CC_FACTORY], NULL, 0, &protocol)) return SL_CORO_ERROR;
    co->slots[CC_PROTOCOL] = protocol;
    sl_obj *waiter = sl_future_new(rt);
    if (!waiter) return SL_CORO_ERROR;
    sl_vset(rt, &co->slots[CC_FUT], sl_obj_val(waiter));
    sl_obj *tr = sl__transport_new(rt, co->slots[CC_SOCK], protocol, waiter, sl_undef(), sl_none());
    if (!tr) return SL_CORO_ERROR;
    co->slots[CC_TRANSPORT] = sl_obj_val(tr);
    return sl_ccoro_await(rt, co, co->slots[CC_FUT], 2, out);
  }
  default: {
    sl_vdecref(rt, sl_ccoro_take_result(co));
    if (co->failed) {
      if (rt->fatal) return SL_CORO_ERROR;
      sl_obj *pending = sl_err_fetch(rt);
      int rc = sl__transport_close(rt, co->slots[CC_TRANSPORT].u.o);
      if (!rc) sl_raise_obj(rt, pending);
      sl_decref(rt, pending);
      return SL_CORO_ERROR;
    }
    sl_value items[2] = {co->slots[CC_TRANSPORT], co->slots[CC_PROTOCOL]};
    sl_obj *t = sl_tuple_new(rt, items, 2);
    if (!t) return SL_CORO_ERROR;
    *out = sl_obj_val(t);
    return SL_CORO_RETURN;
  }
  }
}
static const sl_ccoro_def create_connection_def = {"BaseEventLoop.create_connection",
                                                   create_connection_resume, NULL};

const char *const sl__connect_kw_names[SL_CONNECT_NKW] = {"family",
                                                          "proto",
                                                          "flags",
                                                          "local_addr",
                                                          "server_hostname",
                                                          "ssl_handshake_timeout",
                                                          "ssl_shutdown_timeout",
                                                          "happy_eyeballs_delay",
                                                          "interleave"};
enum {
  KW_FAMILY,
  KW_PROTO,
  KW_FLAGS,
  KW_LOCAL_ADDR,
  KW_SERVER_HOSTNAME,
  KW_HS_TIMEOUT,
  KW_SD_TIMEOUT,
  KW_HAPPY,
  KW_INTERLEAVE
};

static bool given(sl_value v) { return !sl_is_undef(v) && !sl_is_none(v); }

/* create_connection's checks of its keywords (without ssl=), then
 * _ensure_resolved of local_addr: *laddrs a new list, or None. */
static int connect_kw(sl_rt *rt, const sl_value *kw, int64_t *family, int64_t *flags,
                      sl_value *laddrs) {
  *laddrs = sl_none();
  static const int only_ssl[] = {KW_SERVER_HOSTNAME, KW_HS_TIMEOUT, KW_SD_TIMEOUT};
  for (size_t i = 0; i < sizeof only_ssl / sizeof *only_ssl; i++)
    if (given(kw[only_ssl[i]]))
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "%s is only meaningful with ssl",
                      sl__connect_kw_names[only_ssl[i]]);
  /* With a delay CPython races the addresses in tasks (staggered_race),
   * even a single one; interleave only reorders families, and the
   * loopback resolver gives at most one address of each: nothing moves. */
  if (given(kw[KW_HAPPY]))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: happy eyeballs (happy_eyeballs_delay=) is not simulated");
  int64_t proto;
  if (sl__int_kwarg(rt, kw[KW_FAMILY], "family", 0, family) ||
      sl__int_kwarg(rt, kw[KW_PROTO], "proto", 0, &proto) ||
      sl__int_kwarg(rt, kw[KW_FLAGS], "flags", 0, flags))
    return -1;
  if (!given(kw[KW_LOCAL_ADDR])) return 0;
  sl_value la = kw[KW_LOCAL_ADDR];
  if (!sl_is_type(la, &sl_tuple_type) || sl_as_tuple(la.u.o)->len < 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: local_addr must be a (host, port) tuple");
  sl_tuple *t = sl_as_tuple(la.u.o);
  return sl__resolve(rt, t->items[0], t->items[1], *family, *flags, laddrs);
}

int sl__create_connection(sl_rt *rt, sl_value factory, sl_value host, sl_value port,
                          const sl_value *kw, sl_value *out) {
  int64_t family, flags;
  sl_value laddrs;
  if (connect_kw(rt, kw, &family, &flags, &laddrs)) return -1;
  if (sl_is_none(host) && sl_is_none(port)) {
    sl_vdecref(rt, laddrs);
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    "host and port was not specified and no sock specified");
  }
  sl_value infos;
  if (sl__resolve(rt, host, port, family, flags, &infos)) {
    sl_vdecref(rt, laddrs);
    return -1;
  }
  sl_value pair[2] = {infos, laddrs};
  sl_obj *both = sl_tuple_new(rt, pair, 2);
  sl_vdecref(rt, infos);
  sl_vdecref(rt, laddrs);
  if (!both) return -1;
  sl_value slots[2] = {factory, sl_obj_val(both)};
  sl_obj *co = sl_ccoro_new(rt, &create_connection_def, slots, 2);
  sl_decref(rt, both);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static int m_create_connection(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  enum { NAMES = 6 + SL_CONNECT_NKW };
  const char *names[NAMES] = {"self", "protocol_factory", "host", "port", "ssl", "sock"};
  for (int i = 0; i < SL_CONNECT_NKW; i++) names[6 + i] = sl__connect_kw_names[i];
  sl_value a[NAMES];
  if (sl__bind_method(rt, self, args, "BaseEventLoop.create_connection", names, NAMES, 2, 4, a))
    return -1;
  if (given(a[4]))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR, "simloop: TLS (ssl=) is not simulated");
  if (given(a[5]))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: create_connection(sock=) is not supported yet");
  return sl__create_connection(rt, a[1], sl_is_undef(a[2]) ? sl_none() : a[2],
                               sl_is_undef(a[3]) ? sl_none() : a[3], a + 6, out);
}

/* ---- _accept_connection / _accept_connection2 ---------------------------------- */

enum { AC_FACTORY, AC_CONN, AC_PEER, AC_SERVER, AC_WAITER, AC_TRANSPORT };

/* protocol = protocol_factory(); waiter = create_future(); transport = ...;
 * await waiter. Every exception is swallowed (logged in debug mode only). */
static sl_coro_status accept2_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) {
    sl_value protocol;
    if (sl_vm_call_pos(rt, co->slots[AC_FACTORY], NULL, 0, &protocol)) goto swallow;
    sl_obj *waiter = sl_future_new(rt);
    if (!waiter) {
      sl_vdecref(rt, protocol);
      return SL_CORO_ERROR;
    }
    co->slots[AC_WAITER] = sl_obj_val(waiter);
    sl_obj *tr = sl__transport_new(rt, co->slots[AC_CONN], protocol, waiter, co->slots[AC_PEER],
                                   co->slots[AC_SERVER]);
    sl_vdecref(rt, protocol);
    if (!tr) goto swallow;
    co->slots[AC_TRANSPORT] = sl_obj_val(tr);
    return sl_ccoro_await(rt, co, co->slots[AC_WAITER], 1, out);
  }
  sl_vdecref(rt, sl_ccoro_take_result(co));
  if (co->failed) {
    if (rt->fatal) return SL_CORO_ERROR;
    sl_obj *pending = sl_err_fetch(rt);
    int rc = sl__transport_close(rt, co->slots[AC_TRANSPORT].u.o);
    sl_decref(rt, pending);
    if (rc) goto swallow;
  }
  *out = sl_none();
  return SL_CORO_RETURN;
swallow:
  if (rt->fatal) return SL_CORO_ERROR;
  sl_err_clear(rt);
  *out = sl_none();
  return SL_CORO_RETURN;
}
static const sl_ccoro_def accept2_def = {"BaseSelectorEventLoop._accept_connection2",
                                         accept2_resume, NULL};

/* _accept_connection(protocol_factory, sock, server, backlog): the
 * listener's reader; accepts up to backlog connections (3.14: backlog + 1)
 * and starts a task for each. */
static int accept_connection(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self, (void)out;
  sl_value factory = args->pos[0], sock = args->pos[1], server = args->pos[2];
  int64_t backlog = args->pos[3].u.i + (rt->profile->accept_backlog_plus_one ? 1 : 0);
  for (int64_t i = 0; i < backlog; i++) {
    sl_value pair;
    if (sl_socket_accept(rt, sock.u.o, &pair)) {
      if (sl_err_matches(rt, SL_EXC_BLOCKING_IO_ERROR)) {
        sl_err_clear(rt);
        return 0;
      }
      return -1; /* the loop's exception handler reports it */
    }
    sl_tuple *t = sl_as_tuple(pair.u.o);
    sl_as_socket(t->items[0].u.o)->blocking = false;
    sl_value slots[4] = {factory, t->items[0], t->items[1], server};
    sl_obj *co = sl_ccoro_new(rt, &accept2_def, slots, 4);
    sl_vdecref(rt, pair);
    if (!co) return -1;
    sl_value task;
    int rc = sl__aio_create_task(rt, sl_obj_val(co), sl_undef(), false, &task);
    sl_decref(rt, co);
    if (rc) return -1;
    sl_vdecref(rt, task);
  }
  return 0;
}
static const sl_cfunc_def accept_connection_def = {"BaseSelectorEventLoop._accept_connection",
                                                   accept_connection, NULL, SL_CANON_LABEL};

int sl__start_serving(sl_rt *rt, sl_value factory, sl_value sock, sl_value server,
                      int64_t backlog) {
  sl_obj *cb = sl_cfunc_new(rt, &accept_connection_def, sl_undef());
  if (!cb) return -1;
  sl_value cargs[4] = {factory, sock, server, sl_int(backlog)};
  sl_obj *h = sl_loop_add_reader(rt, sl_as_socket(sock.u.o)->fd, sl_obj_val(cb), cargs, 4);
  sl_decref(rt, cb);
  if (!h) return -1;
  sl_decref(rt, h);
  return 0;
}

/* ---- create_server --------------------------------------------------------------- */

/* _create_server_getaddrinfo(host, port, family, flags) as a task. */
static const sl_ccoro_def server_getaddrinfo_def = {"BaseEventLoop._create_server_getaddrinfo",
                                                    sl__getaddrinfo_resume, NULL};

enum { CS_FACTORY, CS_GATHER, CS_BACKLOG, CS_START, CS_SERVER, CS_SOCKETS };

/* The pending exception is an OSError with errno EADDRNOTAVAIL: cleared,
 * true. */
static bool unavailable(sl_rt *rt) {
  sl_obj *err = sl_err_fetch(rt);
  sl_value eno = sl_none();
  bool yes = !sl_vm_getattr(rt, sl_obj_val(err), "errno", &eno) && eno.tag == SL_V_INT &&
             eno.u.i == SL_IO_EADDRNOTAVAIL;
  if (rt->fatal) yes = false;
  if (!yes && !rt->fatal) {
    sl_err_clear(rt);
    sl_raise_obj(rt, err);
  }
  sl_decref(rt, err);
  return yes;
}

/* Binds one socket per distinct address (the set CPython builds, in
 * resolution order); closes them all when one fails. */
static int bind_all(sl_rt *rt, sl_list *results, sl_obj *sockets) {
  sl_obj *seen = sl_list_new(rt, NULL, 0);
  if (!seen) return -1;
  int rc = 0;
  for (size_t i = 0; i < results->len && !rc; i++) {
    sl_list *infos = sl_as_list(results->items[i].u.o);
    for (size_t j = 0; j < infos->len && !rc; j++) {
      sl_value info = infos->items[j];
      bool dup = false;
      for (size_t k = 0; k < sl_as_list(seen)->len && !rc && !dup; k++)
        rc = sl_eq(rt, sl_as_list(seen)->items[k], info, &dup);
      if (rc || dup || (rc = sl_list_append(rt, seen, info))) continue;
      sl_tuple *t = sl_as_tuple(info.u.o);
      sl_obj *sock = sl_socket_create(rt, (int)sl__addrinfo_int(t->items[0]),
                                      (int)sl__addrinfo_int(t->items[2]));
      if (!sock) {
        rc = -1;
        break;
      }
      rc = sl_list_append(rt, sockets, sl_obj_val(sock));
      sl_decref(rt, sock);
      if (rc || !sl_socket_bind(rt, sock, t->items[4])) continue;
      rc = -1;
      if (rt->fatal || !sl_err_matches(rt, SL_EXC_OS_ERROR)) break;
      if (rt->profile->create_server_bind_str_message && unavailable(rt)) {
        /* 3.12 (bpo-30945): assume the family is not enabled: skip it */
        sl_list *socks = sl_as_list(sockets);
        sl_value last = socks->items[--socks->len];
        rc = sl_socket_close(rt, last.u.o);
        sl_vdecref(rt, last);
        continue;
      }
      /* raise OSError(err.errno, 'error while attempting to bind on address
       * %r: %s' % (sa, err.strerror.lower())) from None */
      sl_obj *err = sl_err_fetch(rt);
      sl_value eno = sl_none(), what = sl_none();
      sl_strbuf msg = SL_STRBUF_INIT;
      sl_strbuf_puts(&msg, "error while attempting to bind on address ");
      if (!sl_vm_repr(rt, t->items[4], &msg) &&
          !sl_vm_getattr(rt, sl_obj_val(err), "errno", &eno)) {
        if (rt->profile->create_server_bind_str_message) {
          sl_strbuf s = SL_STRBUF_INIT;
          if (!sl_vm_str(rt, sl_obj_val(err), &s)) {
            sl_strbuf_puts(&msg, ": ");
            for (const char *c = sl_strbuf_cstr(&s); *c; c++)
              sl_strbuf_putc(&msg, *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c);
          }
          sl_strbuf_free(&s);
        } else if (!sl_vm_getattr(rt, sl_obj_val(err), "strerror", &what) && sl_is_str(what)) {
          sl_strbuf_puts(&msg, ": ");
          for (const char *c = sl_str_cstr(what.u.o); *c; c++)
            sl_strbuf_putc(&msg, *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c);
        }
        if (!rt->fatal) sl_socket_raise_errno_msg(rt, -eno.u.i, sl_strbuf_cstr(&msg));
      }
      sl_vdecref(rt, what);
      sl_strbuf_free(&msg);
      sl_decref(rt, err);
      break;
    }
  }
  if (!rc && !sl_as_list(sockets)->len) {
    /* OSError('could not bind on any address out of %r' % ([info[4] for
     * info in infos],)) */
    sl_strbuf msg = SL_STRBUF_INIT;
    sl_strbuf_puts(&msg, "could not bind on any address out of [");
    sl_list *l = sl_as_list(seen);
    for (size_t i = 0; i < l->len && !rc; i++) {
      if (i) sl_strbuf_puts(&msg, ", ");
      rc = sl_vm_repr(rt, sl_as_tuple(l->items[i].u.o)->items[4], &msg);
    }
    sl_strbuf_putc(&msg, ']');
    if (!rc) rc = sl_raise(rt, SL_EXC_OS_ERROR, "%s", sl_strbuf_cstr(&msg));
    sl_strbuf_free(&msg);
  }
  sl_decref(rt, seen);
  if (rc) {
    sl_obj *pending = rt->fatal ? NULL : sl_err_fetch(rt);
    for (size_t i = 0; i < sl_as_list(sockets)->len; i++)
      sl_socket_close(rt, sl_as_list(sockets)->items[i].u.o);
    if (pending) sl_raise_obj(rt, pending), sl_decref(rt, pending);
  }
  return rc;
}

sl_obj *sl__server_new(sl_rt *rt, sl_value sockets, sl_value factory, int64_t backlog);
int sl__server_start_serving(sl_rt *rt, sl_obj *server);

static sl_coro_status create_server_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sl_ccoro_await(rt, co, co->slots[CS_GATHER], 1, out);
  if (co->pc == 2) {
    sl_vdecref(rt, sl_ccoro_take_result(co));
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_vincref(co->slots[CS_SERVER]);
    return SL_CORO_RETURN;
  }
  if (co->failed) return SL_CORO_ERROR;
  sl_value results = sl_ccoro_take_result(co);
  sl_obj *sockets = sl_list_new(rt, NULL, 0);
  int rc = sockets ? bind_all(rt, sl_as_list(results.u.o), sockets) : -1;
  sl_vdecref(rt, results);
  if (rc) {
    sl_decref(rt, sockets);
    return SL_CORO_ERROR;
  }
  for (size_t i = 0; i < sl_as_list(sockets)->len; i++)
    sl_as_socket(sl_as_list(sockets)->items[i].u.o)->blocking = false;
  sl_obj *server =
      sl__server_new(rt, sl_obj_val(sockets), co->slots[CS_FACTORY], co->slots[CS_BACKLOG].u.i);
  sl_decref(rt, sockets);
  if (!server) return SL_CORO_ERROR;
  co->slots[CS_SERVER] = sl_obj_val(server);
  if (!co->slots[CS_START].u.b) {
    *out = sl_vincref(co->slots[CS_SERVER]);
    return SL_CORO_RETURN;
  }
  if (sl__server_start_serving(rt, server)) return SL_CORO_ERROR;
  sl_obj *sleep0 = sl_sleep0(rt);
  if (!sleep0) return SL_CORO_ERROR;
  sl_coro_status st = sl_ccoro_await(rt, co, sl_obj_val(sleep0), 2, out);
  sl_decref(rt, sleep0);
  return st;
}
static const sl_ccoro_def create_server_def = {"BaseEventLoop.create_server", create_server_resume,
                                               NULL};

/* A new create_server coroutine; the getaddrinfo tasks start now, as the
 * coroutine's first step would create them (the caller awaits at once). */
int sl__create_server(sl_rt *rt, sl_value factory, sl_value host, sl_value port, int64_t family,
                      int64_t flags, int64_t backlog, bool start, sl_value *out) {
  if (sl_is_none(host) && sl_is_none(port))
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "Neither host/port nor sock were specified");
  sl_value hosts[16];
  size_t n = 0;
  if (sl_is_none(host) || (sl_is_str(host) && !*sl_str_cstr(host.u.o))) {
    hosts[n++] = sl_none();
  } else if (sl_is_str(host)) {
    hosts[n++] = host;
  } else if (sl_is_type(host, &sl_list_type) || sl_is_type(host, &sl_tuple_type)) {
    const sl_value *items = sl_is_type(host, &sl_list_type) ? sl_as_list(host.u.o)->items
                                                            : sl_as_tuple(host.u.o)->items;
    size_t len =
        sl_is_type(host, &sl_list_type) ? sl_as_list(host.u.o)->len : sl_as_tuple(host.u.o)->len;
    if (len > 16) return sl_raise(rt, SL_EXC_VALUE_ERROR, "simloop: at most 16 hosts");
    for (size_t i = 0; i < len; i++) hosts[n++] = items[i];
  } else {
    hosts[n++] = host;
  }
  sl_value coros[16] = {{0}};
  size_t made = 0;
  int rc = 0;
  for (; made < n; made++) {
    sl_value slots[4] = {hosts[made], port, sl_int(family), sl_int(flags)};
    sl_obj *c = sl_ccoro_new(rt, &server_getaddrinfo_def, slots, 4);
    if (!c) {
      rc = -1;
      break;
    }
    coros[made] = sl_obj_val(c);
  }
  sl_obj *gather = NULL;
  if (!rc) gather = sl_gather(rt, coros, n, false);
  for (size_t i = 0; i < made; i++) sl_vdecref(rt, coros[i]);
  if (!gather) return -1;
  sl_value slots[4] = {factory, sl_obj_val(gather), sl_int(backlog), sl_bool(start)};
  sl_obj *co = sl_ccoro_new(rt, &create_server_def, slots, 4);
  sl_decref(rt, gather);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static int m_create_server(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {
      "self", "protocol_factory", "host", "port",          "family",     "flags",
      "sock", "backlog",          "ssl",  "reuse_address", "reuse_port", "start_serving"};
  sl_value a[12];
  if (sl__bind_method(rt, self, args, "BaseEventLoop.create_server", names, 12, 2, 4, a)) return -1;
  if (!sl_is_undef(a[8]) && !sl_is_none(a[8]))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR, "simloop: TLS (ssl=) is not simulated");
  if (!sl_is_undef(a[6]) && !sl_is_none(a[6]))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: create_server(sock=) is not supported yet");
  int64_t family, flags, backlog;
  bool start = true;
  if (sl__int_kwarg(rt, a[4], "family", 0, &family) ||
      sl__int_kwarg(rt, a[5], "flags", AI_PASSIVE, &flags) ||
      sl__int_kwarg(rt, a[7], "backlog", 100, &backlog))
    return -1;
  if (!sl_is_undef(a[11]) && sl_truth(rt, a[11], &start)) return -1;
  return sl__create_server(rt, a[1], sl_is_undef(a[2]) ? sl_none() : a[2],
                           sl_is_undef(a[3]) ? sl_none() : a[3], family, flags, backlog, start,
                           out);
}

/* ---- create_datagram_endpoint ------------------------------------------------------ */

/* The simulated network has no datagrams (docs/io.md): the coroutine
 * answers what base_events.py's does on a host whose socket() refuses
 * SOCK_DGRAM, after the same checks and resolution (the oracle's patched
 * socket raises this text). slots: local_addr, remote_addr, family, flags. */
static int datagram_addr(sl_rt *rt, sl_value addr, int64_t family, int64_t flags) {
  if (sl_is_none(addr)) return 0;
  if (family == SL_AF_UNIX)
    return sl_is_str(addr) ? 0 : sl_raise(rt, SL_EXC_TYPE_ERROR, "string is expected");
  if (!sl_is_type(addr, &sl_tuple_type) || sl_as_tuple(addr.u.o)->len != 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "2-tuple is expected");
  sl_value infos;
  if (sl__resolve(rt, sl_as_tuple(addr.u.o)->items[0], sl_as_tuple(addr.u.o)->items[1], family,
                  flags, &infos))
    return -1;
  sl_vdecref(rt, infos);
  return 0;
}

static sl_coro_status datagram_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  (void)out;
  sl_value local = co->slots[0], remote = co->slots[1];
  int64_t family = co->slots[2].u.i, flags = co->slots[3].u.i;
  bool l, r;
  if (sl_truth(rt, local, &l) || sl_truth(rt, remote, &r)) return SL_CORO_ERROR;
  if (!l && !r && !family) {
    sl_raise(rt, SL_EXC_VALUE_ERROR, "unexpected address family");
    return SL_CORO_ERROR;
  }
  if ((l || r) &&
      (datagram_addr(rt, local, family, flags) || datagram_addr(rt, remote, family, flags)))
    return SL_CORO_ERROR;
  sl_raise(rt, SL_EXC_OS_ERROR, "simloop: only AF_INET/AF_INET6 SOCK_STREAM sockets are simulated");
  return SL_CORO_ERROR;
}
static const sl_ccoro_def datagram_def = {"BaseEventLoop.create_datagram_endpoint", datagram_resume,
                                          NULL};

static int m_create_datagram_endpoint(sl_rt *rt, sl_value self, const sl_args *args,
                                      sl_value *out) {
  static const char *const names[] = {
      "self",  "protocol_factory", "local_addr",      "remote_addr", "family", "proto",
      "flags", "reuse_port",       "allow_broadcast", "sock"};
  sl_value a[10];
  if (sl__bind_method(rt, self, args, "BaseEventLoop.create_datagram_endpoint", names, 10, 2, 4, a))
    return -1;
  if (!sl_is_undef(a[9]) && !sl_is_none(a[9]))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: create_datagram_endpoint(sock=) is not supported: the simulated "
                    "network has no datagram sockets");
  int64_t family, flags;
  if (sl__int_kwarg(rt, a[4], "family", 0, &family) || sl__int_kwarg(rt, a[6], "flags", 0, &flags))
    return -1;
  sl_value slots[4] = {sl_is_undef(a[2]) ? sl_none() : a[2], sl_is_undef(a[3]) ? sl_none() : a[3],
                       sl_int(family), sl_int(flags)};
  sl_obj *co = sl_ccoro_new(rt, &datagram_def, slots, 4);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static const sl_cfunc_def server_methods[] = {
    {"BaseEventLoop.create_connection", m_create_connection, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.create_server", m_create_server, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.create_datagram_endpoint", m_create_datagram_endpoint, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.getaddrinfo", sl__loop_getaddrinfo, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

int sl__io_server_getattr(sl_rt *rt, sl_value loop, const char *name, sl_value *out) {
  if (!rt->loop->selector.io) return 0;
  return sl_methods_lookup(rt, loop, server_methods, name, out);
}
