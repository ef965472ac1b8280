/* The `socket` module over the simulated network (see socket_mod.h).
 * Mirrors what Modules/socketmodule.c shows to asyncio programs:
 * socketpair(), the socket methods fileno, send, recv, close, setblocking,
 * getblocking, shutdown, and the OSError subclasses for errno values. */
#include "core/lang/socket_mod.h"

#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/str.h"
#include "core/exc.h"
#include "core/io/backend.h"
#include "core/lang/buffer.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/sync-int.h"
#include "core/tuple.h"

#define SHUT_RD   0
#define SHUT_WR   1
#define SHUT_RDWR 2

static const sl_io_backend *backend(sl_rt *rt) { return rt->loop->selector.io; }
static void *backend_ctx(sl_rt *rt) { return rt->loop->selector.ctx; }

int sl_socket_raise_errno(sl_rt *rt, long err) { return sl_socket_raise_errno_msg(rt, err, NULL); }

int sl_socket_raise_errno_msg(sl_rt *rt, long err, const char *message) {
  if (rt->fatal) return -1;
  long e = -err;
  sl_exc_id id = SL_EXC_OS_ERROR;
  const char *text = "Unknown error";
  switch (e) {
  case SL_IO_EAGAIN:
    id = SL_EXC_BLOCKING_IO_ERROR, text = "Resource temporarily unavailable";
    break;
  case SL_IO_EPIPE: id = SL_EXC_BROKEN_PIPE_ERROR, text = "Broken pipe"; break;
  case SL_IO_ECONNRESET:
    id = SL_EXC_CONNECTION_RESET_ERROR, text = "Connection reset by peer";
    break;
  case SL_IO_ECONNREFUSED: id = SL_EXC_CONNECTION_REFUSED_ERROR, text = "Connection refused"; break;
  case SL_IO_EBADF: text = "Bad file descriptor"; break;
  case SL_IO_ENOTSOCK: text = "Socket operation on non-socket"; break;
  case SL_IO_ENOTCONN: text = "Transport endpoint is not connected"; break;
  case SL_IO_EINVAL: text = "Invalid argument"; break;
  case SL_IO_EADDRINUSE: text = "Address already in use"; break;
  case SL_IO_EADDRNOTAVAIL: text = "Cannot assign requested address"; break;
  case SL_IO_ENETUNREACH: text = "Network is unreachable"; break;
  case SL_IO_EISCONN: text = "Transport endpoint is already connected"; break;
  case SL_IO_EINPROGRESS: id = SL_EXC_BLOCKING_IO_ERROR, text = "Operation now in progress"; break;
  case 2: e = -2, id = SL_EXC_GAIERROR, text = "Name or service not known"; break;
  case 95: text = "Operation not supported"; break;
  }
  sl_obj *msg = sl_str_from_cstr(rt, message ? message : text);
  if (!msg) return -1;
  sl_value args[2] = {sl_int(e), sl_obj_val(msg)};
  sl_obj *exc = sl_exc_new(rt, rt->classes[id], args, 2);
  sl_decref(rt, msg);
  if (!exc) return -1;
  sl_raise_obj(rt, exc);
  sl_decref(rt, exc);
  return -1;
}

/* ---- the socket object ----------------------------------------------------- */

static int socket_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  (void)rt;
  sl_socket *s = sl_as_socket(o);
  /* CPython's repr also shows an address; ours shows what is ours. */
  sl_strbuf_printf(out, "<socket.socket fd=%d, family=%d, type=1, proto=0>", s->fd, s->family);
  return 0;
}

static int closed_error(sl_rt *rt) { return sl_socket_raise_errno(rt, -SL_IO_EBADF); }

