/* Mirrors Lib/asyncio/protocols.py: BaseProtocol, Protocol,
 * BufferedProtocol, DatagramProtocol and SubprocessProtocol, base classes
 * whose methods do nothing. They are classes like the scenario's own
 * (sl_class with an attribute dict), so `class EchoProtocol(
 * asyncio.Protocol)` derives from them, overrides what it needs and
 * inherits the rest. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/asyncio_mod.h"
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

static const char *const class_names[] = {"BaseProtocol", "Protocol", "BufferedProtocol",
                                          "DatagramProtocol", "SubprocessProtocol"};

static int make_class(sl_rt *rt, const char *name, sl_obj *base, sl_obj **out) {
  sl_obj *cls = sl_class_new(rt, name, name, "asyncio.protocols", base, NULL);
  if (!cls) return -1;
  sl_class *c = sl_as_class(cls);
  if (!(c->attrs = sl_dict_new(rt))) goto fail;
  for (size_t i = 0; i < sizeof methods / sizeof *methods; i++) {
    if (strcmp(methods[i].cls, name)) continue;
    sl_obj *f = sl_cfunc_new(rt, &methods[i].def, sl_int(methods[i].nargs));
    const char *dot = strchr(methods[i].def.name, '.');
    int rc = f ? sl_dict_set_str(rt, c->attrs, dot + 1, sl_obj_val(f)) : -1;
    sl_decref(rt, f);
    if (rc) goto fail;
  }
  if (sl__class_flags_compute(rt, cls)) goto fail;
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
