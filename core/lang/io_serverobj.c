/* Mirrors Lib/asyncio/base_events.py Server (and events.AbstractServer's
 * async context manager): the listening sockets, the connections attached
 * to it, serve_forever, close, wait_closed. Per-version differences are
 * profile switches: 3.12.1's wait_closed waits until the server is closed
 * and every connection is gone (3.11 returns at once once closed), and
 * 3.12's _wakeup sets None (3.11: the waiter itself). */
#include <string.h>

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/io/iomap.h"
#include "core/lang/io-int.h"
#include "core/lang/vm-int.h"
#include "core/lang/socket_mod.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/profile.h"
#include "core/rt.h"
#include "core/sleep.h"
#include "core/sync-int.h"
#include "core/tuple.h"

typedef struct sl_server {
  sl_obj hdr;
  sl_value sockets;     /* owned list of sockets, None once closed */
  sl_value factory;     /* owned protocol factory */
  sl_value waiters;     /* owned list of futures, None after _wakeup */
  sl_value clients;     /* owned list of attached transports */
  sl_value forever_fut; /* owned: serve_forever's future, or None */
  int64_t backlog;
  bool serving;
} sl_server;

static sl_server *SRV(sl_value v) { return (sl_server *)v.u.o; }

int sl__start_serving(sl_rt *rt, sl_value factory, sl_value sock, sl_value server, int64_t backlog);

/* _wakeup(): resolves every waiter; wait_closed returns at once after. */
static int wakeup(sl_rt *rt, sl_server *s) {
  sl_value waiters = s->waiters;
  s->waiters = sl_none();
  int rc = 0;
  if (sl_is_obj(waiters)) {
    sl_list *l = sl_as_list(waiters.u.o);
    for (size_t i = 0; i < l->len && !rc; i++) {
      sl_obj *w = l->items[i].u.o;
      if (!sl_future_done(w))
        rc = sl_future_set_result(
            rt, w, rt->profile->server_wait_closed_for_clients ? sl_none() : l->items[i]);
    }
  }
  sl_vdecref(rt, waiters);
  return rc;
}

int sl__server_attach(sl_rt *rt, sl_obj *server, sl_obj *transport) {
  return sl_list_append(rt, ((sl_server *)server)->clients.u.o, sl_obj_val(transport));
}

int sl__server_detach(sl_rt *rt, sl_obj *server, sl_obj *transport) {
  sl_server *s = (sl_server *)server;
  sl_list *l = sl_as_list(s->clients.u.o);
  for (size_t i = 0; i < l->len; i++) {
    if (l->items[i].u.o != transport) continue;
    sl_value v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof *l->items);
    l->len--;
    sl_vdecref(rt, v);
    break;
  }
  if (!l->len && sl_is_none(s->sockets)) return wakeup(rt, s);
  return 0;
}

int sl__server_start_serving(sl_rt *rt, sl_obj *server) {
  sl_server *s = (sl_server *)server;
  if (s->serving) return 0;
  s->serving = true;
  sl_list *l = sl_as_list(s->sockets.u.o);
  for (size_t i = 0; i < l->len; i++) {
    sl_value none;
    if (sl__call_method(rt, l->items[i], "listen", (sl_value[]){sl_int(s->backlog)}, 1, &none))
      return -1;
    if (sl__start_serving(rt, s->factory, l->items[i], sl_obj_val(server), s->backlog)) return -1;
  }
  return 0;
}

static int server_close(sl_rt *rt, sl_server *s) {
  sl_value sockets = s->sockets;
  if (sl_is_none(sockets)) return 0;
  s->sockets = sl_none();
  int rc = 0;
  sl_list *l = sl_as_list(sockets.u.o);
  for (size_t i = 0; i < l->len && !rc; i++) {
    /* loop._stop_serving(sock) */
    sl_loop_remove_reader(rt, sl_as_socket(l->items[i].u.o)->fd);
    rc = sl_socket_close(rt, l->items[i].u.o);
  }
  sl_vdecref(rt, sockets);
  if (rc) return -1;
  s->serving = false;
  if (sl_is_obj(s->forever_fut) && !sl_future_done(s->forever_fut.u.o)) {
    if (sl_future_cancel(rt, s->forever_fut.u.o, sl_none()) < 0) return -1;
    sl_vset(rt, &s->forever_fut, sl_none());
  }
  if (!sl_as_list(s->clients.u.o)->len) return wakeup(rt, s);
  return 0;
}

/* ---- coroutines ------------------------------------------------------------ */

enum { SV_SELF, SV_FUT };

/* wait_closed(): 3.11 returns when closed already; 3.12.1 waits until both
 * closed and no connection is left. */