/* The bytes of a bytes-like argument (bytes only), or TypeError. */
static int bytes_arg(sl_rt *rt, sl_value v, const unsigned char **data, size_t *len) {
  if (!sl_is_type(v, &sl_bytes_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'",
                    sl_type_name(v));
  *data = sl_as_bytes(v.u.o)->data;
  *len = sl_as_bytes(v.u.o)->len;
  return 0;
}

int sl_socket_send(sl_rt *rt, sl_obj *o, sl_value data, sl_value *out) {
  const unsigned char *p = NULL;
  size_t len = 0;
  if (bytes_arg(rt, data, &p, &len)) return -1;
  sl_socket *s = sl_as_socket(o);
  if (s->fd < 0) return closed_error(rt);
  long n = backend(rt)->send(backend_ctx(rt), rt, s->fd, p, len);
  if (n < 0) return sl_socket_raise_errno(rt, n);
  *out = sl_int(n);
  return 0;
}

int sl_socket_recv(sl_rt *rt, sl_obj *o, int64_t n, sl_value *out) {
  sl_socket *s = sl_as_socket(o);
  if (n < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "negative buffersize in recv");
  if (s->fd < 0) return closed_error(rt);
  long avail = backend(rt)->readable(backend_ctx(rt), rt, s->fd);
  if (avail < 0) return sl_socket_raise_errno(rt, avail);
  size_t want = (size_t)n < (size_t)avail ? (size_t)n : (size_t)avail;
  unsigned char *buf = sl_malloc(want ? want : 1);
  if (!buf) return sl_nomem(rt);
  long got = backend(rt)->recv(backend_ctx(rt), rt, s->fd, buf, want);
  if (got < 0) {
    sl_free(buf);
    return sl_socket_raise_errno(rt, got);
  }
  sl_obj *b = sl_bytes_new(rt, buf, (size_t)got);
  sl_free(buf);
  if (!b) return -1;
  *out = sl_obj_val(b);
  return 0;
}

int sl_socket_recv_into(sl_rt *rt, sl_obj *o, sl_value buffer, int64_t nbytes, sl_value *out) {
  sl_socket *s = sl_as_socket(o);
  unsigned char *dst;
  size_t cap;
  if (!sl_buffer_write(buffer, &dst, &cap))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "recv_into() argument 1 must be read-write bytes-like object, not %s",
                    sl_type_name(buffer));
  if (nbytes < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "negative buffersize in recv_into");
  if (nbytes == 0) nbytes = (int64_t)cap;
  if ((size_t)nbytes > cap)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "buffer too small for requested bytes");
  if (s->fd < 0) return closed_error(rt);
  long avail = backend(rt)->readable(backend_ctx(rt), rt, s->fd);
  if (avail < 0) return sl_socket_raise_errno(rt, avail);
  size_t want = (size_t)nbytes < (size_t)avail ? (size_t)nbytes : (size_t)avail;
  long got = backend(rt)->recv(backend_ctx(rt), rt, s->fd, dst, want);
  if (got < 0) return sl_socket_raise_errno(rt, got);
  *out = sl_int(got);
  return 0;
}

#define BIND(qual, names, n, req)                                                                  \
  sl_value a[n];                                                                                   \
  if (sl__bind_method(rt, self, args, qual, names, n, req, n, a)) return -1

static const char *const self_only[] = {"self"};

static int m_fileno(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("socket.fileno", self_only, 1, 1);
  *out = sl_int(sl_as_socket(self.u.o)->fd);
  return 0;
}

static int m_send(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "data"};
  BIND("socket.send", names, 2, 2);
  return sl_socket_send(rt, self.u.o, a[1], out);
}

static int m_recv(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "bufsize"};
  BIND("socket.recv", names, 2, 2);
  int64_t n;
  if (sl__as_int(rt, a[1], "bufsize", &n)) return -1;
  return sl_socket_recv(rt, self.u.o, n, out);
}

static int m_recv_into(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "buffer", "nbytes", "flags"};
  BIND("socket.recv_into", names, 4, 2);
  int64_t n = 0;
  if (!sl_is_undef(a[2]) && sl__as_int(rt, a[2], "nbytes", &n)) return -1;
  return sl_socket_recv_into(rt, self.u.o, a[1], n, out);
}

