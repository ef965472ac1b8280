/* The simulated resolver (getaddrinfo) and loop.getaddrinfo, for
 * create_connection and create_server (io_server.c). It answers at once
 * (no thread pool hop): numeric addresses, `localhost` (127.0.0.1) and the
 * passive any addresses; other names fail with socket.gaierror's errno -2,
 * as CPython's resolver does on a machine without them. */
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

/* ---- the resolver --------------------------------------------------------- */

static bool all_of(const char *s, const char *set) {
  for (; *s; s++)
    if (!strchr(set, *s)) return false;
  return true;
}

/* socket.AddressFamily / SocketKind members as getaddrinfo() returns
 * them: an int that shows as "<AddressFamily.AF_INET: 2>". */
typedef struct sl_intenum {
  sl_obj hdr;
  int64_t v;
  const char *cls, *name; /* static */
} sl_intenum;

static int intenum_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  (void)rt;
  sl_intenum *e = (sl_intenum *)o;
  sl_strbuf_printf(out, "<%s.%s: %lld>", e->cls, e->name, (long long)e->v);
  return 0;
}
static int intenum_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  int64_t bv = b.tag == SL_V_INT                             ? b.u.i
               : b.tag == SL_V_OBJ && b.u.o->type == a->type ? ((sl_intenum *)b.u.o)->v
                                                             : INT64_MIN;
  *res = bv == ((sl_intenum *)a)->v;
  return 0;
}
static int intenum_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  (void)rt;
  *out = ((sl_intenum *)o)->v;
  return 0;
}
static const sl_type intenum_type = {.name = "IntEnum",
                                     .repr = intenum_repr,
                                     .eq = intenum_eq,
                                     .hash = intenum_hash,
                                     .size = sizeof(sl_intenum)};

static sl_obj *intenum_new(sl_rt *rt, int64_t v, const char *cls, const char *name) {
  sl_obj *o = sl_obj_alloc(rt, &intenum_type);
  if (!o) return NULL;
  sl_intenum *e = (sl_intenum *)o;
  e->v = v, e->cls = cls, e->name = name;
  return o;
}

/* The int value of a getaddrinfo() field. */
int64_t sl__addrinfo_int(sl_value v) {
  return v.tag == SL_V_INT ? v.u.i : ((sl_intenum *)v.u.o)->v;
}

/* One (family, type, proto, '', sockaddr) entry appended to list. */
static int add_info(sl_rt *rt, sl_obj *list, int family, const char *ip, int64_t port) {
  sl_obj *host = sl_str_from_cstr(rt, ip);
  sl_obj *empty = host ? sl_str_from_cstr(rt, "") : NULL;
  if (!empty) {
    sl_decref(rt, host);
    return -1;
  }
  sl_value sa_items[4] = {sl_obj_val(host), sl_int(port), sl_int(0), sl_int(0)};
  sl_obj *sa = sl_tuple_new(rt, sa_items, family == SL_AF_INET6 ? 4 : 2);
  sl_decref(rt, host);
  if (!sa) {
    sl_decref(rt, empty);
    return -1;
  }
  sl_obj *fam =
      intenum_new(rt, family, "AddressFamily", family == SL_AF_INET6 ? "AF_INET6" : "AF_INET");
  sl_obj *kind = fam ? intenum_new(rt, SL_SOCK_STREAM, "SocketKind", "SOCK_STREAM") : NULL;
  sl_value items[5] = {sl_obj_val(fam), sl_obj_val(kind), sl_int(IPPROTO_TCP), sl_obj_val(empty),
                       sl_obj_val(sa)};
  sl_obj *info = kind ? sl_tuple_new(rt, items, 5) : NULL;
  sl_decref(rt, fam);
  sl_decref(rt, kind);
  sl_decref(rt, empty);
  sl_decref(rt, sa);
  if (!info) return -1;
  int rc = sl_list_append(rt, list, sl_obj_val(info));
  sl_decref(rt, info);
  return rc;
}

static int gaierror(sl_rt *rt, int code, const char *text) {
  sl_obj *msg = sl_str_from_cstr(rt, text);
  if (!msg) return -1;
  sl_value args[2] = {sl_int(code), sl_obj_val(msg)};
  sl_obj *exc = sl_exc_new(rt, rt->classes[SL_EXC_GAIERROR], args, 2);
  sl_decref(rt, msg);
  if (!exc) return -1;
  sl_raise_obj(rt, exc);
  sl_decref(rt, exc);
  return -1;
}