static sl_coro_status wait_closed_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 1) {
    if (co->failed) return SL_CORO_ERROR;
    sl_vdecref(rt, sl_ccoro_take_result(co));
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  sl_server *s = SRV(co->slots[SV_SELF]);
  bool done_now = sl_is_none(s->waiters) ||
                  (!rt->profile->server_wait_closed_for_clients && sl_is_none(s->sockets));
  if (done_now) {
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  sl_obj *w = sl_future_new(rt);
  if (!w) return SL_CORO_ERROR;
  co->slots[SV_FUT] = sl_obj_val(w);
  if (sl_list_append(rt, s->waiters.u.o, co->slots[SV_FUT])) return SL_CORO_ERROR;
  return sl_ccoro_await(rt, co, co->slots[SV_FUT], 1, out);
}
static const sl_ccoro_def wait_closed_def = {"Server.wait_closed", wait_closed_resume, NULL};

static int server_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out);

static int raise_with_repr(sl_rt *rt, sl_obj *o, const char *fmt) {
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = server_repr(rt, o, &b);
  if (!rc) sl_raise(rt, SL_EXC_RUNTIME_ERROR, fmt, sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return -1;
}

/* serve_forever(): waits on a future that close() cancels; on
 * cancellation closes and waits for wait_closed, then re-raises. */
static sl_coro_status serve_forever_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_server *s = SRV(co->slots[SV_SELF]);
  switch (co->pc) {
  case 0: {
    if (!sl_is_none(s->forever_fut)) {
      raise_with_repr(rt, &s->hdr, "server %s is already being awaited on serve_forever()");
      return SL_CORO_ERROR;
    }
    if (sl_is_none(s->sockets)) {
      raise_with_repr(rt, &s->hdr, "server %s is closed");
      return SL_CORO_ERROR;
    }
    if (sl__server_start_serving(rt, &s->hdr)) return SL_CORO_ERROR;
    sl_obj *f = sl_future_new(rt);
    if (!f) return SL_CORO_ERROR;
    s->forever_fut = sl_obj_val(f);
    co->slots[SV_FUT] = sl_vincref(s->forever_fut);
    return sl_ccoro_await(rt, co, co->slots[SV_FUT], 1, out);
  }
  case 1: {
    sl_vdecref(rt, sl_ccoro_take_result(co));
    if (co->failed && !rt->fatal && sl_err_matches(rt, SL_EXC_CANCELLED_ERROR)) {
      /* except CancelledError: try: close(); await wait_closed() finally: raise */
      sl_obj *exc = sl_err_fetch(rt);
      sl_vset(rt, &co->slots[SV_FUT], sl_obj_val(exc));
      sl_obj *wc =
          server_close(rt, s) ? NULL : sl_ccoro_new(rt, &wait_closed_def, &co->slots[SV_SELF], 1);
      if (!wc) {
        sl_vset(rt, &s->forever_fut, sl_none());
        return SL_CORO_ERROR;
      }
      sl_coro_status st = sl_ccoro_await(rt, co, sl_obj_val(wc), 2, out);
      sl_decref(rt, wc);
      return st;
    }
    sl_vset(rt, &s->forever_fut, sl_none());
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  default: {
    sl_vdecref(rt, sl_ccoro_take_result(co));
    sl_vset(rt, &s->forever_fut, sl_none());
    if (co->failed) return SL_CORO_ERROR; /* the finally's raise is replaced */
    sl_raise_obj(rt, co->slots[SV_FUT].u.o);
    return SL_CORO_ERROR;
  }
  }
}
static const sl_ccoro_def serve_forever_def = {"Server.serve_forever", serve_forever_resume, NULL};

/* start_serving(): _start_serving(); await sleep(0). */
static sl_coro_status start_serving_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 1) {
    sl_vdecref(rt, sl_ccoro_take_result(co));
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  if (sl__server_start_serving(rt, co->slots[SV_SELF].u.o)) return SL_CORO_ERROR;
  sl_obj *sleep0 = sl_sleep0(rt);
  if (!sleep0) return SL_CORO_ERROR;
  sl_coro_status st = sl_ccoro_await(rt, co, sl_obj_val(sleep0), 1, out);
  sl_decref(rt, sleep0);
  return st;
}
static const sl_ccoro_def start_serving_def = {"Server.start_serving", start_serving_resume, NULL};

/* __aexit__(*exc): self.close(); await self.wait_closed() */
static sl_coro_status aexit_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 1) {
    sl_vdecref(rt, sl_ccoro_take_result(co));
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  if (server_close(rt, SRV(co->slots[SV_SELF]))) return SL_CORO_ERROR;
  sl_obj *wc = sl_ccoro_new(rt, &wait_closed_def, &co->slots[SV_SELF], 1);
  if (!wc) return SL_CORO_ERROR;
  sl_coro_status st = sl_ccoro_await(rt, co, sl_obj_val(wc), 1, out);
  sl_decref(rt, wc);
  return st;
}
static const sl_ccoro_def aexit_def = {"AbstractServer.__aexit__", aexit_resume, NULL};