static int m_close(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("socket.close", self_only, 1, 1);
  sl_socket *s = sl_as_socket(self.u.o);
  if (s->fd >= 0) {
    int fd = s->fd;
    s->fd = -1;
    if (backend(rt)->close(backend_ctx(rt), rt, fd) < 0 && rt->fatal) return -1;
  }
  *out = sl_none();
  return 0;
}

static int m_shutdown(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "how"};
  BIND("socket.shutdown", names, 2, 2);
  int64_t how;
  if (sl__as_int(rt, a[1], "how", &how)) return -1;
  sl_socket *s = sl_as_socket(self.u.o);
  if (s->fd < 0) return closed_error(rt);
  if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR) return sl_socket_raise_errno(rt, -22);
  if (how != SHUT_RD) {
    int rc = backend(rt)->shutdown_write(backend_ctx(rt), rt, s->fd);
    if (rc < 0) return sl_socket_raise_errno(rt, rc);
  }
  *out = sl_none();
  return 0;
}

static int m_setblocking(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "flag"};
  BIND("socket.setblocking", names, 2, 2);
  bool flag;
  if (sl_truth(rt, a[1], &flag)) return -1;
  sl_as_socket(self.u.o)->blocking = flag;
  *out = sl_none();
  return 0;
}

static int m_getblocking(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("socket.getblocking", self_only, 1, 1);
  *out = sl_bool(sl_as_socket(self.u.o)->blocking);
  return 0;
}

static int m_gettimeout(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("socket.gettimeout", self_only, 1, 1);
  *out = sl_as_socket(self.u.o)->blocking ? sl_none() : sl_float(0.0);
  return 0;
}

/* The address tuple of an inet socket: (ip, port) or (ip, port, 0, 0). */
static int addr_tuple(sl_rt *rt, int family, const char *ip, int port, sl_value *out) {
  sl_obj *host = sl_str_from_cstr(rt, ip);
  if (!host) return -1;
  sl_value items[4] = {sl_obj_val(host), sl_int(port), sl_int(0), sl_int(0)};
  sl_obj *t = sl_tuple_new(rt, items, family == SL_AF_INET6 ? 4 : 2);
  sl_decref(rt, host);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

static int get_name(sl_rt *rt, sl_value self, bool peer, sl_value *out) {
  sl_socket *so = sl_as_socket(self.u.o);
  if (so->fd < 0) return closed_error(rt);
  if (so->family == SL_AF_UNIX) {
    /* An unnamed AF_UNIX socket (socketpair) has the empty name. */
    sl_obj *s = sl_str_from_cstr(rt, "");
    if (!s) return -1;
    *out = sl_obj_val(s);
    return 0;
  }
  const char *ip = NULL;
  int port = 0;
  int rc = backend(rt)->name(backend_ctx(rt), rt, so->fd, peer, &ip, &port);
  if (rc < 0) return sl_socket_raise_errno(rt, rc);
  return addr_tuple(rt, so->family, ip, port, out);
}

static int m_getsockname(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("socket.getsockname", self_only, 1, 1);
  return get_name(rt, self, false, out);
}

static int m_getpeername(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("socket.getpeername", self_only, 1, 1);
  return get_name(rt, self, true, out);
}

/* An (host, port) address: host numeric, "" or "localhost" (the only name
 * the simulated host resolves). */
static int parse_addr(sl_rt *rt, sl_socket *so, sl_value addr, const char **ip, int64_t *port) {
  if (!sl_is_type(addr, &sl_tuple_type) || sl_as_tuple(addr.u.o)->len < 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s address must be tuple, not %s",
                    so->family == SL_AF_INET6 ? "AF_INET6" : "AF_INET", sl_type_name(addr));
  sl_tuple *t = sl_as_tuple(addr.u.o);
  if (!sl_is_str(t->items[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "str, bytes or bytearray expected, not %s",
                    sl_type_name(t->items[0]));
  if (sl__as_int(rt, t->items[1], "port", port)) return -1;
  if (*port < 0 || *port > 65535)
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "%s.%s(): port must be 0-65535.", "socket",
                    "connect");
  const char *h = sl_str_cstr(t->items[0].u.o);
  if (!strcmp(h, "localhost")) h = so->family == SL_AF_INET6 ? "::1" : "127.0.0.1";
  bool numeric = true;
  for (const char *c = h; *c; c++)
    if (!(*c >= '0' && *c <= '9') && *c != '.' && *c != ':' && !(*c >= 'a' && *c <= 'f') &&
        !(*c >= 'A' && *c <= 'F'))
      numeric = false;
  if (!numeric) return sl_socket_raise_errno(rt, -2); /* no DNS on the simulated host */
  *ip = h;
  return 0;
}

static int m_bind(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "address"};
  BIND("socket.bind", names, 2, 2);
  sl_socket *so = sl_as_socket(self.u.o);
  if (so->fd < 0) return closed_error(rt);
  const char *ip;
  int64_t port;
  if (parse_addr(rt, so, a[1], &ip, &port)) return -1;
  int rc = backend(rt)->bind(backend_ctx(rt), rt, so->fd, ip, (int)port);
  if (rc < 0) return sl_socket_raise_errno(rt, rc);
  *out = sl_none();
  return 0;
}

static int m_listen(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "backlog"};
  BIND("socket.listen", names, 2, 1);
  sl_socket *so = sl_as_socket(self.u.o);
  if (so->fd < 0) return closed_error(rt);
  int rc = backend(rt)->listen(backend_ctx(rt), rt, so->fd);
  if (rc < 0) return sl_socket_raise_errno(rt, rc);
  *out = sl_none();
  return 0;
}

