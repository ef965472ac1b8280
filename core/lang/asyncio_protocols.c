/* Mirrors Lib/asyncio/protocols.py: BaseProtocol, Protocol,
 * BufferedProtocol, DatagramProtocol and SubprocessProtocol, base classes
 * whose methods do nothing. They are classes like the scenario's own
 * (sl_class with an attribute dict), so `class EchoProtocol(
 * asyncio.Protocol)` derives from them, overrides what it needs and
 * inherits the rest. Lib/asyncio/transports.py's abstract classes are made
 * the same way, for programs that subclass them (a fake transport in a
 * test) or name them; their abstract methods raise NotImplementedError.
 * The simulated transports are engine objects, not instances of them. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"

/* A do-nothing method; the cfunc's own self holds how many arguments it
 * takes after the instance. */
static int noop_method(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  size_t want = (size_t)self.u.i + 1;
  if (a->nkw || a->npos != want)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "method takes %zu positional argument%s but %zu were given", want,
                    want == 1 ? "" : "s", a->npos + a->nkw);
  *out = sl_none();
  return 0;
}

typedef struct method {
  const char *cls;
  sl_cfunc_def def;
  int nargs;
} method;

static const method methods[] = {
    {"BaseProtocol", {"BaseProtocol.connection_made", noop_method, NULL, SL_CANON_LABEL}, 1},
    {"BaseProtocol", {"BaseProtocol.connection_lost", noop_method, NULL, SL_CANON_LABEL}, 1},
    {"BaseProtocol", {"BaseProtocol.pause_writing", noop_method, NULL, SL_CANON_LABEL}, 0},
    {"BaseProtocol", {"BaseProtocol.resume_writing", noop_method, NULL, SL_CANON_LABEL}, 0},
    {"Protocol", {"Protocol.data_received", noop_method, NULL, SL_CANON_LABEL}, 1},
    {"Protocol", {"Protocol.eof_received", noop_method, NULL, SL_CANON_LABEL}, 0},
    {"BufferedProtocol", {"BufferedProtocol.get_buffer", noop_method, NULL, SL_CANON_LABEL}, 1},
    {"BufferedProtocol", {"BufferedProtocol.buffer_updated", noop_method, NULL, SL_CANON_LABEL}, 1},
    {"BufferedProtocol", {"BufferedProtocol.eof_received", noop_method, NULL, SL_CANON_LABEL}, 0},
    {"DatagramProtocol",
     {"DatagramProtocol.datagram_received", noop_method, NULL, SL_CANON_LABEL},
     2},
    {"DatagramProtocol", {"DatagramProtocol.error_received", noop_method, NULL, SL_CANON_LABEL}, 1},
    {"SubprocessProtocol",
     {"SubprocessProtocol.pipe_data_received", noop_method, NULL, SL_CANON_LABEL},
     2},
    {"SubprocessProtocol",
     {"SubprocessProtocol.pipe_connection_lost", noop_method, NULL, SL_CANON_LABEL},
     2},
    {"SubprocessProtocol",
     {"SubprocessProtocol.process_exited", noop_method, NULL, SL_CANON_LABEL},
     0},
};

/* An abstract method of transports.py: `raise NotImplementedError`, after
 * at most self.u.i arguments. */
static int abstract_method(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  size_t most = (size_t)self.u.i + 1;
  if (a->nkw || a->npos > most)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "method takes at most %zu positional argument%s but %zu were given", most,
                    most == 1 ? "" : "s", a->npos + a->nkw);
  return sl_raise_noargs(rt, SL_EXC_NOT_IMPLEMENTED_ERROR);
}

/* BaseTransport.__init__(self, extra=None): self._extra = extra or {}. */
static int transport_init(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"self", "extra"};
  sl_value v[2];
  if (sl_args_bind(rt, a, "BaseTransport.__init__", names, 2, 1, 2, v)) return -1;
  sl_obj *d = NULL;
  if ((sl_is_undef(v[1]) || sl_is_none(v[1])) && !(d = sl_dict_new(rt))) return -1;
  int rc = sl_vm_setattr(rt, v[0], "_extra", d ? sl_obj_val(d) : v[1]);
  sl_decref(rt, d);
  *out = sl_none();
  return rc;
}

/* BaseTransport.get_extra_info(self, name, default=None):
 * self._extra.get(name, default). */