static sl_coro_status aenter_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  (void)rt;
  *out = sl_vincref(co->slots[SV_SELF]);
  return SL_CORO_RETURN;
}
static const sl_ccoro_def aenter_def = {"AbstractServer.__aenter__", aenter_resume, NULL};

/* ---- methods ------------------------------------------------------------------- */

#define BIND(qual, names, n, req)                                                                  \
  sl_value a[n];                                                                                   \
  if (sl__bind_method(rt, self, args, qual, names, n, req, n, a)) return -1

static const char *const self_only[] = {"self"};

static int m_close(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Server.close", self_only, 1, 1);
  *out = sl_none();
  return server_close(rt, SRV(self));
}
static int m_is_serving(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Server.is_serving", self_only, 1, 1);
  *out = sl_bool(SRV(self)->serving);
  return 0;
}
static int m_get_loop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Server.get_loop", self_only, 1, 1);
  extern int sl_asyncio_loop_object(sl_rt * rt, sl_value * out);
  return sl_asyncio_loop_object(rt, out);
}
static int clients_each(sl_rt *rt, sl_value self, const char *method) {
  sl_value copy = sl_none();
  sl_list *l = sl_as_list(SRV(self)->clients.u.o);
  sl_obj *c = sl_list_new(rt, l->items, l->len);
  if (!c) return -1;
  copy = sl_obj_val(c);
  int rc = 0;
  for (size_t i = 0; i < sl_as_list(c)->len && !rc; i++)
    rc = sl__call_method(rt, sl_as_list(c)->items[i], method, NULL, 0, NULL);
  sl_vdecref(rt, copy);
  return rc;
}
static int m_close_clients(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Server.close_clients", self_only, 1, 1);
  *out = sl_none();
  return clients_each(rt, self, "close");
}
static int m_abort_clients(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Server.abort_clients", self_only, 1, 1);
  *out = sl_none();
  return clients_each(rt, self, "abort");
}
static int coro_method(sl_rt *rt, sl_value self, const sl_ccoro_def *def, sl_value *out) {
  sl_obj *co = sl_ccoro_new(rt, def, &self, 1);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}
static int m_wait_closed(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Server.wait_closed", self_only, 1, 1);
  return coro_method(rt, self, &wait_closed_def, out);
}
static int m_serve_forever(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Server.serve_forever", self_only, 1, 1);
  return coro_method(rt, self, &serve_forever_def, out);
}
static int m_start_serving(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Server.start_serving", self_only, 1, 1);
  return coro_method(rt, self, &start_serving_def, out);
}
static int m_aenter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("AbstractServer.__aenter__", self_only, 1, 1);
  return coro_method(rt, self, &aenter_def, out);
}
static int m_aexit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args;
  return coro_method(rt, self, &aexit_def, out);
}