int sl_socket_connect(sl_rt *rt, sl_obj *sock, sl_value address) {
  sl_socket *so = sl_as_socket(sock);
  if (so->fd < 0) return closed_error(rt);
  const char *ip;
  int64_t port;
  if (parse_addr(rt, so, address, &ip, &port)) return -1;
  int rc = backend(rt)->connect(backend_ctx(rt), rt, so->fd, ip, (int)port, !so->blocking);
  if (rc == -SL_IO_EINPROGRESS) sl_vset(rt, &so->connecting_to, sl_vincref(address));
  if (rc < 0) return sl_socket_raise_errno(rt, rc);
  return 0;
}

int sl_socket_so_error(sl_rt *rt, sl_obj *sock, int *err) {
  sl_socket *so = sl_as_socket(sock);
  if (so->fd < 0) return closed_error(rt);
  int rc = backend(rt)->sockerr(backend_ctx(rt), rt, so->fd);
  if (rc < 0) return sl_socket_raise_errno(rt, rc);
  *err = rc;
  return 0;
}

#define SOL_SOCKET 1
#define SO_ERROR   4

/* getsockopt(level, option[, buflen]): SO_ERROR is the outcome of a
 * non-blocking connect; every other option reads as 0. */
static int m_getsockopt(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "level", "optname", "buflen"};
  BIND("socket.getsockopt", names, 4, 3);
  int64_t level, opt;
  if (sl__as_int(rt, a[1], "level", &level) || sl__as_int(rt, a[2], "optname", &opt)) return -1;
  if (sl_as_socket(self.u.o)->fd < 0) return closed_error(rt);
  int err = 0;
  if (level == SOL_SOCKET && opt == SO_ERROR && sl_socket_so_error(rt, self.u.o, &err)) return -1;
  *out = sl_int(err);
  return 0;
}

/* setsockopt(level, option, value): accepted and ignored (SO_REUSEADDR,
 * TCP_NODELAY, IPV6_V6ONLY change nothing on the simulated host). */
static int m_setsockopt(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "level", "optname", "value", "optlen"};
  BIND("socket.setsockopt", names, 5, 4);
  if (sl_as_socket(self.u.o)->fd < 0) return closed_error(rt);
  *out = sl_none();
  return 0;
}