int sl__resolve(sl_rt *rt, sl_value host, sl_value port_v, int64_t family, int64_t flags,
                sl_value *out) {
  int64_t port = 0;
  if (sl_is_str(port_v)) {
    const char *p = sl_str_cstr(port_v.u.o);
    if (!*p || !all_of(p, "0123456789"))
      return gaierror(rt, -8, "Servname not supported for ai_socktype");
    for (; *p; p++) port = port * 10 + (*p - '0');
  } else if (!sl_is_none(port_v) && !sl_is_undef(port_v) && sl__as_int(rt, port_v, "port", &port)) {
    return -1;
  }
  const char *h = sl_is_str(host) ? sl_str_cstr(host.u.o) : NULL;
  if (!h && !sl_is_none(host) && !sl_is_undef(host))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "getaddrinfo() argument 1 must be string or None");
  typedef struct {
    int family;
    const char *ip;
  } cand;
  cand cands[2];
  size_t n = 0;
  if (!h) {
    cands[n++] = (cand){SL_AF_INET, flags & AI_PASSIVE ? "0.0.0.0" : "127.0.0.1"};
    cands[n++] = (cand){SL_AF_INET6, flags & AI_PASSIVE ? "::" : "::1"};
  } else if (!strcmp(h, "localhost")) {
    cands[n++] =
        family == SL_AF_INET6 ? (cand){SL_AF_INET6, "::1"} : (cand){SL_AF_INET, "127.0.0.1"};
  } else if (strchr(h, ':') && all_of(h, "0123456789abcdefABCDEF:.")) {
    cands[n++] = (cand){SL_AF_INET6, h};
  } else if (*h && all_of(h, "0123456789.")) {
    int dots = 0;
    for (const char *c = h; *c; c++) dots += *c == '.';
    if (dots != 3) return gaierror(rt, -2, "Name or service not known");
    cands[n++] = (cand){SL_AF_INET, h};
  } else {
    return gaierror(rt, -2, "Name or service not known");
  }
  sl_obj *list = sl_list_new(rt, NULL, 0);
  if (!list) return -1;
  for (size_t i = 0; i < n; i++) {
    if (family && family != cands[i].family) continue;
    if (add_info(rt, list, cands[i].family, cands[i].ip, port)) {
      sl_decref(rt, list);
      return -1;
    }
  }
  if (!sl_as_list(list)->len) {
    sl_decref(rt, list);
    return gaierror(rt, -9, "Address family for hostname not supported");
  }
  *out = sl_obj_val(list);
  return 0;
}

int sl__int_kwarg(sl_rt *rt, sl_value v, const char *what, int64_t dflt, int64_t *out) {
  if (sl_is_undef(v) || sl_is_none(v)) {
    *out = dflt;
    return 0;
  }
  return sl__as_int(rt, v, what, out);
}

/* ---- loop.getaddrinfo ------------------------------------------------------------ */

sl_coro_status sl__getaddrinfo_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  return sl__resolve(rt, co->slots[SL_GA_HOST], co->slots[SL_GA_PORT], co->slots[SL_GA_FAMILY].u.i,
                     co->slots[SL_GA_FLAGS].u.i, out)
             ? SL_CORO_ERROR
             : SL_CORO_RETURN;
}
static const sl_ccoro_def getaddrinfo_def = {"BaseEventLoop.getaddrinfo", sl__getaddrinfo_resume,
                                             NULL};

int sl__loop_getaddrinfo(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "host", "port", "family", "type", "proto", "flags"};
  sl_value a[7];
  if (sl__bind_method(rt, self, args, "BaseEventLoop.getaddrinfo", names, 7, 3, 3, a)) return -1;
  int64_t family, flags;
  if (sl__int_kwarg(rt, a[3], "family", 0, &family) || sl__int_kwarg(rt, a[6], "flags", 0, &flags))
    return -1;
  sl_value slots[4] = {a[1], a[2], sl_int(family), sl_int(flags)};
  sl_obj *co = sl_ccoro_new(rt, &getaddrinfo_def, slots, 4);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}