static const sl_cfunc_def server_methods[] = {
    {"Server.close", m_close, NULL, SL_CANON_LABEL},
    {"Server.is_serving", m_is_serving, NULL, SL_CANON_LABEL},
    {"Server.get_loop", m_get_loop, NULL, SL_CANON_LABEL},
    {"Server.wait_closed", m_wait_closed, NULL, SL_CANON_LABEL},
    {"Server.serve_forever", m_serve_forever, NULL, SL_CANON_LABEL},
    {"Server.start_serving", m_start_serving, NULL, SL_CANON_LABEL},
    {"AbstractServer.__aenter__", m_aenter, NULL, SL_CANON_LABEL},
    {"AbstractServer.__aexit__", m_aexit, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};
static const sl_cfunc_def server_methods_313[] = {
    {"Server.close_clients", m_close_clients, NULL, SL_CANON_LABEL},
    {"Server.abort_clients", m_abort_clients, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* trsock.TransportSocket: the socket as transports and servers show it
 * (every attribute forwarded; its own repr). */
typedef struct sl_trsock {
  sl_obj hdr;
  sl_value sock; /* owned */
} sl_trsock;

static int trsock_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  return sl_vm_getattr(rt, ((sl_trsock *)o)->sock, name, out);
}

/* Appends ", <key>=<address>" when the socket has that address. */
static int trsock_addr(sl_rt *rt, sl_obj *sock, bool peer, const char *key, sl_strbuf *out) {
  sl_value addr;
  if (sl_socket_name(rt, sock, peer, &addr)) {
    if (rt->fatal || !sl_err_matches(rt, SL_EXC_OS_ERROR)) return -1;
    sl_err_clear(rt);
    return 0;
  }
  bool truth = false;
  int rc = sl_truth(rt, addr, &truth);
  if (!rc && truth) {
    sl_strbuf_printf(out, ", %s=", key);
    rc = sl_vm_str(rt, addr, out);
  }
  sl_vdecref(rt, addr);
  return rc;
}

static int trsock_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_socket *s = sl_as_socket(((sl_trsock *)o)->sock.u.o);
  sl_strbuf_printf(out, "<asyncio.TransportSocket fd=%d, family=%d, type=1, proto=%d", s->fd,
                   s->family, s->proto);
  if (s->fd != -1 && (trsock_addr(rt, &s->hdr, false, "laddr", out) ||
                      trsock_addr(rt, &s->hdr, true, "raddr", out)))
    return -1;
  sl_strbuf_putc(out, '>');
  return 0;
}

static void trsock_clear(sl_rt *rt, sl_obj *o) {
  sl_value v = ((sl_trsock *)o)->sock;
  ((sl_trsock *)o)->sock = sl_none();
  sl_vdecref(rt, v);
}

const sl_type sl__trsock_type = {.name = "TransportSocket",
                                 .repr = trsock_repr,
                                 .clear = trsock_clear,
                                 .getattr = trsock_getattr,
                                 .size = sizeof(sl_trsock)};

sl_obj *sl__trsock_new(sl_rt *rt, sl_value sock) {
  sl_obj *o = sl_obj_alloc(rt, &sl__trsock_type);
  if (!o) return NULL;
  ((sl_trsock *)o)->sock = sl_vincref(sock);
  return o;
}

/* `sockets`: a tuple of TransportSocket(s) for the listening sockets, ()
 * once closed. */
static int server_sockets(sl_rt *rt, sl_server *s, sl_value *out) {
  size_t n = sl_is_none(s->sockets) ? 0 : sl_as_list(s->sockets.u.o)->len;
  sl_obj *l = sl_list_new(rt, NULL, 0);
  if (!l) return -1;
  for (size_t i = 0; i < n; i++) {
    sl_obj *ts = sl__trsock_new(rt, sl_as_list(s->sockets.u.o)->items[i]);
    int rc = ts ? sl_list_append(rt, l, sl_obj_val(ts)) : -1;
    sl_decref(rt, ts);
    if (rc) {
      sl_decref(rt, l);
      return -1;
    }
  }
  sl_obj *t = sl_tuple_new(rt, sl_as_list(l)->items, sl_as_list(l)->len);
  sl_decref(rt, l);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

static int server_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_server *s = (sl_server *)o;
  if (!strcmp(name, "sockets")) return server_sockets(rt, s, out);
  if (rt->profile->server_close_clients) {
    int r = sl_methods_lookup(rt, sl_obj_val(o), server_methods_313, name, out);
    if (r) return r < 0 ? -1 : 0;
  }
  return sl__getattr_methods(rt, o, server_methods, name, out);
}

static int server_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_value socks;
  if (server_sockets(rt, (sl_server *)o, &socks)) return -1;
  sl_strbuf_puts(out, "<Server sockets=");
  int rc = sl_repr(rt, socks, out);
  sl_vdecref(rt, socks);
  sl_strbuf_putc(out, '>');
  return rc;
}

static void server_clear(sl_rt *rt, sl_obj *o) {
  sl_server *s = (sl_server *)o;
  sl_value v[5] = {s->sockets, s->factory, s->waiters, s->clients, s->forever_fut};
  s->sockets = s->factory = s->waiters = s->clients = s->forever_fut = sl_none();
  for (int i = 0; i < 5; i++) sl_vdecref(rt, v[i]);
}

const sl_type sl__server_type = {.name = "Server",
                                 .repr = server_repr,
                                 .clear = server_clear,
                                 .getattr = server_getattr,
                                 .size = sizeof(sl_server)};

sl_obj *sl__server_new(sl_rt *rt, sl_value sockets, sl_value factory, int64_t backlog) {
  sl_obj *o = sl_obj_alloc(rt, &sl__server_type);
  if (!o) return NULL;
  sl_server *s = (sl_server *)o;
  s->sockets = sl_vincref(sockets);
  s->factory = sl_vincref(factory);
  s->forever_fut = sl_none();
  s->waiters = s->clients = sl_none();
  s->backlog = backlog;
  sl_obj *w = sl_list_new(rt, NULL, 0);
  sl_obj *c = w ? sl_list_new(rt, NULL, 0) : NULL;
  if (!c) {
    sl_decref(rt, w);
    sl_decref(rt, o);
    return NULL;
  }
  s->waiters = sl_obj_val(w);
  s->clients = sl_obj_val(c);
  return o;
}