static int m_connect(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "address"};
  BIND("socket.connect", names, 2, 2);
  if (sl_socket_connect(rt, self.u.o, a[1])) return -1;
  *out = sl_none();
  return 0;
}

static sl_obj *socket_new(sl_rt *rt, int fd, int family, int proto);

int sl_socket_accept(sl_rt *rt, sl_obj *sock, sl_value *out) {
  sl_socket *so = sl_as_socket(sock);
  if (so->fd < 0) return closed_error(rt);
  int c = backend(rt)->accept(backend_ctx(rt), rt, so->fd);
  if (c < 0) return sl_socket_raise_errno(rt, c);
  sl_obj *conn = socket_new(rt, c, so->family, so->proto);
  if (!conn) return -1;
  sl_value addr;
  const char *ip = NULL;
  int port = 0;
  int rc = backend(rt)->name(backend_ctx(rt), rt, c, true, &ip, &port);
  if (rc < 0 || addr_tuple(rt, so->family, ip, port, &addr)) {
    sl_decref(rt, conn);
    return rc < 0 ? sl_socket_raise_errno(rt, rc) : -1;
  }
  sl_value items[2] = {sl_obj_val(conn), addr};
  sl_obj *t = sl_tuple_new(rt, items, 2);
  sl_decref(rt, conn);
  sl_vdecref(rt, addr);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

static int m_accept(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("socket.accept", self_only, 1, 1);
  return sl_socket_accept(rt, self.u.o, out);
}

static const sl_cfunc_def socket_methods[] = {
    {"socket.fileno", m_fileno, NULL, SL_CANON_LABEL},
    {"socket.send", m_send, NULL, SL_CANON_LABEL},
    {"socket.recv", m_recv, NULL, SL_CANON_LABEL},
    {"socket.recv_into", m_recv_into, NULL, SL_CANON_LABEL},
    {"socket.close", m_close, NULL, SL_CANON_LABEL},
    {"socket.shutdown", m_shutdown, NULL, SL_CANON_LABEL},
    {"socket.setblocking", m_setblocking, NULL, SL_CANON_LABEL},
    {"socket.getblocking", m_getblocking, NULL, SL_CANON_LABEL},
    {"socket.gettimeout", m_gettimeout, NULL, SL_CANON_LABEL},
    {"socket.getsockname", m_getsockname, NULL, SL_CANON_LABEL},
    {"socket.getpeername", m_getpeername, NULL, SL_CANON_LABEL},
    {"socket.bind", m_bind, NULL, SL_CANON_LABEL},
    {"socket.listen", m_listen, NULL, SL_CANON_LABEL},
    {"socket.connect", m_connect, NULL, SL_CANON_LABEL},
    {"socket.accept", m_accept, NULL, SL_CANON_LABEL},
    {"socket.getsockopt", m_getsockopt, NULL, SL_CANON_LABEL},
    {"socket.setsockopt", m_setsockopt, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int socket_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_socket *s = sl_as_socket(o);
  if (!strcmp(name, "family")) return *out = sl_int(s->family), 0;
  if (!strcmp(name, "type")) return *out = sl_int(SL_SOCK_STREAM), 0;
  if (!strcmp(name, "proto")) return *out = sl_int(s->proto), 0;
  return sl__getattr_methods(rt, o, socket_methods, name, out);
}

static void socket_clear(sl_rt *rt, sl_obj *o) {
  sl_socket *s = sl_as_socket(o);
  sl_value v = s->connecting_to;
  s->connecting_to = sl_undef();
  sl_vdecref(rt, v);
}

const sl_type sl_socket_type = {.name = "socket",
                                .repr = socket_repr,
                                .clear = socket_clear,
                                .getattr = socket_getattr,
                                .size = sizeof(sl_socket)};

static sl_obj *socket_new(sl_rt *rt, int fd, int family, int proto) {
  sl_obj *o = sl_obj_alloc(rt, &sl_socket_type);
  if (!o) return NULL;
  sl_socket *s = sl_as_socket(o);
  s->fd = fd;
  s->family = family;
  s->proto = proto;
  s->blocking = true;
  s->connecting_to = sl_undef();
  return o;
}

int sl_socket_close(sl_rt *rt, sl_obj *sock) {
  sl_socket *s = sl_as_socket(sock);
  if (s->fd < 0) return 0;
  int fd = s->fd;
  s->fd = -1;
  return backend(rt)->close(backend_ctx(rt), rt, fd) < 0 && rt->fatal ? -1 : 0;
}

int sl_socket_bind(sl_rt *rt, sl_obj *sock, sl_value address) {
  sl_socket *so = sl_as_socket(sock);
  if (so->fd < 0) return closed_error(rt);
  const char *ip;
  int64_t port;
  if (parse_addr(rt, so, address, &ip, &port)) return -1;
  int rc = backend(rt)->bind(backend_ctx(rt), rt, so->fd, ip, (int)port);
  return rc < 0 ? sl_socket_raise_errno(rt, rc) : 0;
}

int sl_socket_name(sl_rt *rt, sl_obj *sock, bool peer, sl_value *out) {
  return get_name(rt, sl_obj_val(sock), peer, out);
}

sl_obj *sl_socket_create(sl_rt *rt, int family, int proto) {
  if (!backend(rt)) {
    sl_raise(rt, SL_EXC_OS_ERROR, "simloop: this run has no simulated network");
    return NULL;
  }
  int fd = backend(rt)->socket(backend_ctx(rt), rt, family);
  if (fd < 0) return NULL;
  return socket_new(rt, fd, family, proto);
}

/* ---- the module ------------------------------------------------------------- */

static int f_socketpair(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"family", "type", "proto"};
  sl_value a[3];
  if (sl_args_bind(rt, args, "socketpair", names, 3, 0, 3, a)) return -1;
  int64_t family = SL_AF_UNIX;
  if (!sl_is_undef(a[0]) && !sl_is_none(a[0]) && sl__as_int(rt, a[0], "family", &family)) return -1;
  if (family != SL_AF_UNIX) /* Linux has socketpair() for AF_UNIX only. */
    return sl_socket_raise_errno(rt, -95) /* EOPNOTSUPP */;
  if (!backend(rt))
    return sl_raise(rt, SL_EXC_OS_ERROR, "simloop: this run has no simulated network");
  int fds[2];
  if (backend(rt)->socketpair(backend_ctx(rt), rt, (int)family, fds) < 0) return -1;
  sl_obj *s0 = socket_new(rt, fds[0], (int)family, 0);
  sl_obj *s1 = s0 ? socket_new(rt, fds[1], (int)family, 0) : NULL;
  sl_obj *t = NULL;
  if (s1) {
    sl_value items[2] = {sl_obj_val(s0), sl_obj_val(s1)};
    t = sl_tuple_new(rt, items, 2);
  }
  sl_decref(rt, s0);
  sl_decref(rt, s1);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

static const sl_cfunc_def socketpair_def = {"socketpair", f_socketpair, NULL, SL_CANON_LABEL};

/* socket.socket(family=AF_INET, type=SOCK_STREAM, proto=0) */

/* socket(fileno=N) of a descriptor the program did not get from the
 * simulated host gets Linux's answer: stdin/stdout/stderr are not sockets
 * (ENOTSOCK), other numbers are not open (EBADF). A simulated socket's
 * own number is refused (a second socket object on it is not simulated). */
static int fileno_error(sl_rt *rt, sl_value v) {
  int64_t fd;
  if (sl__as_int(rt, v, "fileno", &fd)) return -1;
  if (fd >= 0 && fd <= 2) return sl_socket_raise_errno(rt, -SL_IO_ENOTSOCK);
  if (backend(rt) &&
      (fd < 0 || fd > INT32_MAX || backend(rt)->family(backend_ctx(rt), rt, (int)fd) < 0))
    return sl_socket_raise_errno(rt, -SL_IO_EBADF);
  return sl_raise(rt, SL_EXC_OS_ERROR,
                  "simloop: sockets from real descriptors (fileno=) are not simulated");
}

static int f_socket(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"family", "type", "proto", "fileno"};
  sl_value a[4];
  if (sl_args_bind(rt, args, "socket", names, 4, 0, 4, a)) return -1;
  int64_t family = SL_AF_INET, type = SL_SOCK_STREAM, proto = 0;
  if (!sl_is_undef(a[0]) && !sl_is_none(a[0]) && sl__as_int(rt, a[0], "family", &family)) return -1;
  if (!sl_is_undef(a[1]) && !sl_is_none(a[1]) && sl__as_int(rt, a[1], "type", &type)) return -1;
  if (!sl_is_undef(a[2]) && !sl_is_none(a[2]) && sl__as_int(rt, a[2], "proto", &proto)) return -1;
  if (family == -1) family = SL_AF_INET;
  if (type == -1) type = SL_SOCK_STREAM;
  if (proto == -1) proto = 0;
  if (!sl_is_undef(a[3]) && !sl_is_none(a[3])) return fileno_error(rt, a[3]);
  if (type != SL_SOCK_STREAM || (family != SL_AF_INET && family != SL_AF_INET6))
    return sl_raise(rt, SL_EXC_OS_ERROR,
                    "simloop: only AF_INET/AF_INET6 SOCK_STREAM sockets are simulated");
  if (!backend(rt))
    return sl_raise(rt, SL_EXC_OS_ERROR, "simloop: this run has no simulated network");
  sl_obj *o = sl_socket_create(rt, (int)family, (int)proto);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static const sl_cfunc_def socket_def = {"socket", f_socket, NULL, SL_CANON_LABEL};

int sl_socket_module_new(sl_rt *rt, sl_value *out) {
  sl_obj *m = sl_module_new(rt, "socket");
  if (!m) return -1;
  sl_obj *d = ((sl_module *)m)->dict;
  static const struct {
    const char *name;
    int64_t v;
  } ints[] = {
      {"AF_UNIX", SL_AF_UNIX},   {"AF_INET", SL_AF_INET},
      {"AF_INET6", SL_AF_INET6}, {"SOCK_STREAM", SL_SOCK_STREAM},
      {"SOCK_DGRAM", 2},         {"SOCK_RAW", 3},
      {"SHUT_RD", SHUT_RD},      {"SHUT_WR", SHUT_WR},
      {"SHUT_RDWR", SHUT_RDWR},  {"AF_UNSPEC", 0},
      {"AI_PASSIVE", 1},         {"SOL_SOCKET", SOL_SOCKET},
      {"SO_ERROR", SO_ERROR},    {"SO_REUSEADDR", 2},
      {"SO_REUSEPORT", 15},      {"IPPROTO_TCP", 6},
      {"TCP_NODELAY", 1},        {"IPPROTO_IPV6", 41},
      {"IPV6_V6ONLY", 26},
  };
  for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
    if (sl_dict_set_str(rt, d, ints[i].name, sl_int(ints[i].v))) goto fail;
  if (sl_dict_set_str(rt, d, "gaierror", sl_obj_val(rt->classes[SL_EXC_GAIERROR]))) goto fail;
  static const sl_cfunc_def *const funcs[] = {&socketpair_def, &socket_def};
  for (size_t i = 0; i < 2; i++) {
    sl_obj *f = sl_cfunc_new(rt, funcs[i], sl_undef());
    if (!f) goto fail;
    int rc = sl_dict_set_str(rt, d, funcs[i]->name, sl_obj_val(f));
    sl_decref(rt, f);
    if (rc) goto fail;
  }
  *out = sl_obj_val(m);
  return 0;
fail:
  sl_decref(rt, m);
  return -1;
}