static int transport_extra(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"self", "name", "default"};
  sl_value v[3], extra, get;
  if (sl_args_bind(rt, a, "BaseTransport.get_extra_info", names, 3, 2, 3, v)) return -1;
  if (sl_vm_getattr(rt, v[0], "_extra", &extra)) return -1;
  int rc = sl_vm_getattr(rt, extra, "get", &get);
  sl_vdecref(rt, extra);
  if (rc) return -1;
  sl_value args[2] = {v[1], sl_is_undef(v[2]) ? sl_none() : v[2]};
  rc = sl_vm_call_pos(rt, get, args, 2, out);
  sl_vdecref(rt, get);
  return rc;
}

/* WriteTransport.writelines(self, list_of_data): self.write(b''.join(...)). */
static int transport_writelines(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"self", "list_of_data"};
  sl_value v[2], join, data, write;
  if (sl_args_bind(rt, a, "WriteTransport.writelines", names, 2, 2, 2, v)) return -1;
  sl_obj *empty = sl_bytes_new(rt, NULL, 0);
  if (!empty) return -1;
  int rc = sl_vm_getattr(rt, sl_obj_val(empty), "join", &join);
  sl_decref(rt, empty);
  if (rc) return -1;
  rc = sl_vm_call_pos(rt, join, &v[1], 1, &data);
  sl_vdecref(rt, join);
  if (rc) return -1;
  rc = sl_vm_getattr(rt, v[0], "write", &write);
  if (!rc) {
    rc = sl_vm_call_pos(rt, write, &data, 1, out);
    sl_vdecref(rt, write);
  }
  sl_vdecref(rt, data);
  return rc;
}

#define ABSTRACT(cls, meth, most)                                                                  \
  { cls, {cls "." meth, abstract_method, NULL, SL_CANON_LABEL}, most }
static const method transport_methods[] = {
    {"BaseTransport", {"BaseTransport.__init__", transport_init, NULL, SL_CANON_LABEL}, 0},
    {"BaseTransport", {"BaseTransport.get_extra_info", transport_extra, NULL, SL_CANON_LABEL}, 0},
    ABSTRACT("BaseTransport", "is_closing", 0),
    ABSTRACT("BaseTransport", "close", 0),
    ABSTRACT("BaseTransport", "set_protocol", 1),
    ABSTRACT("BaseTransport", "get_protocol", 0),
    ABSTRACT("ReadTransport", "is_reading", 0),
    ABSTRACT("ReadTransport", "pause_reading", 0),
    ABSTRACT("ReadTransport", "resume_reading", 0),
    ABSTRACT("WriteTransport", "set_write_buffer_limits", 2),
    ABSTRACT("WriteTransport", "get_write_buffer_size", 0),
    ABSTRACT("WriteTransport", "get_write_buffer_limits", 0),
    ABSTRACT("WriteTransport", "write", 1),
    {"WriteTransport",
     {"WriteTransport.writelines", transport_writelines, NULL, SL_CANON_LABEL},
     0},
    ABSTRACT("WriteTransport", "write_eof", 0),
    ABSTRACT("WriteTransport", "can_write_eof", 0),
    ABSTRACT("WriteTransport", "abort", 0),
    ABSTRACT("DatagramTransport", "sendto", 2),
    ABSTRACT("DatagramTransport", "abort", 0),
    ABSTRACT("SubprocessTransport", "get_pid", 0),
    ABSTRACT("SubprocessTransport", "get_returncode", 0),
    ABSTRACT("SubprocessTransport", "get_pipe_transport", 1),
    ABSTRACT("SubprocessTransport", "send_signal", 1),
    ABSTRACT("SubprocessTransport", "terminate", 0),
    ABSTRACT("SubprocessTransport", "kill", 0),
    ABSTRACT("SubprocessTransport", "close", 0), /* 3.11: its own, the same */
};
#undef ABSTRACT

static const char *const class_names[] = {"BaseProtocol", "Protocol", "BufferedProtocol",
                                          "DatagramProtocol", "SubprocessProtocol"};

