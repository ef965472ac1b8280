/* What generators, coroutines and async generators show of their code and
 * frame: gi_code/cr_code/ag_code (the code object's co_* attributes) and
 * gi_frame/cr_frame/ag_frame (a frame object with f_lineno, f_code,
 * f_locals, f_globals, f_back), as programs read them without `inspect`.
 * Mirrors Objects/genobject.c (gen_getframe: None once finished),
 * Objects/frameobject.c and Objects/codeobject.c.
 *
 * A frame object is a view of its generator's frame (it holds the
 * generator, not a copy), so f_lineno follows the generator; a new view
 * is made at each access. */
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/code.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

typedef struct frameobj {
  sl_obj hdr;
  sl_obj *owner; /* owned sl_vmcoro (or an async generator starting with one) */
} frameobj;

static sl_vmcoro *owner_of(sl_obj *o) { return (sl_vmcoro *)((frameobj *)o)->owner; }

static int frame_line(sl_obj *o) {
  sl_vmcoro *g = owner_of(o);
  int line = g->frame ? sl_frame_line(g->frame) : 0;
  return line > 0 ? line : (int)sl_as_code(g->code)->firstline;
}

static void frame_clear(sl_rt *rt, sl_obj *o) {
  sl_decref(rt, ((frameobj *)o)->owner);
  ((frameobj *)o)->owner = NULL;
}

static int frame_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_code *c = sl_as_code(owner_of(o)->code);
  sl_strbuf_puts(out, "<frame at ");
  if (sl_identity_put(rt, o, out)) return -1;
  sl_strbuf_printf(out, ", file '%s', line %d, code %s>", sl_str_cstr(c->filename), frame_line(o),
                   sl_str_cstr(c->name));
  return 0;
}

/* f_locals: the frame's bound local variables, in definition order. */
static int frame_locals(sl_rt *rt, sl_vmcoro *g, sl_value *out) {
  sl_obj *d = sl_dict_new(rt);
  if (!d) return -1;
  sl_frame *f = g->frame;
  sl_code *c = sl_as_code(g->code);
  for (uint32_t i = 0; f && i < c->nlocals; i++) {
    if (sl_is_undef(f->locals[i])) continue;
    if (sl_dict_set(rt, d, sl_obj_val(c->localnames[i]), f->locals[i])) {
      sl_decref(rt, d);
      return -1;
    }
  }
  *out = sl_obj_val(d);
  return 0;
}

static int frame_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_vmcoro *g = owner_of(o);
  if (!strcmp(name, "f_lineno")) return *out = sl_int(frame_line(o)), 0;
  if (!strcmp(name, "f_code")) return *out = sl_vincref(sl_obj_val(g->code)), 0;
  if (!strcmp(name, "f_back")) return *out = sl_none(), 0;
  if (!strcmp(name, "f_locals")) return frame_locals(rt, g, out);
  if (!strcmp(name, "f_globals") && g->frame)
    return *out = sl_vincref(sl_obj_val(g->frame->globals)), 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'frame' object has no attribute '%s'", name);
}

static const sl_type frame_type = {.name = "frame",
                                   .clear = frame_clear,
                                   .repr = frame_repr,
                                   .getattr = frame_getattr,
                                   .size = sizeof(frameobj)};

int sl__coro_frame_attr(sl_rt *rt, sl_obj *owner, const char *name, sl_value *out) {
  sl_vmcoro *g = (sl_vmcoro *)owner;
  if (strlen(name) < 7 || name[2] != '_') return 0;
  if (!strcmp(name + 2, "_code")) return *out = sl_vincref(sl_obj_val(g->code)), 1;
  if (strcmp(name + 2, "_frame")) return 0;
  if (!g->frame) return *out = sl_none(), 1;
  sl_obj *o = sl_obj_alloc(rt, &frame_type);
  if (!o) return -1;
  sl_incref(owner);
  ((frameobj *)o)->owner = owner;
  *out = sl_obj_val(o);
  return 1;
}

/* ---- code objects ------------------------------------------------------------------ */

static int names_tuple(sl_rt *rt, sl_obj *const *names, size_t n, sl_value *out) {
  sl_value *items = n ? sl_malloc(n * sizeof *items) : NULL;
  if (n && !items) return sl_nomem(rt);
  for (size_t i = 0; i < n; i++) items[i] = sl_obj_val(names[i]);
  sl_obj *t = sl_tuple_new(rt, items, n);
  sl_free(items);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

int sl__code_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_code *c = sl_as_code(o);
  sl_obj *s = !strcmp(name, "co_name")       ? c->name
              : !strcmp(name, "co_qualname") ? c->qualname
              : !strcmp(name, "co_filename") ? c->filename
                                             : NULL;
  if (s) return *out = sl_vincref(sl_obj_val(s)), 0;
  if (!strcmp(name, "co_firstlineno")) return *out = sl_int(c->firstline), 0;
  if (!strcmp(name, "co_argcount")) return *out = sl_int(c->argcount), 0;
  if (!strcmp(name, "co_posonlyargcount")) return *out = sl_int(c->posonly), 0;
  if (!strcmp(name, "co_kwonlyargcount")) return *out = sl_int(c->kwonly), 0;
  if (!strcmp(name, "co_nlocals")) return *out = sl_int(c->nlocals), 0;
  if (!strcmp(name, "co_varnames")) return names_tuple(rt, c->localnames, c->nlocals, out);
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'code' object has no attribute '%s'", name);
}

int sl__code_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_code *c = sl_as_code(o);
  sl_strbuf_printf(out, "<code object %s at ", sl_str_cstr(c->name));
  if (sl_identity_put(rt, o, out)) return -1;
  sl_strbuf_printf(out, ", file \"%s\", line %u>", sl_str_cstr(c->filename), c->firstline);
  return 0;
}