static int add_methods(sl_rt *rt, sl_class *c, const char *name, const method *table, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (strcmp(table[i].cls, name)) continue;
    sl_obj *f = sl_cfunc_new(rt, &table[i].def, sl_int(table[i].nargs));
    const char *dot = strchr(table[i].def.name, '.');
    int rc = f ? sl_dict_set_str(rt, c->attrs, dot + 1, sl_obj_val(f)) : -1;
    sl_decref(rt, f);
    if (rc) return -1;
  }
  return 0;
}

/* transports.py's classes: name, then the bases (indexes into this table,
 * -1 none). */
static const struct {
  const char *name;
  int base, base2;
} transport_classes[] = {
    {"BaseTransport", -1, -1}, {"ReadTransport", 0, -1},     {"WriteTransport", 0, -1},
    {"Transport", 1, 2},       {"DatagramTransport", 0, -1}, {"SubprocessTransport", 0, -1},
};
#define NTRANSPORTS (sizeof transport_classes / sizeof *transport_classes)

static int make_transport(sl_rt *rt, size_t i, sl_obj *const *made, sl_obj **out) {
  int b1 = transport_classes[i].base, b2 = transport_classes[i].base2;
  const char *name = transport_classes[i].name;
  sl_obj *cls = sl_class_new(rt, name, name, "asyncio.transports", b1 < 0 ? NULL : made[b1],
                             b2 < 0 ? NULL : made[b2]);
  if (!cls) return -1;
  sl_class *c = sl_as_class(cls);
  if (!(c->attrs = sl_dict_new(rt)) ||
      add_methods(rt, c, name, transport_methods,
                  sizeof transport_methods / sizeof *transport_methods) ||
      sl__class_flags_compute(rt, cls)) {
    sl_decref(rt, cls);
    return -1;
  }
  *out = cls;
  return 0;
}

/* Made on the first use of one of their names (sl__aio_lazy_attr): six
 * classes and their methods were a tenth of an empty run's instructions. */
static int bind_transports(sl_rt *rt, sl_obj *d) {
  sl_obj *made[NTRANSPORTS] = {0};
  bool found = false;
  sl_value old;
  if (sl_dict_get_str(rt, d, "BaseTransport", &old, &found)) return -1;
  if (found) {
    sl_vdecref(rt, old);
    return 0;
  }
  int rc = 0;
  for (size_t i = 0; !rc && i < NTRANSPORTS; i++) {
    rc = make_transport(rt, i, made, &made[i]);
    if (!rc) rc = sl_asyncio_module_add(rt, d, transport_classes[i].name, sl_obj_val(made[i]));
  }
  for (size_t i = 0; i < NTRANSPORTS; i++) sl_decref(rt, made[i]);
  return rc;
}

static int make_class(sl_rt *rt, const char *name, sl_obj *base, sl_obj **out) {
  sl_obj *cls = sl_class_new(rt, name, name, "asyncio.protocols", base, NULL);
  if (!cls) return -1;
  sl_class *c = sl_as_class(cls);
  if (!(c->attrs = sl_dict_new(rt)) ||
      add_methods(rt, c, name, methods, sizeof methods / sizeof *methods) ||
      sl__class_flags_compute(rt, cls))
    goto fail;
  *out = cls;
  return 0;
fail:
  sl_decref(rt, cls);
  return -1;
}

int sl__aio_bind_protocols(sl_rt *rt, sl_obj *d) {
  sl_obj *base = NULL;
  for (size_t i = 0; i < sizeof class_names / sizeof *class_names; i++) {
    sl_obj *cls;
    if (make_class(rt, class_names[i], i ? base : NULL, &cls)) {
      sl_decref(rt, base);
      return -1;
    }
    int rc = sl_asyncio_module_add(rt, d, class_names[i], sl_obj_val(cls));
    if (i == 0)
      base = cls;
    else
      sl_decref(rt, cls);
    if (rc) {
      sl_decref(rt, base);
      return -1;
    }
  }
  sl_decref(rt, base);
  return 0;
}

int sl__aio_bind_transports(sl_rt *rt, sl_obj *d) { return bind_transports(rt, d); }

int sl__aio_lazy_attr(sl_rt *rt, sl_obj *d, const char *name, sl_value *out) {
  size_t i = 0;
  while (i < NTRANSPORTS && strcmp(transport_classes[i].name, name)) i++;
  if (i == NTRANSPORTS) return 0;
  bool found = false;
  if (bind_transports(rt, d) || sl_dict_get_str(rt, d, name, out, &found)) return -1;
  return found;
}
